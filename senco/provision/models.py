"""Interventions and the costed provision map: the school's offer of interventions, the
groups that run them with their members and sessions, pupils' scores on each measure, and
the money (issue 11, capability C5). Impact and cost are worked out from these rows in
`impact.py` and `costs.py`; nothing derived is stored."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone

from senco.lib.codes import BroadArea

MONEY = {"max_digits": 10, "decimal_places": 2, "validators": [MinValueValidator(Decimal(0))]}


class Measure(models.TextChoices):
    """How an intervention's progress is measured. Age measures are in months."""

    STANDARDISED = "standardised", "Standardised score (average 100)"
    READING_AGE = "reading_age", "Reading age (months)"
    SPELLING_AGE = "spelling_age", "Spelling age (months)"
    CHECKLIST = "checklist", "Checklist score"
    RATING = "rating", "Rating scale"


AGE_MEASURES = frozenset({Measure.READING_AGE, Measure.SPELLING_AGE})


class Intervention(models.Model):
    """One intervention of the school's offer: what it is, who it is for, how progress is
    measured, how long it runs and what it costs."""

    class Strength(models.TextChoices):
        STRONG = "strong", "Strong evidence (for example, EEF: extensive evidence)"
        MODERATE = "moderate", "Moderate evidence"
        LIMITED = "limited", "Limited evidence"
        NONE = "none", "No published evidence yet"

    class Wave(models.IntegerChoices):
        WHOLE_CLASS = 1, "Wave 1: whole class"
        SMALL_GROUP = 2, "Wave 2: small group"
        INDIVIDUAL = 3, "Wave 3: individual"

    class StaffRole(models.TextChoices):
        TA = "ta", "Teaching assistant"
        HLTA = "hlta", "Higher level teaching assistant"
        TEACHER = "teacher", "Teacher"
        SPECIALIST = "specialist", "Specialist or outside agency"

    school = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="+")
    name = models.CharField("Name", max_length=200)
    area = models.CharField("Broad area of need", max_length=4, choices=BroadArea.choices)
    description = models.TextField("What it is", blank=True)
    evidence_url = models.URLField("Link to the evidence", blank=True)
    evidence_strength = models.CharField(
        "Strength of the evidence", max_length=10, choices=Strength.choices, default=Strength.NONE
    )
    measure = models.CharField("How progress is measured", max_length=20, choices=Measure.choices)
    entry_criteria = models.TextField(
        "Who it is for (entry criteria)",
        blank=True,
        help_text="For example: reading age 12 or more months below chronological age",
    )
    # For suggesting pupils: a score below this (standardised, checklist, rating), or this
    # many months or more behind their age (age measures).
    entry_threshold = models.DecimalField(
        "Entry threshold", max_digits=6, decimal_places=1, null=True, blank=True
    )
    exit_criteria = models.TextField(
        "When a pupil has finished (exit criteria)",
        blank=True,
        help_text="For example: exit at a standardised score of 90",
    )
    # Met at this score or above (standardised, checklist, rating), or when no more than
    # this many months behind their age (age measures).
    exit_threshold = models.DecimalField(
        "Exit threshold", max_digits=6, decimal_places=1, null=True, blank=True
    )
    wave = models.PositiveSmallIntegerField("Wave", choices=Wave.choices, default=Wave.SMALL_GROUP)
    group_size = models.PositiveSmallIntegerField("Typical group size", default=4)
    session_minutes = models.PositiveSmallIntegerField("Session length (minutes)", default=30)
    sessions_per_week = models.PositiveSmallIntegerField("Sessions a week", default=3)
    weeks = models.PositiveSmallIntegerField("Number of weeks", default=10)
    staff_role = models.CharField(
        "Delivered by", max_length=12, choices=StaffRole.choices, default=StaffRole.TA
    )
    hourly_rate = models.DecimalField("Staff cost an hour (£)", **MONEY, default=Decimal("15.00"))
    resources_cost = models.DecimalField(
        "Resources and licences for each group (£)", **MONEY, default=Decimal("0.00")
    )
    active = models.BooleanField("Offered now", default=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["school", "name"], name="one_intervention_name")
        ]

    def __str__(self) -> str:
        return self.name


class InterventionGroup(models.Model):
    """A run of an intervention for named pupils with a member of staff, on set days, from a
    start to an end date."""

    # RESTRICT, not PROTECT: an intervention with groups cannot be deleted on its own, but a
    # school (or the demo trust) can be, taking both with it.
    intervention = models.ForeignKey(Intervention, on_delete=models.RESTRICT, related_name="groups")
    school = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="+")
    name = models.CharField("Name of the group", max_length=200)
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="intervention_groups",
        verbose_name="Who delivers it",
    )
    staff_name = models.CharField(
        "Who delivers it, if not a member of staff here", max_length=200, blank=True
    )
    # Days of the week, "0" Monday to "4" Friday, e.g. "024" for Monday, Wednesday, Friday.
    days = models.CharField("Days", max_length=7)
    time = models.TimeField("Time", null=True, blank=True)
    place = models.CharField("Where", max_length=100, blank=True)
    starts_on = models.DateField("Starts on")
    ends_on = models.DateField("Ends on")
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-starts_on", "name", "pk"]

    def __str__(self) -> str:
        return self.name


