"""A pupil's EHC plan as the school holds it: who issued it, its review dates, the needs
(section B), the outcomes (section E) and the provision (section F), item by item, with
whether each is in place."""

from django.db import models

from senco.ehcp.authorities import AUTHORITIES


class EHCPlan(models.Model):
    class Status(models.TextChoices):
        IN_FORCE = "in_force", "In force"
        UNDER_REVIEW = "under_review", "Under review"
        BEING_AMENDED = "being_amended", "Being amended"
        CEASED = "ceased", "Ceased"

    pupil = models.OneToOneField("pupils.Pupil", on_delete=models.CASCADE, related_name="ehc_plan")
    la_code = models.CharField("Local authority", max_length=3, choices=AUTHORITIES)
    la_name = models.CharField(max_length=100)
    officer_name = models.CharField("Case officer", max_length=200, blank=True)
    officer_email = models.EmailField("Case officer's email", blank=True)
    officer_phone = models.CharField("Case officer's phone", max_length=40, blank=True)
    issued_on = models.DateField("Issued on")
    last_review_on = models.DateField("Last annual review meeting", null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.IN_FORCE)
    needs = models.TextField("Section B: summary of needs", blank=True)
    outcomes = models.TextField("Section E: outcomes", blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "EHC plan"

    def __str__(self) -> str:
        return f"EHC plan of {self.pupil}"

    @property
    def review_from(self):
        """The date the next annual review is counted from."""
        return self.last_review_on or self.issued_on


class ProvisionItem(models.Model):
    """An item of section F: what, who, how often, for how long, and whether it happens."""

    class Kind(models.TextChoices):
        CLASSROOM = "classroom", "Classroom strategy every teacher uses"
        INTERVENTION = "intervention", "Intervention someone delivers"
        WHEN_STRUGGLING = "when_struggling", "When things are not going well"

    plan = models.ForeignKey(EHCPlan, on_delete=models.CASCADE, related_name="items")
    what = models.TextField("What")
    who = models.CharField("Who delivers it", max_length=200, blank=True)
    how_often = models.CharField(
        "How often", max_length=100, blank=True, help_text="For example: 3 times a week"
    )
    how_long = models.CharField(
        "How long", max_length=100, blank=True, help_text="For example: 30 minutes"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    in_place = models.BooleanField("In place", default=False)
    in_place_since = models.DateField("In place since", null=True, blank=True)
    evidence = models.TextField("Evidence it is in place", blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["plan", "kind", "position", "pk"]

    def __str__(self) -> str:
        return self.what
