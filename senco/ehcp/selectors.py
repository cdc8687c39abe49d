"""Reads of the EHC plan records, limited to what the scope may see."""

import datetime
from typing import NamedTuple

from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404

from senco.access import Scope, of_pupils_visible, scope_args
from senco.ehcp.models import AnnualReview, EHCPlan, PlanDocument, ProvisionItem
from senco.ehcp.steps import review_answered
from senco.lib import clock
from senco.lib.codes import Provision
from senco.lib.prepared import Prepared, as_first
from senco.lib.statutory import Deadline, add_months
from senco.pupils.selectors import name_fields

DUE_SOON = datetime.timedelta(weeks=6)


def next_review(plan: EHCPlan) -> Deadline:
    """When the next annual review is due, with its rule and legal source."""
    return clock.statutory("next_review", plan.review_from)


def review_urgency(deadline: Deadline, today: datetime.date) -> str:
    """ "overdue", "soon" (within 6 weeks) or ""."""
    if deadline.due < today:
        return "overdue"
    if deadline.due <= today + DUE_SOON:
        return "soon"
    return ""


# Read on every EHC plan and annual review page: SQL written once (senco/lib/prepared.py).
_plan_of = Prepared(lambda pupil: as_first(EHCPlan.objects.filter(pupil_id=pupil)))
_items_of = Prepared(lambda plan: ProvisionItem.objects.filter(plan_id=plan))
_document_of = Prepared(
    lambda plan: as_first(PlanDocument.objects.filter(plan_id=plan).select_related("uploaded_by"))
)


def plan_for(pupil) -> EHCPlan | None:
    return _plan_of.first(pupil=pupil.pk)


def items_by_kind(plan: EHCPlan) -> list[tuple[str, list[ProvisionItem]]]:
    """Section F grouped by kind, in the order of the kinds: (kind's label, items)."""
    items = _items_of.instances(plan=plan.pk)
    for item in items:  # as `plan.items.all()` would: each item knows its plan
        ProvisionItem.plan.field.set_cached_value(item, plan)
    return [
        (label, [i for i in items if i.kind == kind]) for kind, label in ProvisionItem.Kind.choices
    ]


def item_for(pupil, item_id: int) -> ProvisionItem:
    """An item of this pupil's plan, or 404 (the same for not theirs and not there)."""
    item = (
        ProvisionItem.objects.select_related("plan").filter(pk=item_id, plan__pupil=pupil).first()
    )
    if item is None:
        raise Http404("Not found")
    return item


_plan_summary = Prepared(
    lambda pupil: (
        EHCPlan.objects.filter(pupil_id=pupil)
        .annotate(
            total=Count("items"),
            in_place_count=Count("items", filter=Q(items__in_place=True)),
        )
        .order_by("pk")[:1]
    )
)


def plan_summary(pupil) -> EHCPlan | None:
    """The plan with `total` and `in_place` counts of section F, in one query."""
    return _plan_summary.first(pupil=pupil.pk)


def _school_plans(scope: Scope):
    return school_plans(**scope_args(scope))


def school_plans(shape: str, school: int, user: int):
    """The live plans of the pupils a scope sees, for queries written once (the scope as
    `senco.access.visibility` and two ids)."""
    return (
        EHCPlan.objects.filter(
            of_pupils_visible(shape, school, user), pupil__sen_provision=Provision.EHC_PLAN
        )
        .exclude(status=EHCPlan.Status.CEASED)
        # Lists of plans show names and dates: not the plan's long text.
        .defer("needs", "outcomes")
    )


# What lists of plans show: the dates the next review counts from and the pupil's name.
LISTED = ("pupil", "status", "issued_on", "last_review_on", *name_fields("pupil"))


def items_counted(**filters):
    """How many of a plan's section F items there are (with these filters), counted in a
    subquery: a GROUP BY over the plans would group by every column of a plan and its pupil
    (the long text of its needs and outcomes too), which took SQLite four times as long."""
    items = (
        ProvisionItem.objects.filter(plan=OuterRef("pk"), **filters)
        .order_by()
        .values("plan")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(items), 0)


