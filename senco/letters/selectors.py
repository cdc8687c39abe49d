"""Reads of letters to families, limited to the school or pupil already checked by access."""

from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Q
from django.http import Http404

from senco.letters.models import Batch, Kind, Message
from senco.lib.codes import BROAD_AREA_OF_NEED, ON_REGISTER, Provision
from senco.provision import selectors as provision
from senco.pupils.models import Pupil
from senco.register.models import RegisterChange

S = Message.Status


def batches_for(school):
    """Every sending of the school, newest first, with its counts. One query."""
    return (
        Batch.objects.filter(school=school)
        .annotate(
            n_sent=Count("messages", filter=Q(messages__status=S.SENT)),
            n_queued=Count("messages", filter=Q(messages__status=S.QUEUED)),
            n_failed=Count("messages", filter=Q(messages__status=S.FAILED)),
            n_refused=Count("messages", filter=Q(messages__status=S.REFUSED)),
            n_printed=Count("messages", filter=Q(messages__status=S.PRINTED)),
        )
        .order_by("-created_at", "-pk")
    )


def batch_for(school, batch_id: int) -> Batch:
    """A sending of this school, or 404 (the same for another school's)."""
    batch = batches_for(school).filter(pk=batch_id).first()
    if batch is None:
        raise Http404("Not found")
    return batch


def batch_messages(batch: Batch) -> list[Message]:
    return list(
        Message.objects.filter(batch=batch)
        .select_related("pupil")
        .order_by("pupil__surname_key", "pupil__forename_key", "pupil_id", "pk")
    )


def pupil_messages(pupil):
    return Message.objects.filter(pupil=pupil).select_related("batch__created_by")


def message_for(pupil, message_id: int) -> Message:
    message = pupil_messages(pupil).filter(pk=message_id).first()
    if message is None:
        raise Http404("Not found")
    return message


@dataclass(frozen=True)
class Suggestion:
    kind: str
    text: str


def _change_kind(change: RegisterChange) -> str:
    joined = change.to_provision in ON_REGISTER and change.from_provision not in ON_REGISTER
    left = change.from_provision in ON_REGISTER and change.to_provision not in ON_REGISTER
    if joined:
        return Kind.JOINED_REGISTER
    if left:
        return Kind.LEFT_REGISTER
    return ""


def suggestion(pupil) -> Suggestion | None:
    """A letter due: the pupil's latest move onto or off the register, with no letter of
    the matching kind written since. One query."""
    after = Message.objects.filter(
        pupil=pupil, created_at__date__gte=OuterRef("effective_date")
    ).exclude(status=S.REFUSED)
    change = (
        RegisterChange.objects.filter(pupil=pupil)
        .exclude(from_provision=F("to_provision"))
        .annotate(
            joined_sent=Exists(after.filter(kind=Kind.JOINED_REGISTER)),
            left_sent=Exists(after.filter(kind=Kind.LEFT_REGISTER)),
        )
        .order_by("-effective_date", "-created_at")
        .first()
    )
    if change is None:
        return None
    kind = _change_kind(change)
    if not kind:
        return None
    if change.joined_sent if kind == Kind.JOINED_REGISTER else change.left_sent:
        return None
    name = pupil.preferred_name or pupil.forename
    verb = "joined" if kind == Kind.JOINED_REGISTER else "left"
    text = f"{name} {verb} the SEN register on {change.effective_date:%-d %B}: no letter sent yet"
    return Suggestion(kind, text)


def recent_messages(pupil, n: int = 3) -> list[Message]:
    return list(Message.objects.filter(pupil=pupil).order_by("-created_at", "-pk")[:n])


# --- Many families ---------------------------------------------------------------------


def pupils_for_bulk(
    school,
    *,
    year_groups=(),
    provisions=(),
    area: str = "",
    group_id: int | None = None,
    day=None,
    all_on_day: bool = False,
    booked_ids=None,
):
    """The pupils a letter to many families is about: those on the register (or the current
    members of a group), narrowed by the filters; for a review day, those not yet booked on
    it unless `all_on_day`."""
    pupils = Pupil.objects.filter(school=school)
    if group_id is not None:
        pupils = pupils.filter(pk__in=provision.group_pupil_ids(group_id))
    else:
        pupils = pupils.filter(sen_provision__in=ON_REGISTER)
    if year_groups:
        pupils = pupils.filter(year_group__in=[int(y) for y in year_groups])
    if provisions:
        pupils = pupils.filter(sen_provision__in=[Provision(p) for p in provisions])
    if area:
        needs = [need for need, broad in BROAD_AREA_OF_NEED.items() if broad == area]
        pupils = pupils.filter(primary_need__in=needs)
    if day is not None and not all_on_day and booked_ids:
        pupils = pupils.exclude(pk__in=list(booked_ids))
    return pupils.order_by("year_group", "surname_key", "forename_key", "pk")
