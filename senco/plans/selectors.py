"""Reads of the graduated approach, limited to what the user may see."""

import datetime

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce
from django.http import Http404

from senco.access import Scope, pupil_for, pupils_visible, scope_args
from senco.accounts.models import Role, User
from senco.lib.clock import TERM_LABELS, term_ending_on
from senco.lib.codes import Provision
from senco.lib.prepared import Prepared
from senco.plans.models import (
    DUE_SOON_DAYS,
    Cycle,
    Evidence,
    Note,
    Outcome,
    OutcomeProgress,
    PlanVersion,
    ViewRequest,
)
from senco.profiles.selectors import inline_diff
from senco.pupils.models import Pupil
from senco.schools.selectors import saved_terms

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
    term = term_ending_on(saved_terms(school), review_date)
    return f"end of the {TERM_LABELS[term.name].lower()}" if term else ""


def senco_of(school):
    """The school's SENCO (the first, by name), to name on a letter to a family."""
    return (
        User.objects.filter(memberships__school=school, memberships__role=Role.SENCO)
        .order_by("last_name", "first_name", "pk")
        .first()
    )


_live_cycle = Prepared(
    lambda pupil: (
        Cycle.objects.filter(pupil_id=pupil, status=Cycle.Status.OPEN)
        .annotate(evidence_count=Count("evidence"))
        .order_by("-number")[:1]
    )
)


def live_cycle(pupil: Pupil) -> Cycle | None:
    """The pupil's open cycle, with how much evidence it has, in one query."""
    return _live_cycle.first(pupil=pupil.pk)


_cycle_of = Prepared(
    lambda pupil, cycle: Cycle.objects.filter(pk=cycle, pupil_id=pupil).select_related("created_by")
)


def cycle_detail(pupil: Pupil, cycle_id: int) -> Cycle:
    """One of the pupil's cycles, or 404. The caller has already reached the pupil through
    `senco.access.pupil_view`."""
    cycle = _cycle_of.first(pupil=pupil.pk, cycle=cycle_id)
    if cycle is None:
        raise Http404("Not found")
    return cycle


# What the cycle's page lists, each written once (senco/lib/prepared.py): the page is opened
# for every review, and building these four querysets was a quarter of its time.
_evidence_of = Prepared(
    lambda cycle: Evidence.objects.filter(cycle_id=cycle).select_related("recorded_by")
)
_notes_of = Prepared(lambda cycle: Note.objects.filter(cycle_id=cycle).select_related("author"))
_view_requests_of = Prepared(
    lambda cycle: ViewRequest.objects.filter(cycle_id=cycle).select_related("teacher")
)


def cycle_evidence(cycle: Cycle) -> list[Evidence]:
    """The cycle's evidence, oldest first, with who recorded it."""
    return _evidence_of.instances(cycle=cycle.pk)


def cycle_notes(cycle: Cycle) -> list[Note]:
    """The cycle's notes, newest first, with their authors."""
    return _notes_of.instances(cycle=cycle.pk)


_outcomes_of = Prepared(
    lambda cycle: Outcome.objects.filter(cycle_id=cycle).select_related("carried_from")
)
_progress_of = Prepared(lambda cycle: OutcomeProgress.objects.filter(outcome__cycle_id=cycle))


def cycle_outcomes(cycle: Cycle) -> list[Outcome]:
    """The cycle's outcomes in order, each with the outcome it was carried from and its
    progress at the review (`outcome.progress`, missing before the review), as
    `select_related("carried_from", "progress")` gives them. Two queries written once: the
    ORM cannot write a reverse one-to-one join once."""
    outcomes = _outcomes_of.instances(cycle=cycle.pk)
    progress = {p.outcome_id: p for p in _progress_of.instances(cycle=cycle.pk)}
    for outcome in outcomes:
        Outcome.cycle.field.set_cached_value(outcome, cycle)
        found = progress.get(outcome.pk)
        Outcome.progress.related.set_cached_value(outcome, found)
        if found is not None:
            OutcomeProgress.outcome.field.set_cached_value(found, outcome)
    return outcomes


def cycle_view_requests(cycle: Cycle) -> list[ViewRequest]:
    """The teachers asked for their views in this cycle, in the order asked."""
    return _view_requests_of.instances(cycle=cycle.pk)


