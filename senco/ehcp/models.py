"""A pupil's EHC plan as the school holds it: who issued it, its review dates, the needs
(section B), the outcomes (section E) and the provision (section F), item by item, with
whether each is in place."""

import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils import timezone

from senco.ehcp.authorities import AUTHORITIES
from senco.lib.files import private_path


class EHCPlan(models.Model):
    class Status(models.TextChoices):
        IN_FORCE = "in_force", "In force"
        UNDER_REVIEW = "under_review", "Under review"
        BEING_AMENDED = "being_amended", "Being amended"
        CEASED = "ceased", "Ceased"

    pupil = models.OneToOneField("pupils.Pupil", on_delete=models.CASCADE, related_name="ehc_plan")
    la_code = models.CharField("Local authority", max_length=3, choices=AUTHORITIES)
    la_name = models.CharField(max_length=100)
    officer_name = models.CharField("Case officer", max_length=200, blank=True)
    officer_email = models.EmailField("Case officer's email", blank=True)
    officer_phone = models.CharField("Case officer's phone", max_length=40, blank=True)
    issued_on = models.DateField("Issued on")
    last_review_on = models.DateField("Last annual review meeting", null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.IN_FORCE)
    needs = models.TextField("Section B: summary of needs", blank=True)
    outcomes = models.TextField("Section E: outcomes", blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "EHC plan"

    def __str__(self) -> str:
        return f"EHC plan of {self.pupil}"

    @property
    def review_from(self):
        """The date the next annual review is counted from."""
        return self.last_review_on or self.issued_on


class ProvisionItem(models.Model):
    """An item of section F: what, who, how often, for how long, and whether it happens."""

    class Kind(models.TextChoices):
        CLASSROOM = "classroom", "Classroom strategy every teacher uses"
        INTERVENTION = "intervention", "Intervention someone delivers"
        WHEN_STRUGGLING = "when_struggling", "When things are not going well"

    plan = models.ForeignKey(EHCPlan, on_delete=models.CASCADE, related_name="items")
    what = models.TextField("What")
    who = models.CharField("Who delivers it", max_length=200, blank=True)
    how_often = models.CharField(
        "How often", max_length=100, blank=True, help_text="For example: 3 times a week"
    )
    how_long = models.CharField(
        "How long", max_length=100, blank=True, help_text="For example: 30 minutes"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    in_place = models.BooleanField("In place", default=False)
    in_place_since = models.DateField("In place since", null=True, blank=True)
    evidence = models.TextField("Evidence it is in place", blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["plan", "kind", "position", "pk"]

    def __str__(self) -> str:
        return self.what


class PlanDocument(models.Model):
    """The plan as the local authority issued it (a PDF), kept in the private media folder
    under a random key and served only by an access-checked, audited view."""

    plan = models.OneToOneField(EHCPlan, on_delete=models.CASCADE, related_name="document")
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    filename = models.CharField(max_length=200)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.filename

    @property
    def path(self) -> Path:
        return private_path("ehc-plans", self.key, ".pdf")


class ReportTemplate(models.Model):
    """A local authority's own Word form for the annual review report, with placeholders
    the report fills in (docxtpl). One per authority per school."""

    school = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="+")
    la_code = models.CharField("Local authority", max_length=3, choices=AUTHORITIES)
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    filename = models.CharField(max_length=200)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["school", "la_code"], name="one_report_template_per_la")
        ]

    def __str__(self) -> str:
        return f"{self.get_la_code_display()} report form"

    @property
    def path(self) -> Path:
        return private_path("report-templates", self.key, ".docx")


