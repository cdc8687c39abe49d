"""Pupil passports and one-page profiles, kept as numbered versions, and pupils' photos.

One chain of versions per pupil holds both the passport and the one-page profile: each
save copies the latest version, changes what was edited, and adds a new row. Nothing is
ever overwritten, so the history shows who changed what and when.

The sections follow the passport template of the SENCO induction pack and the three
parts of a one-page profile (what people like and admire about me, what is important to
me, how best to support me). Provision, needs and dates are not typed: they come from
the register (`pupils.Pupil`).
"""

import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils import timezone

TEXT_MAX = 2000

# (field, label, hint) in the order of the induction pack's template.
PASSPORT_SECTIONS = (
    ("i_enjoy", "I enjoy", ""),
    ("i_learn_best_when", "I learn best when", ""),
    ("i_communicate_by", "I communicate by", "For example speaking, signing, pictures"),
    ("to_communicate_with_me", "To communicate with me you need to", ""),
    ("what_helps_me", "What helps me", "Shown to every teacher on their class sheets"),
    ("like_you_to_know", "I'd like you to know that", ""),
    ("find_difficult", "I find it difficult to", "Shown to every teacher on their class sheets"),
    ("parents_think", "My parents think that", ""),
    ("support_myself_by", "I will support myself by", ""),
    ("others_support_me_by", "Others can support me by", "The strategies staff should use"),
    ("recent_achievements", "My recent achievements are", ""),
    ("my_targets", "My targets are", ""),
    ("additional_information", "Additional information", ""),
)
PROFILE_SECTIONS = (
    ("liked_and_admired", "What people like and admire about me", ""),
    ("important_to_me", "What is important to me", ""),
    ("how_to_support_me", "How best to support me", ""),
    (
        "in_my_own_words",
        "In my own words",
        "What the pupil said or wrote, exactly as they put it. It is shown in quotation marks "
        "as theirs.",
    ),
)
SECTIONS = PASSPORT_SECTIONS + PROFILE_SECTIONS
PASSPORT_FIELDS = tuple(name for name, _, _ in PASSPORT_SECTIONS)
PROFILE_FIELDS = tuple(name for name, _, _ in PROFILE_SECTIONS)
TEXT_FIELDS = PASSPORT_FIELDS + PROFILE_FIELDS
LABELS = {name: label for name, label, _ in SECTIONS}
# "In my own words" is the pupil's by definition; it needs no mark.
ALWAYS_PUPILS = frozenset({"in_my_own_words"})


def _text(label: str):
    return models.TextField(label, max_length=TEXT_MAX, blank=True)


class PassportVersion(models.Model):
    """One save of a pupil's passport and one-page profile. Never changed after it is made."""

    pupil = models.ForeignKey(
        "pupils.Pupil", on_delete=models.CASCADE, related_name="passport_versions"
    )
    number = models.PositiveIntegerField()

    i_enjoy = _text("I enjoy")
    i_learn_best_when = _text("I learn best when")
    i_communicate_by = _text("I communicate by")
    to_communicate_with_me = _text("To communicate with me you need to")
    what_helps_me = _text("What helps me")
    like_you_to_know = _text("I'd like you to know that")
    find_difficult = _text("I find it difficult to")
    parents_think = _text("My parents think that")
    support_myself_by = _text("I will support myself by")
    others_support_me_by = _text("Others can support me by")
    recent_achievements = _text("My recent achievements are")
    my_targets = _text("My targets are")
    additional_information = _text("Additional information")

    liked_and_admired = _text("What people like and admire about me")
    important_to_me = _text("What is important to me")
    how_to_support_me = _text("How best to support me")
    in_my_own_words = _text("In my own words")

    # Names of the sections written by the pupil in their own words.
    pupil_wrote = models.JSONField(default=list, blank=True)

    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    saved_at = models.DateTimeField(default=timezone.now, db_index=True)
    reviewed = models.BooleanField(
        "this save is a review",
        default=False,
        help_text="The whole passport was checked with the pupil, not just edited",
    )

    class Meta:
        ordering = ["pupil", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["pupil", "number"], name="one_passport_version_number")
        ]
        indexes = [models.Index(fields=["pupil", "reviewed", "-saved_at"])]

    def __str__(self) -> str:
        return f"Passport of {self.pupil_id}, version {self.number}"

    def sections(self, fields=PASSPORT_FIELDS) -> list[dict]:
        """The sections with their text and whether the pupil wrote them, for templates."""
        wrote = set(self.pupil_wrote)
        return [
            {
                "name": name,
                "label": LABELS[name],
                "text": getattr(self, name),
                "by_pupil": name in wrote or name in ALWAYS_PUPILS,
            }
            for name in fields
        ]

    @property
    def profile_sections(self) -> list[dict]:
        return self.sections([f for f in PROFILE_FIELDS if f not in ALWAYS_PUPILS])

    @property
    def passport_sections(self) -> list[dict]:
        return self.sections(PASSPORT_FIELDS)


class PupilPhoto(models.Model):
    """A pupil's photo: a re-encoded JPEG in the private media folder, never at a public URL."""

    pupil = models.OneToOneField("pupils.Pupil", on_delete=models.CASCADE, related_name="photo")
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    width = models.PositiveSmallIntegerField()
    height = models.PositiveSmallIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Photo of {self.pupil_id}"

    @property
    def path(self) -> Path:
        return photo_path(self.key)


def photo_path(key) -> Path:
    """Where a photo's file lives. Named by a random key, never by anything a user typed."""
    return Path(settings.PRIVATE_MEDIA_ROOT) / "photos" / f"{uuid.UUID(str(key))}.jpg"
