"""passports_out_of_date: missing or not reviewed this term or last, in one query."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from senco import factories as f
from senco.access import scope_at
from senco.lib.clock import is_out_of_date
from senco.profiles.models import PassportVersion
from senco.profiles.selectors import passport_of, passports_out_of_date
from senco.profiles.tests.conftest import save_passport
from senco.schools.selectors import saved_terms

TODAY = datetime.date(2026, 3, 10)  # spring term; the term before began on 1 September 2025


def _at(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def _saved(pupil, by, day, reviewed=True, text="x"):
    v = save_passport(pupil, by, reviewed=reviewed, what_helps_me=text)
    PassportVersion.objects.filter(pk=v.pk).update(saved_at=_at(day))
    return v


@pytest.fixture
def pupils(school, senco, other_school):
    p = {
        "missing": f.SenPupilFactory(school=school),
        "fresh": f.SenPupilFactory(school=school),
        "stale": f.SenPupilFactory(school=school),
        "edited_not_reviewed": f.SenPupilFactory(school=school),
        "ehcp_stale": f.SenPupilFactory(school=school, sen_provision="E"),
        "not_on_register": f.PupilFactory(school=school),
        "elsewhere": f.SenPupilFactory(school=other_school),
    }
    _saved(p["fresh"], senco, datetime.date(2025, 10, 1))
    _saved(p["stale"], senco, datetime.date(2025, 7, 1))
    _saved(p["edited_not_reviewed"], senco, datetime.date(2025, 6, 1))
    _saved(p["edited_not_reviewed"], senco, datetime.date(2026, 3, 1), reviewed=False, text="y")
    _saved(p["ehcp_stale"], senco, datetime.date(2025, 8, 31))
    return p


def test_it_lists_missing_and_stale_passports(pupils, senco, school, pupil):
    scope = scope_at(senco, school)
    found = set(passports_out_of_date(scope=scope, today=TODAY))
    assert found == {
        pupil,
        pupils["missing"],
        pupils["stale"],
        pupils["edited_not_reviewed"],
        pupils["ehcp_stale"],
    }


def test_it_agrees_with_the_clock(pupils, senco, school):
    scope = scope_at(senco, school)
    found = set(passports_out_of_date(scope=scope, today=TODAY))
    for name in ("fresh", "stale", "edited_not_reviewed", "ehcp_stale"):
        p = pupils[name]
        last = p.passport_versions.filter(reviewed=True).latest("saved_at").saved_at
        assert (p in found) == is_out_of_date(
            saved_terms(school), timezone.localdate(last), TODAY
        ), name
        assert passport_of(pupil=p, today=TODAY).out_of_date == (p in found), name


def test_a_teacher_sees_only_their_pupils(pupils, teacher, school, pupil):
    scope = scope_at(teacher, school)
    assert list(passports_out_of_date(scope=scope, today=TODAY)) == [pupil]


def test_a_governor_sees_none(pupils, governor, school):
    assert not passports_out_of_date(scope=scope_at(governor, school), today=TODAY).exists()


@pytest.mark.parametrize("n", [3, 30])
def test_the_pupils_come_in_one_query(n, school, senco):
    for i in range(n):
        p = f.SenPupilFactory(school=school)
        if i % 2:
            _saved(p, senco, datetime.date(2025, 1, 1))
    qs = passports_out_of_date(scope=scope_at(senco, school), today=TODAY)
    with CaptureQueriesContext(connection) as ctx:
        assert len(list(qs)) == n
    assert len(ctx.captured_queries) == 1
