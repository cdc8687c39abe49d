"""The EHC plan on a parent's page about their own child (`registry.ParentPanel`, shown by
the parents app's `parent_child`).

What the family sees: the local authority that issued the plan, its section E outcomes,
the progress towards them written in the last review's report once the report was sent
(the report goes to the family anyway), when the next annual review is due with its legal
source, and the review in progress: its meeting and where it has got to, in plain words.
Never the case officer's details, the contributors' advice, who attended, the evidence of
section F or anything else only staff use.
"""

import datetime

from django.db.models import Q

from senco.ehcp.models import AnnualReview, EHCPlan
from senco.lib import clock

Decision = AnnualReview.Decision


def stage_of(review: dict) -> str:
    """Where a review has got to, in words for a family."""
    if review["decision"] and review["decision_on"]:
        if review["decision"] == Decision.AMEND:
            if review["final_plan_on"]:
                return "The local authority has issued the amended plan."
            if review["proposals_on"]:
                return (
                    "The local authority has sent the changes it proposes to the plan. "
                    "You can comment on them before the amended plan is issued."
                )
            return "The local authority has decided to change the plan. It will send the changes."
        if review["decision"] == Decision.CEASE:
            return "The local authority has decided to end the plan."
        return "The local authority has decided to keep the plan as it is."
    if review["report_sent_on"]:
        return (
            "We have sent the report of the meeting to the local authority, which will "
            "decide whether to keep, change or end the plan."
        )
    if review["held_on"]:
        return "The meeting has been held. We are writing the report for the local authority."
    if review["advice_circulated_on"]:
        return "We have shared the advice with everyone and are getting ready for the meeting."
    if review["meeting_on"]:
        return "We are gathering advice and views for the meeting."
    return "We are arranging the review meeting."


_REVIEW_FIELDS = (
    "kind",
    "closed_at",
    "meeting_on",
    "meeting_time",
    "advice_circulated_on",
    "held_on",
    "progress",
    "report_sent_on",
    "decision",
    "decision_on",
    "proposals_on",
    "final_plan_on",
)
KINDS = dict(AnnualReview.Kind.choices)


def ehc_plan_panel(pupil, contacts, today: datetime.date) -> dict | None:
    """The plan and its reviews as values; None without a plan, or once it has ceased. Two
    queries: the plan, then the review in progress and the last one reported."""
    plan = (
        EHCPlan.objects.filter(pupil_id=pupil.pk)
        .exclude(status=EHCPlan.Status.CEASED)
        .values("pk", "la_name", "issued_on", "last_review_on", "outcomes")
        .first()
    )
    if plan is None:
        return None
    reviews = list(
        AnnualReview.objects.filter(plan_id=plan["pk"])
        .filter(Q(closed_at__isnull=True) | Q(report_sent_on__isnull=False))
        .order_by("-created_at", "-pk")
        .values(*_REVIEW_FIELDS)[:2]
    )
    current = next((r for r in reviews if r["closed_at"] is None), None)
    reported = next((r for r in reviews if r["report_sent_on"] and r["progress"].strip()), None)
    due = clock.statutory("next_review", plan["last_review_on"] or plan["issued_on"])
    return {
        "name": pupil.preferred_name or pupil.forename,
        "la_name": plan["la_name"],
        "issued_on": plan["issued_on"],
        "last_review_on": plan["last_review_on"],
        "outcomes": plan["outcomes"].strip(),
        "progress": reported["progress"].strip() if reported else "",
        "progress_on": reported["held_on"] if reported else None,
        "next_review": due.due,
        "next_review_rule": due.rule,
        "next_review_source": due.citation,
        "review": None
        if current is None
        else {
            "kind": KINDS.get(current["kind"], "Annual review"),
            "meeting_on": current["meeting_on"],
            "meeting_time": current["meeting_time"] if current["meeting_on"] else "",
            "held": current["held_on"] is not None,
            "stage": stage_of(current),
        },
    }
