"""Writes of the intervention offer. Each is one transaction and writes an audit row."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from senco.audit.actor import Actor
from senco.audit.services import audit_record, audit_record_many
from senco.lib.versions import check_version
from senco.provision.audit import ProvisionAction
from senco.provision.models import AGE_MEASURES, Intervention, Measure, Score

# (field, label) of everything the offer's form edits, in the form's order.
INTERVENTION_FIELDS = (
    ("name", "Name"),
    ("area", "Broad area of need"),
    ("description", "What it is"),
    ("evidence_url", "Link to the evidence"),
    ("evidence_strength", "Strength of the evidence"),
    ("measure", "How progress is measured"),
    ("entry_criteria", "Who it is for"),
    ("entry_threshold", "Entry threshold"),
    ("exit_criteria", "When a pupil has finished"),
    ("exit_threshold", "Exit threshold"),
    ("wave", "Wave"),
    ("group_size", "Typical group size"),
    ("session_minutes", "Session length in minutes"),
    ("sessions_per_week", "Sessions a week"),
    ("weeks", "Number of weeks"),
    ("staff_role", "Delivered by"),
    ("hourly_rate", "Staff cost an hour"),
    ("resources_cost", "Resources and licences for each group"),
    ("active", "Offered now"),
)
FIELD_NAMES = tuple(name for name, _ in INTERVENTION_FIELDS)

# What a threshold may be on each measure: (lowest, highest, what it means).
STANDARDISED_RANGE = (Decimal(40), Decimal(160))
MONTHS_RANGE = (Decimal(0), Decimal(120))


def threshold_errors(measure: str, entry, exit_) -> dict[str, str]:
    """What makes no sense in an intervention's thresholds for its measure, by field
    (shared with the form)."""
    errors = {}
    if measure == Measure.STANDARDISED:
        low, high = STANDARDISED_RANGE
        for name, value, label in (
            ("entry_threshold", entry, "Entry threshold"),
            ("exit_threshold", exit_, "Exit threshold"),
        ):
            if value is not None and not low <= value <= high:
                errors[name] = f"{label} must be a standardised score from 40 to 160"
        if not errors and entry is not None and exit_ is not None and exit_ < entry:
            errors["exit_threshold"] = (
                "Exit threshold must be a standardised score the same as or above the entry "
                "threshold"
            )
    elif measure in AGE_MEASURES:
        low, high = MONTHS_RANGE
        for name, value, label in (
            ("entry_threshold", entry, "Entry threshold"),
            ("exit_threshold", exit_, "Exit threshold"),
        ):
            if value is not None and not low <= value <= high:
                errors[name] = f"{label} must be a number of months behind, from 0 to 120"
            elif value is not None and value != value.to_integral_value():
                errors[name] = f"{label} must be a whole number of months"
        if not errors and entry is not None and exit_ is not None and exit_ > entry:
            errors["exit_threshold"] = (
                "Exit threshold must be the same number of months behind as the entry "
                "threshold, or fewer"
            )
    else:
        for name, value, label in (
            ("entry_threshold", entry, "Entry threshold"),
            ("exit_threshold", exit_, "Exit threshold"),
        ):
            if value is not None and value < 0:
                errors[name] = f"{label} must be 0 or more"
    return errors


def _numbers_errors(fields: dict) -> dict[str, str]:
    errors = {}
    for name, label in (
        ("hourly_rate", "Staff cost an hour"),
        ("resources_cost", "Resources and licences"),
    ):
        value = fields.get(name)
        if value is not None and value < 0:
            errors[name] = f"{label} must be £0 or more"
    for name, label in (
        ("weeks", "Number of weeks"),
        ("sessions_per_week", "Sessions a week"),
        ("session_minutes", "Session length"),
        ("group_size", "Typical group size"),
    ):
        value = fields.get(name)
        if value is not None and value < 1:
            errors[name] = f"{label} must be 1 or more"
    return errors


def intervention_current(intervention: Intervention) -> list[tuple[str, str, object]]:
    return [(name, label, getattr(intervention, name)) for name, label in INTERVENTION_FIELDS]


def _check(school, fields: dict, pk=None) -> None:
    errors = _numbers_errors(fields)
    errors |= threshold_errors(
        fields.get("measure"), fields.get("entry_threshold"), fields.get("exit_threshold")
    )
    name = (fields.get("name") or "").strip()
    if name and Intervention.objects.filter(school=school, name__iexact=name).exclude(pk=pk):
        errors["name"] = "The offer already has an intervention with this name: choose another"
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def intervention_save(
    *, actor: Actor, school, intervention: Intervention | None = None, version=None, **fields
) -> Intervention:
    """Add an intervention to the school's offer, or change one. `version` is the one the
    form was opened at: a save from an older one is refused (`StaleVersion`)."""
    unknown = set(fields) - set(FIELD_NAMES)
    if unknown:
        raise TypeError(f"Not fields of an intervention: {sorted(unknown)}")
    if intervention is None:
        intervention = Intervention(school=school)
        action = ProvisionAction.INTERVENTION_ADD
    else:
        intervention = Intervention.objects.select_for_update().get(
            pk=intervention.pk, school=school
        )
        check_version(
            version, intervention.version, theirs=lambda: intervention_current(intervention)
        )
        intervention.version += 1
        action = ProvisionAction.INTERVENTION_SAVE
    _check(school, fields, pk=intervention.pk)
    for name, value in fields.items():
        setattr(intervention, name, value)
    intervention.full_clean()
    intervention.save()
    audit_record(
        actor=actor,
        school=school,
        action=action,
        detail={"intervention_id": intervention.pk, "version": intervention.version},
    )
    return intervention


@transaction.atomic
def intervention_stop(*, actor: Actor, intervention: Intervention, version=None) -> str:
    """Stop offering an intervention: it is kept, not offered, when it has groups (their
    history and cost stay); one that never ran is removed. Returns "stopped" or
    "removed"."""
    intervention = Intervention.objects.select_for_update().get(pk=intervention.pk)
    check_version(version, intervention.version, theirs=lambda: intervention_current(intervention))
    detail = {"intervention_id": intervention.pk, "name": intervention.name}
    if intervention.groups.exists():
        intervention.active = False
        intervention.version += 1
        intervention.save(update_fields=["active", "version"])
        audit_record(
            actor=actor,
            school=intervention.school_id,
            action=ProvisionAction.INTERVENTION_STOP,
            detail=detail,
        )
        return "stopped"
    audit_record(
        actor=actor,
        school=intervention.school_id,
        action=ProvisionAction.INTERVENTION_REMOVE,
        detail=detail,
    )
    intervention.delete()
    return "removed"


# --- Scores on a measure ---------------------------------------------------------------------


def score_errors(measure: str, value, taken_on, today) -> dict[str, str]:
    """What makes no sense in a score (shared with the forms)."""
    errors = {}
    if value is not None and value < 0:
        errors["value"] = "Score must be 0 or more"
    elif value is not None and measure in AGE_MEASURES and value > 300:
        errors["value"] = "Score must be an age in months, like 98 for 8 years 2 months"
    elif value is not None and measure == Measure.STANDARDISED and value > 200:
        errors["value"] = "Score must be a standardised score, like 85"
    if taken_on and taken_on > today:
        errors["taken_on"] = "Date the score was taken must be today or in the past"
    return errors


@transaction.atomic
def score_add(*, actor: Actor, pupil, measure, value, taken_on, test_name="", today) -> Score:
    """Record one pupil's score on a measure."""
    errors = score_errors(measure, value, taken_on, today)
    if errors:
        raise ValidationError(errors)
    score = Score(
        pupil=pupil,
        measure=measure,
        value=value,
        taken_on=taken_on,
        test_name=test_name,
        recorded_by=actor.user,
    )
    score.full_clean(exclude=["recorded_by"])
    score.save()
    audit_record(
        actor=actor,
        pupil=pupil,
        action=ProvisionAction.SCORE_ADD,
        detail={"score_id": score.pk, "measure": measure},
    )
    return score


@transaction.atomic
def scores_add_many(
    *, actor: Actor, school, measure, taken_on, test_name="", values: dict, today
) -> list[Score]:
    """Record many pupils' scores on one measure, taken on one day (a year group's reading
    test): `values` is {pupil: score}. One INSERT for the scores, one for their audit rows."""
    errors = score_errors(measure, None, taken_on, today)
    if errors:
        raise ValidationError(errors)
    for pupil, value in values.items():
        if pupil.school_id != school.pk:
            raise ValidationError("Choose pupils of the school")
        found = score_errors(measure, value, taken_on, today)
        if found:
            raise ValidationError(f"{pupil.full_name}: {found['value']}")
    scores = Score.objects.bulk_create(
        Score(
            pupil=pupil,
            measure=measure,
            value=value,
            taken_on=taken_on,
            test_name=test_name,
            recorded_by=actor.user,
        )
        for pupil, value in values.items()
    )
    audit_record_many(
        actor=actor,
        action=ProvisionAction.SCORE_ADD,
        rows=[
            {"pupil": pupil, "school": school, "detail": {"measure": measure, "many": True}}
            for pupil in values
        ],
    )
    return scores
