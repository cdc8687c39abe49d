"""Writes for line management meetings: each in one transaction with its audit row.

A meeting's record names no pupil, so its audit rows are the school's."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from senco.audit.actor import Actor
from senco.audit.services import audit_record
from senco.lib.versions import check_version
from senco.strategy.audit import StrategyAction
from senco.strategy.meeting_questions import MeetingKind, kind_for
from senco.strategy.meeting_selectors import staff_of
from senco.strategy.models import Meeting, MeetingAction, MeetingAnswer

FUTURE = "The date of the meeting must be today or in the past"


@dataclass(frozen=True)
class NewAction:
    """An action agreed at a meeting: who does what by when."""

    what: str
    owner: object = None  # a User of the school, or
    owner_name: str = ""  # someone outside senco
    due: datetime.date | None = None


def _answers_of(kind: MeetingKind, answers: dict[str, str]) -> dict[str, str]:
    """The answers to this kind's questions that say something, in the questions' order."""
    return {
        q.key: answers[q.key].strip() for q in kind.questions if (answers.get(q.key) or "").strip()
    }


def _check_owners(school, new_actions) -> None:
    owners = {a.owner.pk for a in new_actions if a.owner is not None}
    if owners and len(owners) != staff_of(school).filter(pk__in=owners).count():
        raise ValidationError("Choose who will do each action from the school's staff")


def _add_actions(meeting: Meeting, new_actions) -> list[int]:
    made = MeetingAction.objects.bulk_create(
        [
            MeetingAction(
                meeting=meeting,
                what=a.what,
                owner=a.owner,
                owner_name="" if a.owner is not None else a.owner_name,
                due=a.due,
            )
            for a in new_actions
        ]
    )
    return [a.pk for a in made]


def meeting_current(meeting: Meeting) -> list[tuple[str, str, object]]:
    """What is saved now, for the form that shows it beside what someone typed."""
    kind = kind_for(meeting.kind)
    saved = {a.question: a.answer for a in meeting.answers.all()}
    rows = [
        ("held_on", "Date of the meeting", meeting.held_on),
        ("who_was_there", "Who was there", meeting.who_was_there),
        ("notes", "Notes", meeting.notes),
    ]
    if kind is not None:
        rows += [(f"q-{q.key}", q.text, saved.get(q.key, "")) for q in kind.questions]
    return rows


@transaction.atomic
def meeting_add(
    *,
    actor: Actor,
    school,
    kind: MeetingKind,
    held_on: datetime.date,
    who_was_there: str = "",
    notes: str = "",
    answers: dict[str, str] | None = None,
    data_shown: list[dict] | None = None,
    closing: dict[int, str] | None = None,
    new_actions: list[NewAction] = (),
    today: datetime.date | None = None,
) -> Meeting:
    """Record a meeting: its answers, the figures shown (as they were), the earlier
    meetings' actions closed at it (`closing`: action id -> a note), and the actions agreed."""
    today = today or timezone.localdate()
    if held_on > today:
        raise ValidationError({"held_on": FUTURE})
    new_actions = list(new_actions)
    _check_owners(school, new_actions)
    now = timezone.now()
    meeting = Meeting.objects.create(
        school=school,
        kind=kind.key,
        held_on=held_on,
        who_was_there=who_was_there,
        notes=notes,
        data_shown=list(data_shown or []),
        created_by=actor.user,
        created_at=now,
        updated_at=now,
    )
    kept = _answers_of(kind, answers or {})
    MeetingAnswer.objects.bulk_create(
        [MeetingAnswer(meeting=meeting, question=key, answer=text) for key, text in kept.items()]
    )
    closed = []
    if closing:
        # Only open actions of this school's earlier meetings of the same kind; one closed
        # by someone else meanwhile stays as they left it.
        for action in (
            MeetingAction.objects.select_for_update()
            .filter(
                pk__in=list(closing),
                meeting__school=school,
                meeting__kind=kind.key,
                done_at__isnull=True,
            )
            .exclude(meeting=meeting)
        ):
            action.done_at = now
            action.done_note = (closing.get(action.pk) or "").strip()
            action.closed_at_meeting = meeting
            action.version += 1
            action.save(update_fields=["done_at", "done_note", "closed_at_meeting", "version"])
            closed.append(action.pk)
    added = _add_actions(meeting, new_actions)
    audit_record(
        actor=actor,
        school=school,
        action=StrategyAction.MEETING_ADD,
        detail={
            "meeting_id": meeting.pk,
            "kind": kind.key,
            "held_on": held_on.isoformat(),
            "answers": len(kept),
            "figures": len(meeting.data_shown),
            "closed_actions": sorted(closed),
            "new_actions": added,
        },
    )
    return meeting


