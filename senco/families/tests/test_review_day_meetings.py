"""A meeting attached to the pupil's plan review, and the appointment of a review day:
what the member of staff taking it sees and the meeting they record."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from senco import factories as f
from senco.audit.actor import Actor
from senco.audit.models import AuditEvent
from senco.ehcp.models import AnnualReview, EHCPlan
from senco.families import services
from senco.families.models import FollowUp, Kind, Meeting, Slot
from senco.lib.forms import date_data
from senco.parents.models import ParentViews
from senco.plans import services as plan_services
from senco.testing import assert_valid_html


@pytest.fixture
def cycle(senco, pupil):
    cycle = plan_services.cycle_start(actor=Actor(senco), pupil=pupil)
    return plan_services.plan_save(
        actor=Actor(senco),
        cycle=cycle,
        outcomes=[("Reads aloud with 95% accuracy", "Running record in May")],
        provision="Reading group",
        who_does_what="Mrs Khan runs the group",
        review_date=datetime.date(2026, 12, 12),
    )


@pytest.fixture
def annual_review(pupil):
    plan = EHCPlan.objects.create(
        pupil=pupil,
        la_code="202",
        la_name="Camden",
        issued_on=datetime.date(2025, 1, 10),
        outcomes="To make two friends in class",
    )
    return AnnualReview.objects.create(plan=plan, meeting_on=datetime.date(2026, 12, 1))


def _data(**extra):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    return {"kind": Kind.SEND_REVIEW, **date_data("held_on", yesterday), **extra}


def test_a_meeting_for_the_cycles_review_shows_on_both_pages(client_for, senco, pupil, cycle):
    url = reverse("families_meeting_add", args=[pupil.pk])
    form = client_for(senco).get(url)
    assert b"Which review was this meeting for?" in form.content
    assert_valid_html(form)
    response = client_for(senco).post(url, _data(review=f"cycle-{cycle.pk}"))
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.cycle == cycle and meeting.annual_review is None
    detail = client_for(senco).get(response.url)
    assert b"The review of cycle 1, due 12 December 2026" in detail.content
    assert_valid_html(detail)
    page = client_for(senco).get(reverse("plans_cycle", args=[pupil.pk, cycle.pk]))
    assert b"Meetings with the family for this review" in page.content
    assert reverse("families_meeting", args=[pupil.pk, meeting.pk]).encode() in page.content
    assert_valid_html(page)


def test_an_annual_review_meeting_defaults_to_the_open_annual_review(
    client_for, senco, pupil, annual_review
):
    url = reverse("families_meeting_add", args=[pupil.pk])
    client_for(senco).post(url, _data(kind=Kind.ANNUAL_REVIEW))
    meeting = Meeting.objects.get()
    assert meeting.annual_review == annual_review
    page = client_for(senco).get(reverse("ehcp_review", args=[pupil.pk, annual_review.pk]))
    assert reverse("families_meeting", args=[pupil.pk, meeting.pk]).encode() in page.content
    assert_valid_html(page)


def test_none_is_none_even_for_an_annual_review(client_for, senco, pupil, annual_review):
    url = reverse("families_meeting_add", args=[pupil.pk])
    client_for(senco).post(url, _data(kind=Kind.ANNUAL_REVIEW, review="none"))
    assert Meeting.objects.get().annual_review is None


def test_another_pupils_review_is_refused_and_nothing_saved(client_for, senco, school, pupil):
    other = f.SenPupilFactory(school=school)
    theirs = plan_services.cycle_start(actor=Actor(senco), pupil=other)
    response = client_for(senco).post(
        reverse("families_meeting_add", args=[pupil.pk]), _data(review=f"cycle-{theirs.pk}")
    )
    assert response.status_code == 200
    assert (
        "Choose a review of this pupil's plan, or none of these"
        in (response.context["form"].errors["review"])
    )
    assert not Meeting.objects.exists()
    with pytest.raises(ValidationError):
        services.meeting_add(
            actor=Actor(senco),
            pupil=pupil,
            kind=Kind.PHONE,
            held_on=timezone.localdate(),
            cycle=theirs,
        )
    assert not Meeting.objects.exists()


def test_changing_a_meeting_keeps_or_changes_its_review(client_for, senco, pupil, cycle):
    meeting = services.meeting_add(
        actor=Actor(senco), pupil=pupil, kind=Kind.PHONE, held_on=timezone.localdate(), cycle=cycle
    )
    url = reverse("families_meeting_edit", args=[pupil.pk, meeting.pk])
    page = client_for(senco).get(url)
    assert f'value="cycle-{cycle.pk}" checked'.encode() in page.content
    client_for(senco).post(url, _data(review="none", version=str(meeting.version)))
    meeting.refresh_from_db()
    assert meeting.cycle is None


# --- The appointment --------------------------------------------------------------------------


def test_the_appointment_shows_what_the_member_of_staff_needs_and_is_audited(
    client_for, teacher, school, review_day, booked_slot, pupil, cycle, annual_review
):
    ParentViews.objects.create(pupil=pupil, going_well="Loves the reading group")
    url = reverse("families_appointment", args=[school.urn, review_day.pk, booked_slot.pk])
    page = client_for(teacher).get(url)
    assert page.status_code == 200
    for text in (
        b"Reads aloud with 95% accuracy",
        b"Review due by 12 December 2026",
        b"To make two friends in class",
        b"Loves the reading group",
        b"Record the meeting",
    ):
        assert text in page.content
    assert_valid_html(page)
    assert AuditEvent.objects.filter(
        pupil=pupil, user=teacher, action="families.appointment.view"
    ).exists()


def test_recording_the_meeting_goes_into_the_log_for_the_open_cycle(
    client_for, teacher, ta, school, review_day, booked_slot, pupil, cycle
):
    url = reverse("families_appointment", args=[school.urn, review_day.pk, booked_slot.pk])
    page = client_for(teacher).get(url)
    assert f'value="cycle-{cycle.pk}" checked'.encode() in page.content
    contact = pupil.contacts.first()
    response = client_for(teacher).post(
        url,
        {
            "contacts": [contact.pk],
            "agreed": "Keep the reading diary",
            "review": f"cycle-{cycle.pk}",
            "what": "Send the diary home",
            "owner": ta.pk,
            **date_data("due_on", timezone.localdate() + datetime.timedelta(days=7)),
        },
        follow=True,
    )
    assert b"Meeting recorded" in response.content
    meeting = Meeting.objects.get()
    assert (meeting.kind, meeting.held_on, meeting.cycle) == (
        Kind.SEND_REVIEW,
        review_day.held_on,
        cycle,
    )
    assert list(meeting.contacts.all()) == [contact]
    assert Slot.objects.get(pk=booked_slot.pk).meeting == meeting
    assert FollowUp.objects.get().owner == ta
    assert AuditEvent.objects.filter(pupil=pupil, action="families.appointment.record").exists()
    again = client_for(teacher).get(url)
    assert b"The meeting has been recorded" in again.content


def test_a_follow_up_needs_its_owner_and_date(client_for, senco, school, review_day, booked_slot):
    url = reverse("families_appointment", args=[school.urn, review_day.pk, booked_slot.pk])
    response = client_for(senco).post(url, {"what": "Phone home"})
    errors = response.context["form"].errors
    assert "owner" in errors and "due_on" in errors
    assert not Meeting.objects.exists()
    assert_valid_html(response)


def test_a_day_to_come_cannot_be_recorded_yet(client_for, senco, teacher, school, pupil):
    from senco.families import review_days_services as rd

    day = rd.review_day_add(
        actor=Actor(senco),
        school=school,
        title="Later",
        held_on=timezone.localdate() + datetime.timedelta(days=3),
        starts_at=datetime.time(15, 30),
        ends_at=datetime.time(16, 0),
        rooms=[("Room 1", teacher)],
    )
    slot = rd.slot_book(actor=Actor(senco), slot=day.slots.get(), pupil=pupil)
    page = client_for(teacher).get(
        reverse("families_appointment", args=[school.urn, day.pk, slot.pk])
    )
    assert b"You can record the meeting on" in page.content
