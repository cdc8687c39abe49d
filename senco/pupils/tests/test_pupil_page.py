import datetime
import html

from django.urls import reverse

from senco.audit.actor import Actor
from senco.audit.models import AuditEvent
from senco.register.services import register_change_record
from senco.testing import assert_valid_html


def test_it_shows_details_contacts_and_needs(client_for, senco, pupil):
    response = client_for(senco).get(reverse("pupil_detail", args=[pupil.pk]))
    content = response.content.decode()
    assert "Zoë O&#x27;Brien-Łukasiewicz" in content
    assert pupil.upn in content
    assert "Speech, language and communication needs (SLCN)" in content
    assert "Communication and interaction" in content
    assert "Mary O&#x27;Brien" in content
    assert_valid_html(response)


def test_opening_a_pupil_is_audited_with_the_address(client_for, teacher, pupil):
    client_for(teacher).get(reverse("pupil_detail", args=[pupil.pk]), REMOTE_ADDR="10.1.2.3")
    event = AuditEvent.objects.get(action="pupil.view")
    assert (event.user, event.pupil, event.school_id) == (teacher, pupil, pupil.school_id)
    assert event.ip_address == "10.1.2.3"


def test_a_refused_look_is_not_a_view_of_the_record(client_for, other_teacher, pupil):
    client_for(other_teacher).get(reverse("pupil_detail", args=[pupil.pk]))
    assert not AuditEvent.objects.filter(pupil=pupil).exists()


def test_senco_sees_who_has_looked(client_for, senco, teacher, pupil):
    client_for(teacher).get(reverse("pupil_detail", args=[pupil.pk]))
    response = client_for(senco).get(reverse("pupil_audit", args=[pupil.pk]))
    content = html.unescape(response.content.decode())
    assert str(teacher) in content
    # What was done, in plain English, not the audit code ("pupil.view").
    assert "Viewed the pupil's page" in content
    assert "pupil.view" not in content
    assert_valid_html(response)


def test_teacher_does_not_see_the_change_button(client_for, teacher, pupil):
    content = client_for(teacher).get(reverse("pupil_detail", args=[pupil.pk])).content
    assert b"Change provision or needs" not in content


def test_history_shows_who_and_whether_parents_were_told(client_for, senco, pupil):
    register_change_record(
        actor=Actor(senco),
        pupil=pupil,
        to_provision="E",
        to_primary_need="SLCN",
        to_secondary_need="",
        reason="EHC plan issued",
        effective_date=datetime.date(2026, 10, 1),
        parents_told=True,
        parents_told_on=datetime.date(2026, 10, 3),
    )
    content = client_for(senco).get(reverse("pupil_detail", args=[pupil.pk])).content.decode()
    assert "1 Oct 2026" in content
    assert "Yes, 3 Oct 2026" in content
    assert str(senco) in content


def test_the_pupils_photo_shows_on_their_page(client_for, senco, pupil):
    from senco.profiles.models import PupilPhoto

    page = client_for(senco).get(reverse("pupil_detail", args=[pupil.pk]))
    assert b"Photo of" not in page.content
    PupilPhoto.objects.create(pupil=pupil, width=100, height=120)
    page = client_for(senco).get(reverse("pupil_detail", args=[pupil.pk]))
    assert reverse("pupil_photo", args=[pupil.pk]).encode() in page.content
    assert_valid_html(page)
