"""A parent books a review day appointment for their own child; the section of the
parent's page about meetings; review days in the calendar."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from senco import factories as f
from senco import registry
from senco.audit.actor import Actor
from senco.audit.models import AuditEvent
from senco.families import review_days_services as rd
from senco.families import selectors
from senco.families import services as meeting_services
from senco.families.models import Kind, Slot
from senco.families.review_days_hooks import REVIEW_DAYS
from senco.testing import assert_valid_html
from senco.tests.parent_panels import assert_valid_panel, panel_context, render_panel

PANEL = "families/parent/_panel.html"


def _day(school, senco, teacher, **extra):
    values = {
        "title": "Review day",
        "held_on": timezone.localdate() + datetime.timedelta(days=5),
        "starts_at": datetime.time(15, 30),
        "ends_at": datetime.time(16, 30),
        "rooms": [("Room 1", teacher), ("Room 2", senco)],
        **extra,
    }
    return rd.review_day_add(actor=Actor(senco), school=school, **values)


def test_the_parent_sees_free_times_grouped_and_books_one(
    client_for, parent, pupil, parent_contact, review_day
):
    url = reverse("parent_review_day", args=[pupil.pk, review_day.pk])
    page = client_for(parent).get(url)
    assert page.status_code == 200
    assert b"15:30 (2 rooms free)" in page.content
    assert_valid_html(page)
    slot = Slot.objects.filter(day=review_day).order_by("starts_at", "pk").first()
    response = client_for(parent).post(url, {"slot": slot.pk}, follow=True)
    assert b"Your appointment is booked." in response.content
    assert b"Cancel this booking" in response.content
    slot.refresh_from_db()
    assert (slot.pupil, slot.contact, slot.booked_by) == (pupil, parent_contact, parent)
    assert AuditEvent.objects.filter(
        pupil=pupil, user=parent, action="families.parent.slot.book"
    ).exists()
    assert AuditEvent.objects.filter(
        pupil=pupil, user=parent, action="families.parent.review_day.view"
    ).exists()


def test_a_slot_just_taken_tells_the_parent(
    client_for, parent, senco, school, pupil, parent_contact, review_day
):
    other = f.SenPupilFactory(school=school)
    slot = Slot.objects.filter(day=review_day).order_by("starts_at", "pk").first()
    rd.slot_book(actor=Actor(senco), slot=slot, pupil=other)
    url = reverse("parent_review_day", args=[pupil.pk, review_day.pk])
    response = client_for(parent).post(url, {"slot": slot.pk})
    assert response.status_code == 200
    assert b"Someone has just booked 15:30 in Room 1. Choose another time." in response.content
    assert_valid_html(response)
    assert not Slot.objects.filter(pupil=pupil).exists()


def test_the_parent_cancels_their_booking(
    client_for, parent, pupil, parent_contact, review_day, booked_slot
):
    url = reverse("parent_slot_cancel", args=[pupil.pk, review_day.pk])
    page = client_for(parent).get(url)
    assert b"Are you sure" in page.content
    assert_valid_html(page)
    client_for(parent).post(url)
    assert Slot.objects.get(pk=booked_slot.pk).is_free
    assert AuditEvent.objects.filter(pupil=pupil, action="families.parent.slot.cancel").exists()


@pytest.mark.parametrize("name", ["parent_review_day", "parent_slot_cancel"])
def test_another_familys_child_is_404(
    client_for, other_parent, other_family, pupil, review_day, booked_slot, name
):
    url = reverse(name, args=[pupil.pk, review_day.pk])
    assert client_for(other_parent).get(url).status_code == 404
    assert client_for(other_parent).post(url).status_code == 404
    assert Slot.objects.get(pk=booked_slot.pk).pupil == pupil
    # Their own child's page of the same day works.
    own = reverse("parent_review_day", args=[other_family.pk, review_day.pk])
    assert client_for(other_parent).get(own).status_code == 200


@pytest.mark.parametrize("case", ["past", "closed", "other_school"])
def test_days_a_parent_may_not_book_are_404(
    client_for, parent, pupil, parent_contact, school, senco, teacher, other_school, case
):
    if case == "past":
        day = _day(school, senco, teacher)
        type(day).objects.filter(pk=day.pk).update(
            held_on=timezone.localdate() - datetime.timedelta(days=1)
        )
    elif case == "closed":
        day = _day(school, senco, teacher, parents_may_book=False)
    else:
        theirs = f.MembershipFactory(school=other_school, role="senco").user
        day = rd.review_day_add(
            actor=Actor(theirs),
            school=other_school,
            title="Theirs",
            held_on=timezone.localdate() + datetime.timedelta(days=5),
            starts_at=datetime.time(15, 30),
            ends_at=datetime.time(16, 30),
            rooms=[("Hall", theirs)],
        )
    for name in ("parent_review_day", "parent_slot_cancel"):
        url = reverse(name, args=[pupil.pk, day.pk])
        assert client_for(parent).get(url).status_code == 404


# --- The parent's page section and the selector for the parents app --------------------------


def test_the_panel_shows_past_meetings_and_the_booking_never_who_else_or_owners(
    senco, ta, pupil, parent_contact, review_day, booked_slot
):
    meeting = meeting_services.meeting_add(
        actor=Actor(senco),
        pupil=pupil,
        kind=Kind.PHONE,
        held_on=timezone.localdate() - datetime.timedelta(days=3),
        others="STAFF-ONLY-MARKER",
        agreed="Try the visual timetable at home",
    )
    meeting_services.follow_up_add(
        actor=Actor(senco),
        meeting=meeting,
        what="OWNER-MARKER job",
        owner=ta,
        due_on=timezone.localdate(),
    )
    context = panel_context(PANEL, pupil, [parent_contact], timezone.localdate())
    html = render_panel(PANEL, context)
    assert "Phone call" in html and "Try the visual timetable at home" in html
    assert "15:30 in Room 1" in html
    assert "STAFF-ONLY-MARKER" not in html and "OWNER-MARKER" not in html
    assert_valid_panel(html)


def test_the_panel_is_left_out_with_nothing_to_say(pupil, parent_contact):
    assert panel_context(PANEL, pupil, [parent_contact], timezone.localdate()) is None


def test_the_panel_costs_three_queries(
    pupil, parent_contact, review_day, booked_slot, django_assert_max_num_queries
):
    from senco.families.review_days_hooks import parent_panel

    with django_assert_max_num_queries(3):
        context = parent_panel(pupil, [parent_contact], timezone.localdate())
    assert context["days"][0]["booking"]


def test_review_days_for_parent(pupil, school, senco, teacher, review_day, booked_slot):
    closed = _day(school, senco, teacher, parents_may_book=False)
    days = selectors.review_days_for_parent(pupil, timezone.localdate())
    assert [d["id"] for d in days] == [review_day.pk]
    assert days[0]["booking"] == {"starts_at": datetime.time(15, 30), "room": "Room 1"}
    assert days[0]["url"] == reverse("parent_review_day", args=[pupil.pk, review_day.pk])
    assert closed.pk not in [d["id"] for d in days]


# --- The calendar ------------------------------------------------------------------------------


def test_review_days_are_dated_events_for_the_senco_and_the_staff_taking_them(
    senco, teacher, other_teacher, school, review_day
):
    from senco.access import scope_at

    today = timezone.localdate()
    for user, expected in ((senco, 1), (teacher, 1), (other_teacher, 0)):
        scope = scope_at(user, school)
        events = [e for e in registry.events_for(scope, today, today) if e.kind == REVIEW_DAYS]
        assert len(events) == expected
    assert REVIEW_DAYS in registry.event_kinds()
