"""The EHC plan records' dated events (senco/ehcp/events.py), as the registry gives them."""

import datetime

from django.urls import reverse
from django.utils import timezone

from senco import factories as f
from senco import registry
from senco.access import scope_at
from senco.ehcp import selectors as ehcp_selectors
from senco.ehcp import steps
from senco.ehcp.models import AnnualReview
from senco.lib import clock
from senco.lib.codes import Provision
from senco.schools.models import School

YEAR = datetime.timedelta(days=366)


def _ehcp(scope, today, kind=None):
    events = registry.events_for(scope, today - YEAR, today + YEAR)
    return [e for e in events if e.kind and (kind is None or e.kind == kind)]


def test_each_open_step_of_a_review_is_an_event(senco, school, review, today, ehc_pupil):
    scope = scope_at(senco, school)
    found = {e.uid: e for e in _ehcp(scope, today, "Annual reviews")}
    expected = [
        s
        for s in steps.open_steps(
            steps.review_steps(review, contributors=review.contributors.all())
        )
        if s.key != "meeting_date"
    ]
    assert {s.key for s in expected} == {"invitations", "advice"}
    for step in expected:
        event = found[f"ehcp.review.{review.pk}.{step.key}"]
        assert event.date == step.deadline.due
        assert event.rule == step.deadline.rule and "reg. 20" in event.source
        assert event.owner_id == review.owner_id
        assert event.pupil_id == ehc_pupil.pk and ehc_pupil.full_name in event.title
        assert event.urgency == steps.urgency(step.deadline, today)
    # The plan's own next review is there once, with the review's owner.
    (due,) = [e for e in found.values() if e.uid.startswith("ehcp.plan.")]
    assert due.owner_id == review.owner_id and due.url == reverse("ehcp_plan", args=[ehc_pupil.pk])


def test_a_step_done_is_no_longer_an_event(senco, school, review, today):
    review.contributors.update(invited_on=today - datetime.timedelta(days=20))
    AnnualReview.objects.filter(pk=review.pk).update(advice_circulated_on=today)
    review.refresh_from_db()
    scope = scope_at(senco, school)
    assert [e for e in _ehcp(scope, today) if e.uid.startswith("ehcp.review.")] == []


def test_a_closed_review_has_no_events(senco, school, review, today):
    AnnualReview.objects.filter(pk=review.pk).update(closed_at=timezone.now())
    assert [
        e for e in _ehcp(scope_at(senco, school), today) if e.uid.startswith("ehcp.review.")
    ] == []


def test_a_request_for_an_assessment_gives_its_deadlines(senco, school, request_, today):
    found = _ehcp(scope_at(senco, school), today, "Needs assessments")
    by_step = {e.uid.rsplit(".", 1)[1]: e for e in found}
    assert set(by_step) == {"decision", "final"}
    assert (
        by_step["decision"].date
        == clock.statutory("assessment_decision", request_.requested_on).due
    )
    assert by_step["decision"].urgency == "soon"
    assert "(local authority)" in by_step["decision"].title
    assert "reg. 13(2)" in by_step["final"].source
    # Finished: no more events.
    request_.outcome, request_.outcome_on = "plan_issued", today
    request_.save()
    assert _ehcp(scope_at(senco, school), today, "Needs assessments") == []


def test_phase_transfer_deadlines_for_leavers(senco, school, plan, ehc_pupil, today):
    scope = scope_at(senco, school)
    assert _ehcp(scope, today, "Phase transfers") == []  # Year 7 at a secondary school
    ehc_pupil.year_group = 11
    ehc_pupil.save()
    (event,) = [
        e
        for e in registry.events_for(scope, today - YEAR, today + 2 * YEAR)
        if e.kind == "Phase transfers"
    ]
    due = clock.phase_transfer_deadline(clock.academic_year_of(today), to_post16=True)
    assert (event.date, event.rule) == (due.due, due.rule)
    assert "reg. 18(1)(b)" in event.source
    # Done once this year's phase-transfer review is complete.
    AnnualReview.objects.create(
        plan=plan, kind=AnnualReview.Kind.PHASE_TRANSFER, closed_at=timezone.now()
    )
    assert [e for e in registry.events_for(scope, due.due, due.due) if e.kind] == []


def test_a_primary_schools_year_6_move_by_15_february(db, today):
    school = f.SchoolFactory(phase=School.Phase.PRIMARY)
    senco = f.MembershipFactory(school=school, role="senco").user
    pupil = f.PupilFactory(school=school, year_group=6, sen_provision=Provision.EHC_PLAN)
    from senco.ehcp.models import EHCPlan

    EHCPlan.objects.create(pupil=pupil, la_code="886", la_name="Kent", issued_on=today)
    scope = scope_at(senco, school)
    (event,) = _ehcp(scope, today, "Phase transfers")
    assert (event.date.month, event.date.day) == (2, 15)


def test_only_those_who_see_the_pupil_see_the_events(
    teacher, other_teacher, office, school, review, request_, today
):
    assert _ehcp(scope_at(teacher, school), today)
    assert _ehcp(scope_at(other_teacher, school), today) == []
    assert _ehcp(scope_at(office, school), today) == []


def test_the_names_can_be_hidden(senco, school, review, today, ehc_pupil):
    for event in _ehcp(scope_at(senco, school), today):
        if event.pupil_id is None:  # census days, tasks: about no pupil
            continue
        hidden = event.title_for(names=False)
        assert ehc_pupil.full_name not in hidden and "ZO" in hidden
        assert event.title_for(names=True) == event.title


def test_an_event_that_does_not_say_how_it_names_a_pupil_shows_no_name():
    event = registry.DatedEvent(
        date=datetime.date(2027, 1, 1), title="Meet Zoë's parents", pupil_id=1, kind="Meetings"
    )
    assert event.title_for(names=False) == "Meetings (pupil's name hidden)"
    assert registry.DatedEvent(date=event.date, title="INSET").title_for(names=False) == "INSET"


def test_the_kinds_are_declared_for_the_filter():
    kinds = registry.event_kinds()
    assert {"Annual reviews", "Needs assessments", "Phase transfers"} <= set(kinds)
    assert len(kinds) == len(set(kinds))


def test_an_overdue_annual_review_is_answered_by_a_meeting_set_on_time(senco, school, plan, today):
    """The plan's review date passed; a review whose meeting was on or before it is not
    overdue, one whose meeting is after it still is. The to-do list agrees."""
    scope = scope_at(senco, school)
    plan.last_review_on = today - datetime.timedelta(days=380)  # due about two weeks ago
    plan.save()
    due = steps.next_review_deadline(plan)

    def review_event():
        uid = f"ehcp.plan.{plan.pk}.next-review.{due.due.isoformat()}"
        return next(e for e in _ehcp(scope, today) if e.uid == uid)

    def in_todo():
        return [p.pk for p, *_ in ehcp_selectors.reviews_due(scope, today)]

    assert review_event().urgency == "overdue" and in_todo() == [plan.pk]
    review = AnnualReview.objects.create(plan=plan, meeting_on=due.due + datetime.timedelta(days=3))
    assert review_event().urgency == "overdue" and in_todo() == [plan.pk]
    review.meeting_on = due.due - datetime.timedelta(days=1)
    review.save()
    assert review_event().urgency == "" and in_todo() == []
