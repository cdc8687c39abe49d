"""Background jobs: slow work started by a person, run by the task worker, with a page that
shows its progress and then its result.

A capability declares the work as a function decorated with `@background_job`:

    @background_job
    def class_sheets_job(progress: Progress, *, year: int) -> JobResult:
        progress.step("Drawing the class sheets", total=len(groups))
        ...
        return JobResult(file=pdf_bytes, name="class-sheets.pdf", type="application/pdf")

and a view starts it with `job_start(actor=..., school=..., title=..., function=
class_sheets_job, arguments={"year": 7})`, then redirects to `job_page_url(job)`. The
function runs in the worker (`manage.py db_worker`; at once, in the same process, in the
tests and wherever TASKS uses the immediate backend). It receives `progress.user` and
`progress.school`, the person who started it and their school, and must check access
again itself (through senco.access): they may have lost it since.
"""

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task

from senco.audit.actor import Actor
from senco.operations.models import Heartbeat, Job

logger = logging.getLogger("senco.jobs")

# Progress is written at most this often (seconds): each write is a database write.
PROGRESS_EVERY = 0.5
# Files made by jobs are kept this long (days); the schedule removes older ones.
RESULT_DAYS = 1


class JobFailed(Exception):
    """Raised by a job to fail with a message the person can act on."""


@dataclass
class JobResult:
    """What a finished job gives the person: a page to go to, a message, or a file."""

    url: str = ""
    message: str = ""
    file: bytes | None = None
    name: str = ""
    type: str = "application/octet-stream"


class Progress:
    """Handed to a job function: says what it is doing and how far it has got."""

    def __init__(self, job: Job):
        self.job = job
        self._written = 0.0

    @property
    def user(self):
        return self.job.started_by

    @property
    def school(self):
        return self.job.school

    @property
    def actor(self) -> Actor:
        """The person who started the job, for audit rows written by it."""
        return Actor(self.job.started_by, self.job.started_from)

    def step(self, text: str, *, total: int = 0) -> None:
        self.job.step = text[:200]
        self.job.done, self.job.total = 0, total
        self._write(force=True)

    def advance(self, by: int = 1) -> None:
        self.job.done += by
        self._write()

    def _write(self, force: bool = False) -> None:
        now = time.monotonic()
        if force or now - self._written >= PROGRESS_EVERY:
            self._written = now
            Job.objects.filter(pk=self.job.pk).update(
                step=self.job.step, done=self.job.done, total=self.job.total
            )


def background_job(function: Callable) -> Callable:
    """Mark a function as one a job may run (a job names it by its dotted path)."""
    function.is_background_job = True
    return function


def _path(function: Callable) -> str:
    return f"{function.__module__}.{function.__qualname__}"


def job_start(*, actor, title: str, function: Callable, school=None, arguments=None) -> Job:
    """Record the job and queue it. With the immediate backend it has run on return."""
    if not getattr(function, "is_background_job", False):
        raise ValueError(f"{_path(function)} is not a @background_job")
    job = Job.objects.create(
        function=_path(function),
        title=title[:200],
        started_by=actor.person,
        started_from=actor.ip_address,
        school=school,
        arguments=arguments or {},
    )
    run_job.enqueue(str(job.pk))
    job.refresh_from_db()
    return job


def job_page_url(job: Job) -> str:
    return reverse("job_detail", args=[job.pk])


def result_path(job: Job) -> Path:
    return Path(settings.PRIVATE_MEDIA_ROOT) / "jobs" / job.result_file


@task()
def run_job(job_id: str) -> str:
    """The one task: run a job's function, record its result or its failure."""
    job = Job.objects.select_related("started_by", "school").filter(pk=job_id).first()
    if job is None or job.status != Job.Status.QUEUED:
        return "skipped"
    beat("worker")
    job.status, job.started_at = Job.Status.RUNNING, timezone.now()
    job.save(update_fields=["status", "started_at"])
    try:
        function = import_string(job.function)
        if not getattr(function, "is_background_job", False):
            raise JobFailed("This kind of job can no longer be run.")
        result = function(Progress(job), **job.arguments) or JobResult()
    except JobFailed as failure:
        _finish(job, Job.Status.FAILED, error=str(failure))
        return "failed"
    except Exception:
        logger.exception("job %s failed", job.pk)
        _finish(
            job, Job.Status.FAILED, error="Something went wrong. Try again, or tell your SENCO."
        )
        return "failed"
    if result.file is not None:
        job.result_file = f"{job.pk}{Path(result.name).suffix}"
        path = result_path(job)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(result.file)
        job.result_name, job.result_type = result.name, result.type
    job.result_url, job.result_message = result.url, result.message[:500]
    _finish(job, Job.Status.DONE)
    return "done"


def _finish(job: Job, status: str, *, error: str = "") -> None:
    job.status, job.error, job.finished_at = status, error, timezone.now()
    if status == Job.Status.DONE and job.total:
        job.done = job.total
    job.save()


def beat(name: str) -> None:
    """Record that the worker or the scheduler is alive."""
    Heartbeat.objects.update_or_create(name=name, defaults={"at": timezone.now()})


def jobs_clean_up(now=None) -> int:
    """Remove finished jobs' files (and the jobs) older than RESULT_DAYS; returns how many."""
    cutoff = (now or timezone.now()) - timedelta(days=RESULT_DAYS)
    old = Job.objects.filter(created_at__lt=cutoff)
    for job in old.exclude(result_file=""):
        result_path(job).unlink(missing_ok=True)
    removed, _ = old.delete()
    return removed


@task()
def worker_beat() -> str:
    """Queued by each scheduler run: shows on /healthz that the worker takes tasks."""
    beat("worker")
    return "ok"
