"""Emails sent for real, to an SMTP server on loopback (`smtp_server`, conftest.py), through
the pages: the immediate task backend sends at once, as the worker would."""

from django.test import override_settings
from django.urls import reverse

from senco import factories as f
from senco.audit.actor import Actor
from senco.letters import services, tasks
from senco.letters.models import Channel, Kind, Message
from senco.letters.tests.helpers import latest_batch, send_one

DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def test_an_email_arrives_with_the_childs_name_filled_in(
    smtp_server, client_for, senco, pupil, mother
):
    senco.email, senco.first_name, senco.last_name = "senco@hillside.example", "Ann", "Lee"
    senco.save()
    response = send_one(client_for(senco), pupil, mother)
    assert response.status_code == 302
    [arrived] = smtp_server.emails()
    assert arrived["To"] == "mary@example.com"
    assert arrived["From"] == "Hillside Academy <senco@hillside.example>"
    assert arrived["Reply-To"] == "senco@hillside.example"
    assert arrived["Subject"] == "Zoë and extra help at school"
    text = arrived.get_body(preferencelist=("plain",)).get_content().replace("\r\n", "\n")
    assert "Dear Mary O'Brien" in text
    assert "Zoë O'Brien-Łukasiewicz is now on our register" in text
    assert "Ann Lee\nSENCO, Hillside Academy" in text
    html = arrived.get_body(preferencelist=("html",)).get_content()
    assert "Mary O&#x27;Brien" in html
    message = Message.objects.get(pupil=pupil)
    assert message.status == Message.Status.SENT
    assert message.sent_at is not None and message.attempts == 1
    assert message.to_email == "mary@example.com"


def test_a_refused_address_fails_with_the_reason_and_try_again_sends_it(
    smtp_server, client_for, senco, school, pupil, mother
):
    smtp_server.refuse = "550 5.1.1 Mailbox unavailable"
    client = client_for(senco)
    send_one(client, pupil, mother)
    message = Message.objects.get(pupil=pupil)
    assert message.status == Message.Status.FAILED
    assert "refused the address (550 5.1.1 Mailbox unavailable)" in message.reason
    assert smtp_server.emails() == []
    batch = latest_batch()
    page = client.get(reverse("letters_batch", args=[school.urn, batch.pk]))
    assert b"Try again to send 1 email" in page.content
    assert b"Mailbox unavailable" in page.content

    smtp_server.refuse = ""
    response = client.post(reverse("letters_batch_retry", args=[school.urn, batch.pk]))
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.status == Message.Status.SENT and message.attempts == 2
    assert message.reason == ""
    assert len(smtp_server.emails()) == 1


def test_a_server_that_is_down_fails_every_email_to_try_again(
    settings, client_for, senco, pupil, mother
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", 9, False
    settings.EMAIL_TIMEOUT = 2
    send_one(client_for(senco), pupil, mother)
    message = Message.objects.get(pupil=pupil)
    assert message.status == Message.Status.FAILED
    assert message.reason == tasks.UNREACHABLE


def test_a_court_order_recorded_after_queueing_stops_the_email(
    smtp_server, senco, school, pupil, mother
):
    with override_settings(TASKS=DUMMY_TASKS):
        batch = services.letters_send(
            actor=Actor(senco),
            school=school,
            kind=Kind.JOINED_REGISTER,
            channel=Channel.EMAIL,
            pupils=[pupil],
        )
    assert batch.messages.get().status == Message.Status.QUEUED
    mother.no_contact, mother.restriction_note = True, "court order 1 December 2026"
    mother.save()
    tasks.send_batch.call(batch.pk)
    message = batch.messages.get()
    assert message.status == Message.Status.REFUSED
    assert message.reason == "Mary O'Brien must not be contacted: court order 1 December 2026"
    assert smtp_server.emails() == []


def test_sending_again_sends_nothing_twice(smtp_server, senco, school, pupil, mother):
    batch = services.letters_send(
        actor=Actor(senco),
        school=school,
        kind=Kind.JOINED_REGISTER,
        channel=Channel.EMAIL,
        pupils=[pupil],
    )
    assert tasks.send_batch.call(batch.pk) == "nothing to send"
    assert len(smtp_server.emails()) == 1


def test_many_families_get_one_email_each_through_one_connection(
    smtp_server, client_for, senco, school, pupil, mother
):
    others = f.SenPupilFactory.create_batch(3, school=school, year_group=8)
    for n, other in enumerate(others):
        f.ContactFactory(pupil=other, name=f"Parent {n}", email=f"parent{n}@example.com")
    response = client_for(senco).post(
        reverse("letters_bulk", args=[school.urn]),
        {"kind": "joined_register", "channel": "email", "step": "send"},
    )
    assert response.status_code == 302
    arrived = smtp_server.emails()
    assert sorted(e["To"] for e in arrived) == [
        "mary@example.com",
        "parent0@example.com",
        "parent1@example.com",
        "parent2@example.com",
    ]
    batch = latest_batch()
    assert batch.messages.filter(status=Message.Status.SENT).count() == 4


# --- A letter of a register change records the parents as told ------------------------------


def _change_not_told(senco, pupil):
    from senco.register.services import register_change_record

    return register_change_record(
        actor=Actor(senco),
        pupil=pupil,
        to_provision="E",
        to_primary_need="ASD",
        to_secondary_need="",
        reason="EHC plan issued",
        effective_date=pupil.on_register_since,
    )


def test_a_joined_the_register_email_sent_records_the_parents_as_told(
    smtp_server, client_for, senco, pupil, mother
):
    change = _change_not_told(senco, pupil)
    pupil.refresh_from_db()
    assert pupil.parents_not_told and not change.parents_told
    send_one(client_for(senco), pupil, mother)
    change.refresh_from_db()
    pupil.refresh_from_db()
    assert change.parents_told and change.parents_told_on is not None
    assert not pupil.parents_not_told


def test_a_printed_letter_records_them_told_but_a_failed_email_does_not(
    smtp_server, client_for, senco, pupil, mother
):
    change = _change_not_told(senco, pupil)
    smtp_server.refuse = "550 5.1.1 Mailbox unavailable"
    client = client_for(senco)
    send_one(client, pupil, mother)
    change.refresh_from_db()
    assert not change.parents_told  # nothing reached the family
    send_one(client, pupil, mother, channel="letter")
    change.refresh_from_db()
    assert change.parents_told


def test_other_letters_leave_the_register_alone(smtp_server, senco, school, pupil, mother):
    change = _change_not_told(senco, pupil)
    services.letters_send(
        actor=Actor(senco),
        school=school,
        kind=Kind.REVIEW_INVITATION,
        channel=Channel.EMAIL,
        pupils=[pupil],
        about={"date": "2026-12-03", "time": "15:30"},
    )
    assert Message.objects.get(pupil=pupil).status == Message.Status.SENT
    change.refresh_from_db()
    assert not change.parents_told
