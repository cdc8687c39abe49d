"""Reads of the graduated approach, limited to what the user may see."""

import datetime

from django.db.models import Count, Exists, OuterRef, QuerySet
from django.http import Http404

from senco.access import Scope, pupils_visible_to
from senco.accounts.models import Role
from senco.lib.clock import TERM_LABELS, academic_year_of, school_terms
from senco.lib.codes import Provision
from senco.plans.models import DUE_SOON_DAYS, Cycle, ViewRequest
from senco.pupils.models import Pupil

ASSESS, PLAN, DO, REVIEW, REVIEWED = "Assess", "Plan", "Do", "Review", "Reviewed"


def cycle_stage(cycle: Cycle, today: datetime.date, evidence_count: int) -> str:
    """Where the cycle is: assess and plan until the plan is agreed, then do until the
    review is near, then review."""
    if not cycle.is_open:
        return REVIEWED
    if cycle.planned_at is None:
        return PLAN if evidence_count else ASSESS
    if review_urgency(cycle.review_date, today):
        return REVIEW
    return DO


def review_urgency(review_date: datetime.date, today: datetime.date) -> str:
    """ "overdue", "soon" (within two weeks) or ""."""
    if review_date < today:
        return "overdue"
    if (review_date - today).days <= DUE_SOON_DAYS:
        return "soon"
    return ""


def review_date_note(school, review_date: datetime.date) -> str:
    """ "end of the autumn term" when the date is the last day of one of the school's terms."""
    for term in school_terms(school, academic_year_of(review_date)):
        if term.ends_on == review_date:
            return f"end of the {TERM_LABELS[term.name].lower()}"
    return ""


def live_cycle(pupil: Pupil) -> Cycle | None:
    """The pupil's open cycle, with how much evidence it has, in one query."""
    return (
        Cycle.objects.filter(pupil=pupil, status=Cycle.OPEN)
        .annotate(evidence_count=Count("evidence"))
        .first()
    )


def cycle_detail(pupil: Pupil, cycle_id: int) -> Cycle:
    """One of the pupil's cycles, or 404. The caller has already reached the pupil through
    `senco.access.pupil_view`."""
    cycle = Cycle.objects.filter(pk=cycle_id, pupil=pupil).select_related("created_by").first()
    if cycle is None:
        raise Http404("Not found")
    return cycle


# --- What needs doing: one query each, whatever the number of pupils ------------------------


def _open_cycles(scope: Scope) -> QuerySet[Cycle]:
    return (
        Cycle.objects.filter(status=Cycle.OPEN, pupil__in=pupils_visible_to(scope))
        .select_related("pupil")
        .order_by("review_date", "pupil__legal_surname", "pupil__forename")
    )


def reviews_due(*, scope: Scope, today: datetime.date) -> QuerySet[Cycle]:
    """Open cycles whose review is in the next two weeks."""
    soon = today + datetime.timedelta(days=DUE_SOON_DAYS)
    return _open_cycles(scope).filter(review_date__gte=today, review_date__lte=soon)


def reviews_overdue(*, scope: Scope, today: datetime.date) -> QuerySet[Cycle]:
    return _open_cycles(scope).filter(review_date__lt=today)


def reviews_due_or_overdue(*, scope: Scope, today: datetime.date) -> QuerySet[Cycle]:
    soon = today + datetime.timedelta(days=DUE_SOON_DAYS)
    return _open_cycles(scope).filter(review_date__lte=soon)


def pupils_without_cycle(*, scope: Scope) -> QuerySet[Pupil]:
    """Pupils at SEN support (K) with no cycle in progress."""
    live = Cycle.objects.filter(pupil=OuterRef("pk"), status=Cycle.OPEN)
    return (
        pupils_visible_to(scope).filter(sen_provision=Provision.SEN_SUPPORT).exclude(Exists(live))
    )


def views_awaited(*, scope: Scope) -> QuerySet[ViewRequest]:
    """Teachers' views asked for and not yet given, on the school's open cycles."""
    return (
        ViewRequest.objects.filter(
            answered_at__isnull=True,
            cycle__status=Cycle.OPEN,
            cycle__pupil__in=pupils_visible_to(scope),
        )
        .select_related("teacher", "cycle__pupil")
        .order_by("cycle__review_date", "pk")
    )


def views_to_give(*, scope: Scope) -> QuerySet[ViewRequest]:
    """The requests awaiting this teacher's answer at this school."""
    return views_awaited(scope=scope).filter(teacher=scope.user)


def open_cycles_due_for_views(*, today: datetime.date) -> QuerySet[Cycle]:
    """Every open cycle whose review is within two weeks (or overdue), for the daily job."""
    soon = today + datetime.timedelta(days=DUE_SOON_DAYS)
    return Cycle.objects.filter(status=Cycle.OPEN, review_date__lte=soon).select_related("pupil")


def todo_for(*, scope: Scope, today: datetime.date) -> dict:
    """What the graduated approach asks of this person at this school, one query a list.

    The SENCO: reviews due and overdue, pupils at SEN support with no cycle, and teachers'
    views still awaited. A leader: reviews due and overdue. A teacher: views to give and
    reviews due for the pupils they teach. A TA: reviews due for their pupils.
    """
    role = scope.role
    todo: dict = {}
    if role in (Role.SENCO, Role.LEADER):
        todo["reviews_due"] = [(c, "soon") for c in reviews_due(scope=scope, today=today)]
        todo["reviews_overdue"] = [
            (c, "overdue") for c in reviews_overdue(scope=scope, today=today)
        ]
    if role == Role.SENCO:
        todo["without_cycle"] = list(pupils_without_cycle(scope=scope))
        todo["views_awaited"] = list(views_awaited(scope=scope))
    if role == Role.TEACHER:
        todo["views_to_give"] = list(views_to_give(scope=scope))
    if role in (Role.TEACHER, Role.TA):
        todo["reviews_coming"] = [
            (c, review_urgency(c.review_date, today))
            for c in reviews_due_or_overdue(scope=scope, today=today)
        ]
    return todo
