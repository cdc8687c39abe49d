"""What the calendar writes to the audit log, in plain English."""

from django.db import models


class DiaryAction(models.TextChoices):
    CALENDAR_VIEW = "diary.calendar.view", "Viewed the calendar"
    FEED_CREATE = "diary.feed.create", "Made a calendar subscription address"
    FEED_REVOKE = "diary.feed.revoke", "Stopped a calendar subscription address"
    FEED_FETCH = "diary.feed.fetch", "Calendar subscription fetched by a calendar app"
    REMINDER_SENT = "diary.reminder.sent", "Sent an email reminder of deadlines"
