"""The SENCO runs the census check, follows a line's fix to the register change form,
records the missing primary need, and the line is gone when they come back."""

import re

import pytest
from playwright.sync_api import Page, expect

from senco import factories as f
from senco.audit.actor import Actor
from senco.plans.services import cycle_start
from senco.year.models import CensusCheck

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}


def test_the_senco_fixes_a_line_of_the_census_check(
    page: Page, sign_in, follow, visit, axe, fill_date, school, senco, pupil, today
):
    cycle_start(actor=Actor(senco), pupil=pupil, today=today)
    amir = f.SenPupilFactory(
        school=school, legal_surname="Hussain", forename="Amir", year_group=8, primary_need=""
    )
    cycle_start(actor=Actor(senco), pupil=amir, today=today)
    sign_in("senco")

    # From the home page's "Go to".
    follow(page.get_by_role("link", name="Census check"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Census check")
    expect(page.locator("#census-day")).to_contain_text("The next census day is")
    line = page.locator("#no_primary tbody tr")
    expect(line).to_have_count(1)
    expect(line).to_contain_text("Amir Hussain")
    expect(line).to_contain_text("SEN support with no primary need")
    census = page.url

    # The fix: the register change form, where the primary need is recorded.
    follow(line.get_by_role("link", name="Record the primary need for Amir Hussain"))
    expect(page).to_have_url(re.compile(rf"/pupils/{amir.pk}/change/$"))
    page.select_option("#id_to_primary_need", value="SPLD")
    fill_date("id_effective_date", today)
    page.fill("#id_reason", "The primary need was missing from the MIS: dyslexia, as assessed.")
    page.check("#id_parents_told")
    fill_date("id_parents_told_on", today)
    follow(page.get_by_role("button", name="Save the change"))
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "The register entry for Amir Hussain has been changed."
    )

    # Back at the check, the line is gone and nothing is left to put right.
    visit(census)
    expect(page.locator("#no_primary")).to_have_count(0)
    expect(page.locator("#clean")).to_contain_text("Nothing for the census to get wrong")
    assert list(CensusCheck.objects.filter(school=school).values_list("problems", flat=True)) == [
        0,
        1,
    ]

    # On a phone: no wider than the screen, and axe-clean there too.
    page.set_viewport_size(PHONE)
    visit(census)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_list_of_lines_fits_a_phone(page: Page, sign_in, visit, school, senco, pupil, today):
    for i in range(3):
        f.SenPupilFactory(
            school=school,
            legal_surname=f"Mackenzie-Richardson{i}",
            forename="Oluwaseun",
            primary_need="MLD",
            secondary_need="MLD",
        )
    sign_in("senco")
    page.set_viewport_size(PHONE)
    visit(f"/school/{school.urn}/year/census/")
    expect(page.locator("#same_needs tbody tr")).to_have_count(3)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
