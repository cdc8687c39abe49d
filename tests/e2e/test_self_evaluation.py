"""Issue 15's self-evaluation: the SENCO opens this year's statutory compliance check from
home, sees each question with the school's figures beside it and last year's answer, answers
one, and finds the answer on the set page with last year's beside it. axe-core checks every
page, at desktop width and at 390 px, where no page may be wider than the screen."""

import pytest
from playwright.sync_api import Page, expect

from senco import factories as f
from senco.audit.actor import Actor
from senco.lib import clock
from senco.strategy import selfeval_services as services
from senco.strategy.models import SelfEvaluationAnswer

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1100, "height": 900}


@pytest.fixture
def last_year(school, senco, leader, today):
    """Last year's answer on telling parents, with the line manager's comment."""
    f.SenPupilFactory.create_batch(2, school=school, parents_not_told=True)
    return services.answer_save(
        actor=Actor(leader),
        school=school,
        year=clock.academic_year_of(today) - 1,
        questions="compliance",
        question="parents_told",
        rating="no",
        words="Letters were not sent for changes on the register.",
        line_manager_words="Make this a priority in September.",
    )


def _fits(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width} px wide"


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_senco_answers_a_question_with_the_evidence_and_last_years_answer(
    page: Page, size, sign_in, follow, school, senco, last_year
):
    page.set_viewport_size(size)
    sign_in("senco")
    follow(page.get_by_role("link", name=f"Self-evaluation at {school.name}", exact=True))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Self-evaluation")
    expect(page.locator("#compliance-status")).to_have_text("Not started")
    follow(page.get_by_role("link", name="Statutory compliance check"))
    if size is PHONE:
        _fits(page)

    # The question about telling parents: the register's figure beside it, last year's answer.
    section = page.locator("#parents_told")
    expect(section.locator("#parents_told-evidence")).to_contain_text(
        "Pupils whose parents have not yet been told of a change on the register"
    )
    expect(section.locator("#parents_told-last-year")).to_contain_text("Letters were not sent")
    follow(section.get_by_role("link", name="Answer this question"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Are parents told")
    expect(page.locator("#evidence")).to_contain_text("2")
    expect(page.locator("#last-year")).to_contain_text("Make this a priority in September.")
    if size is PHONE:
        _fits(page)

    page.get_by_label("Partly").check()
    page.get_by_label("What we do and how we know (optional)").fill(
        "Letters go home for register changes; the register lists any still to send."
    )
    page.get_by_label("Next step (optional)").fill("Letters for intervention groups too.")
    follow(page.get_by_role("button", name="Save the answer"))

    expect(page.locator(".govuk-notification-banner")).to_contain_text("answer has been saved")
    expect(page.locator("#parents_told-answer")).to_contain_text("Letters go home")
    expect(page.locator("#parents_told-answer")).to_contain_text("Partly")
    expect(page.locator("#parents_told-last-year")).to_contain_text("Letters were not sent")
    expect(page.locator("#set-progress")).to_contain_text("1 of 6 questions answered")
    if size is PHONE:
        _fits(page)
    answer = SelfEvaluationAnswer.objects.get(
        evaluation__academic_year=last_year.evaluation.academic_year + 1
    )
    assert (answer.rating, answer.updated_by) == ("partly", senco)
