"""Reports drafted from what senco holds: the annual SEND report to governors and the SEN
information report (the sections of each kind are in senco/reports/kinds.py)."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class Kind(models.TextChoices):
    GOVERNORS = "governors", "Annual SEND report to governors"
    INFORMATION = "information", "SEN information report"


class Report(models.Model):
    """One report for one academic year: drafted, edited, then issued. An issued report's
    figures are kept as they were on the day (`figures`), so last year's report reads as
    it was presented."""

    school = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    academic_year = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    # Figures as issued: {evidence key: [{label, value, national, source}, ...]}; empty
    # while a draft (a draft shows today's figures).
    figures = models.JSONField(default=dict, blank=True)
    issued_at = models.DateTimeField(null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-academic_year", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "kind", "academic_year"], name="one_report_a_year"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_issued(self) -> bool:
        return self.issued_at is not None


class ReportSection(models.Model):
    """A section of a report: the SENCO's own words around the figures of its evidence keys."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="sections")
    key = models.CharField(max_length=40)  # a section key of kinds.py
    heading = models.CharField(max_length=200)
    words = models.TextField(blank=True)
    position = models.PositiveIntegerField(default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["report", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["report", "key"], name="one_section")]

    def __str__(self) -> str:
        return str(self.heading)
