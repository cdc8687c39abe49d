"""The SENCO runs a whole assess, plan, do, review cycle, and a teacher gives their view."""

import re

import pytest
from playwright.sync_api import Page, expect

from senco.plans.models import Cycle, Outcome, ViewRequest

pytestmark = pytest.mark.django_db(transaction=True)

READING = "Reads a Year 5 text aloud with 95% accuracy"
HELP = "Asks an adult for help when stuck"


def sign_out(page, follow):
    follow(page.get_by_role("button", name=re.compile("^Sign out")))


def test_senco_runs_a_cycle_and_the_teacher_gives_a_view(
    page: Page, sign_in, follow, visit, fill_date, senco, teacher, school, pupil, today
):
    sign_in("senco")

    # Zoë is at SEN support with no cycle: she is on the SENCO's list.
    expect(page.get_by_role("heading", level=1)).to_have_text("What needs doing")
    follow(page.locator("#without-cycle").get_by_role("link", name=re.compile("Zoë")))
    follow(page.get_by_role("button", name="Start a cycle"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Cycle 1")
    expect(page.locator("#cycle-stage")).to_have_text("Assess")
    expect(page.locator("#review-by")).to_contain_text("Review by")

    # Assess: a standardised test with its score.
    follow(page.get_by_role("link", name="Add evidence"))
    page.get_by_label("Standardised test").check()
    fill_date("id_date", today)
    page.fill("#id_given_by", "Ms Jones, reading lead")
    page.fill("#id_summary", "Single word reading test")
    page.fill("#id_score", "Standard score 82")
    follow(page.get_by_role("button", name="Save evidence"))
    expect(page.locator("#evidence")).to_contain_text("Standard score 82")
    expect(page.locator("#cycle-stage")).to_have_text("Plan")

    # Plan: criteria without an outcome is explained, and nothing typed is lost.
    follow(page.get_by_role("link", name="Agree the plan"))
    page.fill("#id_outcome_1", READING)
    page.fill("#id_criteria_1", "Running record in May")
    page.fill("#id_criteria_2", "Seen in three lessons a week")
    page.fill("#id_provision", "Reading group three times a week")
    follow(page.get_by_role("button", name="Save the plan"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter outcome 2")
    expect(page.locator("#id_outcome_1")).to_have_value(READING)
    expect(page.locator("#id_criteria_2")).to_have_value("Seen in three lessons a week")
    page.fill("#id_outcome_2", HELP)
    follow(page.get_by_role("button", name="Save the plan"))
    expect(page.locator("#outcomes li")).to_have_count(2)
    expect(page.locator("#plan-status")).to_have_text("Agreed")

    # Do: a dated note.
    page.fill("#id_text", "Zoë read with Mrs Khan for 20 minutes")
    follow(page.get_by_role("button", name="Add note"))
    expect(page.locator("#notes")).to_contain_text("Zoë read with Mrs Khan")

    # Ask the teachers for their views; the SENCO sees who has not answered.
    follow(page.get_by_role("button", name="Ask the pupil's teachers for their views"))
    expect(page.locator("#view-requests")).to_contain_text("Not yet")
    cycle_url = page.url
    sign_out(page, follow)

    # The teacher finds the request on their home page and answers it.
    sign_in("teacher")
    follow(page.locator("#views-to-give").get_by_role("link", name=re.compile("Give your view")))
    expect(page.get_by_role("heading", level=1)).to_have_text("Your view before the review")
    page.fill("#id_view", "Much more settled in English lessons")
    follow(page.get_by_role("button", name="Send your view"))
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Thank you")
    expect(page.locator("#views-to-give")).to_have_count(0)
    assert ViewRequest.objects.get().answered_at is not None
    sign_out(page, follow)

    # Review: one outcome achieved, one not; the teacher's view is already filled in.
    sign_in("senco")
    visit(cycle_url)
    expect(page.locator("#view-requests")).to_contain_text("Much more settled")
    follow(page.get_by_role("link", name="Record the review"))
    expect(page.locator("#id_teacher_view")).to_contain_text("Much more settled")
    page.get_by_role("group", name="Progress on outcome 1").get_by_label("Achieved").check()
    page.get_by_role("group", name="Progress on outcome 2").get_by_label("Some progress").check()
    page.fill("#id_pupil_view", "I like reading group")
    page.fill("#id_parent_view", "She reads at home now")
    page.fill("#id_next_steps", "Keep the group going")
    follow(page.get_by_role("button", name="Save the review and start the next cycle"))

    # The next cycle carries forward the outcome not achieved.
    expect(page.get_by_role("heading", level=1)).to_have_text("Cycle 2")
    expect(page.locator("#outcomes li")).to_have_count(1)
    expect(page.locator("#outcomes")).to_contain_text(HELP)
    expect(page.locator("#outcomes")).to_contain_text("Carried forward")
    first, second = Cycle.objects.filter(pupil=pupil).order_by("number")
    assert (first.status, second.status) == (Cycle.Status.REVIEWED, Cycle.Status.OPEN)
    carried = Outcome.objects.get(cycle=second)
    assert carried.carried_from.text == HELP
