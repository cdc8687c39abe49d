"""Attendance, suspensions and attainment of a school's pupils, as the MIS exports them.

Each row keeps the pupil's SEN provision, primary need and year group *as they were* when the
figure was taken (`provision`, `need`, `year_group`: taken from the register's history at the
period's end, the suspension's start or the data drop's date), so last year's figures are
grouped as the census grouped them, not by today's register. Sex and pupil premium are read
from the pupil.

Attendance is held per pupil and period (the MIS's summary, not each session's mark): the
comparisons read these rows, never 2 million marks.
"""

from django.conf import settings
from django.db import models

from senco.lib.codes import YEAR_GROUPS, Need, Provision


class Period(models.Model):
    """A stretch of one school's year that attendance is reported for."""

    class Kind(models.TextChoices):
        HALF_TERM = "half", "Half term"
        TERM = "term", "Term"
        TO_DATE = "to_date", "Year to date"

    school = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="+")
    # The academic year by the calendar year it starts in: 2025 is 2025/26.
    academic_year = models.SmallIntegerField()
    kind = models.CharField(max_length=8, choices=Kind.choices)
    label = models.CharField(max_length=60)  # "Autumn 1", "Spring term", "Year to date"
    starts = models.DateField()
    ends = models.DateField()

    class Meta:
        ordering = ["starts", "ends"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "starts", "ends"], name="outcomes_period_once"
            ),
            models.CheckConstraint(
                condition=models.Q(ends__gte=models.F("starts")), name="outcomes_period_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} {self.academic_year}/{(self.academic_year + 1) % 100:02d}"


class Attendance(models.Model):
    """One pupil's sessions in one period (a session is a morning or an afternoon)."""

    pupil = models.ForeignKey("pupils.Pupil", on_delete=models.CASCADE, related_name="+")
    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="rows")
    possible = models.PositiveIntegerField()
    attended = models.PositiveIntegerField()
    authorised = models.PositiveIntegerField()  # authorised absence
    unauthorised = models.PositiveIntegerField()  # unauthorised absence
    # As the pupil was at the period's end.
    provision = models.CharField(max_length=1, choices=Provision.choices)
    need = models.CharField(max_length=4, choices=Need.choices, blank=True)
    year_group = models.SmallIntegerField(choices=YEAR_GROUPS)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["pupil", "period"], name="outcomes_attendance_once"),
            models.CheckConstraint(
                condition=models.Q(attended__lte=models.F("possible")),
                name="outcomes_attended_possible",
            ),
        ]
        indexes = [models.Index(fields=["period", "provision"], name="outcomes_att_period")]

    def __str__(self) -> str:
        return f"{self.attended} of {self.possible} sessions"

    @property
    def missed(self) -> int:
        return self.possible - self.attended


class Suspension(models.Model):
    """A suspension (fixed-period exclusion) or a permanent exclusion."""

    class Kind(models.TextChoices):
        SUSPENSION = "S", "Suspension"
        PERMANENT = "P", "Permanent exclusion"

    class Reason(models.TextChoices):
        # The DfE's reason codes (school census, exclusions module; from 2020/21).
        PHYSICAL_PUPIL = "PP", "Physical assault against a pupil"
        PHYSICAL_ADULT = "PA", "Physical assault against an adult"
        VERBAL_PUPIL = "VP", "Verbal abuse or threatening behaviour against a pupil"
        VERBAL_ADULT = "VA", "Verbal abuse or threatening behaviour against an adult"
        WEAPON = "US", "Use or threat of use of an offensive weapon or prohibited item"
        BULLYING = "BU", "Bullying"
        RACIST = "RA", "Racist abuse"
        ORIENTATION = "LG", "Abuse against sexual orientation or gender identity"
        DISABILITY = "DS", "Abuse relating to disability"
        SEXUAL = "SM", "Sexual misconduct"
        DRUGS = "DA", "Drug and alcohol related"
        DAMAGE = "DM", "Damage"
        THEFT = "TH", "Theft"
        DISRUPTIVE = "PD", "Persistent or general disruptive behaviour"
        ONLINE = "MT", "Inappropriate use of social media or online technology"
        OTHER = "OT", "Other"

    school = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="+")
    pupil = models.ForeignKey("pupils.Pupil", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=1, choices=Kind.choices)
    starts = models.DateField()
    # Length in sessions (half days): 5 days is 10. A permanent exclusion has none.
    sessions = models.PositiveSmallIntegerField(null=True, blank=True)
    reason = models.CharField(max_length=2, choices=Reason.choices)
    academic_year = models.SmallIntegerField()  # of `starts`, as Period.academic_year
    # As the pupil was on the day it started.
    provision = models.CharField(max_length=1, choices=Provision.choices)
    need = models.CharField(max_length=4, choices=Need.choices, blank=True)
    year_group = models.SmallIntegerField(choices=YEAR_GROUPS)

    class Meta:
        ordering = ["starts", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["pupil", "kind", "starts"], name="outcomes_suspension_once"
            ),
        ]
        indexes = [
            models.Index(fields=["school", "academic_year"], name="outcomes_susp_year"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} from {self.starts:%d %B %Y}"


class Subject(models.Model):
    """A subject the school teaches and reports results in."""

    school = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=60)
    key = models.CharField(max_length=60)  # the name folded for matching (heading_key)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["school", "key"], name="outcomes_subject_once")
        ]

    def __str__(self) -> str:
        return self.name


