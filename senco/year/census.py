"""The school census days, as data with their source, in one place.

The DfE collects the school census three times a year, each on a Thursday: the autumn
census on the first Thursday of October, the spring census on the third Thursday of
January and the summer census on the third Thursday of May. Schools send what their
register says on that day, so the SENCO checks the register in the two weeks before each
(the trust toolkit's calendars: "Check census data is accurate", seed 002).

Pure functions: no database, no clock. An academic year is named by the year it starts in
(`senco.lib.clock.academic_year_of`): the census days of 2026 are 1 October 2026,
21 January 2027 and 20 May 2027.
"""

import datetime
from dataclasses import dataclass

from senco.lib.clock import academic_year_of

SOURCE = 'DfE, "School census 2025 to 2026: guide"'
# How long before a census day the register is checked: the calendar's "Check the register
# for the census" and the home page's reminder start this many days before it.
CHECK_WINDOW = datetime.timedelta(days=14)
THURSDAY = 3
ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth"}
MONTHS = {1: "January", 5: "May", 10: "October"}


@dataclass(frozen=True)
class CensusRule:
    """Which Thursday of which month a census falls on."""

    term: str  # "autumn", "spring" or "summer", as senco.lib.clock names terms
    name: str  # "Autumn census"
    month: int
    nth: int  # the nth Thursday of the month

    @property
    def rule(self) -> str:
        return f"the {ORDINALS[self.nth]} Thursday of {MONTHS[self.month]}"

    def day_in(self, academic_year: int) -> datetime.date:
        """This census's day in the academic year starting in September of `academic_year`."""
        year = academic_year if self.month >= 9 else academic_year + 1
        first = datetime.date(year, self.month, 1)
        to_thursday = (THURSDAY - first.weekday()) % 7
        return first + datetime.timedelta(days=to_thursday + 7 * (self.nth - 1))


# In the order they fall in an academic year.
CENSUS_RULES = (
    CensusRule("autumn", "Autumn census", 10, 1),
    CensusRule("spring", "Spring census", 1, 3),
    CensusRule("summer", "Summer census", 5, 3),
)


@dataclass(frozen=True)
class CensusDay:
    date: datetime.date
    census: CensusRule

    @property
    def name(self) -> str:
        return self.census.name

    @property
    def rule(self) -> str:
        return self.census.rule

    @property
    def source(self) -> str:
        return SOURCE

    @property
    def check_from(self) -> datetime.date:
        """The first day of the two weeks before it in which the register is checked."""
        return self.date - CHECK_WINDOW

    def days_from(self, today: datetime.date) -> int:
        return (self.date - today).days


def census_days(academic_year: int) -> list[CensusDay]:
    """The three census days of an academic year, in order."""
    return [CensusDay(rule.day_in(academic_year), rule) for rule in CENSUS_RULES]


def next_census_day(day: datetime.date) -> CensusDay:
    """The first census day on or after `day` (on a census day, that day itself: the
    register can still be put right before the MIS sends it)."""
    year = academic_year_of(day)
    for census in census_days(year) + census_days(year + 1):
        if census.date >= day:
            return census
    raise AssertionError("unreachable: every academic year has a census in May")


def census_days_between(start: datetime.date, end: datetime.date) -> list[CensusDay]:
    """Every census day from `start` to `end` (inclusive), in order."""
    found = []
    for year in range(academic_year_of(start), academic_year_of(end) + 1):
        found += [c for c in census_days(year) if start <= c.date <= end]
    return found
