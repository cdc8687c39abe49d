"""Writes for meetings with families: each in a transaction with its audit row."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from senco.audit.actor import Actor
from senco.audit.services import audit_record
from senco.families.audit import FamiliesAction
from senco.families.models import CountingKinds, FollowUp, Kind, Meeting
from senco.lib.versions import check_version
from senco.pupils.models import Contact

FUTURE = "The date of the meeting must be today or in the past"


def _check(pupil, held_on: datetime.date, contacts, today: datetime.date) -> list[Contact]:
    if held_on > today:
        raise ValidationError({"held_on": FUTURE})
    ids = [c.pk for c in contacts]
    allowed = list(
        Contact.objects.filter(pupil=pupil, pk__in=ids, no_contact=False, no_information=False)
    )
    if len(allowed) != len(set(ids)):
        raise ValidationError(
            {"contacts": "Choose only this pupil's contacts who may be told about them"}
        )
    return allowed


def _check_review(pupil, cycle, annual_review) -> None:
    """A meeting is for at most one review, and only one of this pupil's."""
    if cycle is not None and annual_review is not None:
        raise ValidationError({"review": "Choose one review, or none"})
    if cycle is not None and cycle.pupil_id != pupil.pk:
        raise ValidationError({"review": "Choose a review of this pupil's plan"})
    if annual_review is not None and annual_review.plan.pupil_id != pupil.pk:
        raise ValidationError({"review": "Choose a review of this pupil's plan"})


def meeting_current(meeting: Meeting) -> list[tuple[str, str, object]]:
    """What is saved now, for the page that shows it beside what someone typed."""
    return [
        ("kind", "Kind of meeting", meeting.kind),
        ("held_on", "Date of the meeting", meeting.held_on),
        ("others", "Staff and others there", meeting.others),
        ("agreed", "What was agreed", meeting.agreed),
    ]


@transaction.atomic
def meeting_add(
    *,
    actor: Actor,
    pupil,
    kind,
    held_on,
    contacts=(),
    others="",
    agreed="",
    today=None,
    cycle=None,
    annual_review=None,
) -> Meeting:
    today = today or timezone.localdate()
    allowed = _check(pupil, held_on, contacts, today)
    _check_review(pupil, cycle, annual_review)
    meeting = Meeting.objects.create(
        cycle=cycle,
        annual_review=annual_review,
        school_id=pupil.school_id,
        pupil=pupil,
        kind=Kind(kind),
        held_on=held_on,
        others=others,
        agreed=agreed,
        recorded_by=actor.user,
    )
    meeting.contacts.set(allowed)
    audit_record(
        actor=actor,
        pupil=pupil,
        action=FamiliesAction.MEETING_ADD,
        detail={
            "meeting_id": meeting.pk,
            "kind": kind,
            "held_on": held_on.isoformat(),
            "cycle_id": cycle.pk if cycle else None,
            "annual_review_id": annual_review.pk if annual_review else None,
        },
    )
    return meeting


@transaction.atomic
def meeting_save(
    *,
    actor: Actor,
    meeting: Meeting,
    version=None,
    kind,
    held_on,
    contacts=(),
    others="",
    agreed="",
    today=None,
    cycle=None,
    annual_review=None,
) -> Meeting:
    today = today or timezone.localdate()
    meeting = Meeting.objects.select_for_update().select_related("pupil").get(pk=meeting.pk)
    check_version(version, meeting.version, theirs=lambda: meeting_current(meeting))
    allowed = _check(meeting.pupil, held_on, contacts, today)
    _check_review(meeting.pupil, cycle, annual_review)
    meeting.cycle = cycle
    meeting.annual_review = annual_review
    meeting.kind = Kind(kind)
    meeting.held_on = held_on
    meeting.others = others
    meeting.agreed = agreed
    meeting.version += 1
    meeting.save()
    meeting.contacts.set(allowed)
    audit_record(
        actor=actor,
        pupil=meeting.pupil,
        action=FamiliesAction.MEETING_SAVE,
        detail={"meeting_id": meeting.pk, "version": meeting.version},
    )
    return meeting


@transaction.atomic
def follow_up_add(*, actor: Actor, meeting: Meeting, what, owner, due_on) -> FollowUp:
    action = FollowUp.objects.create(
        meeting=meeting, pupil_id=meeting.pupil_id, what=what, owner=owner, due_on=due_on
    )
    audit_record(
        actor=actor,
        pupil=meeting.pupil,
        action=FamiliesAction.ACTION_ADD,
        detail={"meeting_id": meeting.pk, "follow_up_id": action.pk, "owner": owner.pk},
    )
    return action


@transaction.atomic
def follow_up_done(*, actor: Actor, follow_up: FollowUp, today=None) -> FollowUp:
    follow_up = FollowUp.objects.select_for_update().select_related("pupil").get(pk=follow_up.pk)
    if follow_up.done_on is None:
        follow_up.done_on = today or timezone.localdate()
        follow_up.save(update_fields=["done_on"])
        audit_record(
            actor=actor,
            pupil=follow_up.pupil,
            action=FamiliesAction.ACTION_DONE,
            detail={"meeting_id": follow_up.meeting_id, "follow_up_id": follow_up.pk},
        )
    return follow_up


@transaction.atomic
def counting_kinds_save(*, actor: Actor, school, kinds, version=None) -> CountingKinds:
    kinds = [Kind(k).value for k in kinds]
    if not kinds:
        raise ValidationError({"kinds": "Choose at least one kind of meeting that counts"})
    row, _ = CountingKinds.objects.select_for_update().get_or_create(
        school=school, defaults={"kinds": []}
    )
    check_version(version, row.version)
    row.kinds = kinds
    row.version += 1
    row.save()
    audit_record(
        actor=actor, school=school, action=FamiliesAction.KINDS_SAVE, detail={"kinds": kinds}
    )
    return row
