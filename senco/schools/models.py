from django.db import models


class Trust(models.Model):
    """A multi-academy trust, or a single school's own umbrella when it stands alone."""

    name = models.CharField(max_length=200, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class School(models.Model):
    PRIMARY = "primary"
    SECONDARY = "secondary"
    ALL_THROUGH = "all-through"
    PHASES = [(PRIMARY, "Primary"), (SECONDARY, "Secondary"), (ALL_THROUGH, "All-through")]

    trust = models.ForeignKey(Trust, on_delete=models.PROTECT, related_name="schools")
    name = models.CharField(max_length=200)
    urn = models.CharField("URN", max_length=8, unique=True, help_text="Unique reference number")
    phase = models.CharField(max_length=20, choices=PHASES)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
