"""Meetings and other contact with a pupil's family, their follow-up actions, and which kinds
of meeting count towards the three meetings a year (SEND Code of Practice 6.65)."""

from django.conf import settings
from django.db import models


class Kind(models.TextChoices):
    SEND_REVIEW = "send_review", "SEND review"
    PARENTS_EVENING = "parents_evening", "Parents' evening"
    ANNUAL_REVIEW = "annual_review", "Annual review"
    INFORMAL = "informal", "Informal meeting"
    PHONE = "phone", "Phone call"
    EMAIL = "email", "Email"
    COFFEE_MORNING = "coffee_morning", "Coffee morning"


# What counts towards three a year until the SENCO says otherwise: everything but email.
DEFAULT_COUNTING = tuple(k for k in Kind.values if k != Kind.EMAIL)


class Meeting(models.Model):
    """A meeting or other contact with the family of a pupil."""

    school = models.ForeignKey(
        "schools.School", on_delete=models.CASCADE, related_name="family_meetings"
    )
    pupil = models.ForeignKey(
        "pupils.Pupil", on_delete=models.CASCADE, related_name="family_meetings"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    held_on = models.DateField("Date of the meeting")
    # The pupil's contacts who were there (only those who may be told about the pupil).
    contacts = models.ManyToManyField("pupils.Contact", related_name="family_meetings", blank=True)
    others = models.CharField("Staff and others there", max_length=300, blank=True)
    agreed = models.TextField("What was agreed", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-held_on", "-pk"]
        indexes = [
            models.Index(fields=["school", "held_on"]),
            models.Index(fields=["pupil", "held_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.held_on:%-d %B %Y}"


class FollowUp(models.Model):
    """Something agreed at a meeting that a member of staff will do by a date."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="actions")
    pupil = models.ForeignKey("pupils.Pupil", on_delete=models.CASCADE, related_name="+")
    what = models.CharField("What needs doing", max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="family_follow_ups"
    )
    due_on = models.DateField("By when")
    done_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["owner", "done_on"])]

    def __str__(self) -> str:
        return self.what


class CountingKinds(models.Model):
    """The kinds of meeting a school counts towards three a year (the SENCO decides)."""

    school = models.OneToOneField(
        "schools.School", on_delete=models.CASCADE, related_name="family_counting_kinds"
    )
    kinds = models.JSONField(default=list)
    version = models.PositiveIntegerField(default=1)

    def __str__(self) -> str:
        return f"Meetings that count at {self.school}"
