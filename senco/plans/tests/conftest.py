import datetime

import pytest
from django.utils import timezone

from senco.audit.actor import Actor
from senco.lib.forms import date_data
from senco.plans import services


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def cycle(senco, pupil):
    """The pupil's first cycle, started by the SENCO, with no plan yet."""
    return services.cycle_start(actor=Actor(senco), pupil=pupil)


@pytest.fixture
def planned(cycle, senco, today):
    """The cycle with two outcomes agreed."""
    return services.plan_save(
        actor=Actor(senco),
        cycle=cycle,
        outcomes=[
            ("Reads a Year 5 text aloud with 95% accuracy", "Running record in May"),
            ("Asks for help when stuck", "Seen in three lessons a week"),
        ],
        provision="Reading group three times a week",
        who_does_what="Mrs Khan runs the group",
        review_date=today + datetime.timedelta(days=40),
    )


def plan_data(**overrides):
    data = {
        "outcome_1": "Reads a Year 5 text aloud with 95% accuracy",
        "criteria_1": "Running record",
        "outcome_2": "",
        "criteria_2": "",
        "outcome_3": "",
        "criteria_3": "",
        "outcome_4": "",
        "criteria_4": "",
        "outcome_5": "",
        "criteria_5": "",
        "provision": "Reading group",
        "who_does_what": "Mrs Khan",
        **date_data("review_date", timezone.localdate() + datetime.timedelta(days=30)),
    }
    data.update(overrides)
    return data
