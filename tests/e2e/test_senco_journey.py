"""The SENCO's main journey: find a pupil on the register, change their provision, and
record that the parents have been told."""

import re

import pytest
from playwright.sync_api import Page, expect

from senco.audit.models import AuditEvent
from senco.lib.codes import Provision
from senco.register.models import RegisterChange

pytestmark = pytest.mark.django_db(transaction=True)

ON_REGISTER = [
    "Ahmed, Yusuf",
    "Baker, Chloe",
    "Campbell, Liam",
    "Davies, Megan",
    "Fraser, Isla",
    "O'Brien-Łukasiewicz, Zoë",
]


@pytest.fixture
def apply_filters(page, follow):
    return lambda: follow(page.get_by_role("button", name="Apply filters"))


def test_senco_finds_changes_and_follows_up_a_pupil(
    page: Page,
    follow,
    visit,
    sign_in,
    register_names,
    apply_filters,
    fill_date,
    senco,
    school,
    roll,
    today,
):
    sign_in("senco")

    # Lands on what needs doing, then opens the register, which lists the pupils on it
    # (not Noah, who has no SEN).
    expect(page.get_by_role("heading", level=1)).to_have_text("What needs doing")
    follow(page.get_by_role("navigation", name="Menu").get_by_role("link", name="Register"))
    expect(page).to_have_url(re.compile(rf"/school/{school.urn}/register/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("SEND register")
    assert register_names() == ON_REGISTER
    expect(page.locator("#register-count")).to_have_text("6 pupils.")
    # The navigation shows a SENCO's pages, and the school's name.
    menu = page.get_by_role("navigation", name="Menu")
    for link in ("Register", "EHC plans", "Provision", "School settings"):
        expect(menu.get_by_role("link", name=link, exact=True)).to_be_visible()
    expect(page.locator(".govuk-header__service-name")).to_have_text("Hillside Academy")

    # Filter by provision: only the pupils with an EHC plan. The filters are folded away
    # until asked for.
    expect(page.locator("#id_provision")).to_be_hidden()
    page.get_by_text("Filter by year, group, need and more").click()
    page.select_option("#id_provision", label="EHC plan")
    apply_filters()
    assert register_names() == ["Ahmed, Yusuf", "Baker, Chloe"]
    cells = page.locator("#register-table tbody td:nth-child(5)").all_inner_texts()
    assert [cell.splitlines()[0] for cell in cells] == ["EHC plan", "EHC plan"]
    # Neither has the plan itself recorded yet: the register says so, with the way to it.
    assert all("Record the EHC plan" in cell for cell in cells)
    expect(page.locator("#id_provision")).to_have_value(Provision.EHC_PLAN)

    # Search by name, after clearing the filters; the search ignores case and keeps
    # apostrophes and accents.
    follow(page.get_by_role("link", name="Clear filters"))
    assert register_names() == ON_REGISTER
    page.fill("#id_q", "o'brien")
    apply_filters()
    assert register_names() == ["O'Brien-Łukasiewicz, Zoë"]
    page.fill("#id_q", "campbell")
    apply_filters()
    assert register_names() == ["Campbell, Liam"]

    # Sort by year, then by year descending; the header says which way it is sorted.
    follow(page.get_by_role("link", name="Clear filters"))
    follow(page.get_by_role("link", name=re.compile(r"^Year\b.*sort ascending")))
    year_header = page.locator("#register-table th", has=page.locator("a[href*='sort=year&']"))
    expect(year_header).to_have_attribute("aria-sort", "ascending")
    years = page.locator("#register-table tbody td:nth-child(3)").all_inner_texts()
    assert years == ["Year 7", "Year 8", "Year 8", "Year 9", "Year 10", "Year 11"]
    follow(page.get_by_role("link", name=re.compile(r"^Year\b.*sort descending")))
    expect(year_header).to_have_attribute("aria-sort", "descending")
    years = page.locator("#register-table tbody td:nth-child(3)").all_inner_texts()
    assert years == ["Year 11", "Year 10", "Year 9", "Year 8", "Year 8", "Year 7"]

    # Open Liam's record: his needs and his history on the register.
    liam = roll["liam"]
    follow(page.get_by_role("link", name="Campbell, Liam"))
    expect(page).to_have_url(re.compile(rf"/pupils/{liam.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Liam Campbell")
    needs = page.locator("#pupil-needs")
    expect(needs).to_contain_text("SEN support (K)")
    expect(needs).to_contain_text("Specific learning difficulty (SPLD)")
    expect(needs).to_contain_text("Cognition and learning")
    history = page.locator("#register-history tbody tr")
    expect(history).to_have_count(1)
    expect(history.first).to_contain_text("Provision: No SEN to SEN support")
    expect(history.first).to_contain_text("Assessment by the educational psychologist")
    expect(history.first).to_contain_text("Yes,")

    # Change provision: without a reason, the form says what is wrong and nothing changes.
    follow(page.get_by_role("link", name="Change provision or needs"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Change provision or needs")
    page.select_option("#id_to_provision", label="EHC plan")
    follow(page.get_by_role("button", name="Save the change"))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("There is a problem")
    expect(summary.get_by_role("link")).to_have_count(1)
    expect(page.locator("#id_reason").locator("xpath=..")).to_have_class(
        re.compile("govuk-form-group--error")
    )
    # GOV.UK Frontend moves focus to the summary so that screen readers announce it.
    expect(summary).to_be_focused()
    # What was chosen is kept.
    expect(page.locator("#id_to_provision")).to_have_value(Provision.EHC_PLAN)
    liam.refresh_from_db()
    assert liam.sen_provision == Provision.SEN_SUPPORT
    assert RegisterChange.objects.filter(pupil=liam).count() == 1

    # Now with a primary need, a date and a reason; the parents have not been told yet.
    page.select_option("#id_to_provision", label="EHC plan")
    page.select_option("#id_to_primary_need", value="MLD")
    fill_date("id_effective_date", today)
    page.fill("#id_reason", "EHC plan issued by the local authority after assessment.")
    expect(page.locator("#id_parents_told")).not_to_be_checked()
    follow(page.get_by_role("button", name="Save the change"))
    # At E with no plan recorded: the plan's form comes next, saying why.
    expect(page).to_have_url(re.compile(rf"/pupils/{liam.pk}/ehc-plan/edit/$"))
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "The register entry for Liam Campbell has been changed."
    )
    expect(page.locator(".govuk-notification-banner").last).to_contain_text(
        "Now record the EHC plan"
    )
    visit(f"/pupils/{liam.pk}/")
    expect(needs).to_contain_text("EHC plan (E)")
    expect(needs).to_contain_text("Moderate learning difficulty (MLD)")
    expect(history).to_have_count(2)
    newest = history.first
    expect(newest).to_contain_text("Provision: SEN support to EHC plan")
    expect(newest).to_contain_text("Primary need: SPLD to MLD")
    expect(newest.locator(".govuk-tag")).to_have_text("Not yet")
    liam.refresh_from_db()
    assert (liam.sen_provision, liam.primary_need) == (Provision.EHC_PLAN, "MLD")
    assert liam.parents_not_told
    change = RegisterChange.objects.filter(pupil=liam).first()
    assert (change.to_provision, change.parents_told) == (Provision.EHC_PLAN, False)
    assert AuditEvent.objects.filter(pupil=liam, action="register.change", user=senco).exists()

    # Back on the register, the pupils whose parents have not been told are one click away.
    follow(page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name="Register"))
    follow(page.get_by_role("link", name="1 pupil whose parents have not yet been told"))
    assert register_names() == ["Campbell, Liam"]
    expect(page.locator("#id_not_told")).to_be_checked()
    expect(page.locator("#register-table tbody tr").first).to_contain_text("Parents not told")

    # Record on his page that the parents have now been told.
    follow(page.get_by_role("link", name="Campbell, Liam"))
    fill_date(f"told-on-{change.pk}", today)
    follow(page.get_by_role("button", name="Record parents told"))
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Recorded that the parents have been told."
    )
    expect(newest).to_contain_text(f"Yes, {today.day} {today:%b %Y}")
    expect(page.get_by_text("Not yet")).to_have_count(0)
    change.refresh_from_db()
    assert (change.parents_told, change.parents_told_on) == (True, today)
    liam.refresh_from_db()
    assert not liam.parents_not_told

    # And the register no longer asks about anyone.
    follow(page.get_by_role("navigation", name="Menu").get_by_role("link", name="Register"))
    expect(page.get_by_text("whose parents have not yet been told")).to_have_count(0)
    assert register_names() == ON_REGISTER
