"""Strategy: the SEND development plan (priorities and their actions), the compliance
self-evaluation (questions in senco/strategy/selfeval_questions.py) and line management
meetings (questions in senco/strategy/meeting_questions.py)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone


def _user(**extra):
    return models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", **extra
    )


class Status(models.TextChoices):
    """Red, amber, green: how an action of the development plan is going."""

    NOT_STARTED = "not_started", "Not started"
    RED = "red", "Red: off track"
    AMBER = "amber", "Amber: some concerns"
    GREEN = "green", "Green: on track"
    DONE = "done", "Done"


# ---- The SEND development plan --------------------------------------------------------


class Priority(models.Model):
    """A priority of the school's SEND development plan for an academic year."""

    school = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="+")
    academic_year = models.PositiveIntegerField()  # the year it starts: 2026 is 2026/27
    title = models.CharField(max_length=200)
    why = models.TextField(blank=True)  # what the evidence says and why it matters now
    position = models.PositiveIntegerField(default=0)
    created_by = _user()
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["school", "academic_year", "position", "pk"]
        indexes = [models.Index(fields=["school", "academic_year"])]

    def __str__(self) -> str:
        return self.title


class Action(models.Model):
    """One action towards a priority: who, by when, how we will know, and how it is going."""

    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="actions")
    what = models.TextField()
    owner = _user(blank=True)  # a member of staff, or
    owner_name = models.CharField(max_length=120, blank=True)  # someone outside senco
    starts = models.DateField(null=True, blank=True)
    due = models.DateField(null=True, blank=True)
    success_criteria = models.TextField(blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.NOT_STARTED)
    progress = models.TextField(blank=True)  # notes on what has happened so far
    position = models.PositiveIntegerField(default=0)
    updated_by = _user(blank=True)
    updated_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["priority", "position", "pk"]

    def __str__(self) -> str:
        return self.what[:60]


class ActionEvidence(models.Model):
    """Evidence for an action: a link to a record in senco (a path on this site), or an
    uploaded file kept in the private media folder under a random key."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="evidence")
    label = models.CharField(max_length=200)
    url = models.CharField(max_length=500, blank=True)  # a path on this site, "/school/..."
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    filename = models.CharField(max_length=200, blank=True)  # "" when it is a link
    size = models.PositiveIntegerField(default=0)
    added_by = _user()
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["added_at", "pk"]

    def __str__(self) -> str:
        return self.label


# ---- Compliance and self-evaluation ------------------------------------------------


class Rating(models.TextChoices):
    YES = "yes", "Yes"
    PARTLY = "partly", "Partly"
    NO = "no", "No"
    NOT_APPLICABLE = "na", "Does not apply"


class SelfEvaluation(models.Model):
    """A school's self-evaluation for one academic year, one of the question sets of
    selfeval_questions.py ("compliance": the Spring-term check; "operational": the
    toolkit's operational areas)."""

    school = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="+")
    academic_year = models.PositiveIntegerField()
    questions = models.CharField(max_length=30)  # a key of selfeval_questions.QUESTION_SETS
    started_by = _user()
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["school", "academic_year", "questions"], name="one_self_evaluation"
            )
        ]

    def __str__(self) -> str:
        return str(self.questions)


class SelfEvaluationAnswer(models.Model):
    """The answer to one question: a rating, the SENCO's words, and the line manager's."""

    evaluation = models.ForeignKey(SelfEvaluation, on_delete=models.CASCADE, related_name="answers")
    question = models.CharField(max_length=60)  # a question's key
    rating = models.CharField(max_length=8, choices=Rating.choices, blank=True)
    words = models.TextField(blank=True)  # what we do and how we know
    next_step = models.TextField(blank=True)
    line_manager_words = models.TextField(blank=True)
    updated_by = _user()
    updated_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "question"], name="one_answer")
        ]

    # ---- Line management meetings ----------------------------------------------------------

    def __str__(self) -> str:
        return str(self.question)


class Meeting(models.Model):
    """A meeting about SEND with the principal, the SENCO's line manager or the link
    governor, with the toolkit's questions (meeting_questions.py) answered."""

    school = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20)  # a key of meeting_questions.MEETING_KINDS
    held_on = models.DateField()
    who_was_there = models.TextField(blank=True)
    notes = models.TextField(blank=True)
    # The figures shown at the meeting, as they were that day: [{key, label, value, ...}].
    data_shown = models.JSONField(default=list, blank=True)
    created_by = _user()
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["school", "held_on"])]

    def __str__(self) -> str:
        return str(self.kind)


class MeetingAnswer(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="answers")
    question = models.CharField(max_length=60)  # a question's key
    answer = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "question"], name="one_meeting_answer")
        ]

    def __str__(self) -> str:
        return str(self.question)


class MeetingAction(models.Model):
    """An action agreed at a meeting; open actions start the next meeting's agenda."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="actions")
    what = models.TextField()
    owner = _user(blank=True)
    owner_name = models.CharField(max_length=120, blank=True)
    due = models.DateField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    done_note = models.TextField(blank=True)
    # The meeting at which it was closed, when it was closed at one.
    closed_at_meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="closed_actions"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["due", "pk"]

    def __str__(self) -> str:
        return str(self.what)
