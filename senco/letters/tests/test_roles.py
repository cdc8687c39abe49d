"""Each role's answer on every page of letters to families."""

import pytest
from django.urls import reverse

from senco.audit.actor import Actor
from senco.audit.models import AuditEvent
from senco.letters import services
from senco.letters.models import Channel, Kind, Message, Wording
from senco.letters.tests.helpers import bulk_data, send_data
from senco.testing import (
    PUPIL_READERS,
    ROLES,
    SENCO_ONLY_PUPIL_ACTION,
    SENCO_ONLY_PUPIL_PAGE,
    SENCO_ONLY_SCHOOL_ACTION,
    SENCO_ONLY_SCHOOL_PAGE,
    answers,
    assert_valid_html,
    role_tables,
)

LOG_READERS = answers(403, senco=200, leader=200, parent=404, outsider=404)

GETS = role_tables(
    {
        "letters_wording": SENCO_ONLY_SCHOOL_PAGE,
        "letters_wording_change": SENCO_ONLY_SCHOOL_PAGE,
        "letters_send": SENCO_ONLY_PUPIL_PAGE,
        "letters_bulk": SENCO_ONLY_SCHOOL_PAGE,
        "letters_batches": LOG_READERS,
        "letters_batch": LOG_READERS,
        "letters_batch_pdf": LOG_READERS,
        "letters_pupil_log": PUPIL_READERS,
        "letters_message": PUPIL_READERS,
    }
)
POSTS = role_tables(
    {
        "letters_wording_change": SENCO_ONLY_SCHOOL_ACTION,
        "letters_send": SENCO_ONLY_PUPIL_ACTION,
        "letters_bulk": SENCO_ONLY_SCHOOL_ACTION,
        "letters_batch_retry": SENCO_ONLY_SCHOOL_ACTION,
    },
    method="POST",
)
SCHOOL_PAGES = {"letters_wording", "letters_bulk", "letters_batches"}
BATCH_PAGES = {"letters_batch", "letters_batch_pdf", "letters_batch_retry"}


@pytest.fixture
def printed(senco, school, pupil):
    """A printed letter to the pupil's family."""
    return services.letters_send(
        actor=Actor(senco),
        school=school,
        kind=Kind.JOINED_REGISTER,
        channel=Channel.LETTER,
        pupils=[pupil],
    )


def _url(name, school, pupil, batch):
    if name in SCHOOL_PAGES:
        return reverse(name, args=[school.urn])
    if name == "letters_wording_change":
        return reverse(name, args=[school.urn, Kind.JOINED_REGISTER])
    if name in BATCH_PAGES:
        return reverse(name, args=[school.urn, batch.pk])
    if name == "letters_message":
        return reverse(name, args=[pupil.pk, batch.messages.get().pk])
    return reverse(name, args=[pupil.pk])


@pytest.mark.parametrize("name", sorted(GETS))
@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_the_right_answer(name, role, cast, client_for, school, pupil, printed):
    response = client_for(cast[role]).get(_url(name, school, pupil, printed))
    assert response.status_code == GETS[name][role]
    if name != "letters_batch_pdf":
        assert_valid_html(response)
    if response.status_code != 200:
        assert pupil.legal_surname.encode() not in response.content
    elif name not in ("letters_wording", "letters_wording_change", "letters_batches"):
        # Every page that shows the pupil writes a row in their log.
        assert AuditEvent.objects.filter(
            pupil=pupil, action__startswith="letters.", user=cast[role]
        ).exists()


@pytest.mark.parametrize("role", ROLES)
def test_who_may_send_a_letter_to_one_family(role, cast, client_for, pupil):
    mother = pupil.contacts.get()
    response = client_for(cast[role]).post(
        reverse("letters_send", args=[pupil.pk]), send_data(mother, channel="letter")
    )
    assert response.status_code == POSTS["letters_send"][role]
    sent = Message.objects.filter(pupil=pupil, status=Message.Status.PRINTED).exists()
    assert sent == (response.status_code == 302)


@pytest.mark.parametrize("role", ROLES)
def test_who_may_write_to_many_families(role, cast, client_for, school, pupil):
    response = client_for(cast[role]).post(
        reverse("letters_bulk", args=[school.urn]), bulk_data(channel="letter")
    )
    assert response.status_code == POSTS["letters_bulk"][role]
    assert Message.objects.filter(pupil=pupil).exists() == (response.status_code == 302)


@pytest.mark.parametrize("role", ROLES)
def test_who_may_change_the_wording(role, cast, client_for, school):
    url = reverse("letters_wording_change", args=[school.urn, Kind.LEFT_REGISTER])
    data = {"subject": f"By {role}", "body": "Dear {contact_name}", "version": "0"}
    response = client_for(cast[role]).post(url, data)
    assert response.status_code == POSTS["letters_wording_change"][role]
    saved = Wording.objects.filter(school=school, subject=f"By {role}").exists()
    assert saved == (response.status_code == 302)


@pytest.mark.parametrize("role", ROLES)
def test_who_may_try_again(role, cast, client_for, school, printed):
    Message.objects.filter(batch=printed).update(status=Message.Status.FAILED)
    url = reverse("letters_batch_retry", args=[school.urn, printed.pk])
    response = client_for(cast[role]).post(url)
    assert response.status_code == POSTS["letters_batch_retry"][role]
    still = Message.objects.filter(batch=printed, status=Message.Status.FAILED).exists()
    assert still == (response.status_code != 302)


def test_a_batch_of_another_school_is_not_found(client_for, senco, other_school, other_pupil):
    from senco import factories as f

    other_senco = f.MembershipFactory(school=other_school, role="senco").user
    theirs = services.letters_send(
        actor=Actor(other_senco),
        school=other_school,
        kind=Kind.JOINED_REGISTER,
        channel=Channel.LETTER,
        pupils=[other_pupil],
    )
    client = client_for(senco)
    from senco.schools.models import School

    mine = School.objects.get(urn="137001")
    for name in ("letters_batch", "letters_batch_pdf"):
        assert client.get(reverse(name, args=[mine.urn, theirs.pk])).status_code == 404
        assert client.get(reverse(name, args=[other_school.urn, theirs.pk])).status_code == 404
    assert (
        client.post(reverse("letters_batch_retry", args=[mine.urn, theirs.pk])).status_code == 404
    )


def test_a_message_of_another_pupil_is_not_found(client_for, senco, school, pupil, printed):
    from senco import factories as f

    someone = f.SenPupilFactory(school=school)
    message = printed.messages.get()
    url = reverse("letters_message", args=[someone.pk, message.pk])
    assert client_for(senco).get(url).status_code == 404
