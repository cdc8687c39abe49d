"""What the SENCO's year writes to the audit log, in plain English."""

from django.db import models


class YearAction(models.TextChoices):
    TASKS_VIEW = "year.tasks.view", "Saw the SENCO's year"
