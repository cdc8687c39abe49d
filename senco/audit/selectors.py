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
from senco.audit.pending import move_pending

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


def pupil_audit_page(*, pupil, filters: AuditFilters, number, per_page: int) -> Page:
    """One page of the pupil's rows (`number` past the end is the last page).

    The page's rows are found by their ids in the index alone, then only those rows are
    read with who did each: a late page of a long log (page 2,000 of a pupil looked at
    100,000 times) skips its earlier rows in the index, never in the table. A page in the
    older half is counted from the oldest end (the index read forwards), so the last page
    skips nothing. Two queries: the count and the page."""
    events = pupil_audit_events(pupil=pupil, filters=filters)
    page = Paginator(events, per_page).get_page(number)
    count = page.paginator.count
    start = (page.number - 1) * per_page
    end = min(start + per_page, count)
    if start > count - end:
        ids = events.reverse().values("pk")[count - end : count - start]
    else:
        ids = events.values("pk")[start:end]
    rows = AuditEvent.as_written.filter(pk__in=ids).select_related("user").order_by()
    # Ordered here, not by the database: a sort of one page, never of the pupil's rows.
    page.object_list = sorted(rows, key=lambda e: (e.at, e.pk), reverse=True)
    return page


def pupil_audit_choices(*, pupil) -> tuple[list[tuple[str, str]], list[str]]:
    """What the filters of the pupil's log offer: (value, label) for everyone in it, by name,
    then NOBODY if there are rows with nobody signed in; and the plain-English label of
    every action in it, in order.

    One query, reading the pupil's entries in the audit index once and never the table: the
    index (pupil, at, id, user, action) holds both columns, and DISTINCT keeps only their
    pairs (hundreds) while it reads the entries (~100,000 for the busiest pupil of
    `manage.py bench_audit`). The rows waiting to reach the log are moved in first, as
    every read of it through `AuditEvent.objects` does."""
    move_pending()
    quote = connection.ops.quote_name
    table = quote(AuditEvent._meta.db_table)
    users = quote(User._meta.db_table)
    user, action, pupil_column = (
        quote(AuditEvent._meta.get_field(name).column) for name in ("user", "action", "pupil")
    )
    # Only the models' own table and column names go into the text, quoted; the pupil is a
    # parameter. A row with nobody signed in finds no user: its names are NULL.
    sql = f"""SELECT found.user_id, found.action, u.first_name, u.last_name, u.username
        FROM (
            SELECT DISTINCT {user} AS user_id, {action} AS action
            FROM {table} WHERE {pupil_column} = %s
        ) found
        LEFT JOIN {users} u ON u.id = found.user_id"""  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [pupil.pk])
        rows = cursor.fetchall()
    people, nobody, codes = {}, False, set()
    for user_id, code, first, last, username in rows:
        codes.add(code)
        if user_id is None:
            nobody = True
            continue
        name = f"{first} {last}".strip()
        people[str(user_id)] = f"{name} ({username})" if name else username
    choices = sorted(people.items(), key=lambda person: (person[1].casefold(), person[0]))
    if nobody:
        choices.append((NOBODY, "Nobody signed in (a scheduled job or a deleted account)"))
    return choices, sorted({label_for(code) for code in codes})


def codes_labelled(label: str) -> list[str]:
    """The codes with this label; an old code that is in no vocabulary is its own label."""
    return sorted(code for code, known in all_actions().items() if known == label) or [label]
