"""Inviting a parent: the office or the SENCO sends the link (refused, with the reason, for a
contact who may not be told or has no email), the parent accepts once, and the school can
stop their access. The email is read from a real SMTP server on loopback."""

import datetime
import email
import email.policy
import re
import socket
import threading

import pytest
from aiosmtpd.controller import Controller
from django.contrib.auth import get_user_model
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from senco import factories as f
from senco.accounts import parent_invitations as invitations
from senco.accounts.models import ParentInvitation, ParentLink
from senco.audit.actor import Actor
from senco.audit.models import AuditEvent
from senco.testing import ROLES, answers, assert_valid_html, role_tables

EMAIL = "Mary.OBrien@example.org"
PASSWORD = "a-long-and-lovely-parent-password"

INVITERS_PAGE = answers(403, senco=200, office=200, parent=404, outsider=404)
INVITERS_ACTION = answers(403, senco=302, office=302, parent=404, outsider=404)
GETS = role_tables(
    {
        "parent_invite": INVITERS_PAGE,
        "parent_access_stop": INVITERS_PAGE,
        # Open to anyone holding a link that works: the page to choose a password.
        "parent_join": answers(200),
    }
)
POSTS = role_tables(
    {
        "parent_invite": INVITERS_ACTION,
        "parent_access_stop": INVITERS_ACTION,
        # A good link makes the account and signs its owner in, whoever was signed in.
        "parent_join": answers(302),
    },
    method="POST",
)


@pytest.fixture
def mother(pupil):
    contact = pupil.contacts.order_by("pk").first()
    contact.email = EMAIL
    contact.save()
    return contact


def _invite(contact, by, link=lambda token: f"http://testserver/parent/join/{token}/"):
    sent = {}

    def link_for(token):
        sent["token"] = token
        return link(token)

    invitations.invite(actor=Actor(by), contact=contact, link_for=link_for)
    return sent["token"]


def _args(name, school, contact, token):
    if name == "parent_join":
        return [token]
    return [school.urn, contact.pk]


@pytest.mark.parametrize("name", sorted(GETS))
@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_the_right_answer(name, role, cast, client_for, school, mother, senco):
    token = _invite(mother, senco)
    response = client_for(cast[role]).get(reverse(name, args=_args(name, school, mother, token)))
    assert response.status_code == GETS[name][role]
    assert_valid_html(response)


@pytest.mark.parametrize("name", sorted(POSTS))
@pytest.mark.parametrize("role", ROLES)
def test_each_role_posts_with_the_right_answer(
    name, role, cast, client_for, school, mother, senco, mailoutbox
):
    token = _invite(mother, senco)
    data = {"new_password": PASSWORD, "new_password_again": PASSWORD}
    url = reverse(name, args=_args(name, school, mother, token))
    response = client_for(cast[role]).post(url, data)
    assert response.status_code == POSTS[name][role]


