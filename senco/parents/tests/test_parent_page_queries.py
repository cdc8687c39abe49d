"""The parent's page about their child, with every capability's section, reads the same
number of queries however many outcomes, groups and sessions the child has."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from senco import factories as f
from senco.audit.actor import Actor
from senco.ehcp import services as ehcp_services
from senco.ehcp.tests.conftest import plan_fields
from senco.lib.codes import Provision
from senco.plans import services as plans_services
from senco.profiles.services import passport_save
from senco.provision.models import Attendance, GroupMember, Intervention, InterventionGroup, Session
from senco.pupils.models import Pupil
from senco.tests.parent_panels import link_parent

# Sections a parent sees, by their headings' ids.
SECTIONS = ("parent-passport", "parent-plan", "parent-ehcp", "parent-interventions")
# 17 today (the page, its audit row and the four sections); room for a section or two more.
MOST = 25


def _child_with(pupil, senco, ta, *, outcomes: int, groups: int) -> None:
    today = timezone.localdate()
    passport_save(
        actor=Actor(senco),
        pupil=pupil,
        texts={"i_enjoy": "Swimming", "important_to_me": "My dog"},
        pupil_wrote=set(),
        reviewed=True,
    )
    cycle = plans_services.cycle_start(actor=Actor(senco), pupil=pupil)
    plans_services.plan_save(
        actor=Actor(senco),
        cycle=cycle,
        outcomes=[(f"Outcome {n}", f"Criteria {n}") for n in range(outcomes)],
        provision="Reading group",
        who_does_what="",
        review_date=today + datetime.timedelta(days=30),
    )
    Pupil.objects.filter(pk=pupil.pk).update(sen_provision=Provision.EHC_PLAN)
    ehcp_services.plan_save(actor=Actor(senco), pupil=pupil, **plan_fields())
    intervention, _ = Intervention.objects.get_or_create(
        school=pupil.school, name="Toe by Toe", defaults={"area": "CL", "measure": "reading_age"}
    )
    for n in range(groups):
        group = InterventionGroup.objects.create(
            intervention=intervention,
            school=pupil.school,
            name=f"Group {n}",
            staff=ta,
            days="01234",
            starts_on=today - datetime.timedelta(days=30),
            ends_on=today + datetime.timedelta(days=30),
        )
        member = GroupMember.objects.create(group=group, pupil=pupil, joined_on=group.starts_on)
        for d in range(3):
            session = Session.objects.create(group=group, date=today - datetime.timedelta(days=d))
            Attendance.objects.create(session=session, member=member, present=True)


def _queries(client, pupil) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("parent_child", args=[pupil.pk]))
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_the_page_with_every_section_is_bounded_and_constant(
    school, senco, ta, parent, pupil, client_for
):
    link_parent(parent, pupil)
    _child_with(pupil, senco, ta, outcomes=1, groups=1)
    client = client_for(parent)
    few, html = _queries(client, pupil)
    for section in SECTIONS:
        assert f'id="{section}"' in html

    other = f.SenPupilFactory(school=school, legal_surname="Second", forename="Sol")
    link_parent(parent, other, name="Sam Parent (2)")
    _child_with(other, senco, ta, outcomes=5, groups=4)
    many, html = _queries(client, other)
    assert html.count("Toe by Toe") == 4
    assert few == many
    assert many <= MOST
