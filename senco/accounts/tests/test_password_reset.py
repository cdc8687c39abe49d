"""A forgotten password is reset by an emailed link that works once, within an hour."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core import mail
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from senco.audit.models import AuditEvent
from senco.testing import EVERYONE_SIGNED_IN, ROLES, assert_valid_html, role_table

# Public pages: the same for everyone, signed in or not.
REQUEST_PAGE = role_table("password_reset", EVERYONE_SIGNED_IN)
REQUEST = role_table("password_reset", dict.fromkeys(ROLES, 302), method="POST")
SENT = role_table("password_reset_sent", EVERYONE_SIGNED_IN)
DONE = role_table("password_reset_done", EVERYONE_SIGNED_IN)
# A made-up link: "This link no longer works".
CONFIRM = role_table("password_reset_confirm", EVERYONE_SIGNED_IN)
CONFIRM_POST = role_table("password_reset_confirm", EVERYONE_SIGNED_IN, method="POST")

NEW = "a-long-Passphrase-77"
BAD_LINK = reverse("password_reset_confirm", args=["MQ", "abc-123"])


@pytest.mark.parametrize(
    ("url", "role", "status"),
    [(reverse("password_reset"), r, s) for r, s in REQUEST_PAGE.items()]
    + [(reverse("password_reset_sent"), r, s) for r, s in SENT.items()]
    + [(reverse("password_reset_done"), r, s) for r, s in DONE.items()]
    + [(BAD_LINK, r, s) for r, s in CONFIRM.items()],
)
def test_each_role_on_each_page(url, role, status, cast, client_for):
    response = client_for(cast[role]).get(url)
    assert response.status_code == status
    assert_valid_html(response)


@pytest.mark.parametrize(("role", "status"), REQUEST.items())
def test_each_role_asks(role, status, cast, client_for):
    response = client_for(cast[role]).post(reverse("password_reset"), {"email": "x@example.org"})
    assert response.status_code == status


@pytest.mark.parametrize(("role", "status"), CONFIRM_POST.items())
def test_each_role_posts_a_bad_link(role, status, cast, client_for):
    response = client_for(cast[role]).post(BAD_LINK, {"new_password": NEW})
    assert response.status_code == status
    assert b"This link no longer works" in response.content


def ask(client, email):
    return client.post(reverse("password_reset"), {"email": email})


def emailed_link(message) -> str:
    return re.search(r"https?://testserver(/accounts/password/reset/\S+/)", message.body).group(1)


def choose(client, link, password=NEW, again=None):
    return client.post(link, {"new_password": password, "new_password_again": again or password})


def test_the_sign_in_page_offers_it(client):
    assert reverse("password_reset").encode() in client.get(reverse("login")).content


def test_a_link_resets_the_password_once(client, teacher):
    teacher.email = "teacher@example.org"
    teacher.must_change_password = True
    teacher.save()
    response = ask(client, "Teacher@Example.org")
    assert response["Location"] == reverse("password_reset_sent")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["teacher@example.org"]
    assert "within the next hour" in message.body
    link = emailed_link(message)

    page = client.get(link)
    assert b"Choose a new password" in page.content
    assert_valid_html(page)
    mismatch = choose(client, link, NEW, NEW + "x")
    assert "must be the same" in mismatch.content.decode()
    short = choose(client, link, "short")
    assert "10 characters or more" in short.content.decode()

    assert choose(client, link)["Location"] == reverse("password_reset_done")
    teacher.refresh_from_db()
    assert teacher.check_password(NEW)
    assert not teacher.must_change_password
    assert AuditEvent.objects.filter(action="auth.password_reset", user=teacher).exists()
    assert AuditEvent.objects.filter(
        action="auth.password_reset_requested", detail__user=teacher.pk
    ).exists()
    assert NEW not in str(list(AuditEvent.objects.values_list("detail", flat=True)))

    # The link has been used: it no longer works.
    again = client.get(link)
    assert b"This link no longer works" in again.content
    choose(client, link, "yet-another-Passphrase-9")
    teacher.refresh_from_db()
    assert teacher.check_password(NEW)

    # Signing in with the new password works.
    signed_in = client.post(reverse("login"), {"username": "teacher", "password": NEW})
    assert signed_in.status_code == 302


def test_a_link_expires_after_an_hour(client, teacher, monkeypatch):
    teacher.email = "teacher@example.org"
    teacher.save()
    ask(client, "teacher@example.org")
    link = emailed_link(mail.outbox[0])
    real_now = PasswordResetTokenGenerator._now
    monkeypatch.setattr(
        PasswordResetTokenGenerator,
        "_now",
        lambda self: real_now(self) + timedelta(hours=1, minutes=1),
    )
    assert b"This link no longer works" in client.get(link).content


def test_an_unknown_address_gets_the_same_answer_and_no_email(client, teacher):
    response = ask(client, "nobody@example.org")
    assert response["Location"] == reverse("password_reset_sent")
    assert mail.outbox == []


def test_a_switched_off_account_gets_no_email(client, teacher):
    teacher.email = "teacher@example.org"
    teacher.is_active = False
    teacher.save()
    ask(client, "teacher@example.org")
    assert mail.outbox == []


def test_no_more_than_three_emails_an_hour(client, teacher):
    teacher.email = "teacher@example.org"
    teacher.save()
    for _ in range(5):
        ask(client, "teacher@example.org")
    assert len(mail.outbox) == 3


def test_a_bad_address_is_named(client):
    response = ask(client, "not an address")
    assert "Enter an email address in the correct format" in response.content.decode()
    assert_valid_html(response)


def test_a_reset_does_not_skip_two_factor(client, teacher):
    teacher.email = "teacher@example.org"
    teacher.save()
    TOTPDevice.objects.create(user=teacher, name="Authenticator app", confirmed=True)
    ask(client, "teacher@example.org")
    choose(client, emailed_link(mail.outbox[0]))
    client.post(reverse("login"), {"username": "teacher", "password": NEW})
    assert client.get(reverse("home"))["Location"].startswith(reverse("two_factor_verify"))
