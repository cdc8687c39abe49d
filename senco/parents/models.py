"""What parents and carers send the school from their own pages: their views before a
review, and requests for a meeting with the SENCO."""

from django.conf import settings
from django.db import models


class ParentViews(models.Model):
    """A parent's views about their child, written before a review for the SENCO."""

    pupil = models.ForeignKey("pupils.Pupil", on_delete=models.CASCADE, related_name="+")
    contact = models.ForeignKey(
        "pupils.Contact", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    going_well = models.TextField("What is going well", blank=True)
    worries = models.TextField("What worries you", blank=True)
    hopes = models.TextField("What you would like to happen next", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # When the SENCO marked them read (they stay on the pupil's page).
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["pupil", "created_at"])]

    def __str__(self) -> str:
        return f"Parent's views on {self.created_at:%-d %B %Y}"


class MeetingRequest(models.Model):
    """A parent asks the SENCO for a meeting; open until the SENCO answers it."""

    class Status(models.TextChoices):
        OPEN = "open", "Waiting for the school"
        ARRANGED = "arranged", "Meeting arranged"
        CLOSED = "closed", "Answered"

    pupil = models.ForeignKey("pupils.Pupil", on_delete=models.CASCADE, related_name="+")
    contact = models.ForeignKey(
        "pupils.Contact", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    about = models.TextField("What would you like to talk about?")
    # How and when suits the parent: "Phone after 3pm", "Mornings".
    when = models.CharField("When suits you", max_length=200, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    # The school's answer, which the parent sees.
    answer = models.TextField(blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["pupil", "status"])]

    def __str__(self) -> str:
        return f"Meeting asked for on {self.created_at:%-d %B %Y}"
