from django.conf import settings
from django.db import models


class ImportBatch(models.Model):
    """One CSV file uploaded by a SENCO, held between the preview and the import.

    The content is parsed again when the batch is applied, because the register may have
    changed since the preview. Once the batch is applied or cancelled its content is
    cleared: the pupils' data then lives only in the register and the audit log.
    """

    class Status(models.TextChoices):
        PREVIEWED = "previewed", "Checked, not imported"
        APPLIED = "applied", "Imported"
        CANCELLED = "cancelled", "Cancelled"

    class Kind(models.TextChoices):
        PUPILS = "pupils", "Pupils"
        CONTACTS = "contacts", "Contacts"

    school = models.ForeignKey(
        "schools.School", on_delete=models.CASCADE, related_name="import_batches"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # What the file holds: the pupils themselves, or their parents and carers
    # (senco.imports.contacts).
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.PUPILS)
    filename = models.CharField(max_length=255)
    content = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PREVIEWED)
    applied_at = models.DateTimeField(null=True, blank=True)
    summary = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "import batches"

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_status_display()})"
