import datetime

import pytest

from senco.lib import clock
from senco.schools.models import Term

D = datetime.date


def test_academic_year():
    assert clock.academic_year_of(D(2026, 9, 1)) == 2026
    assert clock.academic_year_of(D(2026, 8, 31)) == 2025


def test_default_terms():
    autumn, spring, summer = clock.default_terms(2026)
    assert (autumn.starts_on, autumn.ends_on) == (D(2026, 9, 1), D(2026, 12, 19))
    assert (spring.starts_on, summer.ends_on) == (D(2027, 1, 5), D(2027, 7, 22))
    assert autumn.label == "Autumn term 2026/27"


@pytest.mark.django_db
def test_the_schools_own_dates_win(school):
    Term.objects.create(
        school=school,
        academic_year=2026,
        name="autumn",
        starts_on=D(2026, 9, 3),
        ends_on=D(2026, 12, 18),
    )
    term = clock.current_term(school, D(2026, 11, 25))
    assert (term.name, term.ends_on) == ("autumn", D(2026, 12, 18))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("today", "name", "year"),
    [
        (D(2026, 11, 25), "autumn", 2026),
        (D(2026, 12, 25), "spring", 2026),  # holiday: the next term
        (D(2027, 8, 10), "autumn", 2027),
        (D(2027, 5, 1), "summer", 2026),
    ],
)
def test_current_term(school, today, name, year):
    term = clock.current_term(school, today)
    assert (term.name, term.academic_year) == (name, year)


@pytest.mark.django_db
def test_previous_term(school):
    assert clock.previous_term(school, D(2026, 11, 25)).name == "summer"
    assert clock.previous_term(school, D(2027, 2, 1)).name == "autumn"


@pytest.mark.django_db
def test_default_review_date_is_the_end_of_term(school):
    assert clock.default_review_date(school, D(2026, 10, 1)) == D(2026, 12, 19)
    # Within two weeks of the end of term: the end of the next term.
    assert clock.default_review_date(school, D(2026, 12, 10)) == D(2027, 3, 31)


@pytest.mark.django_db
def test_out_of_date_after_more_than_a_term(school):
    today = D(2027, 2, 1)  # spring; the previous term is autumn 2026
    assert not clock.is_out_of_date(school, D(2026, 10, 1), today)
    assert clock.is_out_of_date(school, D(2026, 7, 1), today)
    assert clock.is_out_of_date(school, None, today)
