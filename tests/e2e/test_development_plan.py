"""The SEND development plan in a browser: the SENCO updates an action's status to green
with a progress note from the plan and sees it there; a governor reads the plan with no edit
links; axe-core clean on every page, at desktop width and at a 390 px phone's."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from senco.audit.actor import Actor
from senco.lib import clock
from senco.strategy import plan_services
from senco.strategy.models import Action, Status

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def plan(senco, leader, school, today):
    actor = Actor(senco)
    year = clock.academic_year_of(today)
    priority = plan_services.priority_add(
        actor=actor,
        school=school,
        academic_year=year,
        title="Improve attendance of pupils with SEN",
        why="Persistent absence at SEN support is above England's.",
    )
    late = plan_services.action_add(
        actor=actor,
        priority=priority,
        what="Meet every family of a persistent absentee",
        owner=leader,
        due=today - datetime.timedelta(days=5),
        status=Status.AMBER,
        success_criteria="A plan agreed with every family by Christmas",
    )
    plan_services.action_add(
        actor=actor,
        priority=priority,
        what="Report SEN attendance to governors each term",
        owner_name="Clerk to the governors",
        due=today + datetime.timedelta(days=40),
        status=Status.NOT_STARTED,
    )
    plan_services.evidence_link_add(
        actor=actor,
        action=late,
        label="Attendance of pupils with SEN",
        url=reverse("register", args=[school.urn]),
    )
    return {"year": year, "late": late}


def test_the_senco_updates_an_action_to_green_from_the_plan(
    page: Page, sign_in, visit, follow, school, plan
):
    sign_in("senco")
    visit(reverse("strategy_plan", args=[school.urn]))
    expect(page.locator("#plan-summary")).to_have_text(
        "1 priority, 2 actions: 1 some concerns, 1 not started"
    )
    expect(page.locator("#plan-overdue")).to_be_visible()
    late = plan["late"]
    follow(page.locator(f"#update-{late.pk}"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Update the action")
    page.get_by_label("Green: on track").check()
    page.get_by_label("Progress (optional)").fill("Met 9 of the 12 families; 3 booked.")
    follow(page.get_by_role("button", name="Save the update"))
    row = page.locator(f"#action-{late.pk}")
    expect(row.locator(".govuk-tag--green")).to_have_text("On track")
    expect(row).to_contain_text("Met 9 of the 12 families; 3 booked.")
    expect(page.locator("#plan-summary")).to_have_text(
        "1 priority, 2 actions: 1 on track, 1 not started"
    )
    action = Action.objects.get(pk=late.pk)
    assert (action.status, action.version) == (Status.GREEN, 2)


def test_a_governor_reads_the_plan_with_no_edit_links(
    page: Page, sign_in, visit, follow, school, governor, plan
):
    sign_in("governor")
    follow(page.get_by_role("link", name="SEND development plan"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("SEND development plan")
    expect(page.get_by_text("Meet every family of a persistent absentee")).to_be_visible()
    expect(page.get_by_role("link", name="Attendance of pupils with SEN")).to_be_visible()
    for name in ("Update status", "Change", "Add evidence", "Add a priority", "Remove"):
        expect(page.get_by_role("link", name=name)).to_have_count(0)
    expect(page.get_by_role("button", name="Start")).to_have_count(0)


@pytest.mark.parametrize("who", ["senco", "governor"])
def test_the_plan_fits_a_phone(page: Page, sign_in, visit, school, governor, plan, who):
    page.set_viewport_size(PHONE)
    sign_in(who)
    visit(reverse("strategy_plan", args=[school.urn]))
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    if who == "senco":
        visit(reverse("strategy_action_update", args=[school.urn, plan["late"].pk]))
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        visit(reverse("strategy_action_edit", args=[school.urn, plan["late"].pk]))
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        visit(reverse("strategy_evidence_add", args=[school.urn, plan["late"].pk]))
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
