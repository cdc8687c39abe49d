"""A letter to one family: choose, preview, send; and everything that must be refused."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from senco import factories as f
from senco.audit.models import AuditEvent
from senco.letters.models import Batch, Message
from senco.letters.tests.helpers import send_data, send_one
from senco.lib.forms import date_data
from senco.testing import assert_valid_html


def test_the_form_shows_who_may_not_be_written_to_and_why(client_for, senco, pupil, barred):
    response = client_for(senco).get(reverse("letters_send", args=[pupil.pk]))
    assert_valid_html(response)
    html = response.content.decode()
    assert "Sam Jones must not be contacted: court order 3 May 2025" in html
    assert f'name="contacts" type="checkbox" value="{barred.pk}"' not in html
    assert f'id="contact-{barred.pk}-refused"' in html
    assert "No email address: can get a printed letter only" in html


def test_the_preview_shows_the_filled_letter_and_sends_nothing(client_for, senco, pupil, mother):
    response = send_one(client_for(senco), pupil, mother, step="preview")
    assert response.status_code == 200
    assert_valid_html(response)
    html = response.content.decode()
    assert "Email to Mary O&#x27;Brien (mary@example.com)" in html
    assert "Dear Mary O&#x27;Brien" in html
    assert "{child_name}" not in html
    assert Batch.objects.count() == 0
    assert AuditEvent.objects.filter(pupil=pupil, action="letters.preview").exists()
    # The preview's buttons post the same choices again.
    assert f'name="contacts" value="{mother.pk}"' in html


def test_change_goes_back_to_the_form_with_the_choices_kept(client_for, senco, pupil, mother):
    response = send_one(client_for(senco), pupil, mother, step="change")
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" not in html
    assert 'value="joined_register" checked' in html


def test_a_contact_who_must_not_be_contacted_is_refused_with_the_reason(
    client_for, senco, pupil, mother, barred
):
    response = send_one(client_for(senco), pupil, mother, barred)
    assert response.status_code == 200
    assert "Sam Jones must not be contacted: court order 3 May 2025" in response.content.decode()
    assert Batch.objects.count() == 0 and Message.objects.count() == 0


def test_a_contact_who_must_not_be_told_is_refused_too(client_for, senco, pupil, mother):
    mother.no_information, mother.restriction_note = True, "Court order"
    mother.save()
    response = send_one(client_for(senco), pupil, mother, channel="letter")
    assert "Mary O&#x27;Brien must not be given information: Court order" in (
        response.content.decode()
    )
    assert Message.objects.count() == 0


def test_no_contact_chosen_is_refused(client_for, senco, pupil):
    response = send_one(client_for(senco), pupil)
    assert response.status_code == 200
    assert "Choose who it will go to" in response.content.decode()
    assert Message.objects.count() == 0


def test_another_pupils_contact_is_refused(client_for, senco, school, pupil):
    other = f.ContactFactory(pupil=f.SenPupilFactory(school=school), email="x@example.com")
    response = send_one(client_for(senco), pupil, other)
    assert response.status_code == 200
    assert Message.objects.count() == 0


def test_an_email_to_a_contact_with_no_address_offers_a_letter(client_for, senco, pupil):
    mother = pupil.contacts.get()
    response = send_one(client_for(senco), pupil, mother)
    assert "Mary O&#x27;Brien has no email address: send a printed letter" in (
        response.content.decode()
    )
    assert Message.objects.count() == 0


def test_an_address_saved_badly_is_refused_as_not_an_email(
    smtp_server, client_for, senco, pupil, mother
):
    type(mother).objects.filter(pk=mother.pk).update(email="mary-at-example")
    response = send_one(client_for(senco), pupil, mother)
    assert response.status_code == 302
    message = Message.objects.get()
    assert message.status == Message.Status.REFUSED
    assert "not a valid email address" in message.reason
    assert smtp_server.emails() == []


def test_a_printed_letter_is_a_pdf_of_one_page_per_letter(client_for, senco, school, pupil):
    f.ContactFactory(pupil=pupil, name="Tom O'Brien", relationship="Father", priority=2)
    contacts = list(pupil.contacts.all())
    response = send_one(client_for(senco), pupil, *contacts, channel="letter")
    assert response.status_code == 302
    batch = Batch.objects.get()
    assert set(batch.messages.values_list("status", flat=True)) == {Message.Status.PRINTED}
    page = client_for(senco).get(reverse("letters_batch", args=[school.urn, batch.pk]))
    assert b"Download the letters (PDF)" in page.content
    pdf = client_for(senco).get(reverse("letters_batch_pdf", args=[school.urn, batch.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(pupil=pupil, action="letters.batch.pdf").count() == 2


def test_an_emailed_batch_has_no_pdf(client_for, senco, school, pupil, mother, smtp_server):
    send_one(client_for(senco), pupil, mother)
    batch = Batch.objects.get()
    url = reverse("letters_batch_pdf", args=[school.urn, batch.pk])
    assert client_for(senco).get(url).status_code == 404


@pytest.mark.parametrize(
    ("kind", "extra", "filled"),
    [
        ("review_invitation", {"meeting_time": "3:30pm"}, "at 3:30pm"),
        ("starting_intervention", {}, "is starting Reading catch-up"),
    ],
)
def test_what_a_letter_is_about_is_filled_in(
    kind, extra, filled, client_for, senco, pupil, mother, member
):
    day = timezone.localdate() + datetime.timedelta(days=10)
    data = send_data(mother, kind=kind, step="preview", **extra)
    data.update(date_data("meeting_date", day))
    data["group"] = str(member.group_id)
    response = client_for(senco).post(reverse("letters_send", args=[pupil.pk]), data)
    assert response.status_code == 200
    assert filled in response.content.decode()


def test_what_a_letter_is_about_must_be_given(client_for, senco, pupil, mother):
    client = client_for(senco)
    for kind, message in (
        ("review_invitation", "Enter the date of the meeting"),
        ("starting_intervention", "Choose which intervention group"),
        ("review_day", "Choose which review day"),
    ):
        response = send_one(client, pupil, mother, kind=kind)
        assert message in response.content.decode(), kind
    assert Message.objects.count() == 0


def test_a_group_of_another_school_is_refused(client_for, senco, pupil, mother, other_school):
    from senco.provision.models import Intervention, InterventionGroup

    theirs = InterventionGroup.objects.create(
        intervention=Intervention.objects.create(
            school=other_school, name="Theirs", area="CL", measure="reading_age"
        ),
        school=other_school,
        name="Their group",
        days="0",
        starts_on=timezone.localdate(),
        ends_on=timezone.localdate() + datetime.timedelta(days=30),
    )
    response = send_one(
        client_for(senco), pupil, mother, kind="starting_intervention", group=str(theirs.pk)
    )
    assert response.status_code == 200
    assert Message.objects.count() == 0


def test_a_meeting_in_the_past_is_refused(client_for, senco, pupil, mother):
    data = send_data(mother, kind="review_invitation", meeting_time="10am")
    data.update(date_data("meeting_date", timezone.localdate() - datetime.timedelta(days=1)))
    response = client_for(senco).post(reverse("letters_send", args=[pupil.pk]), data)
    assert "The date of the meeting must be today or in the future" in response.content.decode()
    assert Message.objects.count() == 0
