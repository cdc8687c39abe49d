"""Writes of the census check: each run is kept, with an audit row for every pupil it listed."""

from django.db import transaction
from django.utils import timezone

from senco.audit.actor import Actor
from senco.audit.services import audit_list
from senco.year.audit import YearAction
from senco.year.census_selectors import CensusProblems
from senco.year.models import CensusCheck


@transaction.atomic
def census_check_record(*, actor: Actor, school, problems: CensusProblems) -> CensusCheck:
    """Keep that the check was run before this census day and what it found, and write one
    audit row for each pupil it listed (one INSERT; one row for the school when none)."""
    check = CensusCheck.objects.create(
        school=school,
        census_day=problems.census.date,
        run_at=timezone.now(),
        run_by=actor.person,
        problems=problems.total,
    )
    audit_list(
        actor=actor,
        action=YearAction.CENSUS_CHECK,
        school=school,
        pupils=problems.pupil_ids,
        detail={
            "check_id": check.pk,
            "census_day": problems.census.date.isoformat(),
            "problems": problems.counts(),
        },
    )
    return check
