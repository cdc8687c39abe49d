"""Reads of the audit log: who has looked at or changed one pupil's record."""

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from senco.audit.actions import all_actions, label_for
from senco.audit.models import AuditEvent

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


def pupil_audit_people(*, pupil) -> list[tuple[str, str]]:
    """(value, label) for everyone in the pupil's log, by name, then NOBODY if there are rows
    with nobody signed in. One query."""
    rows = (
        AuditEvent.objects.filter(pupil=pupil)
        .order_by()
        .values_list("user_id", "user__first_name", "user__last_name", "user__username")
        .distinct()
    )
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
    return sorted({code for code, known in all_actions().items() if known == label} | {label})


def pupil_audit_actions(*, pupil) -> list[str]:
    """The plain-English label of every action in the pupil's log, in order. One query."""
    codes = AuditEvent.objects.filter(pupil=pupil).order_by().values_list("action", flat=True)
    return sorted({label_for(code) for code in codes.distinct()})
