"""Reads of the intervention offer: the catalogue, what one run costs, and the pupils whose
latest score meets an intervention's entry criteria."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.http import Http404

from senco.access import Scope, pupils_visible_to
from senco.lib.codes import BroadArea
from senco.provision import costs
from senco.provision.models import AGE_MEASURES, Intervention, Score


def intervention_for(scope: Scope, pk: int) -> Intervention:
    """An intervention of the scope's school, or 404 (the same for another school's)."""
    found = Intervention.objects.filter(school=scope.school, pk=pk).first()
    if found is None:
        raise Http404("Not found")
    return found


def interventions_of(school) -> QuerySet[Intervention]:
    return Intervention.objects.filter(school=school)


@dataclass(frozen=True)
class RunCost:
    """What one full run of an intervention costs: every session of `weeks` weeks."""

    sessions: int
    hours: Decimal
    total: Decimal
    per_pupil: Decimal | None


def run_cost(intervention: Intervention) -> RunCost:
    sessions = intervention.sessions_per_week * intervention.weeks
    total = costs.group_cost(intervention, sessions)
    return RunCost(
        sessions=sessions,
        hours=costs.session_hours(intervention, sessions),
        total=total,
        per_pupil=costs.per_pupil(total, intervention.group_size),
    )


def offer_by_area(school) -> list[tuple[str, list[tuple[Intervention, RunCost]]]]:
    """The offer by broad area of need (in the Code of Practice's order), those offered now
    first, then by name. One query."""
    rows = interventions_of(school).order_by("-active", "name", "pk")
    by_area: dict[str, list] = {code: [] for code in BroadArea.values}
    for intervention in rows:
        by_area.setdefault(intervention.area, []).append((intervention, run_cost(intervention)))
    labels = dict(BroadArea.choices)
    return [(labels.get(code, code), found) for code, found in by_area.items() if found]


# --- Measures, ages and criteria -----------------------------------------------------------


def age_in_months(date_of_birth: datetime.date, on: datetime.date) -> int:
    """Chronological age in whole months on a day."""
    months = (on.year - date_of_birth.year) * 12 + on.month - date_of_birth.month
    if on.day < date_of_birth.day:
        months -= 1
    return months


def months_behind(value: Decimal, date_of_birth: datetime.date, on: datetime.date) -> Decimal:
    """How many months a reading or spelling age is below the pupil's age on that day."""
    return Decimal(age_in_months(date_of_birth, on)) - Decimal(value)


def meets_entry(intervention: Intervention, value, date_of_birth, on) -> bool:
    """Below the threshold; for age measures, the threshold's months or more behind."""
    threshold = intervention.entry_threshold
    if threshold is None or value is None:
        return False
    if intervention.measure in AGE_MEASURES:
        return months_behind(value, date_of_birth, on) >= threshold
    return Decimal(value) < threshold


def meets_exit(intervention: Intervention, value, date_of_birth, on) -> bool:
    """At the threshold or above; for age measures, no more than its months behind."""
    threshold = intervention.exit_threshold
    if threshold is None or value is None or on is None:
        return False
    if intervention.measure in AGE_MEASURES:
        return months_behind(value, date_of_birth, on) <= threshold
    return Decimal(value) >= threshold


def latest_scores(pupils: QuerySet, measure: str) -> QuerySet[Score]:
    """Each pupil's latest score on the measure (one row a pupil), with the pupil: one query."""
    latest = (
        Score.objects.filter(pupil=OuterRef("pupil"), measure=measure)
        .order_by("-taken_on", "-pk")
        .values("pk")[:1]
    )
    return (
        Score.objects.filter(measure=measure, pupil__in=pupils, pk=Subquery(latest))
        .select_related("pupil")
        .order_by("pupil__surname_key", "pupil__forename_key", "pupil_id")
    )


@dataclass(frozen=True)
class Suggestion:
    score: Score
    behind: Decimal | None  # months behind their age, for age measures


def suggestions(scope: Scope, intervention: Intervention, today: datetime.date) -> list[Suggestion]:
    """Pupils whose latest score on the intervention's measure meets its entry criteria and
    who are not already in one of its groups that is running or still to start. One query."""
    if intervention.entry_threshold is None:
        return []
    placed = Q(
        intervention_memberships__group__intervention=intervention,
        intervention_memberships__group__ends_on__gte=today,
        intervention_memberships__left_on__isnull=True,
    )
    pupils = pupils_visible_to(scope).exclude(placed)
    found = []
    for score in latest_scores(pupils, intervention.measure):
        dob = score.pupil.date_of_birth
        if meets_entry(intervention, score.value, dob, score.taken_on):
            behind = (
                months_behind(score.value, dob, score.taken_on)
                if intervention.measure in AGE_MEASURES
                else None
            )
            found.append(Suggestion(score, behind))
    return found
