"""What letters to families write to the audit log, in plain English."""

from django.db import models


class LettersAction(models.TextChoices):
    WORDING_SAVE = "letters.wording.save", "Changed the school's wording of a letter to families"
    SEND_FORM = "letters.send.form", "Opened a letter to their family"
    PREVIEW = "letters.preview", "Seen in the preview of a letter to families"
    SEND = "letters.send", "Sent a letter or email to their family"
    RETRY = "letters.retry", "Tried again to send an email to their family"
    BATCH_VIEW = "letters.batch.view", "Seen in the log of a sending of letters to families"
    BATCH_PDF = "letters.batch.pdf", "Printed a letter to their family"
    PUPIL_LOG_VIEW = "letters.pupil_log.view", "Saw the letters sent to their family"
    MESSAGE_VIEW = "letters.message.view", "Saw a letter sent to their family"
