"""Writes for SEND parent review days: creating a day with its rooms and slots, changing
it, booking and cancelling appointments (by the office, the SENCO or a parent) and
recording the meeting an appointment was. Each in a transaction with its audit row.

Booking is a conditional update (`pupil__isnull=True`): of two bookings of one slot at
once, exactly one updates a row; the other is told the slot has just gone."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from senco.audit.actor import Actor
from senco.audit.services import audit_record
from senco.families import services as meeting_services
from senco.families.audit import FamiliesAction
from senco.families.models import Kind, ReviewDay, ReviewRoom, Slot
from senco.lib.codes import ON_REGISTER
from senco.lib.versions import check_version

MAX_ROOMS = 6
MIN_MINUTES, MAX_MINUTES = 5, 120


class SlotTaken(ValidationError):
    """The slot was booked by someone else between the page and the save."""


def _minutes(t: datetime.time) -> int:
    return t.hour * 60 + t.minute


def slot_times(starts_at: datetime.time, ends_at: datetime.time, minutes: int):
    """Every appointment's start, `minutes` apart, the last one ending by `ends_at`."""
    start, end = _minutes(starts_at), _minutes(ends_at)
    return [datetime.time(m // 60, m % 60) for m in range(start, end - minutes + 1, minutes)]


def slot_label(slot: Slot) -> str:
    return f"{slot.starts_at:%H:%M} in {slot.room.room}"


def _check_day(*, held_on, starts_at, ends_at, slot_minutes, today) -> None:
    errors = {}
    if held_on < today:
        errors["held_on"] = "The date of the review day must be today or in the future"
    if not MIN_MINUTES <= slot_minutes <= MAX_MINUTES:
        errors["slot_minutes"] = (
            f"The length of each appointment must be between {MIN_MINUTES} and "
            f"{MAX_MINUTES} minutes"
        )
    elif ends_at <= starts_at:
        errors["ends_at"] = "The time the last appointment ends must be after the first appointment"
    elif not slot_times(starts_at, ends_at, slot_minutes):
        errors["ends_at"] = (
            "The time the last appointment ends must leave room for at least one appointment"
        )
    if errors:
        raise ValidationError(errors)


def _check_rooms(school, rooms) -> None:
    if not rooms:
        raise ValidationError({"room_1": "Enter at least one room and who is taking it"})
    if len(rooms) > MAX_ROOMS:
        raise ValidationError(f"A review day can have up to {MAX_ROOMS} rooms")
    names = [name.strip().lower() for name, _ in rooms]
    if len(set(names)) != len(names):
        raise ValidationError({"room_1": "Give each room a different name"})
    for _, staff in rooms:
        if not staff.memberships.filter(school=school, is_active=True).exists():
            raise ValidationError({"room_1": "Choose a member of staff at this school"})


@transaction.atomic
def review_day_add(
    *,
    actor: Actor,
    school,
    title,
    held_on,
    starts_at,
    ends_at,
    slot_minutes=20,
    parents_may_book=True,
    notes="",
    rooms=(),
    today=None,
) -> ReviewDay:
    """The day, its rooms (`rooms`: (room name, member of staff) pairs) and every slot."""
    today = today or timezone.localdate()
    _check_day(
        held_on=held_on,
        starts_at=starts_at,
        ends_at=ends_at,
        slot_minutes=slot_minutes,
        today=today,
    )
    rooms = list(rooms)
    _check_rooms(school, rooms)
    day = ReviewDay.objects.create(
        school=school,
        title=title or "SEND parent review day",
        held_on=held_on,
        starts_at=starts_at,
        ends_at=ends_at,
        slot_minutes=slot_minutes,
        parents_may_book=parents_may_book,
        notes=notes,
        created_by=actor.user,
    )
    made = [
        ReviewRoom.objects.create(day=day, room=name.strip(), staff=staff) for name, staff in rooms
    ]
    times = slot_times(starts_at, ends_at, slot_minutes)
    Slot.objects.bulk_create(
        [Slot(day=day, room=room, starts_at=t) for room in made for t in times]
    )
    audit_record(
        actor=actor,
        school=school,
        action=FamiliesAction.REVIEW_DAY_ADD,
        detail={"day_id": day.pk, "rooms": len(made), "slots": len(made) * len(times)},
    )
    return day


def review_day_current(day: ReviewDay) -> list[tuple[str, str, object]]:
    return [
        ("title", "Title", day.title),
        ("notes", "What parents should know", day.notes),
        ("parents_may_book", "Parents can book online", day.parents_may_book),
    ]


@transaction.atomic
def review_day_save(
    *, actor: Actor, day: ReviewDay, version=None, title, notes="", parents_may_book=True
) -> ReviewDay:
    day = ReviewDay.objects.select_for_update().get(pk=day.pk)
    check_version(version, day.version, theirs=lambda: review_day_current(day))
    day.title = title or day.title
    day.notes = notes
    day.parents_may_book = parents_may_book
    day.version += 1
    day.save(update_fields=["title", "notes", "parents_may_book", "version"])
    audit_record(
        actor=actor,
        school=day.school,
        action=FamiliesAction.REVIEW_DAY_SAVE,
        detail={"day_id": day.pk, "version": day.version},
    )
    return day


def _check_booking(day: ReviewDay, pupil, contact) -> None:
    if pupil.school_id != day.school_id or pupil.sen_provision not in ON_REGISTER:
        raise ValidationError({"pupil": "Choose a pupil on the SEND register of this school"})
    if contact is None:
        return
    if contact.pupil_id != pupil.pk:
        raise ValidationError({"contact": "Choose one of this pupil's contacts"})
    rule = refusal(contact)
    if rule:
        raise ValidationError({"contact": rule})


def refusal(contact) -> str:
    """Why this contact cannot be asked to come, with the reason recorded; "" when they can."""
    why = f" ({contact.restriction_note})" if contact.restriction_note else ""
    if contact.no_contact:
        return f"{contact.name} must not be contacted{why}. Choose someone else"
    if contact.no_information:
        return f"{contact.name} must not be given information{why}. Choose someone else"
    return ""


def _already(day: ReviewDay, pupil) -> Slot | None:
    return Slot.objects.filter(day=day, pupil=pupil).select_related("room").first()


@transaction.atomic
def slot_book(*, actor: Actor, slot: Slot, pupil, contact=None, by_parent=False) -> Slot:
    """Book a free slot for a pupil. Refused (SlotTaken) when someone has just booked it;
    refused (ValidationError) for a pupil who already has a slot that day."""
    slot = Slot.objects.select_related("day", "room").get(pk=slot.pk)
    _check_booking(slot.day, pupil, contact)
    held = _already(slot.day, pupil)
    if held is not None and held.pk != slot.pk:
        raise ValidationError(
            {"pupil": f"{pupil.full_name} already has {slot_label(held)} on this day"}
        )
    try:
        with transaction.atomic():
            updated = Slot.objects.filter(pk=slot.pk, pupil__isnull=True).update(
                pupil=pupil,
                contact=contact,
                booked_by=actor.user,
                booked_at=timezone.now(),
                version=slot.version + 1,
            )
    except IntegrityError as clash:
        # Two bookings of the same pupil into two slots at once: the constraint
        # one_slot_per_pupil_per_day keeps one.
        held = _already(slot.day, pupil)
        where = slot_label(held) if held else "another appointment"
        raise ValidationError(
            {"pupil": f"{pupil.full_name} already has {where} on this day"}
        ) from clash
    if not updated:
        raise SlotTaken(f"Someone has just booked {slot_label(slot)}. Choose another time.")
    audit_record(
        actor=actor,
        pupil=pupil,
        action=FamiliesAction.PARENT_SLOT_BOOK if by_parent else FamiliesAction.SLOT_BOOK,
        detail={
            "day_id": slot.day_id,
            "slot_id": slot.pk,
            "contact_id": contact.pk if contact else None,
        },
    )
    slot.refresh_from_db()
    return slot


@transaction.atomic
def slot_cancel(*, actor: Actor, slot: Slot, by_parent=False) -> Slot:
    """Free a booked slot (nothing happens to a free one). An appointment whose meeting has
    been recorded stays: the meeting is in the log."""
    slot = Slot.objects.select_for_update(of=("self",)).select_related("pupil").get(pk=slot.pk)
    if slot.pupil_id is None:
        return slot
    if slot.meeting_id is not None:
        raise ValidationError("The meeting of this appointment has been recorded: it stays booked")
    pupil = slot.pupil
    Slot.objects.filter(pk=slot.pk).update(
        pupil=None, contact=None, booked_by=None, booked_at=None, version=slot.version + 1
    )
    audit_record(
        actor=actor,
        pupil=pupil,
        action=FamiliesAction.PARENT_SLOT_CANCEL if by_parent else FamiliesAction.SLOT_CANCEL,
        detail={"day_id": slot.day_id, "slot_id": slot.pk},
    )
    slot.refresh_from_db()
    return slot


@transaction.atomic
def appointment_record(
    *,
    actor: Actor,
    slot: Slot,
    contacts=(),
    others="",
    agreed="",
    cycle=None,
    annual_review=None,
    follow_up=None,
    today=None,
):
    """The meeting an appointment was: a SEND review on the day, in the meetings log,
    with an optional follow-up action (`follow_up`: what, owner, due_on)."""
    slot = (
        Slot.objects.select_for_update(of=("self",)).select_related("day", "pupil").get(pk=slot.pk)
    )
    if slot.pupil_id is None:
        raise ValidationError("This appointment is not booked")
    if slot.meeting_id is not None:
        raise ValidationError("The meeting of this appointment has already been recorded")
    meeting = meeting_services.meeting_add(
        actor=actor,
        pupil=slot.pupil,
        kind=Kind.SEND_REVIEW,
        held_on=slot.day.held_on,
        contacts=contacts,
        others=others,
        agreed=agreed,
        cycle=cycle,
        annual_review=annual_review,
        today=today,
    )
    if follow_up:
        meeting_services.follow_up_add(actor=actor, meeting=meeting, **follow_up)
    Slot.objects.filter(pk=slot.pk).update(meeting=meeting, version=slot.version + 1)
    audit_record(
        actor=actor,
        pupil=slot.pupil,
        action=FamiliesAction.APPOINTMENT_RECORD,
        detail={"day_id": slot.day_id, "slot_id": slot.pk, "meeting_id": meeting.pk},
    )
    return meeting
