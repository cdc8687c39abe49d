from django.conf import settings
from django.db import models

from senco.lib.codes import Need, Provision


class RegisterChange(models.Model):
    """One dated change of a pupil's SEN provision or needs, and whether parents know."""

    class Source(models.TextChoices):
        MANUAL = "manual", "Changed in senco"
        IMPORT = "import", "Imported from the MIS"

    pupil = models.ForeignKey(
        "pupils.Pupil", on_delete=models.CASCADE, related_name="register_changes"
    )
    effective_date = models.DateField()
    from_provision = models.CharField(max_length=1, choices=Provision.choices)
    to_provision = models.CharField(max_length=1, choices=Provision.choices)
    from_primary_need = models.CharField(max_length=4, choices=Need.choices, blank=True)
    to_primary_need = models.CharField(max_length=4, choices=Need.choices, blank=True)
    from_secondary_need = models.CharField(max_length=4, choices=Need.choices, blank=True)
    to_secondary_need = models.CharField(max_length=4, choices=Need.choices, blank=True)
    reason = models.TextField()
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.MANUAL)
    parents_told = models.BooleanField(default=False)
    parents_told_on = models.DateField(null=True, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-effective_date", "-created_at"]
        indexes = [models.Index(fields=["pupil", "-effective_date"])]

    def __str__(self) -> str:
        return f"{self.pupil_id}: {self.from_provision}->{self.to_provision} {self.effective_date}"

    @property
    def provision_changed(self) -> bool:
        return self.from_provision != self.to_provision

    @property
    def primary_need_changed(self) -> bool:
        return self.from_primary_need != self.to_primary_need

    @property
    def secondary_need_changed(self) -> bool:
        return self.from_secondary_need != self.to_secondary_need
