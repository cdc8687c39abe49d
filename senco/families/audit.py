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
    REVIEW_DAYS_VIEW = "families.review_days.view", "Saw the list of SEND parent review days"
    REVIEW_DAY_ADD = "families.review_day.add", "Created a SEND parent review day"
    REVIEW_DAY_SAVE = "families.review_day.save", "Changed a SEND parent review day"
    REVIEW_DAY_VIEW = (
        "families.review_day.view",
        "Seen on the timetable of a SEND parent review day",
    )
    SLOT_FORM_VIEW = "families.slot.form", "Opened the booking of a review day appointment"
    SLOT_BOOK = "families.slot.book", "Booked a review day appointment"
    SLOT_CANCEL = "families.slot.cancel", "Cancelled a review day appointment"
    APPOINTMENT_VIEW = "families.appointment.view", "Opened a review day appointment"
    APPOINTMENT_RECORD = (
        "families.appointment.record",
        "Recorded the meeting of a review day appointment",
    )
    PARENT_DAY_VIEW = (
        "families.parent.review_day.view",
        "Parent saw the appointments of a review day",
    )
    PARENT_SLOT_BOOK = "families.parent.slot.book", "Parent booked a review day appointment"
    PARENT_SLOT_CANCEL = "families.parent.slot.cancel", "Parent cancelled a review day appointment"
