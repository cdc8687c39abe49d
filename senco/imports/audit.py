"""What the MIS import writes to the audit log."""

from django.db import models


class ImportsAction(models.TextChoices):
    PUPIL_IMPORT = "pupil.import", "Updated from the MIS import"
    CONTACT_IMPORT = "contact.import", "Contacts added or updated from the MIS import"
    PREVIEW = "import.preview", "Checked an import file"
    APPLY = "import.apply", "Imported a file from the MIS"
    CANCEL = "import.cancel", "Cancelled an import"
    EXPIRE = "import.expire", "Cleared an import file never used"
