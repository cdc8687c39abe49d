"""Each role's answer on every page of SEND parent review days (GET and POST)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from senco.audit.models import AuditEvent
from senco.families.models import ReviewDay, Slot
from senco.lib.forms import date_data
from senco.testing import (
    ROLES,
    SENCO_ONLY_SCHOOL_ACTION,
    SENCO_ONLY_SCHOOL_PAGE,
    answers,
    assert_valid_html,
    role_tables,
)

# Teachers and TAs may open the list (it shows only the days where they take a room).
LIST = answers(
    403,
    senco=200,
    leader=200,
    office=200,
    teacher=200,
    other_teacher=200,
    ta=200,
    parent=404,
    outsider=404,
)
# A day's timetable: whoever reads timetables, and the teacher taking Room 1.
DAY = answers(403, senco=200, leader=200, office=200, teacher=200, parent=404, outsider=404)
BOOKERS_PAGE = answers(403, senco=200, office=200, parent=404, outsider=404)
BOOKERS_ACTION = answers(403, senco=302, office=302, parent=404, outsider=404)
# An appointment: the member of staff taking its room (the teacher) and the SENCO.
APPOINTMENT_PAGE = answers(403, senco=200, teacher=200, parent=404, outsider=404)
APPOINTMENT_ACTION = answers(403, senco=302, teacher=302, parent=404, outsider=404)
# A parent's own pages: only the parent linked to the child; anyone else 404.
PARENT_PAGE = answers(404, parent=200)
PARENT_ACTION = answers(404, parent=302)

GETS = role_tables(
    {
        "families_review_days": LIST,
        "families_review_day_add": SENCO_ONLY_SCHOOL_PAGE,
        "families_review_day": DAY,
        "families_review_day_not_booked": DAY,
        "families_review_day_change": SENCO_ONLY_SCHOOL_PAGE,
        "families_slot_book": BOOKERS_PAGE,
        "families_slot_cancel": BOOKERS_PAGE,
        "families_appointment": APPOINTMENT_PAGE,
        "parent_review_day": PARENT_PAGE,
        "parent_slot_cancel": PARENT_PAGE,
    }
)
POSTS = role_tables(
    {
        "families_review_day_add": SENCO_ONLY_SCHOOL_ACTION,
        "families_review_day_change": SENCO_ONLY_SCHOOL_ACTION,
        "families_slot_book": BOOKERS_ACTION,
        "families_slot_cancel": BOOKERS_ACTION,
        "families_appointment": APPOINTMENT_ACTION,
        "parent_review_day": PARENT_ACTION,
        "parent_slot_cancel": PARENT_ACTION,
    },
    method="POST",
)


def _url(name, school, day, booked, free, pupil):
    urn = school.urn
    return {
        "families_review_days": lambda: reverse(name, args=[urn]),
        "families_review_day_add": lambda: reverse(name, args=[urn]),
        "families_review_day": lambda: reverse(name, args=[urn, day.pk]),
        "families_review_day_not_booked": lambda: reverse(name, args=[urn, day.pk]),
        "families_review_day_change": lambda: reverse(name, args=[urn, day.pk]),
        "families_slot_book": lambda: reverse(name, args=[urn, day.pk, free.pk]),
        "families_slot_cancel": lambda: reverse(name, args=[urn, day.pk, booked.pk]),
        "families_appointment": lambda: reverse(name, args=[urn, day.pk, booked.pk]),
        "parent_review_day": lambda: reverse(name, args=[pupil.pk, day.pk]),
        "parent_slot_cancel": lambda: reverse(name, args=[pupil.pk, day.pk]),
    }[name]()


@pytest.mark.parametrize("name", sorted(GETS))
@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_the_right_answer(
    name, role, cast, client_for, school, review_day, booked_slot, free_slot, pupil, parent_contact
):
    url = _url(name, school, review_day, booked_slot, free_slot, pupil)
    response = client_for(cast[role]).get(url)
    assert response.status_code == GETS[name][role]
    assert_valid_html(response)
    if response.status_code != 200:
        assert pupil.legal_surname.encode() not in response.content


def _day_data(**extra):
    return {
        "title": "Spring review day",
        **date_data("held_on", timezone.localdate() + datetime.timedelta(days=10)),
        "starts_at": "15:30",
        "ends_at": "17:30",
        "slot_minutes": "20",
        "parents_may_book": "yes",
        "notes": "",
        "room_1": "Library",
        **extra,
    }


@pytest.mark.parametrize("role", ROLES)
def test_who_may_create_a_review_day(role, cast, client_for, school, senco):
    response = client_for(cast[role]).post(
        reverse("families_review_day_add", args=[school.urn]), _day_data(staff_1=senco.pk)
    )
    assert response.status_code == POSTS["families_review_day_add"][role]
    made = ReviewDay.objects.filter(title="Spring review day").first()
    assert (made is not None) == (response.status_code == 302)
    if made:
        assert made.slots.count() == 6


@pytest.mark.parametrize("role", ROLES)
def test_who_may_change_a_review_day(role, cast, client_for, school, review_day):
    url = reverse("families_review_day_change", args=[school.urn, review_day.pk])
    data = {
        "title": f"Changed by {role}",
        "parents_may_book": "no",
        "notes": "",
        "version": str(review_day.version),
    }
    response = client_for(cast[role]).post(url, data)
    assert response.status_code == POSTS["families_review_day_change"][role]
    review_day.refresh_from_db()
    assert (review_day.title == f"Changed by {role}") == (response.status_code == 302)


@pytest.mark.parametrize("role", ROLES)
def test_who_may_book(role, cast, client_for, school, review_day, free_slot, pupil):
    url = reverse("families_slot_book", args=[school.urn, review_day.pk, free_slot.pk])
    response = client_for(cast[role]).post(url, {"pupil": pupil.pk, "contact": ""})
    assert response.status_code == POSTS["families_slot_book"][role]
    free_slot.refresh_from_db()
    assert (free_slot.pupil_id == pupil.pk) == (response.status_code == 302)


@pytest.mark.parametrize("role", ROLES)
def test_who_may_cancel(role, cast, client_for, school, review_day, booked_slot):
    url = reverse("families_slot_cancel", args=[school.urn, review_day.pk, booked_slot.pk])
    response = client_for(cast[role]).post(url)
    assert response.status_code == POSTS["families_slot_cancel"][role]
    booked_slot.refresh_from_db()
    assert booked_slot.is_free == (response.status_code == 302)


@pytest.mark.parametrize("role", ROLES)
def test_who_may_record_the_meeting(role, cast, client_for, school, review_day, booked_slot):
    url = reverse("families_appointment", args=[school.urn, review_day.pk, booked_slot.pk])
    response = client_for(cast[role]).post(url, {"agreed": "Keep going", "review": "none"})
    assert response.status_code == POSTS["families_appointment"][role]
    booked_slot.refresh_from_db()
    assert (booked_slot.meeting_id is not None) == (response.status_code == 302)


@pytest.mark.parametrize("role", ROLES)
def test_who_may_book_as_a_parent(
    role, cast, client_for, review_day, free_slot, pupil, parent_contact
):
    url = reverse("parent_review_day", args=[pupil.pk, review_day.pk])
    response = client_for(cast[role]).post(url, {"slot": free_slot.pk})
    assert response.status_code == POSTS["parent_review_day"][role]
    free_slot.refresh_from_db()
    assert (free_slot.pupil_id == pupil.pk) == (response.status_code == 302)
    if response.status_code == 302:
        assert free_slot.contact_id == parent_contact.pk


@pytest.mark.parametrize("role", ROLES)
def test_who_may_cancel_as_a_parent(
    role, cast, client_for, review_day, booked_slot, pupil, parent_contact
):
    url = reverse("parent_slot_cancel", args=[pupil.pk, review_day.pk])
    response = client_for(cast[role]).post(url)
    assert response.status_code == POSTS["parent_slot_cancel"][role]
    assert Slot.objects.get(pk=booked_slot.pk).is_free == (response.status_code == 302)


def test_reading_the_timetable_is_in_each_pupils_log(
    client_for, senco, school, review_day, booked_slot, pupil
):
    client_for(senco).get(reverse("families_review_day", args=[school.urn, review_day.pk]))
    assert AuditEvent.objects.filter(
        pupil=pupil, action="families.review_day.view", user=senco
    ).exists()
