"""The audit rows of list pages, imports and exports, moved into the log in batches.

`audit_record_many` writes into `PendingAuditEvent`, a table with no index but its id.
Written straight into `AuditEvent`, each row lands on its own pupil's page of the "who
has looked" index: a register of 200 pupils dirtied ~200 index pages, and the SQLite WAL
took each of them again at every view. Moved here in one statement ordered by pupil, a
pupil's page is written once a batch however often the pupil was seen. Measured on a copy
of the bench database, replaying the rows of 1,000 real page views (docs/demo-and-bench.md):
5.2 ms of CPU a view written straight in, 1.4 ms written here and moved 100 views at a
time, the move included.

The rows are moved:
- after a response, once this process has written `MOVE_AFTER_ROWS` since it last moved
  them (`move_after_response`, connected to `request_finished`: the person already has
  their page);
- every five minutes, by the scheduled job `audit.move_pending` (operations);
- before every read of the log through `AuditEvent.objects` (`AuditEventManager`), and
  before "who has looked" reads the index in SQL of its own.

Nothing is lost or moved twice when processes move at once. On PostgreSQL one statement
deletes the rows its snapshot sees and inserts exactly those (a row another transaction
has not committed yet waits for the next move); on SQLite the move holds the database's
one write lock from its first statement (`transaction_mode` IMMEDIATE), so no row can
arrive between the copy and the delete.
"""

import logging

from django.db import connections, router, transaction

from senco.audit.models import AuditEvent, PendingAuditEvent

logger = logging.getLogger(__name__)

# Rows a process writes before it moves them after a response: ~12 views of a register.
# Moved in bigger batches a row costs less (batches of 20 views' rows cost 2.6 ms a view,
# of 100 views 1.4), but the move holds SQLite's one write lock, and every page waits for
# it to write its own rows: at 10,000 a process, moves of 640 to 47,000 rows took 14 to
# 800 ms, and the server sat 5-6% idle over HTTP.
MOVE_AFTER_ROWS = 2_500

COLUMNS = ("at", "user_id", "school_id", "pupil_id", "action", "detail", "ip_address")

_written = 0  # rows this process has written into the waiting table since it last moved


def note_written(rows: int) -> None:
    """`audit_record_many` wrote `rows` into the waiting table."""
    global _written
    _written += rows


def _sql(connection) -> tuple[str, str, str, str]:
    quote = connection.ops.quote_name
    log = quote(AuditEvent._meta.db_table)
    waiting = quote(PendingAuditEvent._meta.db_table)
    columns = ", ".join(quote(c) for c in COLUMNS)
    order = f"{quote('pupil_id')}, {quote('id')}"
    return log, waiting, columns, order


def move_pending(using: str | None = None) -> int:
    """Move every committed waiting row into the log, ordered by pupil; returns how many.
    One cheap query when there is nothing to move."""
    global _written
    alias = using or router.db_for_write(AuditEvent)
    connection = connections[alias]
    log, waiting, columns, order = _sql(connection)
    # Only the models' own table and column names go into the text; there are no values.
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT 1 FROM {waiting} LIMIT 1")  # noqa: S608
        if cursor.fetchone() is None:
            return 0
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                f"WITH moved AS (DELETE FROM {waiting} RETURNING id, {columns}) "  # noqa: S608
                f"INSERT INTO {log} ({columns}) SELECT {columns} FROM moved ORDER BY {order}"
            )
            moved = cursor.rowcount
    else:
        with transaction.atomic(using=alias), connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {log} ({columns}) "  # noqa: S608
                f"SELECT {columns} FROM {waiting} ORDER BY {order}"
            )
            moved = cursor.rowcount
            cursor.execute(f"DELETE FROM {waiting}")  # noqa: S608
    _written = 0
    return moved


def move_after_response(**kwargs) -> None:
    """After a response (`request_finished`): move the waiting rows once this process has
    written `MOVE_AFTER_ROWS` of them. A failure (the database busy past its timeout) is
    logged and tried again after the next response: the rows wait, nothing is lost."""
    if _written < MOVE_AFTER_ROWS:
        return
    try:
        move_pending()
    except Exception:
        logger.exception("Could not move the waiting audit rows into the log; will try again.")
