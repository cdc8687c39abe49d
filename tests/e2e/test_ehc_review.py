"""The SENCO records an EHC plan and runs its annual review through the task list; a teacher
gives their view on the way. axe-core checks every page visited."""

import datetime
import re

import docx
import pytest
from playwright.sync_api import Page, expect

from senco.ehcp.models import AnnualReview, EHCPlan
from senco.lib.codes import Provision
from senco.pupils.models import Pupil

pytestmark = pytest.mark.django_db(transaction=True)


def sign_out(page, follow):
    follow(page.get_by_role("button", name=re.compile("^Sign out")))


def step(page, follow, title: str) -> None:
    follow(page.locator("#steps").get_by_role("link", name=title, exact=True))


def test_senco_runs_an_annual_review(
    page: Page, sign_in, follow, visit, fill_date, senco, teacher, school, pupil, today
):
    Pupil.objects.filter(pk=pupil.pk).update(sen_provision=Provision.EHC_PLAN)
    days = lambda n: today + datetime.timedelta(days=n)  # noqa: E731
    sign_in("senco")

    # The plan, with an item of section F.
    visit(f"/pupils/{pupil.pk}/ehc-plan/")
    follow(page.get_by_role("link", name="Record the EHC plan"))
    page.select_option("#id_la_code", "886")
    fill_date("id_issued_on", days(-500))
    fill_date("id_last_review_on", days(-100))
    page.fill("#id_outcomes", "Reads a text at their age level with understanding")
    follow(page.get_by_role("button", name="Save the plan"))
    follow(page.get_by_role("link", name="Add an item to section F"))
    page.fill("#id_what", "Speech and language therapy programme")
    page.get_by_label("Intervention someone delivers").check()
    follow(page.get_by_role("button", name=re.compile("^(Add|Save)")))

    # Start the review.
    follow(page.get_by_role("link", name="Start a review"))
    follow(page.get_by_role("button", name="Start the review"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Annual review of the EHC plan")
    expect(page.locator("#progress")).to_have_text("0 of 7 steps completed.")
    review_url = page.url

    # The meeting, held ten days ago.
    step(page, follow, "Set the meeting date")
    fill_date("id_meeting_on", days(-10))
    page.fill("#id_meeting_time", "3.30pm, the meeting room")
    follow(page.get_by_role("button", name="Save the meeting date"))
    expect(page.locator("#step-meeting_date-status")).to_contain_text("Completed")

    # Who to invite, and the invitations sent on one day.
    step(page, follow, "Send the invitations")
    for role, name in (("Parent or carer", "Sam Parent"), ("Local authority", "Priya Shah")):
        follow(page.get_by_role("link", name="Add someone to invite"))
        page.get_by_label(role, exact=True).check()
        page.fill("#id_name", name)
        follow(page.get_by_role("button", name="Add them"))
    fill_date("id_invited_on", days(-30))
    follow(page.get_by_role("button", name="Save the invitations"))
    expect(page.locator("#invitees")).to_contain_text(f"{days(-30):%-d %b %Y}")
    follow(page.get_by_role("link", name="Back to the review"))

    # Advice from the local authority, then circulated.
    step(page, follow, "Ask for advice and circulate it")
    follow(page.get_by_role("link", name="Record advice of Priya Shah"))
    fill_date("id_advice_requested_on", days(-30))
    fill_date("id_advice_received_on", days(-25))
    page.fill("#id_advice", "Keep the therapy programme")
    follow(page.get_by_role("button", name="Save"))
    fill_date("id_advice_circulated_on", days(-20))
    follow(page.get_by_role("button", name="Save"))

    # Views: the teachers asked; the pupil's and parents' typed in.
    step(page, follow, "Gather views")
    follow(page.get_by_role("button", name="Ask the pupil's teachers for their views"))
    page.fill("#id_pupil_view", "I like the small group")
    page.fill("#id_parent_view", "Much happier this year")
    follow(page.get_by_role("button", name="Save the views"))
    sign_out(page, follow)

    # The teacher answers from "What needs doing".
    sign_in("teacher")
    follow(page.locator("#views-to-give").get_by_role("link", name=re.compile("Give your view")))
    expect(page.locator("#question")).to_contain_text("annual review")
    page.fill("#id_view", "Settled in science; needs tasks in steps")
    follow(page.get_by_role("button", name="Send your view"))
    sign_out(page, follow)

    sign_in("senco")
    visit(re.sub(r"^https?://[^/]+", "", review_url))
    expect(page.locator("#teacher-views")).to_contain_text("Settled in science")

    # The meeting held, the report sent, the decision.
    step(page, follow, "Hold the meeting")
    fill_date("id_held_on", days(-10))
    page.get_by_label(re.compile("^Sam Parent")).check()
    follow(page.get_by_role("button", name="Save the meeting"))
    step(page, follow, "Send the report to the local authority")
    page.fill("#id_progress", "Reads with understanding at age level")
    page.fill("#id_recommendations", "Keep the plan as it is")
    fill_date("id_report_sent_on", days(-5))
    follow(page.get_by_role("button", name="Save the report"))

    # The draft report downloads as a Word document holding what was recorded.
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("report as a Word document")).click()
    report = docx.Document(download.value.path())
    text = "\n".join(p.text for p in report.paragraphs) + "\n".join(
        cell.text for table in report.tables for row in table.rows for cell in row.cells
    )
    for expected in (
        pupil.full_name,
        "Speech and language therapy programme",
        "Settled in science",
    ):
        assert expected in text, expected

    step(page, follow, "Local authority's decision")
    page.get_by_label("Keep the plan as it is").check()
    fill_date("id_decision_on", days(-1))
    follow(page.get_by_role("button", name="Save the decision"))
    expect(page.locator("#progress")).to_have_text("7 of 7 steps completed.")

    # Close it: the next review counts from the meeting.
    follow(page.get_by_role("button", name="Close the review"))
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "The review is closed"
    )
    expect(page.locator("#past-reviews")).to_contain_text("Keep the plan as it is")
    plan = EHCPlan.objects.get(pupil=pupil)
    assert (plan.last_review_on, plan.status) == (days(-10), "in_force")
    assert AnnualReview.objects.get().closed_at is not None
