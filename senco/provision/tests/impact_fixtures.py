"""Fixtures of the impact part: an intervention measured by standardised scores with a
group of 5 pupils (judged) in the academic year 2024/25, and a reading-age intervention
with a group of 3 (too few to judge). Import them into a test module with
`from senco.provision.tests.impact_fixtures import *  # noqa: F403`."""

import datetime
from decimal import Decimal

import pytest

from senco import factories as f
from senco.provision.models import (
    Attendance,
    GroupMember,
    Intervention,
    InterventionGroup,
    Measure,
    Session,
)

__all__ = [
    "YEAR",
    "add_group",
    "reading_group",
    "reading_intervention",
    "standard_group",
    "standard_intervention",
]

YEAR = 2024  # 2024/25
START, END = datetime.date(2025, 1, 6), datetime.date(2025, 3, 28)
# The scores of the standardised group: gains 8, 5, 7, 11, 9 (mean 8, d = 1.10).
STANDARD_SCORES = [(80, 88), (85, 90), (90, 97), (75, 86), (70, 79)]


def add_group(intervention, *, name, scores, sessions=0, school=None, dob=None, pupils=None):
    """A group of the intervention with a pupil for each (entry, exit) pair (None for a
    missing score), and `sessions` held sessions that everyone but the first attended."""
    school = school or intervention.school
    group = InterventionGroup.objects.create(
        intervention=intervention,
        school=school,
        name=name,
        days="024",
        starts_on=START,
        ends_on=END,
    )
    members = []
    for n, (entry, exit) in enumerate(scores):
        pupil = (
            pupils[n]
            if pupils
            else f.SenPupilFactory(school=school, date_of_birth=dob or datetime.date(2014, 5, 20))
        )
        members.append(
            GroupMember.objects.create(
                group=group,
                pupil=pupil,
                joined_on=START,
                baseline_score=None if entry is None else Decimal(entry),
                baseline_on=START if entry is not None else None,
                exit_score=None if exit is None else Decimal(exit),
                exit_on=datetime.date(2025, 4, 7) if exit is not None else None,
            )
        )
    for day in range(sessions):
        session = Session.objects.create(group=group, date=START + datetime.timedelta(days=day))
        Attendance.objects.bulk_create(
            Attendance(session=session, member=m, present=i != 0) for i, m in enumerate(members)
        )
    return group


@pytest.fixture
def standard_intervention(school):
    return Intervention.objects.create(
        school=school,
        name="Precision teaching",
        area="CL",
        measure=Measure.STANDARDISED,
        exit_threshold=Decimal(90),
        session_minutes=30,
        hourly_rate=Decimal("20.00"),
        resources_cost=Decimal("50.00"),
        wave=Intervention.Wave.SMALL_GROUP,
    )


@pytest.fixture
def standard_group(standard_intervention, pupil):
    # `pupil` (whom the teacher teaches and the TA supports) is the first of the five.
    others = [f.SenPupilFactory(school=pupil.school) for _ in range(4)]
    return add_group(
        standard_intervention,
        name="Precision teaching Y7",
        scores=STANDARD_SCORES,
        sessions=10,
        pupils=[pupil, *others],
    )


@pytest.fixture
def reading_intervention(school):
    return Intervention.objects.create(
        school=school,
        name="Reading recovery",
        area="CL",
        measure=Measure.READING_AGE,
        exit_threshold=Decimal(6),
        session_minutes=60,
        hourly_rate=Decimal("15.00"),
        wave=Intervention.Wave.INDIVIDUAL,
    )


@pytest.fixture
def reading_group(reading_intervention):
    # Born 20 May 2014: 130 months old on 7 April 2025, the day of the exit score.
    return add_group(
        reading_intervention,
        name="Reading recovery Y6",
        scores=[(100, 106), (110, 125), (95, None)],
        dob=datetime.date(2014, 5, 20),
    )
