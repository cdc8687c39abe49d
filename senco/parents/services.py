"""Writes of what parents send and the school's answers: each in a transaction with its
audit row in the pupil's log (ids only, never names or what was written)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from senco.audit.actor import Actor
from senco.audit.services import audit_record
from senco.lib.versions import check_version
from senco.parents.audit import ParentsAction
from senco.parents.models import MeetingRequest, ParentViews
from senco.parents.selectors import request_current

NOTHING_WRITTEN = "Write what is going well, what worries you or what you would like to happen next"
NO_STATUS = "Choose what happens next: a meeting is arranged, or the request is answered"


def _contact(pupil, contacts):
    """The parent's first contact record for this child (they were checked by child_for)."""
    for contact in contacts:
        if contact.pupil_id == pupil.pk and contact.may_be_told:
            return contact
    raise ValidationError("You cannot send anything about this child.")


@transaction.atomic
def views_add(*, actor: Actor, pupil, contacts, going_well="", worries="", hopes="") -> ParentViews:
    contact = _contact(pupil, contacts)
    if not (going_well.strip() or worries.strip() or hopes.strip()):
        raise ValidationError(NOTHING_WRITTEN)
    views = ParentViews.objects.create(
        pupil=pupil,
        contact=contact,
        written_by=actor.user,
        going_well=going_well.strip(),
        worries=worries.strip(),
        hopes=hopes.strip(),
    )
    audit_record(
        actor=actor,
        pupil=pupil,
        action=ParentsAction.VIEWS_ADD,
        detail={"views_id": views.pk, "contact_id": contact.pk},
    )
    return views


@transaction.atomic
def meeting_ask(*, actor: Actor, pupil, contacts, about, when="") -> MeetingRequest:
    contact = _contact(pupil, contacts)
    if not about.strip():
        raise ValidationError({"about": "Enter what you would like to talk about"})
    request = MeetingRequest.objects.create(
        pupil=pupil, contact=contact, asked_by=actor.user, about=about.strip(), when=when.strip()
    )
    audit_record(
        actor=actor,
        pupil=pupil,
        action=ParentsAction.ASK,
        detail={"request_id": request.pk, "contact_id": contact.pk},
    )
    return request


@transaction.atomic
def views_read(*, actor: Actor, views: ParentViews) -> ParentViews:
    views = ParentViews.objects.select_for_update().select_related("pupil").get(pk=views.pk)
    if views.read_at is None:
        views.read_at = timezone.now()
        views.save(update_fields=["read_at"])
        audit_record(
            actor=actor,
            pupil=views.pupil,
            action=ParentsAction.VIEWS_READ,
            detail={"views_id": views.pk},
        )
    return views


ANSWERED = (MeetingRequest.Status.ARRANGED, MeetingRequest.Status.CLOSED)


@transaction.atomic
def request_answer(
    *, actor: Actor, request: MeetingRequest, version=None, status, answer
) -> MeetingRequest:
    """The school's answer, which the family sees: "Meeting arranged" or "Answered"."""
    request = MeetingRequest.objects.select_for_update().select_related("pupil").get(pk=request.pk)
    check_version(version, request.version, theirs=lambda: request_current(request))
    if status not in ANSWERED:
        raise ValidationError({"status": NO_STATUS})
    if not answer.strip():
        raise ValidationError({"answer": "Enter your answer to the family"})
    request.status = status
    request.answer = answer.strip()
    request.answered_by = actor.user
    request.answered_at = timezone.now()
    request.version += 1
    request.save()
    audit_record(
        actor=actor,
        pupil=request.pupil,
        action=ParentsAction.REQUEST_ANSWER,
        detail={"request_id": request.pk, "status": status, "version": request.version},
    )
    return request
