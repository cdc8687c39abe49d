"""Writes for letters to families, each in a transaction with its audit rows, and the one
service other apps may call: `letters_send`.

Who a letter may go to is decided here and nowhere else: a contact who must not be
contacted or given information never gets one (a request naming one is refused with the
reason, nothing sent), an email needs an address that is one, and the sending task
checks again at the moment it sends (`senco/letters/tasks.py`).
"""

import datetime
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from senco.audit.actor import Actor
from senco.audit.services import audit_record, audit_record_many
from senco.families import selectors as families
from senco.letters import wording
from senco.letters.audit import LettersAction
from senco.letters.models import Batch, Channel, Kind, Message, Wording
from senco.lib.codes import Provision
from senco.lib.versions import check_version
from senco.provision import selectors as provision
from senco.pupils.models import Contact, Pupil
from senco.register.services import register_parents_told_for_pupils

NOT_AN_EMAIL = (
    "The email address saved for this contact is not a valid email address: correct it on "
    "the contact's page"
)
NO_CONTACT = "No contact is recorded"
NOBODY_TOLD = "No contact may be told: every contact must not be contacted or given information"
NO_EMAIL = "No contact who may be told has an email address: send a printed letter instead"
TIME = re.compile(r"^\s*(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?\s*$", re.IGNORECASE)


def senco_of(school):
    """The school's SENCO (the first by username when there are several), or None."""
    from senco.accounts.models import Membership, Role

    membership = (
        Membership.objects.filter(school=school, role=Role.SENCO, is_active=True)
        .select_related("user")
        .order_by("user__username")
        .first()
    )
    return membership.user if membership else None


def person_name(user) -> str:
    if user is None:
        return "The SENCO"
    return user.get_full_name() or user.username


# --- Wording -------------------------------------------------------------------------------


@dataclass(frozen=True)
class CurrentWording:
    kind: str
    subject: str
    body: str
    version: int
    changed: bool  # the school's own, not the default


def wording_for(school, kind: str) -> CurrentWording:
    saved = Wording.objects.filter(school=school, kind=kind).first()
    if saved is not None:
        return CurrentWording(kind, saved.subject, saved.body, saved.version, True)
    default = wording.DEFAULTS[Kind(kind)]
    return CurrentWording(kind, default.subject, default.body, 0, False)


def _check_placeholders(kind: str, subject: str, body: str) -> None:
    errors = {}
    for name, text in (("subject", subject), ("body", body)):
        unknown = wording.unknown_placeholders(kind, text)
        if unknown:
            errors[name] = [wording.unknown_message(kind, u) for u in unknown]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def wording_save(*, actor: Actor, school, kind: str, subject: str, body: str, version=None):
    """Save the school's wording of a kind of letter. `version` is what the form was opened
    at (0 while the default is in use); an older one is refused and loses nothing."""
    kind = Kind(kind).value
    _check_placeholders(kind, subject, body)
    row = Wording.objects.select_for_update().filter(school=school, kind=kind).first()
    current = row.version if row else 0
    check_version(
        version,
        current,
        theirs=lambda: [("subject", "Subject", row.subject), ("body", "The letter", row.body)],
    )
    if row is None:
        row = Wording(school=school, kind=kind, version=0)
    row.subject, row.body, row.updated_by = subject, body, actor.user
    row.version += 1
    row.save()
    audit_record(
        actor=actor,
        school=school,
        action=LettersAction.WORDING_SAVE,
        detail={"kind": kind, "version": row.version},
    )
    return row


# --- What a letter is about ---------------------------------------------------------------


def parse_time(text: str) -> datetime.time | None:
    """ "15:30", "3:30pm", "3.30 pm", "9am" as a time, or None."""
    match = TIME.match(text or "")
    if not match:
        return None
    hour, minute, half = int(match.group(1)), int(match.group(2) or 0), match.group(3)
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half.lower() == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    return datetime.time(hour, minute)