def test_the_invitation_email_and_its_link(client_for, office, school, mother, mailoutbox):
    client = client_for(office)
    page = client.get(reverse("parent_invite", args=[school.urn, mother.pk]))
    assert EMAIL.encode() in page.content and b"Send the invitation" in page.content
    response = client.post(reverse("parent_invite", args=[school.urn, mother.pk]))
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    sent = mailoutbox[0]
    assert sent.to == [EMAIL]
    assert "Hillside Academy" in sent.subject
    assert "Zoë" in sent.body and "14 days" in sent.body and "works once" in sent.body
    link = re.search(r"http://testserver(/parent/join/[\w-]+/)", sent.body)
    assert link, sent.body
    invitation = ParentInvitation.objects.get(contact=mother)
    token = link.group(1).split("/")[-2]
    assert (
        invitation.token_hash == invitations.token_hash(token)
        and token not in invitation.token_hash
    )
    assert invitation.expires_at - timezone.now() > datetime.timedelta(days=13, hours=23)
    event = AuditEvent.objects.get(action="parent.invite")
    assert event.pupil_id == mother.pupil_id and EMAIL not in str(event.detail)
    # The contact's page says an invitation is waiting.
    page = client.get(reverse("contact_change", args=[school.urn, mother.pk]))
    assert b"Invited to use senco on" in page.content and b"Stop access" in page.content


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"no_contact": True, "restriction_note": "Court order"}, "must not be contacted"),
        (
            {"no_information": True, "restriction_note": "Court order"},
            "must not be given information",
        ),
        ({"email": ""}, "no email address"),
    ],
)
def test_a_contact_who_may_not_be_told_is_refused_with_the_reason(
    change, reason, client_for, senco, school, mother, mailoutbox
):
    for field, value in change.items():
        setattr(mother, field, value)
    mother.save()
    client = client_for(senco)
    url = reverse("parent_invite", args=[school.urn, mother.pk])
    page = client.get(url)
    assert reason.encode() in page.content
    assert b"Send the invitation" not in page.content
    response = client.post(url)
    assert response.status_code == 200 and reason.encode() in response.content
    assert not ParentInvitation.objects.exists() and not mailoutbox


def test_a_new_invitation_cancels_the_earlier_one(senco, mother, mailoutbox):
    first = _invite(mother, senco)
    second = _invite(mother, senco)
    client = Client()
    assert client.get(reverse("parent_join", args=[first])).status_code == 404
    assert client.get(reverse("parent_join", args=[second])).status_code == 200


