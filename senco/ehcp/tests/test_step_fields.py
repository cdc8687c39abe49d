"""The fields the steps declare they read (steps.REVIEW_FIELDS and the others) are all they
read: the calendar's queries (senco/ehcp/events.py) load only those, and a field the steps
read beyond them would cost a query for each review."""

import datetime

import pytest
from django.utils import timezone

from senco.ehcp import steps
from senco.ehcp.models import AnnualReview, AssessmentRequest, Contributor

pytestmark = pytest.mark.django_db


def _reviews(plan):
    """A review at each stage, every branch of the steps: new; its meeting set after the
    review is due, with views and advice; held and reported on; amended, with and without
    the proposed amendments. All but the last closed (one may be open at a time)."""
    day = timezone.localdate()
    later = day + datetime.timedelta(days=400)
    closed = timezone.now()
    stages = [
        {},
        {
            "meeting_on": later,
            "pupil_view": "I like maths",
            "parent_view": "Happier",
            "views_requested_at": closed,
            "advice_circulated_on": day,
        },
        {
            "meeting_on": day,
            "held_on": day,
            "progress": "Good progress",
            "recommendations": "Keep the plan",
            "report_sent_on": day,
            "decision": AnnualReview.Decision.MAINTAIN,
            "decision_on": day,
        },
        {
            "meeting_on": day,
            "held_on": day,
            "decision": AnnualReview.Decision.AMEND,
            "decision_on": day,
            "proposals_on": day,
            "final_plan_on": day,
        },
        {"meeting_on": day, "held_on": day, "decision": AnnualReview.Decision.AMEND},
    ]
    reviews = []
    for i, fields in enumerate(stages):
        done = {"closed_at": closed} if i < len(stages) - 1 else {}
        reviews.append(AnnualReview.objects.create(plan=plan, **fields, **done))
    for review in reviews[1:3]:
        Contributor.objects.create(review=review, role="parent", name="Mum", invited_on=day)
        Contributor.objects.create(
            review=review,
            role="professional",
            name="EP",
            advice_requested_on=day,
            advice_received_on=day,
        )
        Contributor.objects.create(review=review, role="local_authority", name="LA")


def _by_review(contributors) -> dict[int, list]:
    found: dict[int, list] = {}
    for contributor in contributors:
        found.setdefault(contributor.review_id, []).append(contributor)
    return found


def test_a_reviews_steps_need_only_the_fields_declared(plan, django_assert_num_queries):
    _reviews(plan)
    whole = AnnualReview.objects.filter(plan=plan).select_related("plan").order_by("pk")
    light = list(
        whole.only(*steps.REVIEW_FIELDS, *(f"plan__{field}" for field in steps.PLAN_FIELDS))
    )
    everyone = Contributor.objects.filter(review__plan=plan).order_by("pk")
    few = _by_review(everyone.only("review", *steps.CONTRIBUTOR_FIELDS))
    with django_assert_num_queries(0):
        found = [steps.review_steps(r, contributors=few.get(r.pk, [])) for r in light]
    all_of = _by_review(everyone)
    assert found == [steps.review_steps(r, contributors=all_of.get(r.pk, [])) for r in whole]
    # Every step of every stage was reached.
    assert {s.key for review in found for s in review} >= {"amendments", "report", "views"}


def test_a_requests_steps_need_only_the_fields_declared(ehc_pupil, django_assert_num_queries):
    day = timezone.localdate()
    request = {"pupil": ehc_pupil, "la_code": "886", "requested_by": "school"}
    for fields in (
        {},
        {"decision": AssessmentRequest.Decision.REFUSED, "decision_on": day},
        {"decision": AssessmentRequest.Decision.ASSESS, "decision_on": day},
        {
            "decision": AssessmentRequest.Decision.ASSESS,
            "decision_on": day,
            "draft_served_on": day,
            "response_sent_on": day,
            "outcome": AssessmentRequest.Outcome.PLAN_ISSUED,
            "outcome_on": day,
        },
    ):
        AssessmentRequest.objects.create(**request, requested_on=day, **fields)
    whole = AssessmentRequest.objects.order_by("pk")
    light = list(whole.only(*steps.REQUEST_FIELDS))
    with django_assert_num_queries(0):
        found = [steps.request_steps(r) for r in light]
    assert found == [steps.request_steps(r) for r in whole]
    assert {s.key for request in found for s in request} == {
        "decision",
        "draft",
        "response",
        "final",
    }
