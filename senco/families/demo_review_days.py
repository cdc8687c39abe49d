"""The demo trust's SEND parent review days (issue 12, item 4).

Registered in capability.py as `DemoBuilder("families_review_days", build, order=46)`. At
each school: a review day last half term (about six weeks ago) with most appointments
booked and their meetings recorded in the meetings log, and one in the coming weeks with
about half booked by the office, open to parents' own bookings. Draws only from `ds.rng`.
"""

import datetime

from django.utils import timezone

from senco.accounts.models import Role
from senco.families.models import Kind, Meeting, ReviewDay, ReviewRoom, Slot
from senco.families.review_days_services import slot_times
from senco.families.selectors import this_term
from senco.lib.codes import ON_REGISTER
from senco.pupils.models import Contact

ROOMS = ("Library", "Room 4", "SEND base")
START, END = datetime.time(15, 30), datetime.time(18, 30)


def build(demo) -> None:
    for ds in demo.schools:
        _build_school(demo, ds)


def _rooms_staff(ds) -> list:
    others = ds.staff.get(Role.TEACHER, [])[:1] + ds.staff.get(Role.TA, [])[:1]
    return [ds.senco, *others][: len(ROOMS)]


def _day(ds, held_on, *, parents_may_book, title) -> tuple[ReviewDay, list[Slot]]:
    day = ReviewDay.objects.create(
        school=ds.school,
        title=title,
        held_on=held_on,
        starts_at=START,
        ends_at=END,
        slot_minutes=20,
        parents_may_book=parents_may_book,
        notes="Come to main reception and sign in; the rooms are signposted.",
        created_by=ds.senco,
    )
    rooms = [
        ReviewRoom.objects.create(day=day, room=name, staff=staff)
        for name, staff in zip(ROOMS, _rooms_staff(ds), strict=False)
    ]
    times = slot_times(START, END, 20)
    slots = Slot.objects.bulk_create(
        [Slot(day=day, room=room, starts_at=t) for room in rooms for t in times]
    )
    return day, slots


def _build_school(demo, ds) -> None:
    rng = ds.rng
    today = demo.today
    on_register = [p for p in ds.pupils if p.sen_provision in ON_REGISTER]
    if not on_register:
        return
    told: dict[int, Contact] = {}
    for contact in Contact.objects.filter(
        pupil__school=ds.school, no_contact=False, no_information=False
    ).order_by("priority", "pk"):
        told.setdefault(contact.pupil_id, contact)
    office = (ds.staff.get(Role.OFFICE) or [ds.senco])[0]

    past_on = ds.weekday(today - datetime.timedelta(days=49), today - datetime.timedelta(days=35))
    _, past_slots = _day(
        ds, past_on, parents_may_book=False, title="SEND parent review day (autumn)"
    )
    coming_on = ds.weekday(today + datetime.timedelta(days=14), today + datetime.timedelta(days=28))
    _, coming_slots = _day(ds, coming_on, parents_may_book=True, title="SEND parent review day")

    # The past day was the term's SEND review for the families booked: their review
    # meeting from the families builder moves to the day and to its appointment, so each
    # family's count of meetings stays as it was.
    term = this_term(ds.terms, past_on)
    reviews: dict[int, Meeting] = {}
    for meeting in Meeting.objects.filter(
        school=ds.school,
        kind=Kind.SEND_REVIEW,
        held_on__gte=term.starts_on,
        held_on__lte=min(term.ends_on, today),
    ).order_by("held_on", "pk"):
        reviews.setdefault(meeting.pupil_id, meeting)
    if not term.starts_on <= past_on <= term.ends_on:
        reviews = {}  # a day in the holidays: nothing moves out of its term
    pupils = [p for p in on_register if p.pk in reviews]
    rng.shuffle(pupils)
    booked_at = timezone.make_aware(datetime.datetime.combine(past_on, datetime.time(9)))
    past_booked = []
    for slot, pupil in zip([s for s in past_slots if rng.random() < 0.85], pupils, strict=False):
        meeting = reviews[pupil.pk]
        meeting.held_on = past_on
        meeting.others = slot.room.staff.get_full_name() or slot.room.staff.username
        meeting.recorded_by = slot.room.staff
        slot.pupil, slot.contact, slot.meeting = pupil, told.get(pupil.pk), meeting
        slot.booked_by, slot.booked_at = office, booked_at - datetime.timedelta(days=14)
        past_booked.append(slot)
    Meeting.objects.bulk_update(
        [s.meeting for s in past_booked], ["held_on", "others", "recorded_by"]
    )
    Slot.objects.bulk_update(past_booked, ["pupil", "contact", "booked_by", "booked_at", "meeting"])

    pupils = list(on_register)
    rng.shuffle(pupils)
    coming_booked = []
    for slot, pupil in zip([s for s in coming_slots if rng.random() < 0.5], pupils, strict=False):
        slot.pupil, slot.contact = pupil, told.get(pupil.pk)
        slot.booked_by = office
        slot.booked_at = timezone.make_aware(datetime.datetime.combine(today, datetime.time(10)))
        coming_booked.append(slot)
    Slot.objects.bulk_update(coming_booked, ["pupil", "contact", "booked_by", "booked_at"])
