"""The demo trust's census problems and the check run before the October census.

Registered as `DemoBuilder("year.census", build_census_demo, order=62)`. In every school two
pupils at SEN support come in from the MIS as the census would reject them: one with no
primary need (the secondary need is still there) and one whose secondary need is the same
as the primary. Their register history says so too (the change that put them on the
register carries those needs), so the history still matches the register. The rest of what
the check finds is already in the demo: pupils at K whose plan has lapsed, changes the
parents were never told of. At Hillside Academy the SENCO ran the check nine days before
the October census. Draws nothing from the schools' generators (so the builders after it
see the same data); a few queries a school, no audit rows (the demo's history is not
anyone's reading)."""

import datetime

from django.db.models import Count
from django.utils import timezone

from senco.lib.clock import academic_year_of
from senco.lib.codes import Provision
from senco.pupils.models import Pupil
from senco.register.models import RegisterChange
from senco.year.census import census_days
from senco.year.census_selectors import census_problems
from senco.year.models import CensusCheck

# Pupils given a census problem in each school (senco/demo/tests checks the rest are clean).
PLANTED_PER_SCHOOL = 2
CHECKED_AT = "140002"  # Hillside Academy
CHECK_DAYS_BEFORE = 9  # the Tuesday of the week before the October census
CHECK_TIME = datetime.time(16, 10)


def _planted(ds) -> list[Pupil]:
    """Two pupils at K with a single register change (so that change is their latest),
    the first by id with a secondary need and the first without one."""
    candidates = (
        Pupil.objects.filter(school=ds.school, sen_provision=Provision.SEN_SUPPORT)
        .annotate(changes=Count("register_changes"))
        .filter(changes=1)
        .order_by("pk")
    )
    with_secondary = candidates.exclude(secondary_need="").first()
    without = candidates.filter(secondary_need="").first()
    return [p for p in (with_secondary, without) if p is not None]


def _plant(ds) -> None:
    pupils = _planted(ds)
    if len(pupils) < PLANTED_PER_SCHOOL:
        return
    no_primary, same_needs = pupils
    no_primary.primary_need = ""
    same_needs.secondary_need = same_needs.primary_need
    Pupil.objects.bulk_update(pupils, ["primary_need", "secondary_need"])
    changes = list(RegisterChange.objects.filter(pupil__in=pupils))
    for change in changes:
        pupil = no_primary if change.pupil_id == no_primary.pk else same_needs
        change.to_primary_need = pupil.primary_need
        change.to_secondary_need = pupil.secondary_need
        change.source = RegisterChange.Source.IMPORT
    RegisterChange.objects.bulk_update(changes, ["to_primary_need", "to_secondary_need", "source"])
    # The builders after this one see the pupils as they now are.
    planted = {p.pk: p for p in pupils}
    for pupil in ds.pupils:
        if pupil.pk in planted:
            pupil.primary_need = planted[pupil.pk].primary_need
            pupil.secondary_need = planted[pupil.pk].secondary_need


def _check_before_october(ds, today: datetime.date) -> None:
    october = census_days(academic_year_of(today))[0]
    day = october.date - datetime.timedelta(days=CHECK_DAYS_BEFORE)
    if day > today:
        return
    found = census_problems(ds.school, Pupil.objects.filter(school=ds.school), day)
    CensusCheck.objects.create(
        school=ds.school,
        census_day=october.date,
        run_at=timezone.make_aware(datetime.datetime.combine(day, CHECK_TIME)),
        run_by=ds.senco,
        problems=found.total,
    )


def build_census_demo(demo) -> None:
    for ds in demo.schools:
        _plant(ds)
        if ds.school.urn == CHECKED_AT:
            _check_before_october(ds, demo.today)
