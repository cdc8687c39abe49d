"""The current plan of the graduated approach on a parent's page about their own child
(`registry.ParentPanel`, shown by the parents app's `parent_child`).

What the family sees is what the plan printed for them shows (`plans/pdf/plan.html`):
the outcomes with how everyone will know they are met, the provision and who does what,
and when it will be reviewed; and from the last review, the progress made on each outcome
(the rating, not the staff's evidence) and what was agreed (next steps, and the agreed
actions of a person-centred review or a structured conversation). Never the notes, the
evidence, or the teachers' views.
"""

import datetime

from django.utils import timezone

from senco.plans.models import Cycle, Outcome, OutcomeProgress, Review

# The rule the school follows for reviews, as the calendar shows it (plans/capability.py).
REVIEW_RULE = "at least once a term"
REVIEW_SOURCE = "SEND Code of Practice 6.48"

# What a family reads of a review, by the review's kind: (field, label).
AGREED = {
    Review.Kind.STANDARD: (("review__next_steps", "Next steps"),),
    Review.Kind.PERSON_CENTRED: (
        ("review__pcr_actions", "Outcomes and actions"),
        ("review__next_steps", "Next steps"),
    ),
    Review.Kind.STRUCTURED: (
        ("review__sc_plan", "What each person will do"),
        ("review__sc_review", "What was agreed and when we will meet again"),
        ("review__next_steps", "Next steps"),
    ),
}
_REVIEW_FIELDS = sorted({name for fields in AGREED.values() for name, _ in fields})
RATINGS = dict(OutcomeProgress.Rating.choices)


def _last_review(row: dict | None) -> dict | None:
    if row is None or row["review__held_on"] is None:
        return None
    kind = row["review__kind"] or Review.Kind.STANDARD
    agreed = [
        {"label": label, "text": row[name].strip()}
        for name, label in AGREED.get(kind, AGREED[Review.Kind.STANDARD])
        if row[name].strip()
    ]
    return {"held_on": row["review__held_on"], "agreed": agreed, "progress": []}


def plan_panel(pupil, contacts, today: datetime.date) -> dict | None:
    """The open cycle's plan and the last review, as values; None when the pupil has no
    cycle in progress. Two queries: the last two cycles, then their outcomes."""
    cycles = list(
        Cycle.objects.filter(pupil_id=pupil.pk)
        .order_by("-number")
        .values(
            "pk",
            "status",
            "started_on",
            "review_date",
            "planned_at",
            "provision",
            "who_does_what",
            "review__held_on",
            "review__kind",
            *_REVIEW_FIELDS,
        )[:2]
    )
    if not cycles or cycles[0]["status"] != Cycle.Status.OPEN:
        return None
    current = cycles[0]
    last = _last_review(cycles[1] if len(cycles) > 1 else None)
    ids = [current["pk"]] + ([cycles[1]["pk"]] if last else [])
    outcomes = []
    for o in (
        Outcome.objects.filter(cycle_id__in=ids)
        .order_by("cycle_id", "position")
        .values("cycle_id", "text", "success_criteria", "progress__rating")
    ):
        if o["cycle_id"] == current["pk"]:
            outcomes.append({"text": o["text"], "success_criteria": o["success_criteria"]})
        elif o["progress__rating"]:
            last["progress"].append({"text": o["text"], "rating": RATINGS[o["progress__rating"]]})
    return {
        "name": pupil.preferred_name or pupil.forename,
        "agreed": current["planned_at"] is not None,
        "agreed_on": timezone.localdate(current["planned_at"]) if current["planned_at"] else None,
        "started_on": current["started_on"],
        "outcomes": outcomes,
        "provision": current["provision"].strip(),
        "who_does_what": current["who_does_what"].strip(),
        "review_date": current["review_date"],
        "review_rule": REVIEW_RULE,
        "review_source": REVIEW_SOURCE,
        "last_review": last,
    }
