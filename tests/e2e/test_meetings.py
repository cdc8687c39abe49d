"""Issue 15's line management meeting: a leader starts a line manager meeting, sees the
open action from the last one first and the evidence beside a question, marks the action
done, agrees a new one and saves; the record shows it all. axe-core checks every page, at
desktop width and at 390 px, where no page may be wider than the screen."""

import datetime

import pytest
from playwright.sync_api import Page, expect

from senco.audit.actor import Actor
from senco.strategy import meeting_services as services
from senco.strategy.meeting_questions import LINE_MANAGER
from senco.strategy.models import Meeting

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1100, "height": 900}


@pytest.fixture
def last_meeting(school, senco, leader, pupil, today):
    """Last month's line manager meeting: one action done, one still open and overdue."""
    meeting = services.meeting_add(
        actor=Actor(leader),
        school=school,
        kind=LINE_MANAGER,
        held_on=today - datetime.timedelta(days=30),
        who_was_there="Leader and SENCO",
        answers={"lm.wellbeing.time": "Two days a week."},
        new_actions=[
            services.NewAction("Book the training for TAs", owner=leader, due=today),
            services.NewAction(
                "Review the provision map", owner=senco, due=today - datetime.timedelta(days=3)
            ),
        ],
    )
    done = meeting.actions.get(what="Book the training for TAs")
    services.action_done(actor=Actor(leader), action=done, note="Booked")
    return meeting


def _fits(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width} px wide"


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_leader_holds_a_line_manager_meeting_from_the_last_ones_actions(
    page: Page, size, sign_in, follow, visit, fill_date, school, senco, leader, last_meeting, today
):
    page.set_viewport_size(size)
    sign_in("leader")
    visit(f"/school/{school.urn}/meetings/")
    expect(page.locator("#open-actions")).to_contain_text("Review the provision map")
    expect(page.locator("#open-actions")).to_contain_text("Overdue")
    follow(page.get_by_role("link", name="Line manager's meeting with the SENCO", exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Line manager's meeting with the SENCO"
    )
    if size is PHONE:
        _fits(page)

    # The agenda starts with the open action of the last meeting, before any question.
    agenda = page.locator("#agenda-actions")
    expect(agenda).to_contain_text("Review the provision map")
    expect(agenda).not_to_contain_text("Book the training for TAs")
    first_question = page.locator('[id="question-lm.action_plan.priorities"]')
    assert agenda.bounding_box()["y"] < first_question.bounding_box()["y"]
    # The evidence beside a question: the register's figures from senco.
    question = page.locator('[id="question-lm.needs.data"]')
    expect(question.locator(".senco-evidence")).to_be_visible()
    expect(question.locator(".senco-evidence")).to_contain_text("register")

    page.fill("#id_who_was_there", "Ms Leader (line manager), Mr Senco (SENCO)")
    agenda.get_by_role("radio", name="Done", exact=True).check()
    agenda.get_by_label("What was done (optional)").fill("Shared with the finance manager")
    question.get_by_role("textbox").fill("Two more pupils at SEN support since September.")
    page.fill("#id_new-0-what", "Plan the spring learning walks")
    page.select_option("#id_new-0-owner", label=senco.get_full_name() or senco.username)
    fill_date("id_new-0-due", today + datetime.timedelta(days=30))
    follow(page.get_by_role("button", name="Record the meeting"))

    meeting = Meeting.objects.exclude(pk=last_meeting.pk).get()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Line manager's meeting with the SENCO"
    )
    expect(page.locator("#actions")).to_contain_text("Plan the spring learning walks")
    expect(page.locator("#closed-actions")).to_contain_text("Review the provision map")
    expect(page.locator("#closed-actions")).to_contain_text("Shared with the finance manager")
    expect(page.locator('[id="answer-lm.needs.data"]')).to_contain_text("Two more pupils")
    expect(page.locator("#data-shown")).to_contain_text("register")
    if size is PHONE:
        _fits(page)
    assert meeting.data_shown
    assert last_meeting.actions.filter(done_at__isnull=True).count() == 0