def test_accepting_makes_an_account_signs_in_and_works_once(senco, mother, pupil, mailoutbox):
    token = _invite(mother, senco)
    url = reverse("parent_join", args=[token])
    client = Client()
    page = client.get(url)
    assert_valid_html(page)
    assert page.content.count(b'type="password"') == 2
    short = client.post(url, {"new_password": "short", "new_password_again": "short"})
    assert short.status_code == 200 and b"There is a problem" in short.content
    response = client.post(url, {"new_password": PASSWORD, "new_password_again": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("parent_home")
    user = get_user_model().objects.get(username=EMAIL.lower())
    assert user.email == EMAIL.lower() and not user.memberships.exists()
    assert ParentLink.objects.get(contact=mother).user == user
    assert client.get(reverse("parent_child", args=[pupil.pk])).status_code == 200
    join = AuditEvent.objects.get(action="parent.join")
    assert join.pupil_id == pupil.pk and join.user_id == user.pk
    # A second use: the plain page, nothing made.
    again = Client().post(url, {"new_password": PASSWORD, "new_password_again": PASSWORD})
    assert again.status_code == 404 and b"does not work any more" in again.content
    assert ParentLink.objects.count() == 1


def test_every_link_that_does_not_work_is_the_same_page(senco, mother):
    used, expired, cancelled, flagged = (_invite(mother, senco) for _ in range(4))
    # Only the last is still waiting (each invitation cancels the one before).
    pages = []
    for token in ("not-a-real-token", used, expired, cancelled):
        response = Client().get(reverse("parent_join", args=[token]))
        pages.append((response.status_code, re.sub(rb'value="[^"]*"', b"", response.content)))
    ParentInvitation.objects.filter(token_hash=invitations.token_hash(flagged)).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    response = Client().get(reverse("parent_join", args=[flagged]))
    pages.append((response.status_code, re.sub(rb'value="[^"]*"', b"", response.content)))
    assert {status for status, _ in pages} == {404}
    assert len({content for _, content in pages}) == 1
    assert b"Ask the school to send a new one." in pages[0][1]


def test_a_contact_flagged_after_the_invitation_cannot_use_it(senco, mother):
    token = _invite(mother, senco)
    mother.no_information = True
    mother.restriction_note = "Court order"
    mother.save()
    response = Client().get(reverse("parent_join", args=[token]))
    assert response.status_code == 404 and b"does not work any more" in response.content


def test_two_acceptances_at_once_one_wins(senco, mother):
    token = _invite(mother, senco)
    invitation = invitations.invitation_for(token)
    same = invitations.invitation_for(token)
    invitations.accept_new(actor=Actor(), invitation=invitation, password=PASSWORD)
    with pytest.raises(invitations.InvitationGone):
        invitations.accept_new(actor=Actor(), invitation=same, password=PASSWORD)
    assert get_user_model().objects.filter(username=EMAIL.lower()).count() == 1
    assert ParentLink.objects.count() == 1


def test_an_existing_account_signs_in_on_the_page_to_link(senco, mother, school, pupil, client_for):
    """A parent of a second child, or staff who are also a parent."""
    user = f.UserFactory(username="mary", email=EMAIL.lower())
    user.set_password(PASSWORD)
    user.save()
    token = _invite(mother, senco)
    url = reverse("parent_join", args=[token])
    client = Client()
    page = client.get(url)
    assert (
        page.content.count(b'type="password"') == 1 and b"already have an account" in page.content
    )
    wrong = client.post(url, {"password": "not-the-password"})
    assert wrong.status_code == 200 and b"Your password is not right" in wrong.content
    assert not ParentLink.objects.exists()
    right = client.post(url, {"password": PASSWORD})
    assert right.status_code == 302
    assert ParentLink.objects.get(contact=mother).user == user
    assert client.get(reverse("parent_child", args=[pupil.pk])).status_code == 200


def test_stop_access_switches_the_link_off(office, senco, mother, pupil, school, client_for):
    token = _invite(mother, senco)
    parent_client = Client()
    parent_client.post(
        reverse("parent_join", args=[token]),
        {"new_password": PASSWORD, "new_password_again": PASSWORD},
    )
    assert parent_client.get(reverse("parent_child", args=[pupil.pk])).status_code == 200
    staff = client_for(office)
    url = reverse("parent_access_stop", args=[school.urn, mother.pk])
    assert b"Are you sure" in staff.get(url).content
    assert staff.post(url).status_code == 302
    assert not ParentLink.objects.get(contact=mother).is_active
    assert parent_client.get(reverse("parent_child", args=[pupil.pk])).status_code == 404
    assert AuditEvent.objects.filter(action="parent.access_stop", pupil=pupil).exists()


def test_the_pupil_page_shows_whether_each_contact_uses_senco(
    senco, mother, pupil, client_for, parent
):
    page = client_for(senco).get(reverse("pupil_detail", args=[pupil.pk]))
    assert b"Does not use senco" in page.content and b"Invite to use senco" in page.content
    ParentLink.objects.create(user=parent, contact=mother)
    page = client_for(senco).get(reverse("pupil_detail", args=[pupil.pk]))
    assert b"Uses senco as a parent" in page.content
    assert_valid_html(page)


# --- The email through a real SMTP server on loopback ------------------------------------------


class _Inbox:
    def __init__(self):
        self.messages = []
        self.arrived = threading.Event()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        self.messages.append(envelope)
        self.arrived.set()
        return "250 OK"


@pytest.fixture
def smtp_inbox():
    inbox = _Inbox()
    with socket.socket() as probe:  # a free port on loopback
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


def test_the_invitation_arrives_by_smtp(smtp_inbox, senco, mother):
    inbox, port = smtp_inbox
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=port,
        EMAIL_USE_TLS=False,
        EMAIL_HOST_USER="",
        EMAIL_HOST_PASSWORD="",
    ):
        _invite(mother, senco)
    assert inbox.arrived.wait(5)
    envelope = inbox.messages[0]
    assert envelope.rcpt_tos == [EMAIL]
    message = email.message_from_bytes(envelope.content, policy=email.policy.default)
    assert message["Subject"].strip() == "Hillside Academy: see how Zoë is getting on, on senco"
    assert message["To"] == EMAIL
    body = message.get_content()
    assert "Dear Mary O'Brien" in body and "works once, within 14 days" in body
    assert re.search(r"http://testserver/parent/join/[\w-]+/", body)