def view_request_for(user, pk: int) -> tuple[ViewRequest, Scope]:
    """A request for a teacher's view of a pupil, which only that teacher may open.

    The teacher must still see the pupil; anyone else gets the same 404 as for a request
    that does not exist.
    """
    view_request = (
        ViewRequest.objects.filter(pk=pk, teacher=user).select_related("cycle", "pupil").first()
    )
    if view_request is None:
        raise Http404("Not found")
    pupil, scope = pupil_for(user, view_request.pupil_id)
    view_request.pupil = pupil
    if view_request.cycle is not None:
        view_request.cycle.pupil = pupil
    return view_request, scope


def view_requests_about(subject: str) -> list[ViewRequest]:
    """The teachers asked about a record of another app (`subject`, e.g. "ehcp-review:12"),
    with their answers, in the order they were asked: one query. The caller has reached the
    pupil through `senco.access`."""
    if not subject:
        return []
    return _view_requests_about.instances(subject=subject)


# The annual review and EHC plan pages ask on every visit (senco/lib/prepared.py).
_view_requests_about = Prepared(
    lambda subject: ViewRequest.objects.filter(subject=subject).select_related("teacher")
)


# --- What needs doing: one query each, whatever the number of pupils ------------------------


def _open_cycles(scope: Scope) -> QuerySet[Cycle]:
    return open_cycles_of(**scope_args(scope))


def open_cycles_of(shape: str, school: int, user: int) -> QuerySet[Cycle]:
    """The open cycles of the pupils a scope sees (`senco.access.scope_args`)."""
    return (
        Cycle.objects.filter(
            status=Cycle.Status.OPEN, pupil__in=pupils_visible(shape, school, user)
        )
        .select_related("pupil")
        .order_by("review_date", "pupil__surname_key", "pupil__forename_key")
    )


def reviews_due(*, scope: Scope, today: datetime.date) -> QuerySet[Cycle]:
    """Open cycles whose review is in the next two weeks."""
    return reviews_due_of(**scope_args(scope), today=today, soon=due_soon(today))


def due_soon(today: datetime.date) -> datetime.date:
    return today + datetime.timedelta(days=DUE_SOON_DAYS)


def reviews_due_of(shape: str, school: int, user: int, today: datetime.date, soon: datetime.date):
    """`reviews_due` for a query written once: `soon` is an argument, not worked out from
    `today` inside (senco/lib/prepared.py)."""
    return open_cycles_of(shape, school, user).filter(review_date__gte=today, review_date__lte=soon)


def reviews_overdue(*, scope: Scope, today: datetime.date) -> QuerySet[Cycle]:
    return reviews_overdue_of(**scope_args(scope), today=today)


def reviews_overdue_of(shape: str, school: int, user: int, today: datetime.date):
    return open_cycles_of(shape, school, user).filter(review_date__lt=today)


def reviews_due_or_overdue(*, scope: Scope, today: datetime.date) -> QuerySet[Cycle]:
    soon = today + datetime.timedelta(days=DUE_SOON_DAYS)
    return _open_cycles(scope).filter(review_date__lte=soon)


def pupils_without_cycle(*, scope: Scope) -> QuerySet[Pupil]:
    """Pupils at SEN support (K) with no cycle in progress."""
    return pupils_without_cycle_of(**scope_args(scope))


def pupils_without_cycle_of(shape: str, school: int, user: int) -> QuerySet[Pupil]:
    live = Cycle.objects.filter(pupil=OuterRef("pk"), status=Cycle.Status.OPEN)
    return (
        pupils_visible(shape, school, user)
        .filter(sen_provision=Provision.SEN_SUPPORT)
        .exclude(Exists(live))
    )


def views_awaited(*, scope: Scope) -> QuerySet[ViewRequest]:
    """Teachers' views asked for and not yet given, on the school's open cycles and the
    other records still open that asked for them (an EHC plan's annual review)."""
    return views_awaited_of(**scope_args(scope))


def views_awaited_of(shape: str, school: int, user: int) -> QuerySet[ViewRequest]:
    return (
        ViewRequest.objects.filter(
            Q(cycle__status=Cycle.Status.OPEN) | Q(cycle__isnull=True, closed_at__isnull=True),
            answered_at__isnull=True,
            pupil__in=pupils_visible(shape, school, user),
        )
        .select_related("teacher", "cycle", "pupil")
        .order_by(Coalesce("cycle__review_date", "due_on").asc(nulls_last=True), "pk")
    )


def views_to_give(*, scope: Scope) -> QuerySet[ViewRequest]:
    """The requests awaiting this teacher's answer at this school."""
    return views_awaited(scope=scope).filter(teacher=scope.user)


