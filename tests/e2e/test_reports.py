"""Issue 15's reports: the SENCO drafts this year's governors' report, writes a section,
downloads it as Word and as PDF; a governor reads last year's issued report, with no
pupil's name and no count of pupils from 1 to 4. axe-core checks every page visited, at
desktop width and at 390 px, where no page is wider than the screen."""

import datetime
import re

import docx
import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from senco import conftest as cast
from senco.audit.actor import Actor
from senco.lib.clock import academic_year_of
from senco.outcomes.tests.outcome_fixtures import school_figures
from senco.reports import services
from senco.reports.models import Report

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1100, "height": 900}
trust_lead = cast.trust_lead

# The values of the figure tables, but the development plan's (a count of actions, not of
# pupils), that hold a whole number from 1 to 4 standing alone: "3", "2 of 40", "of 4".
SMALL_COUNTS = r"""() => [...document.querySelectorAll('table[id^="figures-"] td')]
  .filter(td => !td.closest('#section-development_plan'))
  .map(td => td.textContent.trim())
  .filter(text => /(^|[^\d.,£])[1-4]($|[^\d.,%])/.test(text))"""


@pytest.fixture
def last_years_report(school, senco, roll, today):
    """Last year's governors' report, written and issued in July with the figures of then."""
    school_figures(school, list(roll.values()), today)
    actor = Actor(senco)
    year = academic_year_of(today) - 1
    report, _ = services.report_draft(
        actor=actor, school=school, kind="governors", academic_year=year
    )
    section = report.sections.get(key="provision")
    services.section_save(
        actor=actor,
        section=section,
        words="Our reading interventions made the most difference this year.",
    )
    return services.report_issue(actor=actor, report=report, today=datetime.date(year + 1, 7, 10))


def _fits(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url}: {width} px wide"


def test_the_senco_drafts_writes_and_downloads_the_governors_report(
    page: Page, sign_in, follow, axe, school, roll
):
    page.set_viewport_size(DESKTOP)
    sign_in("senco")
    follow(page.get_by_role("link", name=re.compile(r"^Reports")))
    expect(page.get_by_role("heading", level=1)).to_have_text("Reports")
    follow(page.get_by_role("button", name="Draft this year's governors' report"))
    report = Report.objects.get(school=school, kind="governors")
    expect(page.get_by_role("heading", level=1)).to_have_text(report.title)
    expect(page.locator("#report-status")).to_contain_text("Draft")
    # The register's figures are there, hidden as for governors.
    expect(page.locator("#figures-register")).to_be_visible()

    follow(page.get_by_role("link", name="Change Staff training and expertise"))
    page.fill("#id_words", "Every teacher had autism training in the autumn term.")
    follow(page.get_by_role("button", name="Save this section"))
    expect(page.locator("#words-training")).to_have_text(
        "Every teacher had autism training in the autumn term."
    )
    expect(page.locator("#who-training")).to_contain_text("Written by")

    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("Word document")).click()
    assert download.value.suggested_filename == (
        f"hillside-academy-{re.sub(r'[^a-z0-9]+', '-', report.title.lower()).strip('-')}.docx"
    )
    document = docx.Document(download.value.path())
    text = "\n".join(p.text for p in document.paragraphs)
    assert report.title in text
    assert "Every teacher had autism training in the autumn term." in text
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "England" in cells and "Pupils on the SEN register" in cells

    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("PDF")).click()
    assert download.value.suggested_filename.endswith(".pdf")
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    # The same page on a phone.
    page.set_viewport_size(PHONE)
    page.reload()
    axe()
    _fits(page)


def test_a_governor_reads_last_years_report(
    page: Page, sign_in, follow, axe, visit, school, governor, roll, last_years_report
):
    page.set_viewport_size(DESKTOP)
    sign_in("governor")
    follow(page.get_by_role("link", name=re.compile(r"^Reports")))
    follow(page.get_by_role("link", name=re.compile("Annual SEND report to governors")))
    expect(page.get_by_role("heading", level=1)).to_have_text(last_years_report.title)
    expect(page.locator("#report-status")).to_contain_text("Issued")
    expect(page.locator("#words-provision")).to_contain_text("Our reading interventions")
    expect(page.locator("#report-figures-when")).to_contain_text("kept as they were")
    html = page.content()
    for pupil in roll.values():
        assert pupil.legal_surname not in html, pupil.legal_surname
    assert page.locator("table[id^='figures-'] td").count() > 0
    assert page.evaluate(SMALL_COUNTS) == []
    assert "hidden" in page.locator("#figures-register").inner_text()
    # Nothing to change: a governor only reads.
    expect(page.get_by_role("link", name=re.compile("^Change"))).to_have_count(0)
    expect(page.get_by_role("button", name=re.compile("Issue"))).to_have_count(0)

    page.set_viewport_size(PHONE)
    page.reload()
    axe()
    _fits(page)


def test_this_years_draft_is_not_the_governors(
    page: Page, sign_in, visit, school, senco, governor, last_years_report
):
    draft, _ = services.report_draft(
        actor=Actor(senco),
        school=school,
        kind="governors",
        academic_year=academic_year_of(timezone.localdate()),
    )
    sign_in("governor")
    response = visit(f"/school/{school.urn}/reports/{draft.pk}/")
    assert response.status == 404