def _clock(t: datetime.time) -> str:
    return f"{t:%-I:%M%p}".replace(":00", "").replace("AM", "am").replace("PM", "pm")


def about_values(school, kind: str, about: dict | None) -> dict[str, str]:
    """The placeholders a kind of letter fills from what it is about, checked: a group or a
    review day of another school, or a missing date, is refused."""
    about = about or {}
    if kind == Kind.STARTING_INTERVENTION:
        group = provision.group_for_letters(school, about.get("group"))
        if group is None:
            raise ValidationError({"group": "Choose which intervention group"})
        return {"intervention": group.intervention, "how_often": group.how_often}
    if kind == Kind.REVIEW_INVITATION:
        try:
            day = datetime.date.fromisoformat(str(about.get("date", "")))
        except ValueError:
            raise ValidationError({"meeting_date": "Enter the date of the meeting"}) from None
        at = parse_time(str(about.get("time", "")))
        if at is None:
            raise ValidationError({"meeting_time": "Enter the time of the meeting, like 3:30pm"})
        return {"date": f"{day:%A %-d %B %Y}", "time": _clock(at)}
    if kind == Kind.REVIEW_DAY:
        day = families.review_day_for_letters(school, about.get("day"))
        if day is None:
            raise ValidationError({"day": "Choose which review day"})
        return {
            "review_day_date": f"{day.held_on:%A %-d %B %Y}",
            "review_day_times": f"from {_clock(day.starts_at)} to {_clock(day.ends_at)}, "
            f"{day.slot_minutes} minutes each",
            "how_to_book": how_to_book(day),
        }
    return {}


def how_to_book(day) -> str:
    text = (
        "To book a time, sign in to the school's parent pages and choose a free appointment, "
        "or contact the school office and they will book one for you."
        if day.parents_may_book
        else "To book a time, please contact the school office."
    )
    if day.notes:
        text += "\n\n" + day.notes.strip()
    return text


def pupil_values(pupil, school, senco_name: str) -> dict[str, str]:
    return {
        "child_first_name": pupil.preferred_name or pupil.forename,
        "child_name": pupil.full_name,
        "school_name": school.name,
        "senco_name": senco_name,
        "provision": "an EHC plan" if pupil.sen_provision == Provision.EHC_PLAN else "SEN support",
    }


# --- Who a letter goes to -----------------------------------------------------------------


def restriction(contact: Contact) -> str:
    """Why this contact may not be told about the pupil, or "" when they may."""
    why = f": {contact.restriction_note}" if contact.restriction_note else ""
    if contact.no_contact:
        return f"{contact.name} must not be contacted{why}"
    if contact.no_information:
        return f"{contact.name} must not be given information{why}"
    return ""


def email_problem(address: str) -> str:
    if not address:
        return "No email address"
    try:
        validate_email(address)
    except ValidationError:
        return NOT_AN_EMAIL
    return ""


@dataclass
class Recipient:
    contact: Contact
    problem: str = ""  # why nothing can go to them (an email address that is not one)


@dataclass
class FamilyPlan:
    """Who one pupil's letter goes to, or why it cannot go to anyone."""

    pupil: object
    recipients: list[Recipient] = field(default_factory=list)
    reason: str = ""

    @property
    def sendable(self) -> list[Recipient]:
        return [r for r in self.recipients if not r.problem]


def _chosen(pupil, contacts: list[Contact], channel: str) -> FamilyPlan:
    """Who gets a letter about the pupil when nobody was chosen by hand: the contacts who
    may be told (those with parental responsibility when any has it), with an email address
    for an email."""
    told = [c for c in contacts if c.may_be_told]
    if not told:
        return FamilyPlan(pupil, reason=NOBODY_TOLD if contacts else NO_CONTACT)
    with_pr = [c for c in told if c.parental_responsibility]
    told = with_pr or told
    if channel == Channel.EMAIL:
        told = [c for c in told if c.email]
        if not told:
            return FamilyPlan(pupil, reason=NO_EMAIL)
    problems = [email_problem(c.email) if channel == Channel.EMAIL else "" for c in told]
    return FamilyPlan(pupil, [Recipient(c, p) for c, p in zip(told, problems, strict=True)])


