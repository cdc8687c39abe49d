"""The one way to write audit rows: `audit_record` for one, `audit_record_many` for a page,
an export or an import that touches many pupils (one row per pupil, one INSERT), and
`audit_list` for a list page, an export or a printed sheet that shows pupils."""

import sqlite3
from collections.abc import Iterable
from contextlib import contextmanager

from django.db import connections, router

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
    with _sqlite_real_variable_limit():
        return AuditEvent.objects.bulk_create(events)


@contextmanager
def _sqlite_real_variable_limit():
    """On SQLite, let Django batch by the library's real limit on a statement's variables
    (32,766 or more since SQLite 3.32) rather than Django 5.2's 999, so that a register page
    of 250 rows is one INSERT, as it is on PostgreSQL. Only for this write: other bulk
    writes (the imports) keep Django's batches."""
    connection = connections[router.db_for_write(AuditEvent)]
    if connection.vendor != "sqlite":
        yield
        return
    connection.ensure_connection()
    features = connection.features
    before = features.__dict__.get("max_query_params")
    features.max_query_params = connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    try:
        yield
    finally:
        if before is None:
            del features.max_query_params
        else:
            features.max_query_params = before


def audit_list(
    *, actor: Actor, action: str, school, pupils: Iterable, detail: dict | None = None
) -> list[AuditEvent]:
    """A page, an export or a printed sheet that shows pupils: one row per pupil shown, so each
    pupil's "who has looked" page names it, in one INSERT. `pupils` are pupils or their ids
    (all of `school`); `detail` (the filters, say) goes on every row. With no pupil shown, one
    row for the school alone, so that the list was still seen (and the page's query count
    does not depend on its rows)."""
    rows = [{"pupil": _id(p), "school": school, "detail": detail} for p in pupils]
    return audit_record_many(
        actor=actor, action=action, rows=rows or [{"school": school, "detail": detail}]
    )
