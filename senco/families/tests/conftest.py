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


# --- SEND parent review days --------------------------------------------------------------


@pytest.fixture
def review_day(school, senco, teacher):
    """A review day today: Room 1 taken by `teacher`, Room 2 by the SENCO, 15:30 to 16:30
    in 20-minute appointments (three a room)."""
    from senco.families import review_days_services as rd

    return rd.review_day_add(
        actor=Actor(senco),
        school=school,
        title="SEND parent review day",
        held_on=timezone.localdate(),
        starts_at=datetime.time(15, 30),
        ends_at=datetime.time(16, 30),
        slot_minutes=20,
        parents_may_book=True,
        rooms=[("Room 1", teacher), ("Room 2", senco)],
    )


@pytest.fixture
def booked_slot(review_day, pupil, senco):
    """The first appointment in Room 1 (the teacher's), booked for `pupil`."""
    from senco.families import review_days_services as rd

    slot = review_day.slots.filter(room__room="Room 1").order_by("starts_at").first()
    return rd.slot_book(actor=Actor(senco), slot=slot, pupil=pupil, contact=pupil.contacts.first())


@pytest.fixture
def free_slot(review_day):
    return review_day.slots.filter(room__room="Room 2").order_by("starts_at").first()


@pytest.fixture
def parent_contact(parent, pupil):
    from senco.tests.parent_panels import link_parent

    return link_parent(parent, pupil, name="Pat Parent", relationship="Father")


@pytest.fixture
def other_family(other_parent, school):
    """`other_parent` is linked to a pupil of the same school, not to `pupil`."""
    from senco import factories as f
    from senco.tests.parent_panels import link_parent

    child = f.SenPupilFactory(school=school, legal_surname="Other", forename="Olive")
    link_parent(other_parent, child, name="Olga Other")
    return child
