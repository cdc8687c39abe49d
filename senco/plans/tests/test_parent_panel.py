"""The current plan on a parent's page about their own child."""

import datetime

import pytest
from django.urls import reverse

from senco import factories as f
from senco.audit.actor import Actor
from senco.plans import services
from senco.plans.models import Cycle, Review
from senco.plans.parent_panel import plan_panel
from senco.testing import assert_valid_html
from senco.tests.parent_panels import (
    assert_valid_panel,
    link_parent,
    panel_context,
    render_panel,
)

TEMPLATE = "plans/parent/_plan.html"
MARK = "STAFF-ONLY-4b2d"


@pytest.fixture
def contacts(parent, pupil):
    return [link_parent(parent, pupil)]


def _staff_only_notes(cycle, senco, today):
    services.note_add(actor=Actor(senco), cycle=cycle, date=today, text=f"{MARK} note")
    services.evidence_add(
        actor=Actor(senco),
        cycle=cycle,
        kind="observation",
        date=today,
        given_by="Mr Patel",
        summary=f"{MARK} evidence",
    )


def _review(planned, senco, today, **fields):
    first, second = planned.outcomes.all()
    return services.review_complete(
        actor=Actor(senco),
        cycle=planned,
        progress={first.pk: ("achieved", f"{MARK} progress"), second.pk: ("some", "")},
        held_on=today,
        teacher_view=f"{MARK} teachers' view",
        pupil_view=f"{MARK} pupil's view",
        next_steps="Practise reading at home for ten minutes a day",
        **fields,
    )


def test_the_panel_shows_the_agreed_plan(
    senco, pupil, planned, contacts, today, django_assert_max_num_queries
):
    _staff_only_notes(planned, senco, today)
    with django_assert_max_num_queries(2):
        context = plan_panel(pupil, contacts, today)
    assert context["agreed"]
    assert [o["text"] for o in context["outcomes"]] == [
        "Reads a Year 5 text aloud with 95% accuracy",
        "Asks for help when stuck",
    ]
    assert context["last_review"] is None
    html = render_panel(TEMPLATE, context)
    assert_valid_panel(html)
    for text in (
        "Reads a Year 5 text aloud with 95% accuracy",
        "How we will know: Running record in May",
        "Reading group three times a week",
        "Mrs Khan runs the group",
        f"By {planned.review_date:%-d %B %Y}",
        "at least once a term: SEND Code of Practice 6.48",
    ):
        assert text in html
    assert MARK not in html


def test_after_a_review_the_family_reads_progress_and_next_steps(
    senco, pupil, planned, contacts, today, django_assert_max_num_queries
):
    _staff_only_notes(planned, senco, today)
    _review(planned, senco, today)
    with django_assert_max_num_queries(2):
        context = plan_panel(pupil, contacts, today)
    # The new cycle carries on the outcome not achieved, until its plan is agreed.
    assert not context["agreed"]
    assert [o["text"] for o in context["outcomes"]] == ["Asks for help when stuck"]
    review = context["last_review"]
    assert review["held_on"] == today
    assert review["progress"] == [
        {"text": "Reads a Year 5 text aloud with 95% accuracy", "rating": "Achieved"},
        {"text": "Asks for help when stuck", "rating": "Some progress"},
    ]
    html = render_panel(TEMPLATE, context)
    assert_valid_panel(html)
    assert "Practise reading at home for ten minutes a day" in html
    assert "carried on from the last review" in html
    assert MARK not in html


def test_a_structured_conversation_shows_what_was_agreed(senco, pupil, planned, contacts, today):
    _review(
        planned,
        senco,
        today,
        kind=Review.Kind.STRUCTURED,
        sc_explore=f"{MARK} explore",
        sc_plan="Mum reads with Zoë; school sends the books home",
    )
    html = render_panel(TEMPLATE, plan_panel(pupil, contacts, today))
    assert "Mum reads with Zoë; school sends the books home" in html
    assert MARK not in html


def test_a_cycle_not_yet_planned_says_so(pupil, cycle, contacts, today):
    context = plan_panel(pupil, contacts, today)
    assert context["outcomes"] == []
    html = render_panel(TEMPLATE, context)
    assert_valid_panel(html)
    assert "The school is writing the plan" in html


def test_nothing_for_a_pupil_without_a_cycle(pupil, contacts, today):
    assert plan_panel(pupil, contacts, today) is None
    assert panel_context(TEMPLATE, pupil, contacts, today) is None


def test_nothing_once_no_cycle_is_open(pupil, planned, contacts, today):
    Cycle.objects.filter(pk=planned.pk).update(status=Cycle.Status.REVIEWED)
    assert plan_panel(pupil, contacts, today) is None


def test_another_pupils_plan_is_not_shown(senco, school, pupil, contacts, today):
    other = f.SenPupilFactory(school=school, legal_surname="Other", forename="Olive")
    other_cycle = services.cycle_start(actor=Actor(senco), pupil=other)
    services.plan_save(
        actor=Actor(senco),
        cycle=other_cycle,
        outcomes=[("OTHER-CHILD-7c1e counts to 20", "")],
        provision="OTHER-CHILD-7c1e maths group",
        who_does_what="",
        review_date=today + datetime.timedelta(days=30),
    )
    assert plan_panel(pupil, contacts, today) is None
    mine = services.cycle_start(actor=Actor(senco), pupil=pupil)
    services.plan_save(
        actor=Actor(senco),
        cycle=mine,
        outcomes=[("Reads aloud", "")],
        provision="Reading group",
        who_does_what="",
        review_date=today + datetime.timedelta(days=30),
    )
    html = render_panel(TEMPLATE, panel_context(TEMPLATE, pupil, contacts, today))
    assert "Reads aloud" in html
    assert "OTHER-CHILD-7c1e" not in html


def test_the_parent_reads_it_on_their_childs_page(
    senco, parent, pupil, planned, contacts, today, client_for
):
    _staff_only_notes(planned, senco, today)
    response = client_for(parent).get(reverse("parent_child", args=[pupil.pk]))
    assert response.status_code == 200
    assert_valid_html(response)
    html = response.content.decode()
    assert 'id="parent-plan"' in html
    assert "Reads a Year 5 text aloud with 95% accuracy" in html
    assert "SEND Code of Practice 6.48" in html
    assert MARK not in html
