"""What the provision map writes to the audit log, in plain English."""

from django.db import models


class ProvisionAction(models.TextChoices):
    INTERVENTION_SAVE = "provision.intervention.save", "Changed the intervention offer"