class AnnualReview(models.Model):
    """One annual review of an EHC plan, from setting the meeting to the local authority's
    decision and, when it amends the plan, the final amended plan. The steps and their
    deadlines are in `senco.ehcp.steps`."""

    class Kind(models.TextChoices):
        ANNUAL = "annual", "Annual review"
        PHASE_TRANSFER = "phase_transfer", "Phase transfer review"
        EARLY = "early", "Early (interim) review"

    class Decision(models.TextChoices):
        MAINTAIN = "maintain", "Keep the plan as it is"
        AMEND = "amend", "Amend the plan"
        CEASE = "cease", "Cease the plan"

    plan = models.ForeignKey(EHCPlan, on_delete=models.CASCADE, related_name="reviews")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.ANNUAL)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="Who runs this review",
    )
    meeting_on = models.DateField("Meeting date", null=True, blank=True)
    meeting_time = models.CharField("Time and place", max_length=200, blank=True)
    next_setting = models.CharField(
        "Next school or college",
        max_length=200,
        blank=True,
        help_text="For a phase transfer: the setting the pupil is moving to, if known",
    )
    advice_circulated_on = models.DateField("Advice circulated on", null=True, blank=True)
    views_requested_at = models.DateTimeField(null=True, blank=True)
    pupil_view = models.TextField("The pupil's views", blank=True)
    parent_view = models.TextField("The parents' views", blank=True)
    held_on = models.DateField("Meeting held on", null=True, blank=True)
    attendees = models.TextField("Who attended", blank=True)
    progress = models.TextField("Progress towards the outcomes", blank=True)
    recommendations = models.TextField("Recommendations", blank=True)
    report_sent_on = models.DateField("Report sent on", null=True, blank=True)
    decision = models.CharField(
        "Local authority's decision", max_length=10, choices=Decision.choices, blank=True
    )
    decision_on = models.DateField("Decision received on", null=True, blank=True)
    proposals_on = models.DateField("Proposed amendments received on", null=True, blank=True)
    final_plan_on = models.DateField("Final amended plan issued on", null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["plan", "-created_at", "-pk"]
        constraints = [
            # At most one review of a plan in progress at a time.
            models.UniqueConstraint(
                fields=["plan"],
                condition=models.Q(closed_at__isnull=True),
                name="one_open_annual_review",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.plan}"


class Contributor(models.Model):
    """Someone invited to an annual review, and the advice asked of and given by them."""

    class Role(models.TextChoices):
        PARENT = "parent", "Parent or carer"
        YOUNG_PERSON = "young_person", "The young person"
        LOCAL_AUTHORITY = "local_authority", "Local authority"
        PROFESSIONAL = "professional", "Professional (health, social care, therapy, EP)"
        SCHOOL_STAFF = "school_staff", "School staff"
        NEXT_SETTING = "next_setting", "Next school or college"

    review = models.ForeignKey(AnnualReview, on_delete=models.CASCADE, related_name="contributors")
    role = models.CharField(max_length=20, choices=Role.choices)
    name = models.CharField("Name", max_length=200)
    organisation = models.CharField("Organisation or service", max_length=200, blank=True)
    email = models.EmailField("Email", blank=True)
    invited_on = models.DateField("Invitation sent on", null=True, blank=True)
    advice_requested_on = models.DateField("Advice asked for on", null=True, blank=True)
    advice_received_on = models.DateField("Advice received on", null=True, blank=True)
    advice = models.TextField("Summary of their advice", blank=True)
    attended = models.BooleanField("Attended the meeting", default=False)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["review", "pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"


class AssessmentRequest(models.Model):
    """A request to the local authority for an EHC needs assessment, from the school or one
    the school knows the parents (or the young person) made, with its statutory dates."""

    class RequestedBy(models.TextChoices):
        SCHOOL = "school", "The school"
        PARENT = "parent", "Parents or carers"
        YOUNG_PERSON = "young_person", "The young person"
        OTHER = "other", "Someone else (health, social care)"

    class Decision(models.TextChoices):
        ASSESS = "assess", "The local authority will assess"
        REFUSED = "refused", "The local authority will not assess"

    class Outcome(models.TextChoices):
        PLAN_ISSUED = "plan_issued", "Final EHC plan issued"
        NO_PLAN = "no_plan", "Assessed, no plan to be issued"
        WITHDRAWN = "withdrawn", "Withdrawn"

    pupil = models.ForeignKey(
        "pupils.Pupil", on_delete=models.CASCADE, related_name="assessment_requests"
    )
    la_code = models.CharField("Local authority", max_length=3, choices=AUTHORITIES)
    requested_by = models.CharField(
        "Who made the request", max_length=20, choices=RequestedBy.choices
    )
    requested_on = models.DateField("Date the request was sent")
    evidence = models.TextField(
        "Evidence sent with it",
        blank=True,
        help_text="For example: 3 cycles of SEN support plans, educational psychologist report",
    )
    decision = models.CharField(
        "Decision whether to assess", max_length=10, choices=Decision.choices, blank=True
    )
    decision_on = models.DateField("Decision received on", null=True, blank=True)
    draft_served_on = models.DateField("Draft plan received on", null=True, blank=True)
    response_sent_on = models.DateField("Our response sent on", null=True, blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    outcome_on = models.DateField("Date of the outcome", null=True, blank=True)
    notes = models.TextField("Notes", blank=True)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-requested_on", "-pk"]

    def __str__(self) -> str:
        return f"Request for an EHC needs assessment of {self.pupil}"
