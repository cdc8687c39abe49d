"""The EHC plan counts on a school's summary page: what governors (and the trust's SEND lead)
see of the EHC work, never a name (registered as `SummaryFigures` in capability.py).

- annual reviews held since 1 September, on time (within 12 months of the plan's issue or
  the meeting before, CFA 2014 s.44(1)) and late;
- section F items of the plans in force, in place and not;
- plans whose annual review is overdue now.

For someone who sees no names these are hidden exactly as the register's figures are:
`senco.lib.disclosure.protect` over the figures and the two sums between them (held = on
time + late; items = in place + not), so every count from 1 to 4, and any figure that would
give one away, reads "hidden". The number of plans itself is the register's "EHC plan"
figure above them, hidden by the register's own rules, so it is not repeated here.
Two queries, whatever the number of plans.
"""

import datetime

from django.db.models import Count, Q

from senco.ehcp.models import AnnualReview, EHCPlan
from senco.lib import clock
from senco.lib.codes import Provision
from senco.lib.disclosure import Sum, protect

HELD, ON_TIME, LATE = ("reviews", "held"), ("reviews", "on_time"), ("reviews", "late")
ITEMS, IN_PLACE, NOT_IN_PLACE = ("items", "all"), ("items", "in_place"), ("items", "not")
OVERDUE = ("reviews", "overdue")
ORDER = (HELD, ON_TIME, LATE, ITEMS, IN_PLACE, NOT_IN_PLACE, OVERDUE)
LABELS = {
    HELD: "Annual reviews held since 1 September",
    ON_TIME: "of them held on time (within 12 months)",
    LATE: "of them held late",
    ITEMS: "Section F items in EHC plans",
    IN_PLACE: "of them in place",
    NOT_IN_PLACE: "of them not in place",
    OVERDUE: "EHC plans whose annual review is overdue",
}


def ehc_counts(school, today: datetime.date) -> dict[tuple, int]:
    """The exact counts for one school."""
    plans = list(
        EHCPlan.objects.filter(school_filter(school))
        .exclude(status=EHCPlan.Status.CEASED)
        .annotate(total=Count("items"), in_place=Count("items", filter=Q(items__in_place=True)))
        .values_list("issued_on", "last_review_on", "total", "in_place")
    )
    items = sum(p[2] for p in plans)
    in_place = sum(p[3] for p in plans)
    overdue = sum(
        1
        for issued, last, *_ in plans
        if clock.statutory("next_review", last or issued).due < today
    )
    start = datetime.date(clock.academic_year_of(today), 9, 1)
    held = list(
        AnnualReview.objects.filter(plan__pupil__school=school, held_on__isnull=False)
        .order_by("plan_id", "held_on", "pk")
        .values_list("plan_id", "held_on", "plan__issued_on", "plan__last_review_on")
    )
    on_time = late = 0
    before: dict[int, datetime.date] = {}
    for plan_id, held_on, issued_on, last_review_on in held:
        earlier = [d for d in (before.get(plan_id), issued_on, last_review_on) if d and d < held_on]
        previous = max(earlier, default=issued_on)
        if held_on >= start:
            if held_on <= clock.statutory("next_review", previous).due:
                on_time += 1
            else:
                late += 1
        before[plan_id] = held_on
    return {
        HELD: on_time + late,
        ON_TIME: on_time,
        LATE: late,
        ITEMS: items,
        IN_PLACE: in_place,
        NOT_IN_PLACE: items - in_place,
        OVERDUE: overdue,
    }


def school_filter(school) -> Q:
    return Q(pupil__school=school, pupil__sen_provision=Provision.EHC_PLAN)


def hidden_counts(counts: dict[tuple, int]) -> frozenset:
    """Which of the counts to hide from someone who sees no names."""
    values = {key: counts[key] for key in ORDER}
    sums = [Sum(HELD, (ON_TIME, LATE)), Sum(ITEMS, (IN_PLACE, NOT_IN_PLACE))]
    return protect(values, sums).hidden


def summary_figures(school, today: datetime.date, suppress: bool) -> dict:
    counts = ehc_counts(school, today)
    hidden = hidden_counts(counts) if suppress else frozenset()
    rows = [
        {
            "key": "-".join(key),
            "label": LABELS[key],
            "value": None if key in hidden else counts[key],
            "sub": key not in (HELD, ITEMS, OVERDUE),
        }
        for key in ORDER
    ]
    return {"rows": rows, "suppress": suppress, "any_hidden": bool(hidden)}
