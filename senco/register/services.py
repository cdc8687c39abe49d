import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from senco.audit.actions import AuditAction
from senco.audit.actor import Actor
from senco.audit.services import audit_record, audit_record_many
from senco.lib.codes import ON_REGISTER, Provision
from senco.lib.versions import check_version
from senco.pupils.models import Pupil
from senco.register.models import RegisterChange


def _apply(pupil: Pupil, change: RegisterChange) -> None:
    was_on = pupil.sen_provision in ON_REGISTER
    pupil.sen_provision = change.to_provision
    pupil.primary_need = change.to_primary_need
    pupil.secondary_need = change.to_secondary_need
    now_on = pupil.sen_provision in ON_REGISTER
    if now_on and not was_on:
        pupil.on_register_since = change.effective_date
    if not now_on:
        pupil.on_register_since = None


def register_change_build(
    *,
    pupil: Pupil,
    changed_by,
    to_provision: str,
    to_primary_need: str,
    to_secondary_need: str,
    reason: str,
    effective_date: datetime.date,
    parents_told: bool = False,
    parents_told_on: datetime.date | None = None,
    source: str = RegisterChange.Source.MANUAL,
) -> RegisterChange:
    """Validate a change and apply it to the pupil in memory; the caller saves both.

    Shared by a single change in the browser and by an import of many pupils.
    """
    if to_provision == Provision.NONE:
        to_primary_need = ""
        to_secondary_need = ""
    change = RegisterChange(
        pupil=pupil,
        effective_date=effective_date,
        from_provision=pupil.sen_provision,
        to_provision=to_provision,
        from_primary_need=pupil.primary_need,
        to_primary_need=to_primary_need,
        from_secondary_need=pupil.secondary_need,
        to_secondary_need=to_secondary_need,
        reason=reason.strip(),
        source=source,
        parents_told=parents_told,
        parents_told_on=parents_told_on if parents_told else None,
        changed_by=changed_by,
    )
    errors = {}
    if not (
        change.provision_changed or change.primary_need_changed or change.secondary_need_changed
    ):
        errors["to_provision"] = "Nothing has changed. Choose a different provision or need."
    if to_provision != Provision.NONE and not to_primary_need:
        errors["to_primary_need"] = "Choose the primary need of a pupil on the SEN register."
    if to_secondary_need and to_secondary_need == to_primary_need:
        errors["to_secondary_need"] = "The secondary need must differ from the primary need."
    if parents_told and parents_told_on is None:
        errors["parents_told_on"] = "Enter the date the parents were told."
    if parents_told_on and parents_told_on > timezone.localdate():
        errors["parents_told_on"] = "The date the parents were told cannot be in the future."
    if errors:
        raise ValidationError(errors)
    change.full_clean(exclude=["pupil", "changed_by"])
    _apply(pupil, change)
    if not parents_told:
        pupil.parents_not_told = True
    return change


def register_version(pupil: Pupil) -> str:
    """The version of a pupil's register entry an edit form carries: the latest change and
    the provision and needs as they are now (an import may change them too)."""
    latest = pupil.register_changes.order_by("-pk").values_list("pk", flat=True).first()
    return (
        f"{latest or 0}-{pupil.sen_provision}-{pupil.primary_need or '_'}-"
        f"{pupil.secondary_need or '_'}"
    )


def register_current(pupil: Pupil) -> list[tuple[str, str, object]]:
    """The entry as saved now, as (RegisterChangeForm field, label, value)."""
    return [
        ("to_provision", "Provision", pupil.sen_provision),
        ("to_primary_need", "Primary need", pupil.primary_need),
        ("to_secondary_need", "Secondary need", pupil.secondary_need),
    ]


@transaction.atomic
def register_change_record(*, actor: Actor, pupil: Pupil, version=None, **fields) -> RegisterChange:
    """Change a pupil's SEN provision or needs, keeping the dated history and an audit row.

    `version` is `register_version` when the form was opened: a change from a form opened
    before someone else changed the entry is refused (`StaleVersion`)."""
    pupil = Pupil.objects.select_for_update().get(pk=pupil.pk)
    check_version(version, register_version(pupil), theirs=lambda: register_current(pupil))
    change = register_change_build(pupil=pupil, changed_by=actor.person, **fields)
    change.save()
    pupil.full_clean()
    pupil.save()
    audit_record(
        actor=actor,
        pupil=pupil,
        action=AuditAction.REGISTER_CHANGE,
        detail={
            "change_id": change.pk,
            "provision": [change.from_provision, change.to_provision],
            "primary_need": [change.from_primary_need, change.to_primary_need],
            "secondary_need": [change.from_secondary_need, change.to_secondary_need],
            "effective_date": change.effective_date.isoformat(),
            "parents_told": change.parents_told,
        },
    )
    return change


@transaction.atomic
def register_change_mark_parents_told(
    *, actor: Actor, change: RegisterChange, told_on: datetime.date
) -> RegisterChange:
    """Record that the parents have been told of a register change."""
    if told_on > timezone.localdate():
        raise ValidationError(
            {"told_on": "The date the parents were told cannot be in the future."}
        )
    change.parents_told = True
    change.parents_told_on = told_on
    change.full_clean(exclude=["pupil", "changed_by"])
    change.save(update_fields=["parents_told", "parents_told_on"])
    pupil = change.pupil
    pupil.parents_not_told = pupil.register_changes.filter(parents_told=False).exists()
    pupil.save(update_fields=["parents_not_told", "updated_at"])
    audit_record(
        actor=actor,
        pupil=pupil,
        action=AuditAction.REGISTER_PARENTS_TOLD,
        detail={"change_id": change.pk, "told_on": told_on.isoformat()},
    )
    return change


@transaction.atomic
def register_parents_told_for_pupils(*, actor: Actor, pupils, told_on: datetime.date) -> int:
    """Record that the parents of these pupils have been told of every change not yet told.

    For the SENCO who has told many families at once, at a parents' evening or by letter,
    or after a first import from the MIS. Returns how many pupils it covered.
    """
    if told_on > timezone.localdate():
        raise ValidationError(
            {"told_on": "The date the parents were told cannot be in the future."}
        )
    pupil_ids = list(pupils.filter(parents_not_told=True).values_list("pk", flat=True))
    changes = RegisterChange.objects.filter(pupil_id__in=pupil_ids, parents_told=False)
    change_ids = dict(changes.values_list("pk", "pupil_id"))
    changes.update(parents_told=True, parents_told_on=told_on)
    Pupil.objects.filter(pk__in=pupil_ids).update(parents_not_told=False, updated_at=timezone.now())
    by_pupil: dict[int, list[int]] = {}
    for change_id, pupil_id in change_ids.items():
        by_pupil.setdefault(pupil_id, []).append(change_id)
    audit_record_many(
        actor=actor,
        action=AuditAction.REGISTER_PARENTS_TOLD,
        rows=(
            {
                "pupil": pupil_id,
                "school": school_id,
                "detail": {
                    "change_ids": sorted(by_pupil.get(pupil_id, [])),
                    "told_on": told_on.isoformat(),
                },
            }
            for pupil_id, school_id in Pupil.objects.filter(pk__in=pupil_ids).values_list(
                "pk", "school_id"
            )
        ),
    )
    return len(pupil_ids)
