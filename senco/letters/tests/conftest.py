"""Fixtures of letters to families, and `smtp_server`: a real SMTP server on loopback
(aiosmtpd) that the tests send to through Django's SMTP backend, for any app to reuse:

    def test_it_arrives(smtp_server):
        ...  # send through the pages
        [email] = smtp_server.emails()
        assert email["To"] == "mary@example.com"

`smtp_server.refuse = "550 5.1.1 No such mailbox"` makes it refuse every recipient.
"""

import email
import email.policy
import socket

import pytest
from aiosmtpd.controller import Controller

from senco import factories as f
from senco.provision.tests.offer_fixtures import group, intervention, member  # noqa: F401


class Collector:
    """An aiosmtpd handler that keeps every envelope, or refuses recipients when told."""

    def __init__(self):
        self.envelopes = []
        self.refuse = ""
        self.port = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.refuse:
            return self.refuse
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"

    def emails(self) -> list:
        """What arrived, each as an email.message.EmailMessage, in order."""
        return [
            email.message_from_bytes(e.original_content or e.content, policy=email.policy.default)
            for e in self.envelopes
        ]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    handler = Collector()
    handler.port = _free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=handler.port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = handler.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    settings.DEFAULT_FROM_EMAIL = "Hillside Academy <senco@hillside.example>"
    try:
        yield handler
    finally:
        controller.stop()


@pytest.fixture
def mother(pupil):
    """The pupil's mother, with an email address (the cast's pupil has Mary O'Brien)."""
    contact = pupil.contacts.get()
    contact.email = "mary@example.com"
    contact.save()
    return contact


@pytest.fixture
def barred(pupil):
    """A father under a court order: must not be contacted."""
    return f.ContactFactory(
        pupil=pupil,
        name="Sam Jones",
        relationship="Father",
        email="sam@example.com",
        priority=2,
        no_contact=True,
        restriction_note="court order 3 May 2025",
    )