_plans_with_gaps = Prepared(
    lambda shape, school, user: (
        school_plans(shape, school, user)
        .annotate(not_in_place=items_counted(in_place=False))
        .filter(not_in_place__gt=0)
        .select_related("pupil")
        .only(*LISTED)
        .order_by("-not_in_place", "pupil__legal_surname", "pupil__forename")
    )
)


def plans_with_gaps(scope: Scope) -> list[EHCPlan]:
    """Plans with section F items not in place, most gaps first."""
    return _plans_with_gaps.instances(**scope_args(scope))


_reviews_due = Prepared(
    lambda shape, school, user, latest_start: (
        school_plans(shape, school, user)
        .annotate(review_from_on=Coalesce(F("last_review_on"), F("issued_on")))
        .filter(review_from_on__lte=latest_start)
        .annotate(
            meeting_on=Subquery(
                AnnualReview.objects.filter(plan=OuterRef("pk"), closed_at__isnull=True).values(
                    "meeting_on"
                )[:1]
            )
        )
        .select_related("pupil")
        .only(*LISTED)
        .order_by("pk")
    )
)


def reviews_due(scope: Scope, today: datetime.date) -> list[tuple[EHCPlan, Deadline, str]]:
    """Annual reviews overdue or due within 6 weeks: (plan, deadline, urgency), soonest
    first. A review in progress with its meeting set on time answers the deadline."""
    # 12 months before the last day that counts, and a day more for 29 February.
    latest_start = add_months(today + DUE_SOON, -12) + datetime.timedelta(days=1)
    plans = _reviews_due.instances(**scope_args(scope), latest_start=latest_start)
    rows = []
    for plan in plans:
        deadline = next_review(plan)
        if review_answered(plan.meeting_on, deadline):
            continue
        urgency = review_urgency(deadline, today)
        if urgency:
            rows.append((plan, deadline, urgency))
    return sorted(rows, key=lambda row: (row[1].due, row[0].pupil.full_name))


class ReviewDue(NamedTuple):
    """A plan's next annual review, with what an event about it shows of the pupil."""

    plan_id: int
    pupil_id: int
    forename: str
    surname: str  # the legal surname: `forename surname` is the pupil's full name
    deadline: Deadline


# The calendar, the year page and the home page ask on every visit: SQL written once
# (senco/lib/prepared.py), and rows, not model instances. No ORDER BY: the reviews are
# sorted by their deadline in Python.
_reviews_between = Prepared(
    lambda shape, school, user, after, before: (
        school_plans(shape, school, user)
        .annotate(review_from_on=Coalesce(F("last_review_on"), F("issued_on")))
        .filter(review_from_on__gte=after, review_from_on__lte=before)
        .order_by()
        .values_list("pk", "pupil_id", "review_from_on", "pupil__forename", "pupil__legal_surname")
    )
)


def annual_reviews_between(
    scope: Scope, start: datetime.date, end: datetime.date
) -> list[ReviewDue]:
    """Plans whose next annual review is due between two days (inclusive), with the
    deadline, for the pupils the scope sees, soonest first: one query."""
    # Twelve months back from each end, a day wider for 29 February; exact in Python.
    rows = _reviews_between.rows(
        **scope_args(scope),
        after=add_months(start, -12) - datetime.timedelta(days=1),
        before=add_months(end, -12) + datetime.timedelta(days=1),
    )
    found = []
    for plan_id, pupil_id, review_from, forename, surname in rows:
        # `next_review(plan)`: `review_from_on` is the plan's `review_from`.
        deadline = clock.statutory("next_review", review_from)
        if start <= deadline.due <= end:
            found.append(ReviewDue(plan_id, pupil_id, forename, surname, deadline))
    return sorted(found, key=lambda due: (due.deadline.due, due.plan_id))


# --- The plan's PDF, section F for teachers, plans not yet recorded ------------------------

