"""The one task that sends a batch's emails (django-tasks; run by `manage.py db_worker`, or
at once with the immediate backend in the tests and with TASKS_IMMEDIATE=1).

Safe to run again: it takes only the batch's messages still `queued`, and marks each as it
goes. Before each email it checks again that the contact may still be told about the pupil:
a court order recorded after the letter was queued stops it (refused, with the reason).
"""

import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.utils import timezone
from django.utils.html import escape
from django_tasks import task

from senco.audit.actor import Actor
from senco.letters.models import Batch, Message

logger = logging.getLogger(__name__)

UNREACHABLE = "The email server could not be reached: try again later"


def _html(body: str) -> str:
    paragraphs = [p for p in body.replace("\r\n", "\n").split("\n\n") if p.strip()]
    inner = "".join(f"<p>{escape(p).replace(chr(10), '<br>')}</p>" for p in paragraphs)
    return f'<!DOCTYPE html><html lang="en-GB"><body>{inner}</body></html>'


def _refusal(message: Message) -> str:
    """Why the message may no longer be sent, or ""."""
    from senco.letters.services import email_problem, restriction

    contact = message.contact
    if contact is None:
        return "The contact has been removed since the letter was queued"
    why = restriction(contact)
    if why:
        return why
    if not contact.email:
        return "The contact no longer has an email address"
    return email_problem(contact.email)


def _failure(error: Exception) -> str:
    """The SMTP server's answer in plain words, for the SENCO."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        answers = list(error.recipients.values())
        code, text = answers[0] if answers else (0, b"")
        words = text.decode(errors="replace") if isinstance(text, bytes) else str(text)
        return f"The email server refused the address ({code} {words})"[:300]
    if isinstance(error, smtplib.SMTPResponseException):
        words = error.smtp_error
        words = words.decode(errors="replace") if isinstance(words, bytes) else str(words)
        return f"The email server refused the email ({error.smtp_code} {words})"[:300]
    if isinstance(error, smtplib.SMTPException | OSError):
        return UNREACHABLE
    return "The email could not be sent"


def _reply_to(school) -> list[str]:
    from senco.letters.services import senco_of

    senco = senco_of(school)
    return [senco.email] if senco is not None and senco.email else []


@task()
def send_batch(batch_id: int) -> str:
    """Send the batch's queued emails through one connection; returns what it did."""
    batch = Batch.objects.select_related("school").filter(pk=batch_id).first()
    if batch is None:
        return "no such batch"
    queued = list(
        Message.objects.filter(batch=batch, status=Message.Status.QUEUED)
        .select_related("contact")
        .order_by("pk")
    )
    if not queued:
        return "nothing to send"
    reply_to = _reply_to(batch.school)
    connection = get_connection(fail_silently=False)
    opened = None
    try:
        connection.open()
    except Exception as error:  # the server is down: every message fails, to try again
        logger.warning("letters: could not open the email connection: %s", error)
        opened = error
    counts = {"sent": 0, "failed": 0, "refused": 0}
    try:
        for message in queued:
            message.attempts += 1
            refused = _refusal(message)
            if refused:
                message.status, message.reason = Message.Status.REFUSED, refused
            elif opened is not None:
                message.status, message.reason = Message.Status.FAILED, _failure(opened)
            else:
                _send_one(message, connection, reply_to)
            counts[{"sent": "sent", "failed": "failed", "refused": "refused"}[message.status]] += 1
            # Each one as it goes: a crash half way leaves the rest queued, never sent twice.
            Message.objects.filter(pk=message.pk).update(
                status=message.status,
                reason=message.reason,
                attempts=message.attempts,
                sent_at=message.sent_at,
                to_email=message.to_email,
            )
    finally:
        if opened is None:
            try:
                connection.close()
            except Exception:  # closing a broken connection must not undo what was sent
                logger.warning("letters: could not close the email connection")
    sent = {m.pupil_id for m in queued if m.status == Message.Status.SENT}
    if sent:
        from senco.letters.services import record_parents_told

        record_parents_told(batch, sent, Actor(batch.created_by))
    return ", ".join(f"{n} {what}" for what, n in counts.items())


def _send_one(message: Message, connection, reply_to: list[str]) -> None:
    address = message.contact.email
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[address],
        reply_to=reply_to,
        connection=connection,
    )
    email.attach_alternative(_html(message.body), "text/html")
    try:
        email.send()
    except Exception as error:
        message.status, message.reason = Message.Status.FAILED, _failure(error)
        return
    message.status, message.reason = Message.Status.SENT, ""
    message.to_email = address[:254]
    message.sent_at = timezone.now()
