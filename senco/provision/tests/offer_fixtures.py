"""Fixtures of the offer and groups part: an intervention on reading ages, a group of it
running now with `pupil` in it, and helpers that post the forms as a browser does. Modules
import them with `from senco.provision.tests.offer_fixtures import *  # noqa: F403`."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from senco.lib.forms import date_data
from senco.provision.models import GroupMember, Intervention, InterventionGroup, Score

D = datetime.timedelta


def offer_data(**overrides) -> dict:
    data = {
        "name": "Reading catch-up",
        "area": "CL",
        "description": "Daily phonics and fluency",
        "evidence_url": "https://educationendowmentfoundation.org.uk/",
        "evidence_strength": "moderate",
        "measure": "reading_age",
        "entry_criteria": "Reading age 12 or more months below their age",
        "entry_threshold": "12",
        "exit_criteria": "Within 6 months of their age",
        "exit_threshold": "6",
        "wave": "2",
        "group_size": "4",
        "session_minutes": "30",
        "sessions_per_week": "3",
        "weeks": "10",
        "staff_role": "ta",
        "hourly_rate": "16.00",
        "resources_cost": "40.00",
        "active": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def group_data(intervention, staff, **overrides) -> dict:
    today = timezone.localdate()
    data = {
        "intervention": str(intervention.pk),
        "name": "Year 7 reading",
        "staff": str(staff.pk) if staff else "",
        "staff_name": "",
        "days": ["0", "2"],
        "time": "9:15",
        "place": "Library",
        **date_data("starts_on", today - D(days=14)),
        **date_data("ends_on", today + D(days=60)),
    }
    data.update(overrides)
    return data


@pytest.fixture
def intervention(school):
    return Intervention.objects.create(
        school=school,
        name="Reading catch-up",
        area="CL",
        measure="reading_age",
        entry_threshold=Decimal(12),
        exit_threshold=Decimal(6),
        hourly_rate=Decimal("16.00"),
        resources_cost=Decimal("40.00"),
    )


@pytest.fixture
def group(intervention, school, ta):
    today = timezone.localdate()
    return InterventionGroup.objects.create(
        intervention=intervention,
        school=school,
        name="Year 7 reading",
        staff=ta,
        days="02",
        starts_on=today - D(days=14),
        ends_on=today + D(days=60),
    )


@pytest.fixture
def member(group, pupil):
    return GroupMember.objects.create(group=group, pupil=pupil, joined_on=group.starts_on)


def reading_score(pupil, months_behind, *, on=None, measure="reading_age"):
    """A reading age `months_behind` months below the pupil's age on the day."""
    from senco.provision.offer_selectors import age_in_months

    on = on or timezone.localdate() - D(days=7)
    value = age_in_months(pupil.date_of_birth, on) - months_behind
    return Score.objects.create(pupil=pupil, measure=measure, value=Decimal(value), taken_on=on)
