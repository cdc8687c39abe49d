"""Meetings and other contact with a pupil's family, their follow-up actions, and which kinds
of meeting count towards the three meetings a year (SEND Code of Practice 6.65)."""

from django.conf import settings
from django.db import models


class Kind(models.TextChoices):
    SEND_REVIEW = "send_review", "SEND review"
    PARENTS_EVENING = "parents_evening", "Parents' evening"
    ANNUAL_REVIEW = "annual_review", "Annual review"
    INFORMAL = "informal", "Informal meeting"
    PHONE = "phone", "Phone call"
    EMAIL = "email", "Email"
    COFFEE_MORNING = "coffee_morning", "Coffee morning"


# What counts towards three a year until the SENCO says otherwise: everything but email.
DEFAULT_COUNTING = tuple(k for k in Kind.values if k != Kind.EMAIL)


class Meeting(models.Model):
    """A meeting or other contact with the family of a pupil."""

    school = models.ForeignKey(
        "schools.School", on_delete=models.CASCADE, related_name="family_meetings"
    )
    pupil = models.ForeignKey(
        "pupils.Pupil", on_delete=models.CASCADE, related_name="family_meetings"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    held_on = models.DateField("Date of the meeting")
    # The pupil's contacts who were there (only those who may be told about the pupil).
    contacts = models.ManyToManyField("pupils.Contact", related_name="family_meetings", blank=True)
    others = models.CharField("Staff and others there", max_length=300, blank=True)
    agreed = models.TextField("What was agreed", blank=True)
    # The plan review this meeting was for: a cycle of the graduated approach (its review)
    # or an EHC plan's annual review. At most one of the two.
    cycle = models.ForeignKey(
        "plans.Cycle",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="family_meetings",
    )
    annual_review = models.ForeignKey(
        "ehcp.AnnualReview",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="family_meetings",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-held_on", "-pk"]
        indexes = [
            models.Index(fields=["school", "held_on"]),
            models.Index(fields=["pupil", "held_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.held_on:%-d %B %Y}"


class FollowUp(models.Model):
    """Something agreed at a meeting that a member of staff will do by a date."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="actions")
    pupil = models.ForeignKey("pupils.Pupil", on_delete=models.CASCADE, related_name="+")
    what = models.CharField("What needs doing", max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="family_follow_ups"
    )
    due_on = models.DateField("By when")
    done_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["owner", "done_on"])]

    def __str__(self) -> str:
        return self.what


class CountingKinds(models.Model):
    """The kinds of meeting a school counts towards three a year (the SENCO decides)."""

    school = models.OneToOneField(
        "schools.School", on_delete=models.CASCADE, related_name="family_counting_kinds"
    )
    kinds = models.JSONField(default=list)
    version = models.PositiveIntegerField(default=1)

    def __str__(self) -> str:
        return f"Meetings that count at {self.school}"


class ReviewDay(models.Model):
    """A SEND parent review day: rooms, the staff taking appointments in each, and slots
    of `slot_minutes` from `starts_at` to `ends_at` that the office or parents book."""

    school = models.ForeignKey(
        "schools.School", on_delete=models.CASCADE, related_name="review_days"
    )
    title = models.CharField(max_length=120, default="SEND parent review day")
    held_on = models.DateField("Date")
    starts_at = models.TimeField("First appointment")
    ends_at = models.TimeField("Last appointment ends")
    slot_minutes = models.PositiveSmallIntegerField("Length of each appointment", default=20)
    # Parents who have signed in may book a free slot for their own child themselves.
    parents_may_book = models.BooleanField("Parents can book online", default=True)
    # What parents should know (where to go, what to bring); shown in the invitation.
    notes = models.TextField("What parents should know", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["school", "held_on"])]

    def __str__(self) -> str:
        return f"{self.title} on {self.held_on:%-d %B %Y}"


class ReviewRoom(models.Model):
    """A room on a review day and the member of staff taking its appointments."""

    day = models.ForeignKey(ReviewDay, on_delete=models.CASCADE, related_name="rooms")
    room = models.CharField("Room", max_length=60)
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="review_rooms"
    )

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.room} ({self.staff})"


class Slot(models.Model):
    """One appointment on a review day. Free while `pupil` is empty. Booking sets it with a
    conditional update (`pupil__isnull=True`), so of two bookings at once only one wins."""

    day = models.ForeignKey(ReviewDay, on_delete=models.CASCADE, related_name="slots")
    room = models.ForeignKey(ReviewRoom, on_delete=models.CASCADE, related_name="slots")
    starts_at = models.TimeField()
    pupil = models.ForeignKey(
        "pupils.Pupil",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="review_day_slots",
    )
    # Who is coming, when known (a contact of the pupil who may be told).
    contact = models.ForeignKey(
        "pupils.Contact", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    booked_at = models.DateTimeField(null=True, blank=True)
    # The meeting recorded from this appointment (in the meetings log).
    meeting = models.OneToOneField(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="slot"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["starts_at", "room_id"]
        constraints = [
            models.UniqueConstraint(fields=["room", "starts_at"], name="one_slot_per_room_time"),
            models.UniqueConstraint(
                fields=["day", "pupil"],
                condition=models.Q(pupil__isnull=False),
                name="one_slot_per_pupil_per_day",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.starts_at:%H:%M} in {self.room.room}"

    @property
    def is_free(self) -> bool:
        return self.pupil_id is None