def _named(pupil, contacts: list[Contact], channel: str, contact_ids) -> FamilyPlan:
    """The contacts chosen by hand: all refused, with the reason, if one may not be told or
    (for an email) has no address."""
    by_id = {c.pk: c for c in contacts}
    wanted = []
    for raw in contact_ids:
        contact = by_id.get(int(raw)) if str(raw).isdigit() else None
        if contact is None:
            raise ValidationError({"contacts": "Choose only this pupil's contacts"})
        if contact not in wanted:
            wanted.append(contact)
    if not wanted:
        raise ValidationError({"contacts": "Choose who it will go to"})
    for contact in wanted:
        refused = restriction(contact)
        if refused:
            raise ValidationError({"contacts": refused})
        if channel == Channel.EMAIL and not contact.email:
            raise ValidationError(
                {"contacts": f"{contact.name} has no email address: send a printed letter"}
            )
    problems = [email_problem(c.email) if channel == Channel.EMAIL else "" for c in wanted]
    return FamilyPlan(pupil, [Recipient(c, p) for c, p in zip(wanted, problems, strict=True)])


def plan_recipients(pupils, channel: str, contact_ids=None) -> list[FamilyPlan]:
    """Who each pupil's letter goes to. One query for every pupil's contacts."""
    pupils = list(pupils)
    contacts: dict[int, list[Contact]] = {p.pk: [] for p in pupils}
    for contact in Contact.objects.filter(pupil_id__in=list(contacts)).order_by(
        "pupil_id", "priority", "name", "pk"
    ):
        contacts[contact.pupil_id].append(contact)
    if contact_ids is not None:
        if len(pupils) != 1:
            raise ValueError("Contacts are chosen by hand for one pupil only")
        return [_named(pupils[0], contacts[pupils[0].pk], channel, contact_ids)]
    return [_chosen(p, contacts[p.pk], channel) for p in pupils]


# --- Sending ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Filled:
    subject: str
    body: str


def filled_letter(current: CurrentWording, values: dict[str, str]) -> Filled:
    return Filled(wording.fill(current.subject, values), wording.fill(current.body, values))


def preview(*, school, kind, channel, pupils, about=None, contact_ids=None):
    """What sending would do, without sending: the plans and each recipient's letter."""
    kind, channel = Kind(kind).value, Channel(channel).value
    values = about_values(school, kind, about)
    current = wording_for(school, kind)
    senco_name = person_name(senco_of(school))
    plans = plan_recipients(pupils, channel, contact_ids)
    letters = []
    for plan in plans:
        base = {**values, **pupil_values(plan.pupil, school, senco_name)}
        for r in plan.recipients:
            letters.append(
                (plan.pupil, r, filled_letter(current, {**base, "contact_name": r.contact.name}))
            )
    return plans, letters


