"""The passport and one-page profile on a parent's page about their own child
(`registry.ParentPanel`, shown by the parents app's `parent_child`).

The family sees the passport as the school last saved it: the latest version, whether or
not it was a review. Every section of the passport and profile is written with the pupil
and their family in mind except "Additional information", which staff use for things like
medical notes and exam arrangements, so it is left out. The photo is left out too (it is
reached only through a view that checks a member of staff's access).
"""

import datetime

from django.utils import timezone

from senco.profiles.models import LABELS, PASSPORT_FIELDS, PROFILE_FIELDS, PassportVersion

# What the family sees, in the passport's order. Not "additional_information".
PARENT_PASSPORT_FIELDS = tuple(f for f in PASSPORT_FIELDS if f != "additional_information")
PARENT_PROFILE_FIELDS = tuple(f for f in PROFILE_FIELDS if f != "in_my_own_words")


def _sections(row: dict, names, wrote: set) -> list[dict]:
    """The sections written so far, as (label, text, whether the pupil wrote it)."""
    return [
        {"label": LABELS[name], "text": row[name], "by_pupil": name in wrote}
        for name in names
        if row[name].strip()
    ]


def passport_panel(pupil, contacts, today: datetime.date) -> dict | None:
    """The latest passport and profile as values, or None when none was written. One query."""
    row = (
        PassportVersion.objects.filter(pupil_id=pupil.pk)
        .order_by("-number")
        .values(*PARENT_PASSPORT_FIELDS, *PROFILE_FIELDS, "pupil_wrote", "saved_at")
        .first()
    )
    if row is None:
        return None
    wrote = set(row["pupil_wrote"] or ())
    passport = _sections(row, PARENT_PASSPORT_FIELDS, wrote)
    profile = _sections(row, PARENT_PROFILE_FIELDS, wrote)
    own_words = row["in_my_own_words"].strip()
    if not (passport or profile or own_words):
        return None
    return {
        "name": pupil.preferred_name or pupil.forename,
        "passport": passport,
        "profile": profile,
        "own_words": own_words,
        "updated_on": timezone.localdate(row["saved_at"]),
    }
