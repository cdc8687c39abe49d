"""Reads of the audit log: who has looked at or changed one pupil's record."""

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import QuerySet
from django.utils import timezone

from senco.audit.actions import all_actions, label_for
from senco.audit.models import AuditEvent

User = get_user_model()

# The person filter's value for rows with nobody signed in: a scheduled job, or a person
# whose account has since been deleted.
NOBODY = "none"


@dataclass(frozen=True)
class AuditFilters:
    """What the "who has looked" page and its download are narrowed to; None is any."""

    person: str | None = None  # a user's id, or NOBODY
    action: str | None = None  # an action's label: the page shows no codes
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None

    def used(self) -> dict[str, str]:
        """The filters in use, as text: for the audit row of the page or the download."""
        return {k: str(v) for k, v in vars(self).items() if v not in (None, "")}


def _start_of(day: datetime.date) -> datetime.datetime:
    """Midnight at the start of the day in London (the clocks change at 1 am or 2 am)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def pupil_audit_events(*, pupil, filters: AuditFilters = AuditFilters()) -> QuerySet[AuditEvent]:
    """The pupil's audit rows, newest first, with who did each (one query, however many)."""
    events = AuditEvent.objects.filter(pupil=pupil)
    if filters.person == NOBODY:
        events = events.filter(user__isnull=True)
    elif filters.person:
        events = events.filter(user_id=filters.person)
    if filters.action:
        events = events.filter(action__in=codes_labelled(filters.action))
    if filters.date_from:
        events = events.filter(at__gte=_start_of(filters.date_from))
    if filters.date_to:
        events = events.filter(at__lt=_start_of(filters.date_to + datetime.timedelta(days=1)))
    return events.select_related("user").order_by("-at", "-id")


def _values_of(column: str) -> str:
    """SQL for the values of one column among a pupil's rows (the pupil's id twice as
    parameters), in order, without NULL: the CTE `found(value)`.

    A pupil looked at for years has hundreds of thousands of rows, and DISTINCT would read
    every one of them. This steps through the index that starts (pupil, column) instead,
    one seek per value: the smallest value, then the smallest above it, and so on (a "loose
    index scan", written as a recursive query because neither SQLite nor PostgreSQL does
    it by itself). Tens of people and actions: tens of seeks, whatever the rows.
    """
    quote = connection.ops.quote_name
    table = quote(AuditEvent._meta.db_table)
    pupil = quote(AuditEvent._meta.get_field("pupil").column)
    value = quote(column)
    # Only the model's own table and column names go into the text, quoted; values are
    # parameters.
    return f"""
        WITH RECURSIVE found(value) AS (
            SELECT MIN({value}) FROM {table} WHERE {pupil} = %s
            UNION ALL
            SELECT (
                SELECT MIN({value}) FROM {table} WHERE {pupil} = %s AND {value} > found.value
            )
            FROM found WHERE found.value IS NOT NULL
        )"""  # noqa: S608


def pupil_audit_page(*, pupil, filters: AuditFilters, number, per_page: int) -> Page:
    """One page of the pupil's rows (`number` past the end is the last page).

    The page's rows are found by their ids in the index alone, then only those rows are
    read with who did each: a late page of a long log (page 2,000 of a pupil looked at
    100,000 times) skips its earlier rows in the index, never in the table. Two queries:
    the count and the page."""
    events = pupil_audit_events(pupil=pupil, filters=filters)
    page = Paginator(events, per_page).get_page(number)
    start = (page.number - 1) * per_page
    ids = events.values("pk")[start : start + per_page]
    rows = AuditEvent.objects.filter(pk__in=ids).select_related("user").order_by()
    # Ordered here, not by the database: a sort of one page, never of the pupil's rows.
    page.object_list = sorted(rows, key=lambda e: (e.at, e.pk), reverse=True)
    return page


def pupil_audit_people(*, pupil) -> list[tuple[str, str]]:
    """(value, label) for everyone in the pupil's log, by name, then NOBODY if there are rows
    with nobody signed in. One query, a seek in an index for each person, however long the
    log."""
    quote = connection.ops.quote_name
    users = quote(User._meta.db_table)
    user_column = AuditEvent._meta.get_field("user").column
    sql = f"""{_values_of(user_column)}
        SELECT u.id, u.first_name, u.last_name, u.username
        FROM found JOIN {users} u ON u.id = found.value
        UNION ALL
        SELECT NULL, NULL, NULL, NULL WHERE EXISTS (
            SELECT 1 FROM {quote(AuditEvent._meta.db_table)}
            WHERE {quote(AuditEvent._meta.get_field("pupil").column)} = %s
            AND {quote(user_column)} IS NULL
        )"""  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [pupil.pk] * 3)
        rows = cursor.fetchall()
    people, nobody = [], False
    for user_id, first, last, username in rows:
        if user_id is None:
            nobody = True
            continue
        name = f"{first} {last}".strip()
        people.append((str(user_id), f"{name} ({username})" if name else username))
    people.sort(key=lambda person: (person[1].casefold(), person[0]))
    if nobody:
        people.append((NOBODY, "Nobody signed in (a scheduled job or a deleted account)"))
    return people


def codes_labelled(label: str) -> list[str]:
    """The codes with this label; an old code that is in no vocabulary is its own label."""
    return sorted(code for code, known in all_actions().items() if known == label) or [label]


def pupil_audit_actions(*, pupil) -> list[str]:
    """The plain-English label of every action in the pupil's log, in order. One query, a
    seek in an index for each action."""
    sql = f"{_values_of('action')} SELECT value FROM found WHERE value IS NOT NULL"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [pupil.pk] * 2)
        return sorted({label_for(code) for (code,) in cursor.fetchall()})
