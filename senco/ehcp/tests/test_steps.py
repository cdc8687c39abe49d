"""The steps of an annual review and of a needs-assessment request: status and deadline."""

import datetime

from senco.ehcp import steps
from senco.ehcp.models import AnnualReview, AssessmentRequest, Contributor, EHCPlan

D = datetime.date


def plan(**fields):
    return EHCPlan(issued_on=D(2025, 3, 10), **fields)


def by_key(found):
    return {s.key: s for s in found}


def test_a_new_review_can_only_set_the_meeting_date_due_12_months_after_the_plan():
    found = by_key(steps.review_steps(AnnualReview(plan=plan())))
    assert found["meeting_date"].status == steps.TO_DO
    assert found["meeting_date"].deadline.due == D(2026, 3, 10)
    for key in ("invitations", "advice", "meeting", "report", "decision"):
        assert found[key].status == steps.CANNOT_START, key
    assert "amendments" not in found


def test_a_meeting_after_the_review_is_due_is_warned():
    review = AnnualReview(plan=plan(), meeting_on=D(2026, 3, 20))
    meeting = by_key(steps.review_steps(review))["meeting_date"]
    assert meeting.done
    assert "after the review is due (10 March 2026)" in meeting.hint


def test_invitations_and_advice_are_due_two_weeks_before_the_meeting_on_a_working_day():
    # Meeting Monday 4 January 2027: 2 weeks before is Monday 21 December 2026.
    review = AnnualReview(plan=plan(last_review_on=D(2026, 1, 20)), meeting_on=D(2027, 1, 4))
    people = [
        Contributor(name="Mum", role="parent", invited_on=D(2026, 12, 1)),
        Contributor(name="LA", role="local_authority"),
    ]
    found = by_key(steps.review_steps(review, contributors=people))
    assert found["invitations"].deadline.due == D(2026, 12, 21)
    assert found["invitations"].status == steps.IN_PROGRESS
    assert found["invitations"].hint == "1 not invited yet."
    # A closure day on the 21st brings it back to Friday the 18th.
    closed = by_key(steps.review_steps(review, contributors=people, closures={D(2026, 12, 21)}))
    assert closed["invitations"].deadline.due == D(2026, 12, 18)
    assert closed["invitations"].deadline.moved


def test_views_are_done_only_when_pupil_parents_and_every_teacher_asked_have_answered():
    review = AnnualReview(plan=plan(), pupil_view="I like maths", parent_view="Happier")
    assert by_key(steps.review_steps(review))["views"].status == steps.IN_PROGRESS
    asked = by_key(steps.review_steps(review, teacher_views=(3, 2)))["views"]
    assert asked.status == steps.IN_PROGRESS
    assert "1 of 3 teachers" in asked.hint
    assert by_key(steps.review_steps(review, teacher_views=(3, 3)))["views"].done


def test_after_the_meeting_the_report_is_due_in_2_weeks_and_the_decision_in_4():
    review = AnnualReview(plan=plan(), meeting_on=D(2026, 3, 2), held_on=D(2026, 3, 2))
    found = by_key(steps.review_steps(review))
    assert found["meeting"].done
    assert found["report"].deadline.due == D(2026, 3, 16)
    assert found["decision"].deadline.due == D(2026, 3, 30)
    assert not found["decision"].by_school


def test_amending_adds_the_final_plan_8_weeks_from_the_proposals():
    review = AnnualReview(
        plan=plan(),
        meeting_on=D(2026, 3, 2),
        held_on=D(2026, 3, 2),
        decision=AnnualReview.Decision.AMEND,
        decision_on=D(2026, 3, 20),
    )
    waiting = by_key(steps.review_steps(review))["amendments"]
    assert waiting.deadline.due == D(2026, 3, 30) + datetime.timedelta(weeks=8)
    review.proposals_on = D(2026, 3, 20)
    proposals = by_key(steps.review_steps(review))["amendments"]
    assert proposals.deadline.due == D(2026, 5, 15)
    assert proposals.status == steps.IN_PROGRESS


def test_a_step_done_after_its_deadline_is_late():
    review = AnnualReview(
        plan=plan(), meeting_on=D(2026, 3, 2), held_on=D(2026, 3, 2), report_sent_on=D(2026, 3, 20)
    )
    report = by_key(steps.review_steps(review))["report"]
    assert report.done and report.late


def test_urgency_counts_school_days():
    deadline = steps.clock.statutory("review_report", D(2026, 3, 2))  # due 16 March
    assert steps.urgency(deadline, D(2026, 3, 17)) == "overdue"
    assert steps.urgency(deadline, D(2026, 3, 2)) == "soon"  # 10 working days
    assert steps.urgency(deadline, D(2026, 2, 27)) == ""  # 11 working days
    assert steps.urgency(None, D(2026, 3, 2)) == ""


def test_open_steps_are_those_with_a_deadline_not_done():
    review = AnnualReview(plan=plan(), meeting_on=D(2026, 3, 2))
    keys = [s.key for s in steps.open_steps(steps.review_steps(review))]
    assert keys == ["invitations", "advice"]


def test_a_needs_assessment_request_has_its_statutory_dates():
    request = AssessmentRequest(requested_on=D(2026, 1, 5))
    found = by_key(steps.request_steps(request))
    assert found["decision"].deadline.due == D(2026, 2, 16)
    assert found["final"].deadline.due == D(2026, 5, 25)
    assert found["response"].status == steps.CANNOT_START
    request.decision, request.decision_on = "assess", D(2026, 2, 10)
    request.draft_served_on = D(2026, 4, 20)
    found = by_key(steps.request_steps(request))
    assert found["response"].deadline.due == D(2026, 5, 4)  # 15 days beginning with the 20th
    assert [s.key for s in steps.open_steps(list(found.values()))] == ["response", "final"]


def test_a_refused_request_ends_at_the_decision():
    request = AssessmentRequest(
        requested_on=D(2026, 1, 5), decision="refused", decision_on=D(2026, 2, 1)
    )
    assert [s.key for s in steps.request_steps(request)] == ["decision"]
