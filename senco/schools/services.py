from django.core.exceptions import ValidationError
from django.db import transaction

from senco.audit.actions import AuditAction
from senco.audit.actor import Actor
from senco.audit.services import audit_record
from senco.lib.clock import TERM_LABELS
from senco.lib.versions import check_version
from senco.schools.models import ClosureDay, Term


def terms_version(school, academic_year: int) -> str:
    """The version of a year's term dates that an edit form carries: the dates saved."""
    saved = Term.objects.filter(school=school, academic_year=academic_year).order_by("name")
    return ";".join(f"{t.name}:{t.starts_on}:{t.ends_on}" for t in saved) or "none"


def _terms_now(school, academic_year: int) -> list[tuple[str, str, object]]:
    now = []
    for term in Term.objects.filter(school=school, academic_year=academic_year):
        label = TERM_LABELS[term.name].lower()
        now.append((f"{term.name}_starts_on", f"Start of the {label}", term.starts_on))
        now.append((f"{term.name}_ends_on", f"End of the {label}", term.ends_on))
    return now


@transaction.atomic
def terms_save(
    *, actor: Actor, school, academic_year: int, dates: dict, version=None
) -> list[Term]:
    """Set the start and end of each term of an academic year. `version` is
    `terms_version` when the form was opened: a save from an older one is refused."""
    list(Term.objects.select_for_update().filter(school=school, academic_year=academic_year))
    check_version(
        version,
        terms_version(school, academic_year),
        theirs=lambda: _terms_now(school, academic_year),
    )
    dates = {k: v for k, v in dates.items() if k.endswith(("_starts_on", "_ends_on"))}
    terms = []
    for name in TERM_LABELS:
        term, _ = Term.objects.get_or_create(
            school=school,
            academic_year=academic_year,
            name=name,
            defaults={"starts_on": dates[f"{name}_starts_on"], "ends_on": dates[f"{name}_ends_on"]},
        )
        term.starts_on = dates[f"{name}_starts_on"]
        term.ends_on = dates[f"{name}_ends_on"]
        term.full_clean()
        term.save()
        terms.append(term)
    audit_record(
        actor=actor,
        school=school,
        action=AuditAction.TERMS_SAVE,
        detail={k: v.isoformat() for k, v in dates.items()},
    )
    return terms


@transaction.atomic
def closure_add(*, actor: Actor, school, date, reason: str) -> ClosureDay:
    """Record a day the school is closed. A weekend or a day already recorded is refused."""
    if date.weekday() >= 5:
        raise ValidationError({"date": "Date must be a weekday: weekends are never working days"})
    if ClosureDay.objects.filter(school=school, date=date).exists():
        raise ValidationError({"date": "That day is already a closure day"})
    closure = ClosureDay.objects.create(school=school, date=date, reason=reason)
    audit_record(
        actor=actor,
        school=school,
        action=AuditAction.CLOSURE_ADD,
        detail={"date": date.isoformat(), "reason": reason},
    )
    return closure


@transaction.atomic
def closure_remove(*, actor: Actor, closure: ClosureDay) -> None:
    audit_record(
        actor=actor,
        school=closure.school,
        action=AuditAction.CLOSURE_REMOVE,
        detail={"date": closure.date.isoformat(), "reason": closure.reason},
    )
    closure.delete()
