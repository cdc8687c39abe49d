"""Creating review days, booking and cancelling appointments: the race for one slot, the
bad inputs, audit rows, the timetable's queries."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from senco import factories as f
from senco.audit.actor import Actor
from senco.audit.models import AuditEvent
from senco.families import review_days_services as rd
from senco.families.models import ReviewDay, Slot
from senco.lib.forms import date_data
from senco.testing import assert_valid_html


def _day_data(**extra):
    return {
        "title": "Spring review day",
        **date_data("held_on", timezone.localdate() + datetime.timedelta(days=10)),
        "starts_at": "15:30",
        "ends_at": "17:30",
        "slot_minutes": "20",
        "parents_may_book": "yes",
        "notes": "Come to reception.",
        **extra,
    }


# --- Creating a day ---------------------------------------------------------------------------


def test_creating_a_day_makes_every_slot_in_one_go(client_for, senco, teacher, school):
    data = _day_data(room_1="Library", staff_1=senco.pk, room_2="Room 4", staff_2=teacher.pk)
    data["ends_at"] = "17:25"  # 15:30 to 17:25 in 20 minutes: the last starts at 16:50
    response = client_for(senco).post(reverse("families_review_day_add", args=[school.urn]), data)
    assert response.status_code == 302
    day = ReviewDay.objects.get()
    assert day.rooms.count() == 2
    times = sorted({s.starts_at for s in day.slots.all()})
    assert times[0] == datetime.time(15, 30) and times[-1] == datetime.time(16, 50)
    assert day.slots.count() == 2 * len(times) == 10
    assert AuditEvent.objects.filter(action="families.review_day.add", school=school).exists()


@pytest.mark.parametrize(
    ("extra", "field", "message"),
    [
        ({"ends_at": "15:00"}, "ends_at", "must be after the first appointment"),
        ({"ends_at": "15:30"}, "ends_at", "must be after the first appointment"),
        ({"slot_minutes": "0"}, "slot_minutes", "between 5 and 120 minutes"),
        ({"slot_minutes": "121"}, "slot_minutes", "between 5 and 120 minutes"),
        ({"starts_at": "25:00"}, "starts_at", "must be a time of day"),
        (
            date_data("held_on", timezone.localdate() - datetime.timedelta(days=1)),
            "held_on",
            "today or in the future",
        ),
    ],
)
def test_bad_days_are_refused_and_nothing_saved(client_for, senco, school, extra, field, message):
    data = _day_data(room_1="Library", staff_1=senco.pk, **extra)
    response = client_for(senco).post(reverse("families_review_day_add", args=[school.urn]), data)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not ReviewDay.objects.exists() and not Slot.objects.exists()
    assert_valid_html(response)


def test_a_day_needs_a_room(client_for, senco, school):
    response = client_for(senco).post(
        reverse("families_review_day_add", args=[school.urn]), _day_data()
    )
    assert "Enter at least one room" in str(response.context["form"].errors["room_1"])
    assert not ReviewDay.objects.exists()


def test_a_room_needs_its_member_of_staff(client_for, senco, school, outsider):
    response = client_for(senco).post(
        reverse("families_review_day_add", args=[school.urn]),
        _day_data(room_1="Library", staff_1=outsider.pk),
    )
    assert "staff_1" in response.context["form"].errors
    assert not ReviewDay.objects.exists()


def test_the_empty_form_names_every_field(client_for, senco, school):
    response = client_for(senco).post(reverse("families_review_day_add", args=[school.urn]), {})
    errors = response.context["form"].errors
    assert "Enter the date of the review day" in errors["held_on"]
    assert "Enter the time of the first appointment" in errors["starts_at"]
    assert_valid_html(response)


def test_times_and_rooms_cannot_be_changed_and_an_old_version_is_refused(
    client_for, senco, school, review_day, booked_slot
):
    url = reverse("families_review_day_change", args=[school.urn, review_day.pk])
    page = client_for(senco).get(url)
    assert b"families have booked appointments" in page.content
    data = {"title": "New", "parents_may_book": "no", "notes": "", "version": "0"}
    response = client_for(senco).post(url, data)
    assert response.status_code == 200
    review_day.refresh_from_db()
    assert review_day.title == "SEND parent review day"


# --- Booking -------------------------------------------------------------------------------


def test_two_bookings_race_for_one_slot_and_only_one_wins(school, senco, office, review_day, pupil):
    other = f.SenPupilFactory(school=school, legal_surname="Second", forename="Sam")
    slot = Slot.objects.filter(day=review_day, room__room="Room 2").order_by("starts_at").first()
    stale = Slot.objects.get(pk=slot.pk)  # what the second booker's page saw: free
    rd.slot_book(actor=Actor(senco), slot=slot, pupil=pupil)
    with pytest.raises(rd.SlotTaken) as taken:
        rd.slot_book(actor=Actor(office), slot=stale, pupil=other)
    assert str(taken.value.messages[0]) == (
        "Someone has just booked 15:30 in Room 2. Choose another time."
    )
    slot.refresh_from_db()
    assert slot.pupil_id == pupil.pk and slot.booked_by == senco
    assert not Slot.objects.filter(day=review_day, pupil=other).exists()
    assert AuditEvent.objects.filter(action="families.slot.book").count() == 1


def test_the_same_form_posted_twice_books_once_and_tells_the_second(
    client_for, school, office, senco, review_day, free_slot, pupil
):
    other = f.SenPupilFactory(school=school, legal_surname="Second", forename="Sam")
    url = reverse("families_slot_book", args=[school.urn, review_day.pk, free_slot.pk])
    first = client_for(office).post(url, {"pupil": pupil.pk})
    second = client_for(senco).post(url, {"pupil": other.pk})
    assert first.status_code == 302
    assert second.status_code == 200
    assert b"Someone has just booked 15:30 in Room 2. Choose another time." in second.content
    assert_valid_html(second)
    assert Slot.objects.filter(pupil__isnull=False).count() == 1


def test_two_requests_with_the_same_form_data_exactly_one_wins(
    client_for, school, office, senco, review_day, free_slot, pupil
):
    """A double click, or the office and the SENCO booking the same family at once: the
    same form data arrives twice (in-memory SQLite cannot run two requests in parallel;
    the conditional update is what decides, as the service race above shows)."""
    url = reverse("families_slot_book", args=[school.urn, review_day.pk, free_slot.pk])
    data = {"pupil": pupil.pk, "contact": pupil.contacts.first().pk}
    answers = [client_for(user).post(url, data) for user in (office, senco)]
    assert sorted(a.status_code for a in answers) == [200, 302]
    assert b"Someone has just booked 15:30 in Room 2" in answers[1].content
    assert Slot.objects.filter(pupil=pupil).count() == 1
    assert AuditEvent.objects.filter(pupil=pupil, action="families.slot.book").count() == 1


def test_one_appointment_a_pupil_a_day(school, senco, review_day, booked_slot, free_slot, pupil):
    with pytest.raises(ValidationError) as refused:
        rd.slot_book(actor=Actor(senco), slot=free_slot, pupil=pupil)
    assert "already has 15:30 in Room 1" in str(refused.value)
    free_slot.refresh_from_db()
    assert free_slot.is_free


def test_a_contact_not_to_be_contacted_is_shown_and_refused_with_the_reason(
    client_for, school, office, review_day, free_slot, pupil
):
    banned = f.ContactFactory(
        pupil=pupil, name="Barred Person", no_contact=True, restriction_note="Court order"
    )
    url = reverse("families_slot_book", args=[school.urn, review_day.pk, free_slot.pk])
    page = client_for(office).get(url, {"pupil": pupil.pk})
    assert b"Barred Person" in page.content and b"Court order" in page.content
    # Not a choice (no radio), but named with the reason below the choices.
    assert f'value="{banned.pk}"'.encode() not in page.content
    assert f'id="contact-{banned.pk}-refused"'.encode() in page.content
    assert_valid_html(page)
    response = client_for(office).post(url, {"pupil": pupil.pk, "contact": banned.pk})
    assert response.status_code == 200
    assert "Barred Person must not be contacted (Court order)" in str(
        response.context["form"].errors["contact"]
    )
    free_slot.refresh_from_db()
    assert free_slot.is_free


def test_a_pupil_of_another_school_is_refused(
    client_for, office, school, review_day, free_slot, other_pupil
):
    url = reverse("families_slot_book", args=[school.urn, review_day.pk, free_slot.pk])
    response = client_for(office).post(url, {"pupil": other_pupil.pk})
    assert response.status_code == 200
    assert "Choose a pupil on the SEND register of this school" in str(
        response.context["form"].errors["pupil"]
    )
    free_slot.refresh_from_db()
    assert free_slot.is_free
    with pytest.raises(ValidationError):
        rd.slot_book(actor=Actor(office), slot=free_slot, pupil=other_pupil)


def test_finding_a_pupil_by_name(client_for, office, school, review_day, free_slot, pupil):
    url = reverse("families_slot_book", args=[school.urn, review_day.pk, free_slot.pk])
    response = client_for(office).get(url, {"q": "zoe obrien"})
    assert "Łukasiewicz".encode() in response.content
    assert_valid_html(response)
    # The pupils a search names are read: each has a row in their log.
    [row] = AuditEvent.objects.filter(pupil=pupil, action="families.slot.form")
    assert row.detail["search"] is True and row.user == office


def test_another_schools_day_is_404(client_for, outsider, senco, school, review_day, other_school):
    mine = f.MembershipFactory(school=other_school, role="senco").user
    url = reverse("families_review_day", args=[other_school.urn, review_day.pk])
    assert client_for(mine).get(url).status_code == 404


def test_cancelling_frees_the_slot_and_is_audited(
    client_for, office, school, review_day, booked_slot, pupil
):
    url = reverse("families_slot_cancel", args=[school.urn, review_day.pk, booked_slot.pk])
    page = client_for(office).get(url)
    assert b"Are you sure" in page.content
    assert_valid_html(page)
    client_for(office).post(url)
    booked_slot.refresh_from_db()
    assert booked_slot.is_free and booked_slot.contact_id is None
    assert AuditEvent.objects.filter(pupil=pupil, action="families.slot.cancel").exists()


# --- The timetable ---------------------------------------------------------------------------


def _book_all(day, school, senco, n):
    pupils = [f.SenPupilFactory(school=school, forename=f"P{i}") for i in range(n)]
    for slot, pupil in zip(day.slots.order_by("pk"), pupils, strict=False):
        rd.slot_book(actor=Actor(senco), slot=slot, pupil=pupil)


def _queries(client, url):
    from django.db import connection as conn
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(conn) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_the_timetables_queries_do_not_grow_with_the_slots(
    client_for, school, senco, teacher, office
):
    small = rd.review_day_add(
        actor=Actor(senco),
        school=school,
        title="Small",
        held_on=timezone.localdate(),
        starts_at=datetime.time(15, 30),
        ends_at=datetime.time(16, 10),
        rooms=[("Room 1", teacher)],
    )
    big = rd.review_day_add(
        actor=Actor(senco),
        school=school,
        title="Big",
        held_on=timezone.localdate() + datetime.timedelta(days=1),
        starts_at=datetime.time(13, 0),
        ends_at=datetime.time(18, 0),
        rooms=[("Room 1", teacher), ("Room 2", senco)],
    )
    _book_all(small, school, senco, 2)
    _book_all(big, school, senco, 20)
    client = client_for(office)
    client.get(reverse("families_review_days", args=[school.urn]))  # the session, warmed
    few = _queries(client, reverse("families_review_day", args=[school.urn, small.pk]))
    many = _queries(client, reverse("families_review_day", args=[school.urn, big.pk]))
    assert many == few
    page = client.get(reverse("families_review_day", args=[school.urn, big.pk]))
    assert_valid_html(page)
    assert b"20 booked, 10 free" in page.content


def test_the_list_of_days_counts_booked_and_free(
    client_for, school, leader, review_day, booked_slot
):
    response = client_for(leader).get(reverse("families_review_days", args=[school.urn]))
    assert_valid_html(response)
    day = response.context["upcoming"][0]
    assert (day.booked, day.free) == (1, 5)


def test_pupils_not_booked_are_counted_and_listed(
    client_for, school, senco, review_day, booked_slot
):
    f.SenPupilFactory(school=school, legal_surname="Waiting", forename="Will")
    page = client_for(senco).get(reverse("families_review_day", args=[school.urn, review_day.pk]))
    assert page.context["not_booked_count"] == 1
    listed = client_for(senco).get(
        reverse("families_review_day_not_booked", args=[school.urn, review_day.pk])
    )
    assert b"Waiting" in listed.content
    assert_valid_html(listed)


def test_staff_see_only_the_days_they_take(client_for, school, ta, senco, review_day):
    response = client_for(ta).get(reverse("families_review_days", args=[school.urn]))
    assert response.context["upcoming"] == []


def test_the_list_pages_queries_do_not_grow_with_the_days_or_pupils(
    client_for, school, senco, teacher
):
    def add(n):
        for i in range(n):
            day = rd.review_day_add(
                actor=Actor(senco),
                school=school,
                title=f"Day {i}",
                held_on=timezone.localdate() + datetime.timedelta(days=i),
                starts_at=datetime.time(15, 30),
                ends_at=datetime.time(16, 30),
                rooms=[("Room 1", teacher)],
            )
            pupil = f.SenPupilFactory(school=school, forename=f"N{i}")
            rd.slot_book(actor=Actor(senco), slot=day.slots.first(), pupil=pupil)
            f.SenPupilFactory(school=school, forename=f"W{i}")
        return day

    client = client_for(senco)
    client.get(reverse("families_review_days", args=[school.urn]))
    first = add(1)
    days_url = reverse("families_review_days", args=[school.urn])
    few = (
        _queries(client, days_url),
        _queries(client, reverse("families_review_day_not_booked", args=[school.urn, first.pk])),
    )
    add(4)
    many = (
        _queries(client, days_url),
        _queries(client, reverse("families_review_day_not_booked", args=[school.urn, first.pk])),
    )
    assert many == few


def test_the_same_pupil_booked_into_two_slots_at_once_keeps_one(
    monkeypatch, senco, office, review_day, booked_slot, free_slot, pupil
):
    """Two bookers each see the pupil without an appointment (the check before the update
    passes for both): the constraint one_slot_per_pupil_per_day refuses the second."""
    monkeypatch.setattr(rd, "_already", lambda day, p: None)
    with pytest.raises(ValidationError) as refused:
        rd.slot_book(actor=Actor(office), slot=free_slot, pupil=pupil)
    assert "already has" in str(refused.value)
    assert Slot.objects.filter(pupil=pupil).count() == 1
    free_slot.refresh_from_db()
    assert free_slot.is_free
