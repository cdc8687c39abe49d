"""Slow work in the background: a year group's class sheets from the register, and a job
page that shows progress and then the result without being reloaded."""

import re

import pytest
from playwright.sync_api import Page, expect

from senco import factories as f
from senco.operations.models import Job

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    return tmp_path


def test_the_senco_prints_a_year_groups_class_sheets(
    page: Page, sign_in, follow, visit, senco, school, private_media
):
    for name in ("7A/Ma1", "7B/Ma2"):
        group = f.TeachingGroupFactory(school=school, name=name, year_group=7)
        group.pupils.add(*f.SenPupilFactory.create_batch(2, school=school, year_group=7))
    sign_in("senco")
    visit(f"/school/{school.urn}/register/?year=7")
    follow(page.get_by_role("link", name="Print the class sheets of this year group"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Class sheets: Year 7")
    expect(page.locator("#sheets-size")).to_contain_text("2 teaching groups")
    expect(page.locator("#sheets-size")).to_contain_text("4 pupils with SEND")

    follow(page.get_by_role("button", name="Make the PDF"))
    expect(page).to_have_url(re.compile(r"/jobs/[0-9a-f-]+/$"))
    expect(page.locator(".govuk-panel__title")).to_have_text("Done")
    with page.expect_download() as download:
        page.locator("#job-download").click()
    path = download.value.path()
    with open(path, "rb") as pdf:
        assert pdf.read(4) == b"%PDF"
    assert download.value.suggested_filename.startswith("class-sheets-year-7")


def test_the_job_page_shows_progress_then_the_result_by_itself(
    page: Page, sign_in, axe, senco, school
):
    job = Job.objects.create(
        function="senco.profiles.pdf.class_sheets_job",
        title="Class sheets: Year 9",
        started_by=senco,
        school=school,
        status=Job.Status.RUNNING,
        step="Drawing the sheets",
        done=3,
        total=12,
    )
    sign_in("senco")
    page.goto(f"/jobs/{job.pk}/")
    axe()
    expect(page.locator("#job-step")).to_have_text("Drawing the sheets: 3 of 12")

    Job.objects.filter(pk=job.pk).update(done=9)
    expect(page.locator("#job-step")).to_have_text("Drawing the sheets: 9 of 12", timeout=5000)

    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.DONE, result_message="12 groups, 40 pupils with SEND."
    )
    expect(page.locator(".govuk-panel__title")).to_have_text("Done", timeout=5000)
    expect(page.locator(".govuk-panel__body")).to_have_text("12 groups, 40 pupils with SEND.")
    axe()
