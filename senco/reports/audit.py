"""What reports write to the audit log, in plain English."""

from django.db import models


class ReportsAction(models.TextChoices):
    REPORT_VIEW = "reports.report.view", "Read a report"
