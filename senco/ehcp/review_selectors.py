"""Reads of an EHC plan's annual reviews. The caller has reached the pupil through
`senco.access.pupil_view`; a review or an invitee of another pupil is 404, the same as one
that does not exist."""

import datetime
from dataclasses import dataclass, field

from django.http import Http404

from senco.ehcp import steps as review_steps
from senco.ehcp.models import AnnualReview, Contributor, EHCPlan
from senco.ehcp.review_services import subject_of
from senco.lib.prepared import Prepared, as_first
from senco.lib.statutory import Deadline
from senco.plans import selectors as plans_selectors
from senco.schools.selectors import saved_closures

# Read on every annual review and EHC plan page: SQL written once (senco/lib/prepared.py).
_review_of = Prepared(
    lambda review, pupil: as_first(
        AnnualReview.objects.select_related("plan", "owner").filter(pk=review, plan__pupil_id=pupil)
    )
)
_contributors_of = Prepared(lambda review: Contributor.objects.filter(review_id=review))
_reviews_of = Prepared(lambda plan: AnnualReview.objects.filter(plan_id=plan))


def review_for(pupil, review_id: int) -> AnnualReview:
    review = _review_of.first(review=review_id, pupil=pupil.pk)
    if review is None:
        raise Http404("Not found")
    review.plan.pupil = pupil
    return review


def contributor_for(review: AnnualReview, contributor_id: int) -> Contributor:
    contributor = Contributor.objects.filter(pk=contributor_id, review=review).first()
    if contributor is None:
        raise Http404("Not found")
    contributor.review = review
    return contributor


def teacher_views(review: AnnualReview) -> list:
    """The teachers asked for their views for this review (plans' ViewRequest rows, with
    `teacher`, `view` and `answered_at`): for the views step and the report."""
    return plans_selectors.view_requests_about(subject_of(review))


@dataclass
class ReviewState:
    """Everything the task list shows, in a fixed number of queries."""

    review: AnnualReview
    contributors: list[Contributor]
    requests: list
    steps: list[review_steps.Step]
    closures: frozenset = field(default_factory=frozenset)

    @property
    def answered(self) -> list:
        return [r for r in self.requests if r.answered_at]

    @property
    def done(self) -> int:
        return sum(1 for s in self.steps if s.done)

    @property
    def next_step(self):
        """The first step still to do that can be started."""
        return next(
            (s for s in self.steps if not s.done and s.status != review_steps.CANNOT_START), None
        )

    @property
    def finished(self) -> bool:
        return review_steps.review_finished(self.steps)

    @property
    def due_by(self) -> Deadline:
        return review_steps.next_review_deadline(self.review.plan)

    def urgency(self, step, today: datetime.date) -> str:
        if step.done or step.status == review_steps.CANNOT_START:
            return ""
        return review_steps.urgency(step.deadline, today, closures=self.closures)


def review_state(review: AnnualReview, school) -> ReviewState:
    """The review's invitees, the teachers asked, and its steps with their deadlines:
    three queries however many people are invited."""
    contributors = _contributors_of.instances(review=review.pk)
    for contributor in contributors:  # as `review.contributors.all()` would
        Contributor.review.field.set_cached_value(contributor, review)
    requests = teacher_views(review)
    closures = saved_closures(school)
    steps = review_steps.review_steps(
        review,
        contributors=contributors,
        teacher_views=(len(requests), sum(1 for r in requests if r.answered_at)),
        closures=closures,
    )
    return ReviewState(review, contributors, requests, steps, closures)


def step_rows(state: ReviewState, today: datetime.date) -> list[dict]:
    """Each step for the task list, with its urgency and the URL name of its form."""
    forms = {
        "meeting_date": "ehcp_review_meeting_date",
        "invitations": "ehcp_review_invitations",
        "advice": "ehcp_review_advice",
        "views": "ehcp_review_views",
        "meeting": "ehcp_review_held",
        "report": "ehcp_review_report",
        "decision": "ehcp_review_decision",
        "amendments": "ehcp_review_decision",
    }
    return [
        {"step": step, "url_name": forms[step.key], "urgency": state.urgency(step, today)}
        for step in state.steps
    ]


def plan_reviews(plan: EHCPlan) -> dict:
    """For the plan page: the review in progress with its progress, and past reviews."""
    reviews = _reviews_of.instances(plan=plan.pk)
    for review in reviews:  # as `plan.reviews.all()` would: each review knows its plan
        AnnualReview.plan.field.set_cached_value(review, plan)
    open_review = next((r for r in reviews if r.closed_at is None), None)
    context = {
        "open_review": open_review,
        "past_reviews": [r for r in reviews if r.closed_at is not None],
    }
    if open_review is not None:
        open_review.plan = plan
        context["open_state"] = review_state(open_review, plan.pupil.school)
    return context
