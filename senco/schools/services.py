from django.db import transaction

from senco.audit.actions import AuditAction
from senco.audit.actor import Actor
from senco.audit.services import audit_record
from senco.lib.clock import TERM_LABELS
from senco.schools.models import Term


@transaction.atomic
def terms_save(*, actor: Actor, school, academic_year: int, dates: dict) -> list[Term]:
    """Set the start and end of each term of an academic year."""
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
