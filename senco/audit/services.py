"""The one way to write audit rows: `audit_record` for one, `audit_record_many` for a page,
an export or an import that touches many pupils (one row per pupil, one INSERT)."""

from collections.abc import Iterable

from senco.audit.actions import is_known
from senco.audit.actor import Actor
from senco.audit.models import AuditEvent


def _id(thing):
    """A model's primary key, or the id itself (bulk writers often hold only ids)."""
    return getattr(thing, "pk", thing)


def _event(actor: Actor, action: str, *, school=None, pupil=None, detail=None) -> AuditEvent:
    if not is_known(action):
        raise ValueError(f"{action!r} is not in the audit vocabulary (senco/audit/actions.py)")
    if school is None and pupil is not None:
        school = pupil.school_id
    return AuditEvent(
        user=actor.person,
        school_id=_id(school),
        pupil_id=_id(pupil),
        action=action,
        detail=detail or {},
        ip_address=actor.ip_address,
    )


def audit_record(
    *, actor: Actor, action: str, school=None, pupil=None, detail: dict | None = None
) -> AuditEvent:
    """Write one audit row. Called by every service that reads or writes a pupil's record."""
    event = _event(actor, action, school=school, pupil=pupil, detail=detail)
    event.save()
    return event


def audit_record_many(*, actor: Actor, action: str, rows: Iterable[dict]) -> list[AuditEvent]:
    """Many rows in one INSERT: each of `rows` gives the `pupil`, `school` and `detail` of one
    row, as `audit_record` takes them. A page or an export that shows many pupils names each."""
    events = [_event(actor, action, **row) for row in rows]
    return AuditEvent.objects.bulk_create(events)
