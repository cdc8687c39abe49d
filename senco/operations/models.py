import uuid

from django.conf import settings
from django.db import models


class Job(models.Model):
    """Work done in the background for a person (applying an import, a year group's class
    sheets), with its progress and its result, shown on the job's page
    (senco/operations/jobs.py). The task queue (django-tasks) runs it; this row is what
    the person sees."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "In progress"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # The dotted path of the @background_job function that does the work.
    function = models.CharField(max_length=200)
    title = models.CharField(max_length=200)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_from = models.GenericIPAddressField(null=True, blank=True)
    school = models.ForeignKey(
        "schools.School", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    arguments = models.JSONField(default=dict)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    step = models.CharField(max_length=200, blank=True)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    # What the person gets: a page to go to, or a file to download (kept under
    # PRIVATE_MEDIA_ROOT/jobs/ and served only to the person who started the job).
    result_url = models.CharField(max_length=500, blank=True)
    result_message = models.CharField(max_length=500, blank=True)
    result_file = models.CharField(max_length=200, blank=True)
    result_name = models.CharField(max_length=200, blank=True)
    result_type = models.CharField(max_length=100, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.title} ({self.get_status_display()})"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def percent(self) -> int | None:
        if not self.total:
            return None
        return min(100, round(100 * self.done / self.total))


class ScheduleRun(models.Model):
    """The last run of each scheduled job (senco/operations/schedules.py): when it last
    started and finished, whether it worked, and a lease so that two schedulers started
    at once do not both run it."""

    name = models.CharField(max_length=100, primary_key=True)
    leased_until = models.DateTimeField(null=True, blank=True)
    last_started = models.DateTimeField(null=True, blank=True)
    last_finished = models.DateTimeField(null=True, blank=True)
    last_ok = models.BooleanField(null=True)
    last_message = models.TextField(blank=True)
    last_success = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.name


class Heartbeat(models.Model):
    """When the scheduler and the task worker last showed they are alive (/healthz)."""

    name = models.CharField(max_length=50, primary_key=True)
    at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name} at {self.at:%Y-%m-%d %H:%M}"
