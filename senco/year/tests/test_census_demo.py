"""The demo trust's census problems and Hillside's check before the October census."""

import datetime

import pytest
from django.utils import timezone

from senco.demo.outline import DEMO_TODAY
from senco.pupils.models import Pupil
from senco.schools.models import School
from senco.year.census_demo import CHECKED_AT
from senco.year.census_selectors import census_problems
from senco.year.models import CensusCheck


@pytest.mark.django_db
def test_every_school_has_census_problems_to_fix(demo_trust):
    for school in School.objects.all():
        found = census_problems(school, Pupil.objects.filter(school=school), DEMO_TODAY)
        counts = found.counts()
        assert counts["no_primary"] == 1
        assert counts["same_needs"] == 1
        assert counts["bad_need"] == counts["old_provision"] == counts["no_ehc_plan"] == 0
        # What the demo's history already holds: lapsed plans, parents not told.
        assert counts["no_recent_plan"] + counts["parents_not_told"] > 0


@pytest.mark.django_db
def test_hillside_checked_the_register_before_the_october_census(demo_trust):
    hillside = School.objects.get(urn=CHECKED_AT)
    check = CensusCheck.objects.get(school=hillside)
    assert check.census_day == datetime.date(2026, 10, 1)
    assert timezone.localtime(check.run_at).date() == datetime.date(2026, 9, 22)
    assert check.run_by.username == "senco.hillside"
    assert check.problems >= 2
    assert not CensusCheck.objects.exclude(school=hillside).exists()