def letters_send(
    *, actor: Actor, school, kind, channel, pupils, about=None, contact_ids=None, audience=""
) -> Batch:
    """Send a kind of letter about each pupil to their family, by email (queued, then sent
    by one task) or as printed letters (the batch's PDF). `contact_ids` chooses who by hand
    for one pupil; otherwise the contacts who may be told. Returns the batch."""
    pupils = list(pupils)
    if not pupils:
        raise ValidationError("Choose at least one pupil to write to")
    if any(p.school_id != school.pk for p in pupils):
        raise ValidationError("Every pupil must be at this school")
    kind, channel = Kind(kind).value, Channel(channel).value
    values = about_values(school, kind, about)
    current = wording_for(school, kind)
    senco_name = person_name(senco_of(school))
    plans = plan_recipients(pupils, channel, contact_ids)
    with transaction.atomic():
        batch = Batch.objects.create(
            school=school,
            kind=kind,
            channel=channel,
            subject=current.subject,
            body=current.body,
            audience=(audience or (pupils[0].full_name if len(pupils) == 1 else ""))[:200],
            about=dict(about or {}),
            created_by=actor.user,
        )
        messages = []
        for plan in plans:
            base = {**values, **pupil_values(plan.pupil, school, senco_name)}
            if not plan.recipients:
                messages.append(
                    _message(batch, plan.pupil, None, current, base, Message.Status.REFUSED)
                )
                messages[-1].reason = plan.reason
                continue
            for r in plan.recipients:
                if r.problem:
                    status = Message.Status.REFUSED
                elif channel == Channel.LETTER:
                    status = Message.Status.PRINTED
                else:
                    status = Message.Status.QUEUED
                message = _message(batch, plan.pupil, r.contact, current, base, status)
                message.reason = r.problem
                messages.append(message)
        Message.objects.bulk_create(messages)
        by_pupil: dict[int, list[int]] = {}
        for m in messages:
            if m.contact_id:
                by_pupil.setdefault(m.pupil_id, []).append(m.contact_id)
        audit_record_many(
            actor=actor,
            action=LettersAction.SEND,
            rows=[
                {
                    "pupil": p.pk,
                    "school": school.pk,
                    "detail": {
                        "batch_id": batch.pk,
                        "kind": kind,
                        "channel": channel,
                        "contacts": by_pupil.get(p.pk, []),
                    },
                }
                for p in pupils
            ],
        )
        printed = {m.pupil_id for m in messages if m.status == Message.Status.PRINTED}
        record_parents_told(batch, printed, actor)
    if any(m.status == Message.Status.QUEUED for m in messages):
        _queue(batch)
    return batch


# The letters that tell parents of a change to the register: once one has gone to a
# family (emailed, or printed to be sent), the register records the parents as told.
TELLS_OF_A_CHANGE = (Kind.JOINED_REGISTER, Kind.LEFT_REGISTER)


def record_parents_told(batch: Batch, pupil_ids, actor: Actor) -> None:
    """After a letter of a register change went to these pupils' families: every change of
    theirs not yet told is marked told today (the register's own rule and audit rows)."""
    if batch.kind not in TELLS_OF_A_CHANGE or not pupil_ids:
        return
    register_parents_told_for_pupils(
        actor=actor,
        pupils=Pupil.objects.filter(pk__in=pupil_ids),
        told_on=timezone.localdate(),
    )


def _message(batch, pupil, contact, current, base, status) -> Message:
    name = contact.name if contact else ""
    letter = filled_letter(current, {**base, "contact_name": name or "parent or carer"})
    email = contact.email if contact is not None and batch.channel == Channel.EMAIL else ""
    return Message(
        batch=batch,
        school_id=batch.school_id,
        pupil=pupil,
        contact=contact,
        kind=batch.kind,
        channel=batch.channel,
        to_name=name[:200],
        to_email=email[:254],
        subject=letter.subject[:200],
        body=letter.body,
        status=status,
    )


def _queue(batch: Batch) -> None:
    from senco.letters.tasks import send_batch

    send_batch.enqueue(batch.pk)


def batch_retry(*, actor: Actor, batch: Batch) -> int:
    """Queue the batch's failed emails again and send them. Returns how many."""
    with transaction.atomic():
        failed = list(
            Message.objects.select_for_update().filter(batch=batch, status=Message.Status.FAILED)
        )
        if not failed:
            return 0
        Message.objects.filter(pk__in=[m.pk for m in failed]).update(
            status=Message.Status.QUEUED, reason=""
        )
        audit_record_many(
            actor=actor,
            action=LettersAction.RETRY,
            rows=[
                {"pupil": m.pupil_id, "school": batch.school_id, "detail": {"batch_id": batch.pk}}
                for m in failed
            ],
        )
    _queue(batch)
    return len(failed)
