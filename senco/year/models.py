"""The SENCO's year: the recurring tasks of the job, seeded from the trust toolkit's
primary or secondary calendar (senco/year/calendars.py) and edited by the SENCO, and the
census checks run before each census day (senco/year/census.py)."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class YearTask(models.Model):
    """One task of the SENCO's year, due on a day, perhaps given to a colleague."""

    school = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=200)
    details = models.TextField(blank=True)
    due = models.DateField()
    # The colleague it is given to (a member of the school's staff); none: the SENCO's.
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Where it came from: the key of a calendar item (calendars.py) it was seeded from, or
    # "" for one the SENCO added.
    from_calendar = models.CharField(max_length=60, blank=True)
    # Carried into next year's calendar (on the same month and week) when the year is set up.
    repeats = models.BooleanField(default=True)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    # Two people editing one task never overwrite each other (a versioned form).
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["due", "pk"]
        indexes = [models.Index(fields=["school", "due"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_done(self) -> bool:
        return self.done_at is not None


class CensusCheck(models.Model):
    """A census readiness check someone ran: when, before which census day, and how many
    lines it found, so the self-evaluation can show the register was checked each term."""

    school = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="+")
    census_day = models.DateField()
    run_at = models.DateTimeField(default=timezone.now)
    run_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    problems = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-run_at"]
        indexes = [models.Index(fields=["school", "census_day"])]

    def __str__(self) -> str:
        return str(self.census_day)
