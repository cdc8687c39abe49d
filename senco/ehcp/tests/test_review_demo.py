"""The demo trust's annual reviews: one at each step in every school, some closed, and every
review page of the demo opens."""

import pytest
from django.test import Client
from django.urls import reverse

from senco.accounts.models import Membership
from senco.demo.outline import DEMO_TODAY
from senco.ehcp import review_selectors
from senco.ehcp.models import AnnualReview, EHCPlan
from senco.testing import assert_valid_html


def _statuses(review) -> dict[str, str]:
    state = review_selectors.review_state(review, review.plan.pupil.school)
    return {s.key: s.status for s in state.steps}


@pytest.mark.django_db
def test_reviews_at_every_step(demo_trust):
    reviews = list(AnnualReview.objects.filter(kind="annual").select_related("plan__pupil__school"))
    open_ = [r for r in reviews if r.closed_at is None]
    closed = [r for r in reviews if r.closed_at is not None]
    assert closed and all(r.plan.last_review_on == r.held_on for r in closed)
    steps = [_statuses(r) for r in open_]
    # Booked, nobody invited; invitations overdue; advice awaited; report due; decision
    # awaited; amending.
    assert any(s["meeting_date"] == "done" and s["invitations"] == "to_do" for s in steps)
    assert any(s["invitations"] == "in_progress" or s["advice"] == "in_progress" for s in steps)
    assert any(s["meeting"] == "done" and s["report"] != "done" for s in steps)
    assert any(s["report"] == "done" and s["decision"] == "to_do" for s in steps)
    assert any(s.get("amendments") == "in_progress" for s in steps)
    assert EHCPlan.objects.filter(status=EHCPlan.Status.BEING_AMENDED).exists()
    assert any(r.meeting_on and r.meeting_on > DEMO_TODAY for r in open_)


@pytest.mark.django_db
def test_the_demo_senco_opens_every_review(demo_trust):
    review = AnnualReview.objects.filter(decision="amend").select_related("plan").first()
    senco = Membership.objects.filter(school=review.plan.pupil.school, role="senco").first().user
    client = Client()
    client.force_login(senco)
    for r in AnnualReview.objects.filter(plan__pupil__school=review.plan.pupil.school):
        response = client.get(reverse("ehcp_review", args=[r.plan.pupil_id, r.pk]))
        assert response.status_code == 200
    assert_valid_html(response)
