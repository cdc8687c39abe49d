"""What meetings with families write to the audit log, in plain English."""

from django.db import models


class FamiliesAction(models.TextChoices):
    MEETINGS_VIEW = "families.meetings.view", "Saw the meetings with their family"
    MEETING_VIEW = "families.meeting.view", "Saw a meeting with their family"
    MEETING_FORM_VIEW = "families.meeting.form", "Opened a meeting with their family"
    MEETING_ADD = "families.meeting.add", "Recorded a meeting with their family"
    MEETING_SAVE = "families.meeting.save", "Changed the record of a meeting with their family"
    ACTION_ADD = "families.action.add", "Added a follow-up action from a meeting with their family"
    ACTION_DONE = "families.action.done", "Marked a follow-up action as done"
    THREE_A_YEAR_VIEW = (
        "families.three_a_year.view",
        "Seen on the page of families met three times a year",
    )
    KINDS_SAVE = "families.kinds.save", "Changed which kinds of meeting count towards three a year"
