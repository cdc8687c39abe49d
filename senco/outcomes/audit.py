"""What attendance, suspensions and attainment write to the audit log, in plain English."""

from django.db import models


class OutcomesAction(models.TextChoices):
    # The comparisons (views.py): figures naming no pupil are one row for the school; a page
    # naming the pupils who make a gap writes one row for each of them.
    HOME_VIEW = "outcomes.home.view", "Saw the school's attendance, suspensions and results"
    ATTENDANCE_VIEW = "outcomes.attendance.view", "Saw the attendance comparison"
    SUSPENSIONS_VIEW = "outcomes.suspensions.view", "Saw the suspensions comparison"
    ATTAINMENT_VIEW = "outcomes.attainment.view", "Saw the results comparison"
    PUPILS_VIEW = "outcomes.pupils.view", "Saw the pupils behind a figure of attendance or results"
    TRUST_VIEW = "outcomes.trust.view", "Saw the trust's schools' attendance and suspensions"
    # Bringing the data in (import_services.py): every pupil whose figures an import changes.
    IMPORT_PUPIL = "outcomes.import", "Attendance, suspensions or results updated from an MIS file"
    IMPORT_PREVIEW = (
        "outcomes.import.preview",
        "Checked a file of attendance, suspensions or results",
    )
    IMPORT_APPLY = "outcomes.import.apply", "Imported a file of attendance, suspensions or results"
    IMPORT_CANCEL = (
        "outcomes.import.cancel",
        "Cancelled an import of attendance, suspensions or results",
    )
    IMPORT_EXPIRE = (
        "outcomes.import.expire",
        "Cleared a file of attendance, suspensions or results never imported",
    )
    SUBJECT_ADD = "outcomes.subject.add", "Added a subject results are reported in"
    SCALE_ADD = "outcomes.scale.add", "Set up the school's own scale of grades"
