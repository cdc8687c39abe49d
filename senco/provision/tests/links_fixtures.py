"""Fixtures of the links between groups and plans (test_links*.py): the cast's pupil at E
with an EHC plan whose section F has an intervention, an open cycle, and a running group of
the Lexia intervention with the pupil in it."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from senco.audit.actor import Actor
from senco.ehcp import services as ehcp_services
from senco.lib.codes import Provision
from senco.plans import services as plans_services
from senco.provision.models import (
    Attendance,
    GroupMember,
    Intervention,
    InterventionGroup,
    Session,
)
from senco.pupils.models import Pupil


def make_intervention(school, name="Lexia", **fields):
    return Intervention.objects.create(
        school=school,
        name=name,
        area="CL",
        measure="standardised",
        hourly_rate=Decimal("15.00"),
        **fields,
    )


def make_group(intervention, *, starts_on, ends_on, name="Lexia group", days="02", staff=None):
    return InterventionGroup.objects.create(
        intervention=intervention,
        school=intervention.school,
        name=name,
        days=days,
        starts_on=starts_on,
        ends_on=ends_on,
        staff=staff,
    )


def hold(group, day, *, present=(), absent=(), held=True):
    """A session of the group on `day`, with who came."""
    session = Session.objects.create(
        group=group, date=day, held=held, not_held_reason="" if held else "staff_absent"
    )
    if held:
        for member in present:
            Attendance.objects.create(session=session, member=member, present=True)
        for member in absent:
            Attendance.objects.create(session=session, member=member, present=False)
    return session


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def ehc_pupil(pupil):
    Pupil.objects.filter(pk=pupil.pk).update(sen_provision=Provision.EHC_PLAN)
    pupil.refresh_from_db()
    return pupil


@pytest.fixture
def ehc_plan(senco, ehc_pupil, today):
    return ehcp_services.plan_save(
        actor=Actor(senco),
        pupil=ehc_pupil,
        la_code="886",
        issued_on=today - datetime.timedelta(days=200),
        last_review_on=None,
        status="in_force",
        needs="Dyslexia",
        outcomes="Reads at age-related expectations",
    )


def add_item(senco, plan, what="Daily reading intervention", kind="intervention"):
    return ehcp_services.item_add(
        actor=Actor(senco),
        plan=plan,
        what=what,
        who="Teaching assistant",
        how_often="Twice a week",
        how_long="30 minutes",
        kind=kind,
        in_place=False,
    )


@pytest.fixture
def f_item(senco, ehc_plan):
    """Section F's intervention."""
    return add_item(senco, ehc_plan)


@pytest.fixture
def open_cycle(senco, ehc_pupil):
    return plans_services.cycle_start(actor=Actor(senco), pupil=ehc_pupil)


@pytest.fixture
def lexia(school):
    return make_intervention(school)


@pytest.fixture
def running_group(lexia, today, ta):
    return make_group(
        lexia,
        starts_on=today - datetime.timedelta(days=60),
        ends_on=today + datetime.timedelta(days=60),
        staff=ta,
    )


@pytest.fixture
def member(running_group, ehc_pupil):
    return GroupMember.objects.create(
        group=running_group, pupil=ehc_pupil, joined_on=running_group.starts_on
    )
