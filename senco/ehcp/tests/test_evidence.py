"""The EHC plans' evidence: annual reviews, section F and requests for assessment."""

import datetime

from django.utils import timezone

from senco import factories as f
from senco.audit.actor import Actor
from senco.ehcp import evidence, services
from senco.ehcp.models import AnnualReview, AssessmentRequest
from senco.ehcp.tests.conftest import plan_fields
from senco.lib.codes import Provision

D = datetime.timedelta


def _plan(senco, school, *, last_days=100, in_place=True):
    pupil = f.SenPupilFactory(school=school, sen_provision=Provision.EHC_PLAN)
    today = timezone.localdate()
    plan = services.plan_save(
        actor=Actor(senco),
        pupil=pupil,
        **plan_fields(last_review_on=today - D(days=last_days)),
    )
    services.item_add(
        actor=Actor(senco), plan=plan, what="Visual timetable", kind="classroom", in_place=in_place
    )
    return plan


def _by_label(figures):
    return {fig.label: fig.value for fig in figures}


def test_annual_reviews_and_section_f(school, senco):
    today = timezone.localdate()
    for _ in range(5):
        _plan(senco, school)
    overdue = _plan(senco, school, last_days=400, in_place=False)
    AnnualReview.objects.create(plan=overdue, held_on=today)  # a year and a month late
    found = evidence.annual_review_figures(school, today, False)
    assert "9.166" in found[0].source and "s.44(1)" in found[0].source
    assert found[0].url == f"/school/{school.urn}/ehc-plans/compliance/"
    values = _by_label(found)
    assert values["Annual reviews held since 1 September within 12 months of the last"] == (
        "0 of 1 (0%)"
    )
    (items,) = evidence.section_f_figures(school, today, False)
    assert items.value == "5 of 6 (83%)"
    assert "s.42" in items.source
    # For a governor: 1 review held (late), 1 item not in place: hidden with what gives
    # them away; a 0 is shown (as on the summary page), without the number it is of.
    hidden = _by_label(evidence.annual_review_figures(school, today, True))
    assert hidden["Annual reviews held since 1 September within 12 months of the last"] == "0"
    assert evidence.section_f_figures(school, today, True)[0].value == "hidden"


def test_no_plans_no_section_f(school):
    assert evidence.section_f_figures(school, timezone.localdate(), False) == []


def test_requests_for_assessment(school):
    today = timezone.localdate()
    assert evidence.assessment_figures(school, today, False) == []
    pupils = [f.SenPupilFactory(school=school) for _ in range(3)]
    AssessmentRequest.objects.create(
        pupil=pupils[0], la_code="886", requested_by="school", requested_on=today - D(weeks=8)
    )
    AssessmentRequest.objects.create(
        pupil=pupils[1], la_code="886", requested_by="school", requested_on=today - D(weeks=2)
    )
    AssessmentRequest.objects.create(
        pupil=pupils[2],
        la_code="886",
        requested_by="parent",
        requested_on=today - D(weeks=19),
        decision="assess",
        decision_on=today - D(weeks=14),
        outcome=AssessmentRequest.Outcome.PLAN_ISSUED,
        outcome_on=today,
    )
    found = evidence.assessment_figures(school, today, False)
    values = _by_label(found)
    assert values["Requests for an EHC needs assessment still open"] == "2"
    assert values["Open requests whose decision whether to assess is overdue"] == "1"
    assert values["Final EHC plans issued since 1 September within 20 weeks of the request"] == (
        "1 of 1 (100%)"
    )
    assert "reg. 13(2)" in found[2].source and "reg. 5(1)" in found[1].source
    assert set(_by_label(evidence.assessment_figures(school, today, True)).values()) == {"hidden"}
