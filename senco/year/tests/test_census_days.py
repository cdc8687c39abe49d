"""Census days as data: the first Thursday of October, the third of January and of May."""

import datetime

import pytest

from senco.year.census import (
    SOURCE,
    census_days,
    census_days_between,
    next_census_day,
)

D = datetime.date


def test_the_days_of_2025_26_are_the_dfe_guide_s():
    # DfE, "School census 2025 to 2026: guide": 2 October 2025, 15 January, 21 May 2026.
    days = census_days(2025)
    assert [c.date for c in days] == [D(2025, 10, 2), D(2026, 1, 15), D(2026, 5, 21)]
    assert [c.name for c in days] == ["Autumn census", "Spring census", "Summer census"]
    assert [c.rule for c in days] == [
        "the first Thursday of October",
        "the third Thursday of January",
        "the third Thursday of May",
    ]
    assert all(c.source == SOURCE for c in days)
    assert "School census 2025 to 2026: guide" in SOURCE


@pytest.mark.parametrize("year", range(2020, 2040))
def test_every_census_day_is_a_thursday_in_its_week(year):
    autumn, spring, summer = census_days(year)
    assert all(c.date.weekday() == 3 for c in (autumn, spring, summer))
    assert (autumn.date.year, autumn.date.month) == (year, 10) and autumn.date.day <= 7
    assert (spring.date.year, spring.date.month) == (year + 1, 1)
    assert 15 <= spring.date.day <= 21
    assert (summer.date.year, summer.date.month) == (year + 1, 5)
    assert 15 <= summer.date.day <= 21


def test_the_next_census_day_after_a_date():
    assert next_census_day(D(2026, 11, 27)).date == D(2027, 1, 21)
    assert next_census_day(D(2026, 9, 1)).date == D(2026, 10, 1)
    # On the day itself, that day: the register can still be put right.
    assert next_census_day(D(2026, 10, 1)).date == D(2026, 10, 1)
    assert next_census_day(D(2026, 10, 2)).date == D(2027, 1, 21)
    # After the summer census, the autumn one of the next academic year.
    assert next_census_day(D(2027, 5, 21)).date == D(2027, 10, 7)
    assert next_census_day(D(2027, 8, 1)).date == D(2027, 10, 7)


def test_census_days_between_two_dates():
    found = census_days_between(D(2026, 9, 1), D(2027, 10, 7))
    assert [c.date for c in found] == [
        D(2026, 10, 1),
        D(2027, 1, 21),
        D(2027, 5, 20),
        D(2027, 10, 7),
    ]
    assert census_days_between(D(2026, 10, 2), D(2027, 1, 20)) == []
    assert next_census_day(D(2026, 11, 1)).check_from == D(2027, 1, 7)
