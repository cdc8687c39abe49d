"""Reads of the calendar: every dated event a person may see, from every capability through
the registry (this app names none of them), and a subscription found by its token."""

import datetime

from senco.access import Scope, scope_at
from senco.diary.models import CalendarFeed, token_hash
from senco.lib.prepared import Prepared
from senco.lib.statutory import add_months
from senco.registry import DatedEvent, events_for

# The feed: the last month and the next twelve.
FEED_MONTHS_BEFORE = 1
FEED_MONTHS_AFTER = 12
# Reminders look this far back for steps still overdue, and this far ahead for steps due
# within 10 school days (which each source decides, with the school's closure days).
REMIND_MONTHS_BEFORE = 36
REMIND_WEEKS_AHEAD = 16


def month_bounds(year: int, month: int) -> tuple[datetime.date, datetime.date]:
    first = datetime.date(year, month, 1)
    return first, add_months(first, 1) - datetime.timedelta(days=1)


def events_between(
    scope: Scope, start: datetime.date, end: datetime.date, kinds=()
) -> list[DatedEvent]:
    """The events the scope may see between two days (inclusive), of the kinds asked for
    (all when none is)."""
    events = events_for(scope, start, end)
    if kinds:
        events = [e for e in events if e.kind in kinds]
    return events


def by_day(events: list[DatedEvent]) -> list[tuple[datetime.date, list[DatedEvent]]]:
    days: dict[datetime.date, list[DatedEvent]] = {}
    for event in events:
        days.setdefault(event.date, []).append(event)
    return list(days.items())


def feed_window(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    return add_months(today, -FEED_MONTHS_BEFORE), add_months(today, FEED_MONTHS_AFTER)


def due_steps(scope: Scope, today: datetime.date, *, owner_id: int | None = None):
    """The statutory steps not done that are overdue or due within 10 school days, for the
    scope (only those owned by `owner_id` when it is given): overdue first, then soonest."""
    start = add_months(today, -REMIND_MONTHS_BEFORE)
    end = today + datetime.timedelta(weeks=REMIND_WEEKS_AHEAD)
    found = [e for e in events_for(scope, start, end, deadlines_only=True) if e.urgency]
    if owner_id is not None:
        found = [e for e in found if e.owner_id == owner_id]
    return sorted(found, key=lambda e: (e.urgency != "overdue", e.date, e.title))


# With SQL written once (senco/lib/prepared.py): every visit to the calendar asks.
_live_feed = Prepared(
    lambda user, school: CalendarFeed.objects.filter(
        user_id=user, school_id=school, revoked_at__isnull=True
    ).order_by("pk")[:1]
)


def live_feed(user, school) -> CalendarFeed | None:
    """The person's subscription at the school that still works, if any."""
    return _live_feed.first(user=user.pk, school=school.pk)


def feed_for_token(token: str) -> tuple[CalendarFeed, Scope] | None:
    """The live subscription with this token and its owner's scope at the school now, or
    None: a wrong or stopped token, a person switched off or gone from the school, or one
    whose role no longer sees the calendar all give the same answer."""
    if not token or len(token) > 200:
        return None
    feed = (
        CalendarFeed.objects.select_related("user", "school__trust")
        .filter(token_hash=token_hash(token), revoked_at__isnull=True)
        .first()
    )
    if feed is None or not feed.user.is_active:
        return None
    scope = scope_at(feed.user, feed.school)
    if scope is None or not scope.sees_calendar:
        return None
    return feed, scope
