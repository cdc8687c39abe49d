"""A person's calendar subscription (the secret address of their iCalendar feed) and the
reminder emails sent, one a person a day."""

import hashlib

from django.conf import settings
from django.db import models


def token_hash(token: str) -> str:
    """The token as stored: a SHA-256 of it. The token itself is 32 random bytes, so a
    plain hash is enough (nothing to guess), and a stolen database gives no address."""
    return hashlib.sha256(token.encode()).hexdigest()


class CalendarFeed(models.Model):
    """The secret address of one person's calendar at one school. Only its hash is kept;
    the address is shown once. At most one live address a person a school: making a new
    one stops the old."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    school = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    # False (the default): pupils appear by their initials; True: by their full names.
    full_names = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_fetched_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "school"],
                condition=models.Q(revoked_at__isnull=True),
                name="one_live_calendar_feed",
            )
        ]

    def __str__(self) -> str:
        return f"Calendar feed of {self.user} at {self.school}"


class ReminderSent(models.Model):
    """The reminder email a person was sent on a day: claimed before sending, so the
    schedule run twice (or by two schedulers) sends nobody two."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    steps = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="one_reminder_a_day")]

    def __str__(self) -> str:
        return f"Reminder to {self.user} on {self.day}"
