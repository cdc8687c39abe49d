"""The one way to write audit rows: `audit_record` for one, `audit_record_many` for a page,
an export or an import that touches many pupils (one row per pupil, one INSERT), and
`audit_list` for a list page, an export or a printed sheet that shows pupils."""

from collections.abc import Iterable

from django.db import connections, router
from django.utils import timezone

from senco.audit.actions import is_known
from senco.audit.actor import Actor
from senco.audit.models import AuditEvent, PendingAuditEvent
from senco.audit.pending import COLUMNS, note_written


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


# Rows a statement at most: seven values each, within every database's limit on the
# values of one statement (SQLite's is 32,766 since 3.32; PostgreSQL's 65,535).
ROWS_A_STATEMENT = 2000
EMPTY_DETAIL: dict = {}


def audit_record_many(*, actor: Actor, action: str, rows: Iterable[dict]) -> int:
    """Many rows in one INSERT: each of `rows` gives the `pupil`, `school` and `detail` of one
    row, as `audit_record` takes them. A page or an export that shows many pupils names each.
    Returns how many rows it wrote.

    The rows go into `PendingAuditEvent`, a table with no index, and reach the log in
    batches ordered by pupil (`senco.audit.pending`): every read of the log moves them
    first, so none is ever missing from "who has looked".

    Written with plain SQL of values adapted once, not `bulk_create`: a register page of
    200 pupils spent half its time building and compiling 200 model instances for a
    statement the database runs in a millisecond (`make bench`). One multi-row INSERT: on
    SQLite, `executemany` of one row's INSERT was measured faster alone but, outside a
    transaction, commits every row (the register went from ~25 to ~33 ms of CPU)."""
    if not is_known(action):
        raise ValueError(f"{action!r} is not in the audit vocabulary (senco/audit/actions.py)")
    connection = connections[router.db_for_write(PendingAuditEvent)]
    ops = connection.ops
    at = ops.adapt_datetimefield_value(timezone.now())
    user_id = _id(actor.person) if actor.person is not None else None
    ip = ops.adapt_ipaddressfield_value(actor.ip_address)
    values = []
    # A list page gives every row the same detail (its filters): turned into JSON once.
    # Keyed by the object, which is kept with its JSON so that its id is not reused.
    details: dict[int, tuple[dict, str]] = {}
    for row in rows:
        pupil, school = row.get("pupil"), row.get("school")
        if school is None and pupil is not None:
            school = pupil.school_id
        given = row.get("detail") or EMPTY_DETAIL
        seen = details.get(id(given))
        if seen is None:
            seen = details[id(given)] = (given, ops.adapt_json_value(given, None))
        values.append((at, user_id, _id(school), _id(pupil), action, seen[1], ip))
    table = ops.quote_name(PendingAuditEvent._meta.db_table)
    columns = ", ".join(ops.quote_name(c) for c in COLUMNS)
    one = "(" + ", ".join(["%s"] * len(COLUMNS)) + ")"
    with connection.cursor() as cursor:
        for start in range(0, len(values), ROWS_A_STATEMENT):
            chunk = values[start : start + ROWS_A_STATEMENT]
            # Only names from the model and placeholders go into the text; values are params.
            cursor.execute(
                f"INSERT INTO {table} ({columns}) VALUES {', '.join([one] * len(chunk))}",  # noqa: S608
                [value for row in chunk for value in row],
            )
    note_written(len(values))
    return len(values)


def audit_list(
    *, actor: Actor, action: str, school, pupils: Iterable, detail: dict | None = None
) -> int:
    """A page, an export or a printed sheet that shows pupils: one row per pupil shown, so each
    pupil's "who has looked" page names it, in one INSERT. `pupils` are pupils or their ids
    (all of `school`); `detail` (the filters, say) goes on every row. With no pupil shown, one
    row for the school alone, so that the list was still seen (and the page's query count
    does not depend on its rows)."""
    rows = [{"pupil": _id(p), "school": school, "detail": detail} for p in pupils]
    return audit_record_many(
        actor=actor, action=action, rows=rows or [{"school": school, "detail": detail}]
    )
