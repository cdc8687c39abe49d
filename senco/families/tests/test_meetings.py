"""Recording meetings with a family: dates, who may be told, lost updates, follow-ups."""

import datetime

from django.urls import reverse
from django.utils import timezone

from senco import factories as f
from senco.audit.actor import Actor
from senco.audit.models import AuditEvent
from senco.families import services
from senco.families.audit import FamiliesAction
from senco.families.models import Kind, Meeting
from senco.lib.forms import date_data
from senco.testing import assert_valid_html

TODAY = timezone.localdate


def _data(day, **extra):
    return {"kind": Kind.SEND_REVIEW, **date_data("held_on", day), **extra}


def test_a_teacher_records_a_meeting_with_the_family(client_for, teacher, pupil):
    mother = pupil.contacts.get()
    response = client_for(teacher).post(
        reverse("families_meeting_add", args=[pupil.pk]),
        _data(TODAY(), contacts=[mother.pk], others="Ms Khan (SENCO)", agreed="Book club"),
    )
    meeting = Meeting.objects.get(pupil=pupil)
    assert response.status_code == 302
    assert response.url == reverse("families_meeting", args=[pupil.pk, meeting.pk])
    assert list(meeting.contacts.all()) == [mother]
    assert meeting.recorded_by == teacher and meeting.school_id == pupil.school_id
    assert AuditEvent.objects.filter(
        pupil=pupil, user=teacher, action=FamiliesAction.MEETING_ADD
    ).exists()
    page = client_for(teacher).get(response.url)
    assert_valid_html(page)
    assert b"Mary O&#x27;Brien" in page.content and b"Book club" in page.content


def test_a_date_in_the_future_is_refused(client_for, senco, pupil):
    tomorrow = TODAY() + datetime.timedelta(days=1)
    response = client_for(senco).post(
        reverse("families_meeting_add", args=[pupil.pk]), _data(tomorrow)
    )
    assert response.status_code == 200
    assert_valid_html(response)
    assert "The date of the meeting must be today or in the past" in response.content.decode()
    assert b'href="#id_held_on-day"' in response.content
    assert not Meeting.objects.exists()


def test_contacts_who_may_not_be_told_are_not_offered(client_for, senco, pupil):
    barred = f.ContactFactory(
        pupil=pupil, name="Barry Banned", relationship="Father", no_information=True
    )
    silent = f.ContactFactory(pupil=pupil, name="Sam Silent", relationship="Uncle", no_contact=True)
    url = reverse("families_meeting_add", args=[pupil.pk])
    page = client_for(senco).get(url)
    assert b"Mary O&#x27;Brien" in page.content
    assert b"Barry Banned" not in page.content and b"Sam Silent" not in page.content
    for contact in (barred, silent):
        response = client_for(senco).post(url, _data(TODAY(), contacts=[contact.pk]))
        assert response.status_code == 200
        assert b"Choose one of the options" in response.content
    assert not Meeting.objects.exists()


def test_the_service_refuses_a_contact_who_may_not_be_told(senco, pupil):
    import pytest
    from django.core.exceptions import ValidationError

    barred = f.ContactFactory(pupil=pupil, name="Barry", relationship="Father", no_contact=True)
    with pytest.raises(ValidationError):
        services.meeting_add(
            actor=Actor(senco), pupil=pupil, kind=Kind.PHONE, held_on=TODAY(), contacts=[barred]
        )


def test_a_change_from_an_older_version_is_refused(client_for, senco, teacher, pupil, meeting):
    url = reverse("families_meeting_edit", args=[pupil.pk, meeting.pk])
    opened = str(meeting.version)
    first = client_for(teacher).post(
        url, _data(meeting.held_on, agreed="Teacher's", version=opened)
    )
    assert first.status_code == 302
    second = client_for(senco).post(url, _data(meeting.held_on, agreed="SENCO's", version=opened))
    assert second.status_code == 200
    assert_valid_html(second)
    assert b"Someone else changed this since you opened it" in second.content
    assert b"their-changes" in second.content and b"Teacher&#x27;s" in second.content
    meeting.refresh_from_db()
    assert meeting.agreed == "Teacher's" and meeting.version == 2
    # Saved again from the form sent back, it goes through.
    third = client_for(senco).post(url, _data(meeting.held_on, agreed="SENCO's", version="2"))
    assert third.status_code == 302
    meeting.refresh_from_db()
    assert meeting.agreed == "SENCO's"
    assert AuditEvent.objects.filter(action=FamiliesAction.MEETING_SAVE).count() == 2


def test_the_pupil_page_shows_the_last_meetings(client_for, teacher, leader, pupil, meeting):
    page = client_for(teacher).get(reverse("pupil_detail", args=[pupil.pk]))
    assert b"family-meetings-panel" in page.content
    assert reverse("families_meeting", args=[pupil.pk, meeting.pk]).encode() in page.content
    assert reverse("families_meeting_add", args=[pupil.pk]).encode() in page.content
    # A leader reads them but does not record them.
    page = client_for(leader).get(reverse("pupil_detail", args=[pupil.pk]))
    assert b"family-meetings-panel" in page.content
    assert reverse("families_meeting_add", args=[pupil.pk]).encode() not in page.content


def test_a_follow_up_is_in_its_owners_what_needs_doing_until_done(
    client_for, ta, senco, pupil, meeting, follow_up
):
    home = client_for(ta).get("/")
    assert b"Send the timetable home" in home.content
    assert b"Send the timetable home" not in client_for(senco).get("/").content
    url = reverse("families_follow_up_done", args=[pupil.pk, meeting.pk, follow_up.pk])
    assert client_for(ta).post(url).status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.done_on == TODAY()
    assert b"Send the timetable home" not in client_for(ta).get("/").content
    assert AuditEvent.objects.filter(pupil=pupil, action=FamiliesAction.ACTION_DONE).exists()


def test_a_follow_up_needs_an_owner_and_a_date(client_for, senco, pupil, meeting):
    url = reverse("families_follow_up_add", args=[pupil.pk, meeting.pk])
    response = client_for(senco).post(url, {"what": "Phone home"})
    assert response.status_code == 200
    assert_valid_html(response)
    assert b"Choose who will do it" in response.content
    assert b"Enter the date it needs doing by" in response.content
    assert not meeting.actions.exists()


def test_the_meetings_list_is_audited_and_lists_newest_first(client_for, senco, pupil, meeting):
    older = services.meeting_add(
        actor=Actor(senco), pupil=pupil, kind=Kind.EMAIL, held_on=TODAY() - datetime.timedelta(30)
    )
    page = client_for(senco).get(reverse("families_meetings", args=[pupil.pk]))
    assert_valid_html(page)
    assert [m.pk for m in page.context["meetings"]] == [meeting.pk, older.pk]
    assert AuditEvent.objects.filter(
        pupil=pupil, user=senco, action=FamiliesAction.MEETINGS_VIEW
    ).exists()
