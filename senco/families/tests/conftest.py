import datetime

import pytest
from django.utils import timezone

from senco.audit.actor import Actor
from senco.families import services
from senco.families.models import Kind


@pytest.fixture
def meeting(pupil, senco):
    return services.meeting_add(
        actor=Actor(senco),
        pupil=pupil,
        kind=Kind.SEND_REVIEW,
        held_on=timezone.localdate() - datetime.timedelta(days=1),
        contacts=list(pupil.contacts.all()),
        agreed="Visual timetable at home too.",
    )


@pytest.fixture
def follow_up(meeting, senco, ta):
    return services.follow_up_add(
        actor=Actor(senco),
        meeting=meeting,
        what="Send the timetable home",
        owner=ta,
        due_on=timezone.localdate() + datetime.timedelta(days=7),
    )
