"""The EHC plans' figures offered as evidence (`registry.Evidence`):

- "annual_reviews": reviews held this school year on time, and plans whose review is
  overdue now: the summary page's counts (compliance_counts.py), hidden alike;
- "ehcp_provision": section F items in place, from the same counts;
- "ehc_assessments": requests for an EHC needs assessment open now, decisions overdue
  (6 weeks), and final plans issued this school year within 20 weeks of the request.

Counts only, never a name; for someone who sees no names the counts from 1 to 4, and what
would give one away, read "hidden". Two queries for the first two keys, one for the last.
"""

import datetime

from django.urls import reverse

from senco.ehcp import compliance_counts as counts_of
from senco.ehcp.models import AssessmentRequest
from senco.lib import clock
from senco.lib import evidence_text as text
from senco.lib.figures import HIDDEN
from senco.lib.statutory import RULES
from senco.registry import Figure

REVIEW_SOURCE = f"SEND Code of Practice 9.166; {RULES['next_review'].citation}"
SECTION_F_SOURCE = (
    "Children and Families Act 2014, s.42: the provision in section F must be secured"
)


def _counts(school, today: datetime.date, suppress: bool) -> tuple[dict, frozenset]:
    counts = counts_of.ehc_counts(school, today)
    hidden = counts_of.hidden_counts(counts) if suppress else frozenset()
    return counts, hidden


def annual_review_figures(school, today: datetime.date, suppress: bool) -> list[Figure]:
    counts, hidden = _counts(school, today, suppress)
    url = reverse("ehcp_compliance", args=[school.urn])
    held = counts[counts_of.HELD]
    on_time = counts[counts_of.ON_TIME]
    overdue = counts[counts_of.OVERDUE]
    return [
        Figure(
            "Annual reviews held since 1 September within 12 months of the last",
            text.part_of(
                on_time,
                held,
                hidden=counts_of.ON_TIME in hidden,
                whole_hidden=counts_of.HELD in hidden,
            ),
            url,
            "",
            REVIEW_SOURCE,
        ),
        Figure(
            "EHC plans whose annual review is overdue now",
            HIDDEN if counts_of.OVERDUE in hidden else f"{overdue:,}",
            url,
            "",
            REVIEW_SOURCE,
        ),
    ]


def section_f_figures(school, today: datetime.date, suppress: bool) -> list[Figure]:
    counts, hidden = _counts(school, today, suppress)
    items = counts[counts_of.ITEMS]
    if not items:
        return []
    return [
        Figure(
            "Section F items of EHC plans in place",
            text.part_of(
                counts[counts_of.IN_PLACE],
                items,
                hidden=counts_of.IN_PLACE in hidden,
                whole_hidden=counts_of.ITEMS in hidden,
            ),
            reverse("ehcp_compliance", args=[school.urn]),
            "",
            SECTION_F_SOURCE,
        )
    ]


def assessment_figures(school, today: datetime.date, suppress: bool) -> list[Figure]:
    """One query: every request of the school's pupils, with its dates."""
    requests = list(
        AssessmentRequest.objects.filter(pupil__school=school).values_list(
            "requested_on", "decision", "decision_on", "outcome", "outcome_on"
        )
    )
    if not requests:
        return []
    refused = AssessmentRequest.Decision.REFUSED
    start = datetime.date(clock.academic_year_of(today), 9, 1)
    open_now = [r for r in requests if not r[3] and r[1] != refused]
    decisions_late = sum(
        1
        for requested_on, _d, decision_on, _o, _on in open_now
        if decision_on is None and clock.statutory("assessment_decision", requested_on).due < today
    )
    issued = [
        (requested_on, outcome_on)
        for requested_on, _d, _don, outcome, outcome_on in requests
        if outcome == AssessmentRequest.Outcome.PLAN_ISSUED and outcome_on and outcome_on >= start
    ]
    in_time = sum(1 for r, o in issued if o <= clock.statutory("final_plan", r).due)
    url = reverse("ehcp_requests", args=[school.urn])
    decision, final = RULES["assessment_decision"], RULES["final_plan"]
    return [
        Figure(
            "Requests for an EHC needs assessment still open",
            text.count(len(open_now), hidden=text.hidden_if_small(len(open_now), suppress)),
            url,
        ),
        Figure(
            "Open requests whose decision whether to assess is overdue",
            text.count(decisions_late, hidden=text.hidden_if_small(decisions_late, suppress)),
            url,
            "",
            f"{decision.rule}: {decision.citation}",
        ),
        Figure(
            "Final EHC plans issued since 1 September within 20 weeks of the request",
            text.part_of_shown(in_time, len(issued), suppress),
            url,
            "",
            f"{final.rule}: {final.citation}",
        ),
    ]
