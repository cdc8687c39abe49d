"""Reads for SEND parent review days, limited to what the scope may see."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404

from senco.accounts.models import Role, User
from senco.families.models import Meeting, ReviewDay, ReviewRoom, Slot
from senco.lib.keys import fold
from senco.lib.prepared import Prepared
from senco.pupils.models import Contact, Pupil

ROOM_STAFF_ROLES = (Role.SENCO, Role.LEADER, Role.TEACHER, Role.TA)
SEARCH_LIMIT = 25


def room_staff(school):
    """Who may take a room's appointments: the school's active SENCO, leaders, teachers
    and teaching assistants, by name."""
    return (
        User.objects.filter(
            memberships__school=school,
            memberships__is_active=True,
            memberships__role__in=ROOM_STAFF_ROLES,
        )
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def _with_counts(days):
    return days.annotate(
        booked=Count("slots", filter=Q(slots__pupil__isnull=False)),
        free=Count("slots", filter=Q(slots__pupil__isnull=True)),
    )


def days_for(scope):
    """The review days this person may see: every one for whoever reads the timetables;
    otherwise the days where they take a room. With booked and total counts: one query."""
    days = ReviewDay.objects.filter(school=scope.school)
    if not scope.reads_review_days:
        days = days.filter(Exists(ReviewRoom.objects.filter(day=OuterRef("pk"), staff=scope.user)))
    return _with_counts(days).order_by("held_on", "pk")


def day_for(scope, day_id: int) -> ReviewDay:
    """A review day of the scope's school, or 404 (another school's is not there)."""
    day = ReviewDay.objects.filter(school=scope.school, pk=day_id).first()
    if day is None:
        raise Http404("Not found")
    return day


def takes_a_room(scope, day: ReviewDay) -> bool:
    return ReviewRoom.objects.filter(day=day, staff=scope.user).exists()


def may_open_day(scope, day: ReviewDay) -> bool:
    return scope.reads_review_days or takes_a_room(scope, day)


def slot_for(day: ReviewDay, slot_id: int) -> Slot:
    slot = (
        Slot.objects.filter(day=day, pk=slot_id)
        .select_related("room__staff", "pupil", "contact", "meeting")
        .first()
    )
    if slot is None:
        raise Http404("Not found")
    return slot


@dataclass(frozen=True)
class RoomTable:
    room: ReviewRoom
    slots: list


def timetable(day: ReviewDay) -> list[RoomTable]:
    """One table a room, its slots in time order with the booked pupil and who is coming:
    two queries, whatever the number of slots."""
    rooms = list(day.rooms.select_related("staff").order_by("pk"))
    slots = list(
        Slot.objects.filter(day=day)
        .select_related("pupil", "contact")
        .order_by("room_id", "starts_at")
    )
    by_room: dict[int, list] = {r.pk: [] for r in rooms}
    for slot in slots:
        by_room.setdefault(slot.room_id, []).append(slot)
    return [RoomTable(room, by_room[room.pk]) for room in rooms]


def not_booked(day: ReviewDay):
    """Pupils on the school's SEND register without an appointment this day."""
    booked = Slot.objects.filter(day=day, pupil_id=OuterRef("pk"))
    return (
        Pupil.objects.filter(school_id=day.school_id)
        .on_register()
        .exclude(Exists(booked))
        .order_by("surname_key", "forename_key", "pk")
    )


def register_search(school, text: str):
    """Pupils on the school's register whose name holds the text, up to SEARCH_LIMIT."""
    pupils = Pupil.objects.filter(school=school).on_register()
    for word in (text or "").split():
        key = fold(word)
        if key:
            pupils = pupils.filter(search_key__contains=key)
    return list(pupils.order_by("surname_key", "forename_key", "pk")[:SEARCH_LIMIT])


def register_pupil(school, pupil_id) -> Pupil | None:
    return Pupil.objects.filter(school=school, pk=pupil_id).on_register().first()


def contacts_of(pupil):
    """Every contact of the pupil, those who may be told first."""
    return list(Contact.objects.filter(pupil=pupil).order_by("priority", "name", "pk"))


def recent_meetings(pupil, n: int = 5):
    return list(Meeting.objects.filter(pupil=pupil).order_by("-held_on", "-pk")[:n])


# --- For parents ---------------------------------------------------------------------------


def open_days(school, today: datetime.date):
    """The school's days from today on that parents may book online."""
    return ReviewDay.objects.filter(school=school, held_on__gte=today, parents_may_book=True)


def parent_day(pupil, day_id: int, today: datetime.date) -> ReviewDay:
    """A day of the child's school, today or later, open to parents; otherwise 404."""
    day = open_days(pupil.school, today).filter(pk=day_id).first()
    if day is None:
        raise Http404("Not found")
    return day


def free_by_time(day: ReviewDay) -> list[tuple[datetime.time, list[Slot]]]:
    """The free slots of the day grouped by time: one query."""
    grouped: dict[datetime.time, list[Slot]] = {}
    for slot in (
        Slot.objects.filter(day=day, pupil__isnull=True)
        .select_related("room")
        .order_by("starts_at", "room_id")
    ):
        grouped.setdefault(slot.starts_at, []).append(slot)
    return list(grouped.items())


def booking_of(day: ReviewDay, pupil) -> Slot | None:
    return Slot.objects.filter(day=day, pupil=pupil).select_related("room").first()


def _staff_days_of(shape: bool, school: int, user: int, start, end):
    days = ReviewDay.objects.filter(school_id=school, held_on__gte=start, held_on__lte=end)
    if not shape:
        days = days.filter(Exists(ReviewRoom.objects.filter(day=OuterRef("pk"), staff_id=user)))
    return days.order_by("held_on", "pk")


# With SQL written once (senco/lib/prepared.py): every visit to the calendar asks. The
# shape is `every`, which chooses the SQL.
_staff_days = Prepared(_staff_days_of)


def staff_days(user, school, start: datetime.date, end: datetime.date, *, every: bool):
    """The days between two dates: every one of the school's, or those where the user
    takes a room."""
    user_id = user.pk if user is not None else None  # None: the ORM's way, as before
    return _staff_days.instances(shape=every, school=school.pk, user=user_id, start=start, end=end)
