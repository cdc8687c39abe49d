"""Reads of letters to families, limited to the school or pupil already checked by access."""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.http import Http404
from django.utils.timezone import localdate

from senco.letters.models import Batch, Kind, Message
from senco.lib.codes import BROAD_AREA_OF_NEED, ON_REGISTER, Provision
from senco.lib.prepared import Prepared
from senco.provision import selectors as provision
from senco.pupils.models import Pupil
from senco.register.models import RegisterChange
from senco.register.selectors import pupil_history

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


def suggestion(pupil, recent: list[Message] | None = None) -> Suggestion | None:
    """A letter due: the pupil's latest move onto or off the register, with no letter of
    the matching kind written since.

    Reads the register's history as the pupil page's history panel does (one query for
    both), and the letters only when `recent` (the newest letters, newest first) does not
    settle it: none of them is the letter, and letters older than they are may be newer
    than the move."""
    change = next((c for c in pupil_history(pupil) if c.provision_changed), None)
    if change is None:
        return None
    kind = _change_kind(change)
    if not kind:
        return None
    if _written_since(pupil, kind, change.effective_date, recent):
        return None
    name = pupil.preferred_name or pupil.forename
    verb = "joined" if kind == Kind.JOINED_REGISTER else "left"
    text = f"{name} {verb} the SEN register on {change.effective_date:%-d %B}: no letter sent yet"
    return Suggestion(kind, text)


def _written_since(pupil, kind: str, day, recent: list[Message] | None) -> bool:
    if recent is not None:
        for m in recent:
            if m.kind == kind and m.status != S.REFUSED and localdate(m.created_at) >= day:
                return True
        if len(recent) < RECENT or localdate(recent[-1].created_at) < day:
            return False  # every letter since the move is among them
    return (
        Message.objects.filter(pupil=pupil, kind=kind, created_at__date__gte=day)
        .exclude(status=S.REFUSED)
        .exists()
    )


# The newest letters a pupil's page lists.
RECENT = 3


_recent_messages = Prepared(
    lambda pupil: (
        Message.objects.filter(pupil_id=pupil)
        .defer("body", "to_email", "reason")
        .order_by("-created_at", "-pk")[:RECENT]
    )
)


def recent_messages(pupil) -> list[Message]:
    return _recent_messages.instances(pupil=pupil.pk)


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
