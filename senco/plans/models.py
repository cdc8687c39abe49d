"""The graduated approach: assess, plan, do, review (SEND Code of Practice 6.44-6.56).

A pupil at SEN support has one live cycle at a time. Completing its review closes it and
opens the next, carrying forward the outcomes not yet achieved.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

# A review is "due soon" this many days before its date.
DUE_SOON_DAYS = 14


class Cycle(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        REVIEWED = "reviewed", "Reviewed"

    pupil = models.ForeignKey("pupils.Pupil", on_delete=models.CASCADE, related_name="cycles")
    number = models.PositiveSmallIntegerField()
    started_on = models.DateField()
    review_date = models.DateField()
    provision = models.TextField(
        "provision to make",
        blank=True,
        help_text="The adjustments, interventions and support, and how often.",
    )
    who_does_what = models.TextField(
        blank=True, help_text="For example: Mrs Khan runs the reading group on Tuesdays."
    )
    planned_at = models.DateTimeField(null=True, blank=True)
    # The number of the plan's latest saved version (PlanVersion); 0 before the first save.
    # An edit form carries it, so a save from a stale tab is refused (senco.lib.versions).
    version = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["pupil", "number"], name="unique_cycle_number"),
            models.UniqueConstraint(
                fields=["pupil"], condition=Q(status="open"), name="one_open_cycle_per_pupil"
            ),
        ]
        indexes = [models.Index(fields=["status", "review_date"])]

    def __str__(self) -> str:
        return f"Cycle {self.number} for {self.pupil}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class PlanVersion(models.Model):
    """One save of a cycle's plan. Never changed after it is made, so the plan's history
    shows who changed what and when, and two versions can be compared."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="plan_versions")
    number = models.PositiveIntegerField()
    # [{"text": ..., "success_criteria": ...}] in order.
    outcomes = models.JSONField(default=list, blank=True)
    provision = models.TextField("provision to make", blank=True)
    who_does_what = models.TextField(blank=True)
    review_date = models.DateField()
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    saved_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["cycle", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "number"], name="one_plan_version_number")
        ]

    def __str__(self) -> str:
        return f"Plan of cycle {self.cycle_id}, version {self.number}"


class Evidence(models.Model):
    """What the assessment found, from whom."""

    class Kind(models.TextChoices):
        ATTAINMENT = "attainment", "Attainment data"
        OBSERVATION = "observation", "Observation"
        SCREENER = "screener", "Screener"
        STANDARDISED = "standardised", "Standardised test"
        ATTENDANCE = "attendance", "Attendance"
        PUPIL_VIEWS = "pupil_views", "The pupil's views"
        PARENT_VIEWS = "parent_views", "The parents' views"

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField("kind of evidence", max_length=20, choices=Kind.choices)
    date = models.DateField()
    given_by = models.CharField(
        "who gave it", max_length=200, help_text="For example: Mr Patel, English teacher."
    )
    summary = models.TextField("what it shows")
    score = models.CharField(
        max_length=60, blank=True, help_text="For a test or screener, e.g. standard score 82."
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.date}"


class Outcome(models.Model):
    """One of up to five outcomes of a plan, with how everyone will know it is met."""

    MAX = 5

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="outcomes")
    position = models.PositiveSmallIntegerField()
    text = models.TextField("outcome")
    success_criteria = models.TextField(blank=True)
    carried_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="carried_to"
    )

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "position"], name="unique_outcome_position")
        ]

    def __str__(self) -> str:
        return self.text