def open_cycles_due_for_views(*, today: datetime.date) -> QuerySet[Cycle]:
    """Every open cycle whose review is within two weeks (or overdue), for the daily job."""
    soon = today + datetime.timedelta(days=DUE_SOON_DAYS)
    return Cycle.objects.filter(status=Cycle.Status.OPEN, review_date__lte=soon).select_related(
        "pupil"
    )


def open_cycles_reviewed_between(
    *, scope: Scope, start: datetime.date, end: datetime.date
) -> QuerySet[Cycle]:
    """Open cycles of the pupils the scope sees whose review date falls in [start, end]."""
    return _open_cycles(scope).filter(review_date__gte=start, review_date__lte=end)


def live_cycle_summary(pupil: Pupil, today: datetime.date) -> dict | None:
    """The pupil's open cycle, its stage and how soon it is due, in one query."""
    cycle = live_cycle(pupil)
    if cycle is None:
        return None
    return {
        "cycle": cycle,
        "stage": cycle_stage(cycle, today, cycle.evidence_count),
        "urgency": review_urgency(cycle.review_date, today),
    }


# --- The plan's versions -----------------------------------------------------------------


def plan_fields(version: PlanVersion) -> list[tuple[str, str]]:
    """A saved plan as (label, text), in the order of the plan's form."""
    outcomes = list(version.outcomes)
    rows = []
    for n in range(1, Outcome.MAX + 1):
        outcome = outcomes[n - 1] if n <= len(outcomes) else {}
        rows.append((f"Outcome {n}", outcome.get("text", "")))
        rows.append((f"Success criteria for outcome {n}", outcome.get("success_criteria", "")))
    rows += [
        ("Provision to make", version.provision),
        ("Who does what", version.who_does_what),
        ("Review date", f"{version.review_date:%-d %B %Y}"),
    ]
    return rows


def plan_history(cycle: Cycle) -> list[dict]:
    """Every saved version of the cycle's plan, newest first, with what it changed from
    the one before. One query."""
    versions = list(cycle.plan_versions.select_related("saved_by").order_by("number"))
    rows = []
    previous = None
    for v in versions:
        before = dict(plan_fields(previous)) if previous else {}
        changed = [label for label, text in plan_fields(v) if before.get(label, "") != text]
        rows.append({"version": v, "changed": changed})
        previous = v
    rows.reverse()
    return rows


def compare_plan_versions(old: PlanVersion, new: PlanVersion) -> list[dict]:
    """Field by field: the label, whether it changed, and the words removed and added."""
    before = dict(plan_fields(old))
    rows = []
    for label, after in plan_fields(new):
        was = before[label]
        if not was and not after:
            continue
        rows.append(
            {
                "label": label,
                "changed": was != after,
                "before": was,
                "after": after,
                "diff": inline_diff(was, after) if was != after else None,
            }
        )
    return rows


def cycles_by_id(pupil: Pupil, ids) -> dict[int, Cycle]:
    """The pupil's cycles with these ids, by id: one query (none for no ids). The caller
    has already reached the pupil through `senco.access`."""
    ids = list(ids)
    if not ids:
        return {}
    return {c.pk: c for c in Cycle.objects.filter(pupil=pupil, pk__in=ids)}


def cycles_for_meetings(pupil: Pupil, recent: int = 3) -> list[Cycle]:
    """The cycles a meeting with the family may be for: the open one and the last few
    reviewed, newest first. One query."""
    cycles = list(Cycle.objects.filter(pupil=pupil).order_by("-number")[: recent + 1])
    open_ = [c for c in cycles if c.is_open]
    return open_ + [c for c in cycles if not c.is_open][:recent]


def open_cycle_outcomes(pupil: Pupil) -> tuple[Cycle | None, list[Outcome]]:
    """The pupil's open cycle and its outcomes, for the member of staff taking a review
    day's appointment. Two queries."""
    cycle = Cycle.objects.filter(pupil=pupil, status=Cycle.Status.OPEN).first()
    if cycle is None:
        return None, []
    return cycle, list(cycle.outcomes.all())


def pupils_with_plan_since(pupils, since: datetime.date) -> set[int]:
    """Of these pupils (a queryset or ids the caller may see), the ids of those with an SEN
    support plan started or reviewed on or after `since`: for the census check's "no plan
    in the last two terms" (senco/year/census_selectors.py). One query."""
    return set(
        Cycle.objects.filter(pupil__in=pupils)
        .filter(Q(started_on__gte=since) | Q(review__held_on__gte=since))
        .order_by()
        .values_list("pupil_id", flat=True)
        .distinct()
    )
