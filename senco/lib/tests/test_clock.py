import datetime

import pytest

from senco.lib import clock
from senco.schools.models import Term
from senco.schools.selectors import saved_terms

D = datetime.date


def test_academic_year():
    assert clock.academic_year_of(D(2026, 9, 1)) == 2026
    assert clock.academic_year_of(D(2026, 8, 31)) == 2025


def test_default_terms():
    autumn, spring, summer = clock.default_terms(2026)
    assert (autumn.starts_on, autumn.ends_on) == (D(2026, 9, 1), D(2026, 12, 19))
    assert (spring.starts_on, summer.ends_on) == (D(2027, 1, 5), D(2027, 7, 22))
    assert autumn.label == "Autumn term 2026/27"


def test_the_schools_own_dates_win():
    saved = [clock.TermDates("autumn", 2026, D(2026, 9, 3), D(2026, 12, 18))]
    term = clock.current_term(saved, D(2026, 11, 25))
    assert (term.name, term.ends_on) == ("autumn", D(2026, 12, 18))


@pytest.mark.django_db
def test_saved_terms_reads_the_schools_dates_in_one_query(school, django_assert_num_queries):
    Term.objects.create(
        school=school,
        academic_year=2026,
        name="autumn",
        starts_on=D(2026, 9, 3),
        ends_on=D(2026, 12, 18),
    )
    with django_assert_num_queries(1):
        saved = saved_terms(school)
    assert saved == [clock.TermDates("autumn", 2026, D(2026, 9, 3), D(2026, 12, 18))]


def test_the_academic_year_label():
    assert clock.academic_year_label(2026) == "2026/27"
    assert clock.academic_year_label(2099) == "2099/00"


@pytest.mark.parametrize(
    ("today", "name", "year"),
    [
        (D(2026, 11, 25), "autumn", 2026),
        (D(2026, 12, 25), "spring", 2026),  # holiday: the next term
        (D(2027, 8, 10), "autumn", 2027),
        (D(2027, 5, 1), "summer", 2026),
    ],
)
def test_current_term(today, name, year):
    term = clock.current_term([], today)
    assert (term.name, term.academic_year) == (name, year)


def test_previous_term():
    assert clock.previous_term([], D(2026, 11, 25)).name == "summer"
    assert clock.previous_term([], D(2027, 2, 1)).name == "autumn"


def test_default_review_date_is_the_end_of_term():
    assert clock.default_review_date([], D(2026, 10, 1)) == D(2026, 12, 19)
    # Started on 26 November, three school weeks before the end of the autumn term: a
    # plan needs six weeks of school to work, so it is reviewed at the end of spring.
    assert clock.default_review_date([], D(2026, 11, 26)) == D(2027, 3, 31)
    # Six school weeks exactly is enough.
    assert clock.default_review_date([], D(2026, 11, 6)) == D(2026, 12, 19)
    # Within two weeks of the end of term: the end of the next term.
    assert clock.default_review_date([], D(2026, 12, 10)) == D(2027, 3, 31)


def test_out_of_date_after_more_than_a_term():
    today = D(2027, 2, 1)  # spring; the previous term is autumn 2026
    assert not clock.is_out_of_date([], D(2026, 10, 1), today)
    assert clock.is_out_of_date([], D(2026, 7, 1), today)
    assert clock.is_out_of_date([], None, today)


def test_school_days_skip_weekends_and_holidays():
    # Friday 18 December 2026 to Tuesday 5 January 2027: the holidays hold no school day
    # but the first day of spring term, Tuesday 5 January.
    assert clock.school_days_between([], D(2026, 12, 18), D(2027, 1, 5)) == 1
    # A full school week.
    assert clock.school_days_between([], D(2026, 11, 1), D(2026, 11, 8)) == 5
    assert clock.school_days_between([], D(2026, 11, 8), D(2026, 11, 8)) == 0
