"""Writes: saving a passport or profile as a new version, and replacing or removing a photo.

Who may write is decided by the views (`senco.access`); these functions only write, each
inside one transaction with an audit row.
"""

import contextlib
import uuid

from django.db import transaction

from senco.audit.actor import Actor
from senco.audit.services import audit_record
from senco.lib.versions import StaleVersion
from senco.profiles.audit import ProfilesAction
from senco.profiles.models import (
    ALWAYS_PUPILS,
    LABELS,
    TEXT_FIELDS,
    PassportVersion,
    PupilPhoto,
)
from senco.profiles.photos import CleanPhoto
from senco.pupils.models import Pupil


def latest_version(pupil: Pupil) -> PassportVersion | None:
    return pupil.passport_versions.order_by("-number").first()


@transaction.atomic
def passport_save(
    *,
    actor: Actor,
    pupil: Pupil,
    texts: dict[str, str],
    pupil_wrote: set[str],
    reviewed: bool,
    version=None,
) -> PassportVersion | None:
    """Save the given sections as a new version, keeping every earlier one.

    Sections not in `texts` are copied from the latest version, so saving the profile
    keeps the passport and the other way round. `pupil_wrote` names which of the given
    sections the pupil wrote. Returns None when nothing changed and it is not a review.

    `version` is the number of the latest version when the form was opened (0 for none).
    When someone has saved since and changed any of the sections in `texts` (or who wrote
    them), the save is refused (`StaleVersion`) rather than silently put their words back;
    a change only to sections this form does not edit is kept as it is, since those are
    copied from the latest version.
    """
    unknown = set(texts) - set(TEXT_FIELDS)
    if unknown:
        raise ValueError(f"Not passport sections: {sorted(unknown)}")
    # Lock the pupil row (on PostgreSQL) so two saves cannot take the same number.
    Pupil.objects.select_for_update().filter(pk=pupil.pk).first()
    previous = latest_version(pupil)
    _check_version(pupil, previous, version, texts)
    version = PassportVersion(pupil=pupil, saved_by=actor.person, reviewed=reviewed)
    wrote = set(previous.pupil_wrote) if previous else set()
    for name in TEXT_FIELDS:
        old = getattr(previous, name) if previous else ""
        setattr(version, name, texts[name].replace("\r\n", "\n").strip() if name in texts else old)
    wrote = (wrote - set(texts)) | (set(pupil_wrote) & set(texts))
    version.pupil_wrote = sorted(wrote - ALWAYS_PUPILS)
    changed = [
        name
        for name in TEXT_FIELDS
        if getattr(version, name) != (getattr(previous, name) if previous else "")
    ]
    marks_changed = previous is not None and version.pupil_wrote != sorted(previous.pupil_wrote)
    if previous is not None and not changed and not marks_changed and not reviewed:
        return None
    if previous is None:
        # Writing a passport for the first time is reviewing it.
        version.reviewed = True
    version.number = previous.number + 1 if previous else 1
    version.full_clean()
    version.save()
    audit_record(
        actor=actor,
        pupil=pupil,
        action=ProfilesAction.PASSPORT_SAVE,
        detail={"version": version.number, "changed": changed, "reviewed": version.reviewed},
    )
    return version


def _check_version(pupil: Pupil, latest: PassportVersion | None, opened, texts) -> None:
    if opened is None or str(opened) == "":
        return
    current = latest.number if latest else 0
    if str(opened) == str(current):
        return
    then = (
        pupil.passport_versions.filter(number=int(opened)).first()
        if str(opened).isdigit()
        else None
    )
    wrote_then = set(then.pupil_wrote) if then else set()
    wrote_now = set(latest.pupil_wrote) if latest else set()
    touched = [
        name
        for name in texts
        if (getattr(then, name) if then else "") != (getattr(latest, name) if latest else "")
        or (name in wrote_then) != (name in wrote_now)
    ]
    if touched or then is None:
        raise StaleVersion(
            current=current,
            theirs=[
                (name, LABELS[name], getattr(latest, name) if latest else "") for name in texts
            ],
        )


@transaction.atomic
def pupil_photo_replace(*, actor: Actor, pupil: Pupil, photo: CleanPhoto) -> PupilPhoto:
    """Store a cleaned photo under the private media folder, replacing any earlier one."""
    old = PupilPhoto.objects.filter(pupil=pupil).first()
    if old is not None:
        old_path = old.path
        old.delete()
        transaction.on_commit(lambda: _unlink(old_path))
    record = PupilPhoto(
        pupil=pupil,
        key=uuid.uuid4(),
        width=photo.width,
        height=photo.height,
        uploaded_by=actor.person,
    )
    record.full_clean()
    record.save()
    audit_record(
        actor=actor,
        pupil=pupil,
        action=ProfilesAction.PHOTO_REPLACE if old else ProfilesAction.PHOTO_ADD,
        detail={"photo": str(record.key)},
    )
    # The file is written last, so a failure here rolls the rows back. A file left by a
    # failed commit is named by no row and so never served.
    path = record.path
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(photo.jpeg)
    return record


@transaction.atomic
def pupil_photo_remove(*, actor: Actor, pupil: Pupil) -> bool:
    """Delete the pupil's photo and its file. Returns False when there was none."""
    old = PupilPhoto.objects.filter(pupil=pupil).first()
    if old is None:
        return False
    old_path = old.path
    old.delete()
    transaction.on_commit(lambda: _unlink(old_path))
    audit_record(
        actor=actor, pupil=pupil, action=ProfilesAction.PHOTO_REMOVE, detail={"photo": str(old.key)}
    )
    return True


def _unlink(path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
