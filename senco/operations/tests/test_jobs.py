"""Background jobs: a page per job for the person who started it, its progress while it
runs (HTMX asks again every second), then its result or why it failed."""

import pytest
from django.urls import reverse

from senco.audit.actor import Actor
from senco.operations import jobs
from senco.operations.models import Job
from senco.testing import answers, assert_valid_html, role_table

# A job the SENCO started: theirs alone.
DETAIL = role_table("job_detail", answers(404, senco=200))
DOWNLOAD = role_table("job_download", answers(404, senco=200))


@jobs.background_job
def count_to(progress, *, n: int):
    progress.step("Counting", total=n)
    for _ in range(n):
        progress.advance()
    return jobs.JobResult(
        message=f"Counted to {n}.", file=b"1,2,3", name="count.csv", type="text/csv"
    )


@jobs.background_job
def explode(progress):
    raise RuntimeError("secret detail about Zoe")


@jobs.background_job
def refuse(progress):
    raise jobs.JobFailed("The file has gone: upload it again.")


def not_a_job(progress):
    return None


@pytest.fixture
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def done_job(senco, school, private_media):
    return jobs.job_start(
        actor=Actor(senco, "10.0.0.9"),
        title="Counting",
        function=count_to,
        school=school,
        arguments={"n": 3},
    )


@pytest.mark.parametrize(("role", "status"), DETAIL.items())
def test_each_role_on_the_job_page(role, status, cast, client_for, done_job):
    response = client_for(cast[role]).get(reverse("job_detail", args=[done_job.pk]))
    assert response.status_code == status


@pytest.mark.parametrize(("role", "status"), DOWNLOAD.items())
def test_each_role_downloads(role, status, cast, client_for, done_job):
    response = client_for(cast[role]).get(reverse("job_download", args=[done_job.pk]))
    assert response.status_code == status


def test_a_finished_job_shows_its_result(client_for, senco, done_job, private_media):
    assert done_job.status == Job.Status.DONE
    assert (done_job.done, done_job.total) == (3, 3)
    assert done_job.started_from == "10.0.0.9"
    page = client_for(senco).get(reverse("job_detail", args=[done_job.pk]))
    assert_valid_html(page)
    assert b"Counted to 3." in page.content
    assert b"Download count.csv" in page.content
    download = client_for(senco).get(reverse("job_download", args=[done_job.pk]))
    assert b"".join(download.streaming_content) == b"1,2,3"
    assert (private_media / "jobs" / f"{done_job.pk}.csv").is_file()


def test_a_running_job_is_asked_about_again_each_second(client_for, senco, school):
    job = Job.objects.create(
        function="x",
        title="Making",
        started_by=senco,
        school=school,
        status="running",
        step="Drawing the sheets",
        done=2,
        total=8,
    )
    client = client_for(senco)
    page = client.get(reverse("job_detail", args=[job.pk]))
    assert_valid_html(page)
    html = page.content.decode()
    assert 'hx-trigger="every 1s"' in html
    assert "Drawing the sheets: 2 of 8" in html and 'value="25"' in html
    # HTMX gets the status part alone, to swap in.
    part = client.get(reverse("job_detail", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert part.content.decode().lstrip().startswith('<div id="job-status"')
    assert b"<html" not in part.content


def test_a_job_that_breaks_says_so_plainly_and_logs_the_detail(senco, caplog):
    job = jobs.job_start(actor=Actor(senco), title="Boom", function=explode)
    assert job.status == Job.Status.FAILED
    assert job.error == "Something went wrong. Try again, or tell your SENCO."
    assert "Zoe" not in job.error
    assert "job" in caplog.text


def test_a_job_can_fail_with_its_own_message(senco):
    job = jobs.job_start(actor=Actor(senco), title="No", function=refuse)
    assert (job.status, job.error) == (Job.Status.FAILED, "The file has gone: upload it again.")


def test_only_declared_functions_run(senco):
    with pytest.raises(ValueError):
        jobs.job_start(actor=Actor(senco), title="No", function=not_a_job)
    job = Job.objects.create(function="os.system", title="Sneaky", arguments={})
    assert jobs.run_job.call(str(job.pk)) == "failed"
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED


def test_old_jobs_and_their_files_are_removed(done_job, private_media):
    from datetime import timedelta

    from django.utils import timezone

    assert jobs.jobs_clean_up() == 0
    assert jobs.jobs_clean_up(now=timezone.now() + timedelta(days=2)) == 1
    assert not Job.objects.exists()
    assert not (private_media / "jobs" / f"{done_job.pk}.csv").exists()
