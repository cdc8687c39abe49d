"""What review days and meetings for a review add to shared pages through the registry:
the calendar's dated events, the parent's page section, and the meetings shown on a
cycle's or an annual review's page (the `delivery` hook, kinds "cycle_meetings" and
"annual_review_meetings")."""

import datetime

from django.urls import reverse

from senco.families import review_days_selectors as rds
from senco.families import selectors
from senco.families.models import Meeting, Slot
from senco.registry import DatedEvent, Delivery

REVIEW_DAYS = "Review days"
RULE = "Meet the parents of pupils at SEN support at least three times a year"
SOURCE = "SEND Code of Practice 6.65"
PAST_MEETINGS = 5


def review_day_events(scope, start: datetime.date, end: datetime.date):
    """Each review day, for the SENCO (every one) and the staff taking a room in it."""
    if not scope.sees_review_days:
        return
    every = scope.runs_review_days or scope.reads_review_days
    for day in rds.staff_days(scope.user, scope.school, start, end, every=every):
        yield DatedEvent(
            date=day.held_on,
            title=f"{day.title} ({day.starts_at:%H:%M} to {day.ends_at:%H:%M})",
            url=reverse("families_review_day", args=[scope.school.urn, day.pk]),
            rule=RULE,
            source=SOURCE,
            kind=REVIEW_DAYS,
            uid=f"families.review_day.{day.pk}",
        )


_KINDS = {"cycle_meetings": "cycle", "annual_review_meetings": "annual_review"}


def review_meetings(scope, kind: str, ids, today: datetime.date):
    """{cycle or annual review id: [Delivery]}: the meetings with the family for it."""
    which = _KINDS.get(kind)
    if which is None or not ids or not scope.reads_family_meetings:
        return {}
    found = selectors.meetings_for_review(
        **({"cycle_ids": ids} if which == "cycle" else {"annual_review_ids": ids})
    )
    url = reverse("families_meeting", args=[0, 0])
    return {
        record_id: [
            Delivery(
                text=f"{m.get_kind_display()}, {m.held_on:%-d %B %Y}",
                url=url.replace("/0/meetings/0/", f"/{m.pupil_id}/meetings/{m.pk}/", 1),
            )
            for m in meetings
        ]
        for (k, record_id), meetings in found.items()
        if k == which
    }


def parent_panel(pupil, contacts, today: datetime.date) -> dict | None:
    """Past meetings with the family (kind, date, what was agreed: never who else was
    there, never follow-up owners) and the child's review-day bookings with a link to
    book. Three queries."""
    meetings = [
        {"kind": m["kind"], "held_on": m["held_on"], "agreed": m["agreed"]}
        for m in Meeting.objects.filter(pupil=pupil, held_on__lte=today)
        .order_by("-held_on", "-pk")
        .values("kind", "held_on", "agreed")[:PAST_MEETINGS]
    ]
    labels = dict(Meeting._meta.get_field("kind").choices)
    for m in meetings:
        m["kind"] = labels.get(m["kind"], m["kind"])
    days = review_days_for_parent(pupil, today)
    if not meetings and not days:
        return None
    return {"meetings": meetings, "days": days, "pupil_id": pupil.pk}


def review_days_for_parent(pupil, today: datetime.date) -> list[dict]:
    """The child's school's review days from today on that parents may book, each with the
    child's booking if any: two queries."""
    days = list(rds.open_days(pupil.school, today).order_by("held_on", "pk"))
    if not days:
        return []
    booked = {
        s.day_id: s for s in Slot.objects.filter(day__in=days, pupil=pupil).select_related("room")
    }
    return [
        {
            "id": d.pk,
            "title": d.title,
            "held_on": d.held_on,
            "starts_at": d.starts_at,
            "ends_at": d.ends_at,
            "notes": d.notes,
            "booking": (
                {"starts_at": booked[d.pk].starts_at, "room": booked[d.pk].room.room}
                if d.pk in booked
                else None
            ),
            "url": reverse("parent_review_day", args=[pupil.pk, d.pk]),
        }
        for d in days
    ]