class Note(models.Model):
    """A dated note of what was done, by anyone who teaches or supports the pupil."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="notes")
    date = models.DateField()
    text = models.TextField("what happened")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"Note on {self.date}"


class Review(models.Model):
    class Kind(models.TextChoices):
        STANDARD = "standard", "Standard review"
        PERSON_CENTRED = "person_centred", "Person-centred review"
        STRUCTURED = "structured_conversation", "Structured conversation"

    # The seven headings of a person-centred review (SENCO Induction Pack, section 9).
    PERSON_CENTRED_FIELDS = (
        "pcr_appreciation",
        "pcr_important_now",
        "pcr_important_future",
        "pcr_best_support",
        "pcr_working",
        "pcr_questions",
        "pcr_actions",
    )
    # The four stages of a structured conversation with parents (Achievement for All).
    STRUCTURED_FIELDS = ("sc_explore", "sc_focus", "sc_plan", "sc_review")

    cycle = models.OneToOneField(Cycle, on_delete=models.CASCADE, related_name="review")
    held_on = models.DateField("date of the review")
    kind = models.CharField(
        "kind of review", max_length=30, choices=Kind.choices, default=Kind.STANDARD
    )
    pupil_view = models.TextField("the pupil's views", blank=True)
    parent_view = models.TextField("the parents' views", blank=True)
    teacher_view = models.TextField("the teachers' views", blank=True)
    next_steps = models.TextField("next steps", blank=True)

    pcr_appreciation = models.TextField("What we appreciate about the pupil", blank=True)
    pcr_important_now = models.TextField("What is important to the pupil now", blank=True)
    pcr_important_future = models.TextField(
        "What is important to the pupil in the future", blank=True
    )
    pcr_best_support = models.TextField("How best to support the pupil", blank=True)
    pcr_working = models.TextField("What is working and not working", blank=True)
    pcr_questions = models.TextField("Questions we need to answer", blank=True)
    pcr_actions = models.TextField("Outcomes and actions", blank=True)

    sc_explore = models.TextField("Explore: the parents' view of how things are", blank=True)
    sc_focus = models.TextField("Focus: the priorities agreed", blank=True)
    sc_plan = models.TextField("Plan: what each person will do", blank=True)
    sc_review = models.TextField("Review: what was agreed and when to meet again", blank=True)

    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    completed_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Review of {self.cycle}"


class OutcomeProgress(models.Model):
    class Rating(models.TextChoices):
        NOT_YET = "not_yet", "Not yet"
        SOME = "some", "Some progress"
        GOOD = "good", "Good progress"
        ACHIEVED = "achieved", "Achieved"

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="progress")
    outcome = models.OneToOneField(Outcome, on_delete=models.CASCADE, related_name="progress")
    rating = models.CharField(max_length=10, choices=Rating.choices)
    evidence = models.TextField(blank=True)

    class Meta:
        ordering = ["outcome__position"]

    def __str__(self) -> str:
        return f"{self.outcome}: {self.get_rating_display()}"


class ViewRequest(models.Model):
    """A teacher asked for their view of how things are going for a pupil: before the
    review of a plan's cycle (`cycle`), or for another record of the pupil, named by
    `subject` (e.g. "ehcp-review:12", an annual review of an EHC plan), which asks
    `question` and is wanted by `due_on`."""

    pupil = models.ForeignKey(
        "pupils.Pupil", on_delete=models.CASCADE, related_name="view_requests"
    )
    cycle = models.ForeignKey(
        Cycle, on_delete=models.CASCADE, related_name="view_requests", null=True, blank=True
    )
    subject = models.CharField(max_length=60, blank=True, db_index=True)
    question = models.TextField("what is asked", blank=True)
    due_on = models.DateField("wanted by", null=True, blank=True)
    link = models.CharField("the page where the answers are read", max_length=200, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="view_requests"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    view = models.TextField("your view", blank=True)

    class Meta:
        ordering = ["requested_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "teacher"], name="one_view_request_each"),
            models.UniqueConstraint(
                fields=["subject", "teacher"],
                condition=~models.Q(subject=""),
                name="one_view_request_each_subject",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.teacher}'s view of {self.cycle or self.subject}"

    def save(self, *args, **kwargs):
        if self.pupil_id is None and self.cycle_id is not None:
            self.pupil_id = self.cycle.pupil_id
        super().save(*args, **kwargs)

    @property
    def wanted_by(self):
        """The day the view is wanted by: the cycle's review, or the subject's date."""
        return self.cycle.review_date if self.cycle_id else self.due_on

    @property
    def is_open(self) -> bool:
        return self.cycle.is_open if self.cycle_id else self.closed_at is None
