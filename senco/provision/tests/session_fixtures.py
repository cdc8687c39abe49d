"""Fixtures of the sessions part: an intervention, a group the cast's TA delivers with
`pupil` and two others in it, and a group the teacher delivers. Import them into a test
module with `from senco.provision.tests.session_fixtures import *  # noqa: F403`."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from senco import factories as f
from senco.lib.forms import date_data
from senco.provision.models import Attendance, GroupMember, Intervention, InterventionGroup, Session
from senco.provision.session_selectors import members_on

__all__ = [
    "every_day",
    "intervention",
    "make_group",
    "record",
    "session_data",
    "ta_group",
    "teacher_group",
    "today",
]


def every_day() -> str:
    """Every day of the week, so that a group meets on the day the tests run."""
    return "0123456"


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def intervention(school):
    return Intervention.objects.create(
        school=school,
        name="Toe by Toe",
        area="CL",
        measure="reading_age",
        session_minutes=20,
        sessions_per_week=3,
        weeks=12,
        hourly_rate=Decimal("15.00"),
    )


def make_group(intervention, staff, pupils, *, name, today, days=None, **kwargs):
    group = InterventionGroup.objects.create(
        intervention=intervention,
        school=intervention.school,
        name=name,
        staff=staff,
        days=days or every_day(),
        time=kwargs.pop("time", datetime.time(9, 10)),
        place=kwargs.pop("place", "the library"),
        starts_on=kwargs.pop("starts_on", today - datetime.timedelta(days=60)),
        ends_on=kwargs.pop("ends_on", today + datetime.timedelta(days=60)),
        **kwargs,
    )
    for p in pupils:
        GroupMember.objects.create(
            group=group, pupil=p, joined_on=group.starts_on, baseline_score=Decimal("80")
        )
    return group


@pytest.fixture
def ta_group(intervention, ta, pupil, school, today):
    """The TA's group: `pupil` (whom the TA supports) and two more."""
    others = [
        f.SenPupilFactory(school=school, legal_surname="Ahmed", forename="Yusuf"),
        f.SenPupilFactory(school=school, legal_surname="Baker", forename="Chloe"),
    ]
    return make_group(intervention, ta, [pupil, *others], name="Year 7 readers", today=today)


@pytest.fixture
def teacher_group(intervention, teacher, pupil, today):
    return make_group(intervention, teacher, [pupil], name="Spelling catch-up", today=today)


def session_data(day, *, held="yes", reason="", attended=(), note="", version=None) -> dict:
    data = {**date_data("date", day), "held": held, "not_held_reason": reason, "note": note}
    data["attended"] = [str(a) for a in attended]
    if version is not None:
        data["version"] = str(version)
    return data


def record(group, day, *, present=None, held=True, reason=""):
    """A session written through the ORM, with attendance (all present unless `present`)."""
    session = Session.objects.create(group=group, date=day, held=held, not_held_reason=reason)
    if held:
        for m in members_on(group, day):
            Attendance.objects.create(
                session=session, member=m, present=present is None or m.pk in present
            )
    return session
