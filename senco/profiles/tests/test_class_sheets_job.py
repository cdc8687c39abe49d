"""A year group's class sheets are made in the background: the page says what will be
printed, the button starts a job, the job's page offers the PDF, to its starter only."""

import pytest
from django.urls import reverse

from senco import factories as f
from senco.audit.models import AuditEvent
from senco.operations.models import Job
from senco.testing import ROLES, answers, assert_valid_html, role_table

START = role_table(
    "class_sheets_year",
    answers(403, senco=302, leader=302, parent=404, outsider=404),
    method="POST",
)


@pytest.fixture
def year_seven(school):
    for name in ("7A/Ma1", "7B/Ma2"):
        group = f.TeachingGroupFactory(school=school, name=name, year_group=7)
        group.pupils.add(*f.SenPupilFactory.create_batch(2, school=school, year_group=7))
    f.TeachingGroupFactory(school=school, name="8A/Ma1", year_group=8).pupils.add(
        f.SenPupilFactory(school=school, year_group=8)
    )


@pytest.fixture
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.mark.parametrize(("role", "status"), START.items())
def test_each_role_starts_the_job(role, status, cast, client_for, school, private_media):
    url = reverse("class_sheets_year", args=[school.urn, 7])
    assert client_for(cast[role]).post(url).status_code == status


def test_the_page_says_what_will_be_printed(client_for, senco, school, year_seven):
    page = client_for(senco).get(reverse("class_sheets_year", args=[school.urn, 7]))
    assert_valid_html(page)
    text = page.content.decode()
    assert "2 teaching groups" in text and "4 pupils with SEND" in text
    whole = client_for(senco).get(reverse("class_sheets_year", args=[school.urn, 0]))
    assert "3 teaching groups" in whole.content.decode()
    assert "5 pupils with SEND" in whole.content.decode()


def test_a_year_that_does_not_exist_is_404(client_for, senco, school):
    url = reverse("class_sheets_year", args=[school.urn, 99])
    assert client_for(senco).get(url).status_code == 404
    assert client_for(senco).post(url).status_code == 404


def test_the_job_makes_the_pdf_for_its_starter_only(
    client_for, senco, leader, school, year_seven, private_media
):
    client = client_for(senco)
    response = client.post(reverse("class_sheets_year", args=[school.urn, 7]))
    job = Job.objects.get()
    assert response["Location"] == reverse("job_detail", args=[job.pk])
    assert job.status == Job.Status.DONE, job.error
    assert job.started_by == senco and job.school == school

    page = client.get(response["Location"])
    assert_valid_html(page)
    assert b"4 pupils with SEND" in page.content
    assert b'hx-trigger="every 1s"' not in page.content  # finished: no more asking

    download = client.get(reverse("job_download", args=[job.pk]))
    assert download.status_code == 200
    data = b"".join(download.streaming_content)
    assert data.startswith(b"%PDF")
    assert "class-sheets-year-7" in download["Content-Disposition"]
    assert "no-store" in download["Cache-Control"]

    # Each pupil printed has a row in their log, written by the job for its starter.
    events = AuditEvent.objects.filter(action="class_sheet.pdf")
    assert events.count() == 4 and {e.user for e in events} == {senco}

    # Nobody else sees the job or its file: the same 404 as a job that does not exist.
    other = client_for(leader)
    assert other.get(reverse("job_detail", args=[job.pk])).status_code == 404
    assert other.get(reverse("job_download", args=[job.pk])).status_code == 404


def test_a_person_who_lost_access_gets_a_failed_job(client_for, senco, school, private_media):
    from senco.accounts.models import Membership
    from senco.audit.actor import Actor
    from senco.operations.jobs import job_start
    from senco.profiles import pdf

    Membership.objects.filter(user=senco).update(role="teacher")
    job = job_start(
        actor=Actor(senco),
        title="Class sheets",
        function=pdf.class_sheets_job,
        school=school,
        arguments={"year": 7},
    )
    assert job.status == Job.Status.FAILED
    assert "no longer" in job.error
    assert (
        b"This did not finish"
        in client_for(senco).get(reverse("job_detail", args=[job.pk])).content
    )


@pytest.mark.parametrize("role", ROLES)
def test_no_one_downloads_a_job_that_does_not_exist(role, cast, client_for):
    missing = "00000000-0000-0000-0000-000000000000"
    assert client_for(cast[role]).get(reverse("job_download", args=[missing])).status_code == 404
