"""Reads of what parents send the school. Parents' own pages reach a child only through
`senco.access.child_for` / `parent_contacts`; the school's through `pupil_for`."""

from django.db.models import Case, Count, Q, Value, When
from django.shortcuts import get_object_or_404

from senco.access import parent_contacts
from senco.accounts.models import ParentLink
from senco.lib.prepared import Prepared
from senco.parents.models import MeetingRequest, ParentViews
from senco.pupils.selectors import name_fields


def views_for_pupil(pupil):
    """Every set of views a pupil's family sent, unread first, newest first."""
    unread = Case(When(read_at=None, then=Value(0)), default=Value(1))
    return ParentViews.objects.filter(pupil=pupil).order_by(unread, "-created_at", "-pk")


def requests_for_pupil(pupil):
    """Every meeting a pupil's family asked for, open first, newest first."""
    still_open = Case(When(status=MeetingRequest.Status.OPEN, then=Value(0)), default=Value(1))
    return MeetingRequest.objects.filter(pupil=pupil).order_by(still_open, "-created_at", "-pk")


_views = Prepared(
    lambda pupil: (
        ParentViews.objects.filter(pupil_id=pupil)
        .select_related("contact")
        .only("going_well", "worries", "hopes", "created_at", "read_at", "contact__name")
        .order_by()
    )
)
_requests = Prepared(
    lambda pupil: (
        MeetingRequest.objects.filter(pupil_id=pupil)
        .select_related("contact")
        .only("about", "when", "status", "answer", "created_at", "contact__name")
        .order_by()
    )
)


def pupil_panel(pupil) -> tuple[list[ParentViews], list[MeetingRequest]]:
    """What the family sent, for the pupil page, in the orders above: two plain queries
    with the sender's name (sorted here, not by the database: the same rows either way)."""
    views = _views.instances(pupil=pupil.pk)
    views.sort(key=lambda v: (v.read_at is not None, -v.created_at.timestamp(), -v.pk))
    requests = _requests.instances(pupil=pupil.pk)
    still_open = MeetingRequest.Status.OPEN
    requests.sort(key=lambda r: (r.status != still_open, -r.created_at.timestamp(), -r.pk))
    return views, requests


def views_for(pupil, views_id: int) -> ParentViews:
    return get_object_or_404(ParentViews, pk=views_id, pupil=pupil)


def request_for(pupil, request_id: int) -> MeetingRequest:
    return get_object_or_404(
        MeetingRequest.objects.select_related("contact"), pk=request_id, pupil=pupil
    )


def children_of(user):
    """The parent's contact records that may be told about their child, each with its
    pupil and school: one query."""
    return list(
        parent_contacts(user)
        .select_related("pupil__school")
        .order_by("pupil__forename", "pupil__legal_surname", "pk")
    )


def open_requests_of(user):
    """The meetings this parent's family asked for that the school has not yet answered,
    for the children the parent may still see."""
    contacts = parent_contacts(user)
    return list(
        MeetingRequest.objects.filter(
            pupil_id__in=contacts.values("pupil_id"), status=MeetingRequest.Status.OPEN
        )
        .select_related("pupil")
        .order_by("-created_at", "-pk")
    )


def sent_by_family(pupil, contacts):
    """What this parent's contact records for the child sent: their views and requests.
    A parent sees only what was sent through their own contact records, never another
    contact's."""
    ids = [c.pk for c in contacts]
    views = list(ParentViews.objects.filter(pupil=pupil, contact_id__in=ids))
    requests = list(MeetingRequest.objects.filter(pupil=pupil, contact_id__in=ids))
    return views, requests


INBOX_SHOWN = 10
_UNREAD = ("pupil_id", "pupil__forename", "pupil__legal_surname", "n")
# The SENCO's inbox on the home page, with SQL written once (senco/lib/prepared.py).
_open_requests = Prepared(
    lambda school: (
        MeetingRequest.objects.filter(pupil__school_id=school, status=MeetingRequest.Status.OPEN)
        .select_related("pupil")
        # What the home page shows of each: when it was asked and the pupil's name.
        .only("pupil", "created_at", *name_fields("pupil"))
        .order_by("created_at", "pk")[: INBOX_SHOWN + 1]
    )
)
_unread = Prepared(
    lambda school: (
        ParentViews.objects.filter(pupil__school_id=school, read_at=None)
        .values("pupil_id", "pupil__forename", "pupil__legal_surname")
        .annotate(n=Count("pk", filter=Q(read_at=None)))
        .order_by("pupil__legal_surname", "pupil__forename", "pupil_id")
        .values_list(*_UNREAD)
    )
)


def school_inbox(school):
    """For the SENCO's "What needs doing": open requests (the first INBOX_SHOWN and one
    more, to say there are more) and the pupils with views not yet read (count and links),
    two queries."""
    requests = _open_requests.instances(school=school.pk)
    unread = [dict(zip(_UNREAD, row, strict=True)) for row in _unread.rows(school=school.pk)]
    return requests, unread


def request_current(request) -> list[tuple[str, str, object]]:
    """What is saved now, for the page that shows it beside what someone typed."""
    return [
        ("status", "What happens next", request.get_status_display()),
        ("answer", "Your answer to the family", request.answer),
    ]


def parent_sign_in(trust) -> tuple[str, str] | None:
    """(username, school name) of a demo parent, for `seed_demo`'s printout: the first
    parent at the trust's school that comes last by name (Hillside Academy in the demo)."""
    link = (
        ParentLink.objects.filter(contact__pupil__school__trust=trust, is_active=True)
        .select_related("user", "contact__pupil__school")
        .order_by("-contact__pupil__school__name", "pk")
        .first()
    )
    if link is None:
        return None
    return link.user.username, link.contact.pupil.school.name


def views_as_text(pupil, since) -> str:
    """The views the pupil's family sent on or after `since` (a date), oldest first, as
    plain text for a review form's "parents' views" box; "" when none. One query."""
    parts = []
    sent = ParentViews.objects.filter(pupil=pupil, created_at__date__gte=since).order_by(
        "created_at", "pk"
    )
    for views in sent:
        lines = [f"Sent through senco on {views.created_at:%-d %B %Y}:"]
        for label, text in (
            ("What is going well", views.going_well),
            ("What worries them", views.worries),
            ("What they would like to happen next", views.hopes),
        ):
            if text:
                lines.append(f"{label}: {text}")
        parts.append("\n".join(lines))
    return "\n\n".join(parts)