class GroupMember(models.Model):
    """A pupil in a group: when they joined and left, their scores at entry and exit, and
    whether their parents were told."""

    group = models.ForeignKey(InterventionGroup, on_delete=models.CASCADE, related_name="members")
    pupil = models.ForeignKey(
        "pupils.Pupil", on_delete=models.CASCADE, related_name="intervention_memberships"
    )
    joined_on = models.DateField("Joined on")
    left_on = models.DateField("Left on", null=True, blank=True)
    baseline_score = models.DecimalField(
        "Score at entry", max_digits=6, decimal_places=1, null=True, blank=True
    )
    baseline_on = models.DateField("Entry score taken on", null=True, blank=True)
    exit_score = models.DecimalField(
        "Score at exit", max_digits=6, decimal_places=1, null=True, blank=True
    )
    exit_on = models.DateField("Exit score taken on", null=True, blank=True)
    parents_told_joining = models.DateField("Parents told they joined on", null=True, blank=True)
    parents_told_leaving = models.DateField("Parents told they left on", null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["group", "pupil__surname_key", "pupil__forename_key", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["group", "pupil"], name="one_membership_per_group")
        ]

    def __str__(self) -> str:
        return f"{self.pupil} in {self.group}"


class Session(models.Model):
    """One session of a group: held or not (and why not), who came, a short note."""

    class NotHeld(models.TextChoices):
        STAFF_ABSENT = "staff_absent", "Staff absent or covering"
        TRIP = "trip", "Trip, event or exams"
        CLOSURE = "closure", "School closed"
        OTHER = "other", "Another reason"

    group = models.ForeignKey(InterventionGroup, on_delete=models.CASCADE, related_name="sessions")
    date = models.DateField("Date")
    held = models.BooleanField("Held", default=True)
    not_held_reason = models.CharField(
        "Why it was not held", max_length=20, choices=NotHeld.choices, blank=True
    )
    note = models.TextField("Note", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["group", "-date", "-pk"]
        constraints = [models.UniqueConstraint(fields=["group", "date"], name="one_session_a_day")]

    def __str__(self) -> str:
        return f"{self.group} on {self.date}"


class Attendance(models.Model):
    """Whether a member came to a held session."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(GroupMember, on_delete=models.CASCADE, related_name="attendance")
    present = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "member"], name="one_attendance_each")
        ]

    def __str__(self) -> str:
        return f"{self.member} {'present' if self.present else 'absent'} at {self.session}"


class Score(models.Model):
    """A pupil's score on a measure on a day (a termly reading test, a checklist): what
    suggests pupils for an intervention. Entry and exit scores of members are on
    GroupMember."""

    pupil = models.ForeignKey("pupils.Pupil", on_delete=models.CASCADE, related_name="scores")
    measure = models.CharField(max_length=20, choices=Measure.choices)
    value = models.DecimalField("Score", max_digits=6, decimal_places=1)
    taken_on = models.DateField("Taken on")
    test_name = models.CharField("Test", max_length=100, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["pupil", "measure", "-taken_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_measure_display()} {self.value} on {self.taken_on}"


class ProvisionLink(models.Model):
    """A group that delivers a pupil's planned provision: an item of section F of their EHC
    plan, or the provision of an assess-plan-do-review cycle. The provision app reads those
    records only through their apps' selectors; a link goes when its record goes."""

    member = models.ForeignKey(GroupMember, on_delete=models.CASCADE, related_name="links")
    ehcp_item = models.ForeignKey(
        "ehcp.ProvisionItem", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    cycle = models.ForeignKey(
        "plans.Cycle", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ehcp_item_id__isnull=False) | models.Q(cycle_id__isnull=False),
                name="link_names_a_record",
            )
        ]

    def __str__(self) -> str:
        return f"{self.member} delivers {self.ehcp_item_id or self.cycle_id}"


class Funding(models.Model):
    """The school's money for SEN in an academic year: the notional SEN budget and top-up
    funding, against which the provision's cost is set."""

    school = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="+")
    academic_year = models.PositiveSmallIntegerField()
    notional_budget = models.DecimalField("Notional SEN budget (£)", **MONEY, default=0)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["school", "academic_year"], name="one_funding_a_year")
        ]

    def __str__(self) -> str:
        return f"SEN funding {self.academic_year}"


class TopUp(models.Model):
    """Top-up funding from the local authority for one pupil in an academic year."""

    pupil = models.ForeignKey("pupils.Pupil", on_delete=models.CASCADE, related_name="top_ups")
    academic_year = models.PositiveSmallIntegerField()
    amount = models.DecimalField("Top-up funding (£)", **MONEY)
    note = models.CharField("Note", max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["pupil", "academic_year"], name="one_top_up_a_year")
        ]

    def __str__(self) -> str:
        return f"Top-up {self.amount} for {self.pupil_id} in {self.academic_year}"