# What a teacher needs in the moment: the classroom strategies and what to do when things
# are not going well (interventions are someone else's to deliver).
TEACHER_KINDS = (ProvisionItem.Kind.CLASSROOM, ProvisionItem.Kind.WHEN_STRUGGLING)


def document_of(plan: EHCPlan) -> PlanDocument | None:
    """The plan's PDF as the local authority issued it, with who uploaded it, or None."""
    return _document_of.first(plan=plan.pk)


def _at_e(pupils) -> set[int]:
    return {p.pk for p in pupils if p.sen_provision == Provision.EHC_PLAN}


# My pupils asks on every visit: SQL written once (senco/lib/prepared.py).
_teacher_strategies = Prepared(
    lambda pupils: (
        ProvisionItem.objects.filter(plan__pupil_id__in=pupils, kind__in=TEACHER_KINDS)
        .exclude(plan__status=EHCPlan.Status.CEASED)
        .order_by("plan", "kind", "position", "pk")
        .values_list("plan__pupil_id", "kind", "what", "in_place")
    )
)


def teacher_strategies(pupils) -> dict[int, dict[str, list[tuple[str, bool]]]]:
    """For each of these pupils with an EHC plan in force, section F's classroom strategies
    and what to do when things are not going well, each as (what, in place):
    {pupil id: {"classroom": [...], "when_struggling": [...]}}. The caller has already
    limited `pupils` to those the person may see. One query of rows; none when no pupil is
    at E."""
    ids = _at_e(pupils)
    if not ids:
        return {}
    rows = _teacher_strategies.rows(pupils=sorted(ids))
    found: dict[int, dict[str, list[tuple[str, bool]]]] = {}
    for pupil_id, kind, what, in_place in rows:
        kinds = found.setdefault(pupil_id, {k: [] for k in TEACHER_KINDS})
        kinds[kind].append((what, in_place))
    return found


def pupils_without_plan(pupils) -> set[int]:
    """The ids of these pupils who are at E on the register with no EHC plan recorded. One
    query; none when no pupil is at E."""
    ids = _at_e(pupils)
    if not ids:
        return set()
    return ids - {pupil for (pupil,) in _with_plan.rows(pupils=sorted(ids))}


# The register notes pupils at E with no plan on every visit (senco/lib/prepared.py).
_with_plan = Prepared(
    lambda pupils: EHCPlan.objects.filter(pupil_id__in=pupils).order_by().values_list("pupil_id")
)


def has_plan(pupil_id: int) -> bool:
    return EHCPlan.objects.filter(pupil_id=pupil_id).exists()


# --- Section F for the groups that deliver it (senco/provision/links.py) -------------------


def section_f_items(pupil) -> list[ProvisionItem]:
    """Every section F item of the pupil's plan, in the plan's order: one query. The caller
    has already reached the pupil through `senco.access`."""
    return list(ProvisionItem.objects.filter(plan__pupil=pupil).order_by("kind", "position", "pk"))


def interventions_to_deliver(scope: Scope):
    """The section F items of kind "intervention" of the plans in force of the pupils the
    scope sees, with their pupils, as a queryset (another app may narrow it further)."""
    return interventions_of(**scope_args(scope))


def interventions_of(shape: str, school: int, user: int):
    """`interventions_to_deliver` for a query written once (`senco.access.scope_args`)."""
    return (
        ProvisionItem.objects.filter(
            kind=ProvisionItem.Kind.INTERVENTION, plan__in=school_plans(shape, school, user)
        )
        .select_related("plan__pupil")
        .order_by("plan__pupil__surname_key", "plan__pupil__forename_key", "position", "pk")
    )


def annual_reviews_for_meetings(pupil, recent: int = 2) -> list[AnnualReview]:
    """The annual reviews of the pupil's EHC plan a meeting with the family may be for:
    the one in progress and the last few closed, newest first. One query."""
    reviews = list(
        AnnualReview.objects.filter(plan__pupil=pupil).order_by("-created_at", "-pk")[: recent + 1]
    )
    open_ = [r for r in reviews if r.closed_at is None]
    return open_ + [r for r in reviews if r.closed_at is not None][:recent]