@transaction.atomic
def meeting_save(
    *,
    actor: Actor,
    meeting: Meeting,
    version=None,
    held_on: datetime.date,
    who_was_there: str = "",
    notes: str = "",
    answers: dict[str, str] | None = None,
    new_actions: list[NewAction] = (),
    today: datetime.date | None = None,
) -> Meeting:
    """Change a meeting's record (not the figures shown, which stay as they were)."""
    today = today or timezone.localdate()
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    check_version(version, meeting.version, theirs=lambda: meeting_current(meeting))
    if held_on > today:
        raise ValidationError({"held_on": FUTURE})
    new_actions = list(new_actions)
    _check_owners(meeting.school, new_actions)
    kind = kind_for(meeting.kind)
    kept = _answers_of(kind, answers or {}) if kind else {}
    # Answers emptied now go; an answer to a question no longer asked stays as it was.
    asked = [q.key for q in kind.questions] if kind else []
    MeetingAnswer.objects.filter(meeting=meeting, question__in=asked).exclude(
        question__in=list(kept)
    ).delete()
    saved = {a.question: a for a in MeetingAnswer.objects.filter(meeting=meeting)}
    changed = []
    for key, text in kept.items():
        answer = saved.get(key)
        if answer is None:
            changed.append(MeetingAnswer(meeting=meeting, question=key, answer=text))
        elif answer.answer != text:
            answer.answer = text
            answer.save(update_fields=["answer"])
    MeetingAnswer.objects.bulk_create(changed)
    meeting.held_on = held_on
    meeting.who_was_there = who_was_there
    meeting.notes = notes
    meeting.updated_at = timezone.now()
    meeting.version += 1
    meeting.save()
    added = _add_actions(meeting, new_actions)
    audit_record(
        actor=actor,
        school=meeting.school_id,
        action=StrategyAction.MEETING_SAVE,
        detail={
            "meeting_id": meeting.pk,
            "version": meeting.version,
            "answers": len(kept),
            "new_actions": added,
        },
    )
    return meeting


def action_current(action: MeetingAction) -> list[tuple[str, str, object]]:
    return [("note", "Note", action.done_note)]


@transaction.atomic
def action_done(*, actor: Actor, action: MeetingAction, version=None, note: str = "") -> bool:
    """Mark an action done with a note; False when it was done already."""
    action = MeetingAction.objects.select_for_update().select_related("meeting").get(pk=action.pk)
    check_version(version, action.version, theirs=lambda: action_current(action))
    if action.done_at is not None:
        return False
    action.done_at = timezone.now()
    action.done_note = note.strip()
    action.version += 1
    action.save(update_fields=["done_at", "done_note", "version"])
    audit_record(
        actor=actor,
        school=action.meeting.school_id,
        action=StrategyAction.MEETING_ACTION_DONE,
        detail={"meeting_id": action.meeting_id, "action_id": action.pk},
    )
    return True


@transaction.atomic
def action_reopen(*, actor: Actor, action: MeetingAction, version=None) -> bool:
    """Open a done action again (its note is kept); False when it was open already."""
    action = MeetingAction.objects.select_for_update().select_related("meeting").get(pk=action.pk)
    check_version(version, action.version, theirs=lambda: action_current(action))
    if action.done_at is None:
        return False
    action.done_at = None
    action.closed_at_meeting = None
    action.version += 1
    action.save(update_fields=["done_at", "closed_at_meeting", "version"])
    audit_record(
        actor=actor,
        school=action.meeting.school_id,
        action=StrategyAction.MEETING_ACTION_REOPEN,
        detail={"meeting_id": action.meeting_id, "action_id": action.pk},
    )
    return True
