"""Writes of intervention sessions: recording a session with who attended, and changing it
later. Each is one transaction that writes the session, its attendance and the audit rows
(one per pupil whose attendance it records, in one INSERT). The checks live here, so a
form and a script agree: a session is dated within the group's dates, not in the future,
one a day per group; a session not held says why, and records no attendance."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from senco.audit.actor import Actor
from senco.audit.services import audit_record_many
from senco.lib.versions import check_version
from senco.provision.audit import ProvisionAction
from senco.provision.models import Attendance, InterventionGroup, Session
from senco.provision.session_selectors import members_on

LABELS = {
    "date": "Date of the session",
    "held": "Was the session held?",
    "not_held_reason": "Why was it not held?",
    "note": "Note",
}


def _day(value: datetime.date) -> str:
    return f"{value:%-d %B %Y}"


class SessionTaken(ValidationError):
    """A session is already recorded for the group on that day: `existing` is it."""

    def __init__(self, existing: Session):
        super().__init__(
            {
                "date": (
                    f"A session is already recorded for {_day(existing.date)}: "
                    "change that one instead"
                )
            },
            code="taken",
        )
        self.existing = existing


def session_current(session: Session) -> list[tuple[str, str, object]]:
    """The session as saved now, as (form field, label, value), for a refused stale save."""
    return [
        ("date", LABELS["date"], session.date),
        ("held", LABELS["held"], "yes" if session.held else "no"),
        ("not_held_reason", LABELS["not_held_reason"], session.not_held_reason),
        ("note", LABELS["note"], session.note),
    ]


def _check(
    group: InterventionGroup,
    *,
    date: datetime.date,
    held: bool,
    not_held_reason: str,
    present_ids,
    members,
    today: datetime.date,
) -> None:
    errors = {}
    if date > today:
        errors["date"] = "Date of the session must be today or in the past"
    elif not group.starts_on <= date <= group.ends_on:
        errors["date"] = (
            f"Date of the session must be between {_day(group.starts_on)} and "
            f"{_day(group.ends_on)}, when the group runs"
        )
    if not held and not_held_reason not in Session.NotHeld.values:
        errors["not_held_reason"] = "Choose why the session was not held"
    if held and set(present_ids) - {m.pk for m in members}:
        errors["attended"] = "Choose who came from the pupils in the group on that day"
    if errors:
        raise ValidationError(errors)


def _taken(group: InterventionGroup, date: datetime.date, *, other_than=None) -> None:
    existing = Session.objects.filter(group=group, date=date).exclude(pk=other_than).first()
    if existing is not None:
        raise SessionTaken(existing)


def _write_attendance(session: Session, members, present_ids) -> None:
    """The session's attendance afresh: one row for each member on the day of a session
    held, none for a session not held."""
    Attendance.objects.filter(session=session).delete()
    if session.held:
        present = set(present_ids)
        Attendance.objects.bulk_create(
            [Attendance(session=session, member=m, present=m.pk in present) for m in members]
        )


def _audit(*, actor: Actor, session: Session, members, present_ids, action: str) -> None:
    """One row for each pupil whose attendance the session records (the school's row when
    none), in one INSERT."""
    base = {
        "group_id": session.group_id,
        "session_id": session.pk,
        "date": session.date.isoformat(),
        "held": session.held,
    }
    present = set(present_ids)
    rows = [
        {
            "pupil": m.pupil_id,
            "school": session.group.school,
            "detail": {**base, "present": m.pk in present} if session.held else base,
        }
        for m in members
    ]
    audit_record_many(
        actor=actor, action=action, rows=rows or [{"school": session.group.school, "detail": base}]
    )


@transaction.atomic
def session_record(
    *,
    actor: Actor,
    group: InterventionGroup,
    date: datetime.date,
    held: bool,
    not_held_reason: str = "",
    present_ids=(),
    note: str = "",
    today: datetime.date | None = None,
) -> Session:
    """Record a session of the group and who attended it (`present_ids`, members' ids; the
    other members of the group that day are absent)."""
    group = InterventionGroup.objects.select_for_update().select_related("school").get(pk=group.pk)
    members = members_on(group, date) if date else []
    _check(
        group,
        date=date,
        held=held,
        not_held_reason=not_held_reason,
        present_ids=present_ids,
        members=members,
        today=today or timezone.localdate(),
    )
    _taken(group, date)
    session = Session(
        group=group,
        date=date,
        held=held,
        not_held_reason="" if held else not_held_reason,
        note=note.strip(),
        recorded_by=actor.user,
    )
    try:
        with transaction.atomic():
            session.save()
    except IntegrityError as error:  # recorded by someone else at the same moment
        raise SessionTaken(Session.objects.get(group=group, date=date)) from error
    _write_attendance(session, members, present_ids)
    _audit(
        actor=actor,
        session=session,
        members=members,
        present_ids=present_ids,
        action=ProvisionAction.SESSION_ADD,
    )
    return session


@transaction.atomic
def session_change(
    *,
    actor: Actor,
    session: Session,
    version=None,
    date: datetime.date,
    held: bool,
    not_held_reason: str = "",
    present_ids=(),
    note: str = "",
    today: datetime.date | None = None,
) -> Session:
    """Change a recorded session: its date, whether it was held, who attended, the note.
    Refused when someone else changed it since the form was opened (`version`)."""
    locked = Session.objects.select_for_update().select_related("group__school").get(pk=session.pk)
    check_version(version, locked.version, theirs=lambda: session_current(locked))
    group = locked.group
    members = members_on(group, date) if date else []
    _check(
        group,
        date=date,
        held=held,
        not_held_reason=not_held_reason,
        present_ids=present_ids,
        members=members,
        today=today or timezone.localdate(),
    )
    _taken(group, date, other_than=locked.pk)
    locked.date = date
    locked.held = held
    locked.not_held_reason = "" if held else not_held_reason
    locked.note = note.strip()
    locked.version += 1
    locked.save()
    _write_attendance(locked, members, present_ids)
    _audit(
        actor=actor,
        session=locked,
        members=members,
        present_ids=present_ids,
        action=ProvisionAction.SESSION_SAVE,
    )
    return locked