class Scale(models.Model):
    """How a school records results, mapped once to numbers.

    The built-in kinds know their grades (`senco.outcomes.scales`); a school's own scale lists
    them as `Grade` rows. `expected` is the value at or above which a result meets the
    expected standard (100 for scaled scores, 4 for GCSE grades, "at" for teacher assessment).
    """

    class Kind(models.TextChoices):
        TEACHER_ASSESSMENT = "ta", "Working towards, at or greater depth"
        SCALED_SCORE = "scaled", "Scaled scores (80 to 120)"
        GCSE = "gcse", "GCSE grades 9 to 1"
        OWN = "own", "The school's own grades"

    school = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=60)
    kind = models.CharField(max_length=8, choices=Kind.choices)
    expected = models.DecimalField(max_digits=6, decimal_places=2)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["school", "name"], name="outcomes_scale_once")
        ]

    def __str__(self) -> str:
        return self.name


class Grade(models.Model):
    """One grade of a school's own scale and the number it stands for."""

    scale = models.ForeignKey(Scale, on_delete=models.CASCADE, related_name="grades")
    label = models.CharField(max_length=30)
    key = models.CharField(max_length=30)  # the label folded for matching
    value = models.DecimalField(max_digits=6, decimal_places=2)

    class Meta:
        ordering = ["value"]
        constraints = [models.UniqueConstraint(fields=["scale", "key"], name="outcomes_grade_once")]

    def __str__(self) -> str:
        return self.label


class DataDrop(models.Model):
    """One assessment point: the results of many pupils in many subjects, taken together."""

    school = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=60)  # "Autumn 2025"
    academic_year = models.SmallIntegerField()
    taken_on = models.DateField()

    class Meta:
        ordering = ["taken_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["school", "name"], name="outcomes_drop_once")
        ]

    def __str__(self) -> str:
        return self.name


class Result(models.Model):
    """One pupil's result in one subject at one data drop."""

    drop = models.ForeignKey(DataDrop, on_delete=models.CASCADE, related_name="results")
    pupil = models.ForeignKey("pupils.Pupil", on_delete=models.CASCADE, related_name="+")
    subject = models.ForeignKey(Subject, on_delete=models.PROTECT, related_name="+")
    scale = models.ForeignKey(Scale, on_delete=models.PROTECT, related_name="+")
    grade = models.CharField(max_length=30)  # as the school wrote it: "GDS", "5", "104"
    value = models.DecimalField(max_digits=6, decimal_places=2)
    expected = models.BooleanField()  # value >= scale.expected, kept for counting
    # The teacher named in the file, or of the pupil's teaching group in this subject.
    teacher = models.CharField(max_length=100, blank=True)
    # As the pupil was on the drop's date.
    provision = models.CharField(max_length=1, choices=Provision.choices)
    need = models.CharField(max_length=4, choices=Need.choices, blank=True)
    year_group = models.SmallIntegerField(choices=YEAR_GROUPS)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["drop", "pupil", "subject"], name="outcomes_result_once"
            ),
        ]
        indexes = [models.Index(fields=["drop", "subject"], name="outcomes_result_subject")]

    def __str__(self) -> str:
        return self.grade


class OutcomesImport(models.Model):
    """One uploaded file of attendance, suspensions or results, held between preview and import.

    Like the pupil import's batch: parsed again when applied (the register may have changed);
    its content is cleared once applied or cancelled.
    """

    class Kind(models.TextChoices):
        ATTENDANCE = "attendance", "Attendance"
        SUSPENSIONS = "suspensions", "Suspensions and exclusions"
        RESULTS = "results", "Results of a data drop"

    class Status(models.TextChoices):
        PREVIEWED = "previewed", "Checked, not imported"
        QUEUED = "queued", "Importing"
        APPLIED = "applied", "Imported"
        FAILED = "failed", "Not imported"
        CANCELLED = "cancelled", "Cancelled"

    school = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    filename = models.CharField(max_length=255)
    content = models.TextField(blank=True)
    # What the file is for, chosen on the upload form: the attendance period, or the data
    # drop and scale (ids and values, as JSON: {"period": {...}} or {"drop": ..., "scale": ...}).
    options = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PREVIEWED)
    created_at = models.DateTimeField(auto_now_add=True)
    applied_at = models.DateTimeField(null=True, blank=True)
    summary = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_status_display()})"
