"""What strategy writes to the audit log, in plain English."""

from django.db import models


class StrategyAction(models.TextChoices):
    PLAN_VIEW = "strategy.plan.view", "Saw the SEND development plan"
