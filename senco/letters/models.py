"""Letters and emails to pupils' families: the school's wording of each kind of letter, each
sending (a batch, one or many families) and every message, logged against its pupil."""

from django.conf import settings
from django.db import models


class Kind(models.TextChoices):
    """The kinds of letter the school sends. Each has default wording in `wording.py`."""

    JOINED_REGISTER = "joined_register", "Your child has joined the SEND register"
    LEFT_REGISTER = "left_register", "Your child has left the SEND register"
    STARTING_INTERVENTION = "starting_intervention", "Your child is starting an intervention"
    REVIEW_INVITATION = "review_invitation", "Invitation to a review meeting"
    REVIEW_DAY = "review_day", "Invitation to a SEND parent review day"


class Channel(models.TextChoices):
    EMAIL = "email", "Email"
    LETTER = "letter", "Printed letter"


class Wording(models.Model):
    """The school's own subject and text for one kind of letter (the default until saved)."""

    school = models.ForeignKey(
        "schools.School", on_delete=models.CASCADE, related_name="letter_wordings"
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["school", "kind"], name="one_wording_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} at {self.school}"


class Batch(models.Model):
    """One sending: a letter to one family or to a filtered group, by email or on paper."""

    school = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    # The wording as it was sent, before each family's details were filled in.
    subject = models.CharField(max_length=200)
    body = models.TextField()
    # Who it went to, in words: "Year 7, SEN support and EHC plans", or a pupil's name.
    audience = models.CharField(max_length=200, blank=True)
    # What the kind of letter refers to: {"group": id} for an intervention, {"day": id}
    # for a review day, {"date": "2026-12-03", "time": "15:30"} for a review meeting.
    about = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["school", "created_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_channel_display()})"


class Message(models.Model):
    """One letter or email to one contact about one pupil, as sent (or refused)."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to send"
        SENT = "sent", "Sent"
        FAILED = "failed", "Could not be sent"
        REFUSED = "refused", "Not sent"
        PRINTED = "printed", "Printed"

    batch = models.ForeignKey(Batch, on_delete=models.CASCADE, related_name="messages")
    school = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="+")
    pupil = models.ForeignKey(
        "pupils.Pupil", on_delete=models.CASCADE, related_name="family_messages"
    )
    contact = models.ForeignKey(
        "pupils.Contact",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="messages",
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    # Copied at the time of sending, so the log says who it went to even if the contact
    # changes or is removed later.
    to_name = models.CharField(max_length=200, blank=True)
    to_email = models.EmailField(blank=True)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    # Why it was refused or failed, in plain English ("Must not be contacted: court order").
    reason = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["pupil", "created_at"]),
            models.Index(fields=["status", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.subject} to {self.to_name or 'nobody'}"
