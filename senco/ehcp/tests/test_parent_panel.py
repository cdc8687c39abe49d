"""The EHC plan on a parent's page about their own child."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from senco import factories as f
from senco.audit.actor import Actor
from senco.ehcp import services
from senco.ehcp.models import AnnualReview, Contributor, EHCPlan
from senco.ehcp.parent_panel import ehc_plan_panel, stage_of
from senco.ehcp.tests.conftest import plan_fields
from senco.lib import clock
from senco.lib.codes import Provision
from senco.testing import assert_valid_html
from senco.tests.parent_panels import (
    assert_valid_panel,
    link_parent,
    panel_context,
    render_panel,
)

TEMPLATE = "ehcp/parent/_ehc_plan.html"
MARK = "STAFF-ONLY-e5a1"


@pytest.fixture
def contacts(parent, ehc_pupil):
    return [link_parent(parent, ehc_pupil)]


def _reviewed(review, **fields):
    AnnualReview.objects.filter(pk=review.pk).update(**fields)
    review.refresh_from_db()
    return review


def test_the_panel_shows_the_plan(ehc_pupil, plan, contacts, today, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        context = ehc_plan_panel(ehc_pupil, contacts, today)
    assert context["next_review"] == clock.statutory("next_review", plan.last_review_on).due
    assert context["review"] is None
    html = render_panel(TEMPLATE, context)
    assert_valid_panel(html)
    assert plan.la_name in html
    assert "Asks for help when stuck" in html
    assert f"By {context['next_review']:%-d %B %Y}" in html
    assert "Children and Families Act 2014, s.44(1)" in html
    # The case officer's details are the school's, not for this page.
    for staff_only in ("Priya Shah", "priya.shah@example.gov.uk", "01632 960 101"):
        assert staff_only not in html


def test_a_review_in_progress_shows_its_meeting_and_stage(
    senco, ehc_pupil, review, contacts, today, django_assert_max_num_queries
):
    _reviewed(review, meeting_time="10am, the library")
    Contributor.objects.filter(review=review).update(advice=f"{MARK} advice")
    with django_assert_max_num_queries(2):
        context = ehc_plan_panel(ehc_pupil, contacts, today)
    html = render_panel(TEMPLATE, context)
    assert_valid_panel(html)
    assert f"Meeting on {review.meeting_on:%A %-d %B %Y}, 10am, the library" in html
    assert "We are gathering advice and views for the meeting." in html
    assert "Sam Parent" not in html
    assert MARK not in html


def test_progress_is_shown_once_the_report_is_sent(ehc_pupil, review, contacts, today):
    held = today - datetime.timedelta(days=5)
    _reviewed(
        review,
        meeting_on=held,
        held_on=held,
        attendees=f"{MARK} attendees",
        progress="Now asks for help in most lessons",
        recommendations=f"{MARK} recommendations",
    )
    html = render_panel(TEMPLATE, ehc_plan_panel(ehc_pupil, contacts, today))
    assert "writing the report" in html
    assert "Now asks for help in most lessons" not in html  # not sent: still a draft
    _reviewed(review, report_sent_on=today)
    html = render_panel(TEMPLATE, ehc_plan_panel(ehc_pupil, contacts, today))
    assert_valid_panel(html)
    assert "Now asks for help in most lessons" in html
    assert f"Progress at the last annual review, {held:%-d %B %Y}" in html
    assert MARK not in html


def test_progress_stays_after_the_review_closes(ehc_pupil, review, contacts, today):
    held = today - datetime.timedelta(days=40)
    _reviewed(
        review,
        meeting_on=held,
        held_on=held,
        progress="Now asks for help in most lessons",
        report_sent_on=held,
        decision="maintain",
        decision_on=today,
        closed_at=timezone.now(),
    )
    context = ehc_plan_panel(ehc_pupil, contacts, today)
    assert context["review"] is None
    assert context["progress"] == "Now asks for help in most lessons"


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({}, "We are arranging the review meeting."),
        ({"meeting_on": 1}, "gathering advice"),
        ({"meeting_on": 1, "advice_circulated_on": 1}, "shared the advice"),
        ({"meeting_on": 1, "held_on": 1}, "writing the report"),
        ({"held_on": 1, "report_sent_on": 1}, "which will decide"),
        ({"decision": "maintain", "decision_on": 1}, "keep the plan as it is"),
        ({"decision": "cease", "decision_on": 1}, "end the plan"),
        ({"decision": "amend", "decision_on": 1}, "decided to change the plan"),
        ({"decision": "amend", "decision_on": 1, "proposals_on": 1}, "You can comment"),
        ({"decision": "amend", "decision_on": 1, "final_plan_on": 1}, "issued the amended plan"),
    ],
)
def test_each_stage_in_plain_words(fields, words):
    day = datetime.date(2026, 3, 2)
    row = dict.fromkeys(
        (
            "decision",
            "decision_on",
            "final_plan_on",
            "proposals_on",
            "report_sent_on",
            "held_on",
            "advice_circulated_on",
            "meeting_on",
        )
    )
    row["decision"] = ""
    row.update({k: (day if v == 1 else v) for k, v in fields.items()})
    assert words in stage_of(row)


def test_nothing_for_a_pupil_without_a_plan(pupil, contacts, today):
    assert ehc_plan_panel(pupil, contacts, today) is None
    assert panel_context(TEMPLATE, pupil, contacts, today) is None


def test_nothing_once_the_plan_has_ceased(ehc_pupil, plan, contacts, today):
    EHCPlan.objects.filter(pk=plan.pk).update(status=EHCPlan.Status.CEASED)
    assert ehc_plan_panel(ehc_pupil, contacts, today) is None


def test_another_pupils_plan_is_not_shown(senco, school, ehc_pupil, contacts, today):
    other = f.SenPupilFactory(
        school=school, legal_surname="Other", forename="Olive", sen_provision=Provision.EHC_PLAN
    )
    services.plan_save(
        actor=Actor(senco),
        pupil=other,
        **plan_fields(outcomes="OTHER-CHILD-7c1e walks to school alone"),
    )
    assert ehc_plan_panel(ehc_pupil, contacts, today) is None
    services.plan_save(actor=Actor(senco), pupil=ehc_pupil, **plan_fields())
    html = render_panel(TEMPLATE, panel_context(TEMPLATE, ehc_pupil, contacts, today))
    assert "Asks for help when stuck" in html
    assert "OTHER-CHILD-7c1e" not in html


def test_the_parent_reads_it_on_their_childs_page(parent, ehc_pupil, review, contacts, client_for):
    Contributor.objects.filter(review=review).update(advice=f"{MARK} advice")
    response = client_for(parent).get(reverse("parent_child", args=[ehc_pupil.pk]))
    assert response.status_code == 200
    assert_valid_html(response)
    html = response.content.decode()
    assert 'id="parent-ehcp"' in html
    assert "Asks for help when stuck" in html
    assert "gathering advice" in html
    assert MARK not in html
    assert "Priya Shah" not in html
