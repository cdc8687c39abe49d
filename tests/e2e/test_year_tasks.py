"""The SENCO's year in a browser: the SENCO opens the year from the home page, sets it up
from the toolkit's calendar, ticks off a task and sees it done; a TA ticks off the task
given to them; axe-core clean on every page, at desktop width and at a 390 px phone's."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from senco import factories as f
from senco.audit.actor import Actor
from senco.lib import clock
from senco.year import calendars
from senco.year import tasks_services as services
from senco.year.models import YearTask

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def ta(school):
    return f.MembershipFactory(school=school, role="ta", user=f.UserFactory(username="ta")).user


@pytest.fixture
def given(senco, ta, school, today):
    return services.task_add(
        actor=Actor(senco),
        school=school,
        title="Put out the reading group's resources",
        due=today,
        assigned_to=ta,
    )


def test_the_senco_sets_up_the_year_and_ticks_off_a_task(
    page: Page, sign_in, follow, school, senco, today
):
    sign_in("senco")
    follow(page.get_by_role("link", name="The SENCO's year"))
    label = clock.academic_year_label(clock.academic_year_of(today))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"The SENCO's year, {label}")
    follow(page.get_by_role("button", name=f"Set up {label} from the secondary SENCO's calendar"))
    expect(page.locator(".govuk-notification-banner, .govuk-panel").first).to_contain_text(
        "tasks added"
    )
    made = YearTask.objects.filter(school=school)
    assert made.count() == len(calendars.calendar_for("secondary"))
    expect(page.locator("#year-setup")).to_have_count(0)
    # The first task of the year: tick it off from its month.
    task = made.order_by("due", "pk").first()
    row = page.locator(f"#year-months li[data-task='{task.pk}']")
    expect(row).to_contain_text(task.title)
    follow(row.get_by_role("button", name="Mark as done"))
    row = page.locator(f"#year-months li[data-task='{task.pk}']")
    expect(row.locator(".govuk-tag--green")).to_have_text("Done")
    expect(row.get_by_role("button", name="Mark as not done")).to_be_visible()
    task.refresh_from_db()
    assert task.is_done and task.done_by == senco


def test_a_ta_ticks_off_the_task_given_to_them(page: Page, sign_in, follow, school, given):
    sign_in("ta")
    expect(page.locator("#year-tasks-todo")).to_contain_text(given.title)
    follow(page.get_by_role("link", name="See the SENCO's year and tick tasks off"))
    row = page.locator(f"#this-week li[data-task='{given.pk}']")
    follow(row.get_by_role("button", name="Mark as done"))
    expect(page.locator(f"#year-months li[data-task='{given.pk}'] .govuk-tag--green")).to_have_text(
        "Done"
    )
    given.refresh_from_db()
    assert given.is_done


def test_the_year_and_its_forms_fit_a_phone(
    page: Page, sign_in, visit, follow, school, senco, given
):
    page.set_viewport_size(PHONE)
    sign_in("senco")
    year = clock.academic_year_of(given.due)
    services.year_setup_from_calendar(actor=Actor(senco), school=school, academic_year=year)
    for path in (
        reverse("year_tasks", args=[school.urn]),
        reverse("year_task_add", args=[school.urn]),
        reverse("year_task_edit", args=[school.urn, given.pk]),
        reverse("year_task_delete", args=[school.urn, given.pk]),
    ):
        visit(path)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path
    # The form's errors, at a phone's width too.
    visit(reverse("year_task_add", args=[school.urn]))
    follow(page.get_by_role("button", name="Add the task"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the task")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
