"""Dates that follow from rules: terms, review dates and when records go out of date.

Views and services ask here; they never do date arithmetic of their own.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

# The statutory clock of EHC plans: other code asks clock.statutory(...) and friends.
from senco.lib.statutory import (  # noqa: F401
    Deadline,
    add_working_days,
    is_working_day,
    phase_transfer_deadline,
    statutory,
    working_days_between,
)

# When a school has not set its term dates, senco uses the usual pattern in England:
# autumn 1 September to the Friday before Christmas, spring from early January to the
# Thursday before Easter, summer to about 22 July. The SENCO can set the real dates.
DEFAULT_TERMS = (
    ("autumn", (9, 1), (12, 19)),
    ("spring", (1, 5), (3, 31)),
    ("summer", (4, 14), (7, 22)),
)
TERM_LABELS = {"autumn": "Autumn term", "spring": "Spring term", "summer": "Summer term"}
# Without term dates, "more than a term" is taken as this many days.
TERM_LENGTH_DAYS = 122


def academic_year_label(academic_year: int) -> str:
    """2026 -> "2026/27": the academic year that starts in September 2026."""
    return f"{academic_year}/{(academic_year + 1) % 100:02d}"


@dataclass(frozen=True)
class TermDates:
    name: str
    academic_year: int
    starts_on: datetime.date
    ends_on: datetime.date

    @property
    def label(self) -> str:
        return f"{TERM_LABELS[self.name]} {academic_year_label(self.academic_year)}"


# A school's own term dates, as `senco.schools.selectors.saved_terms` reads them: any
# years, any order, any of them missing. Every function below takes them as an argument.
SavedTerms = Iterable[TermDates]


def academic_year_of(day: datetime.date) -> int:
    """The year in which the academic year containing `day` started (1 September)."""
    return day.year if day.month >= 9 else day.year - 1


def default_terms(academic_year: int) -> list[TermDates]:
    terms = []
    for name, (sm, sd), (em, ed) in DEFAULT_TERMS:
        year = academic_year if sm >= 9 else academic_year + 1
        terms.append(
            TermDates(
                name,
                academic_year,
                datetime.date(year, sm, sd),
                datetime.date(year if em >= sm else year + 1, em, ed),
            )
        )
    return terms


def school_terms(saved: SavedTerms, academic_year: int) -> list[TermDates]:
    """The school's terms for the year, falling back to the usual dates for any not set."""
    mine = {t.name: t for t in saved if t.academic_year == academic_year}
    return [mine.get(t.name, t) for t in default_terms(academic_year)]


def current_term(saved: SavedTerms, today: datetime.date) -> TermDates:
    """The term containing `today`, or, in a holiday, the next term to start."""
    saved = list(saved)
    year = academic_year_of(today)
    terms = school_terms(saved, year) + school_terms(saved, year + 1)
    for term in terms:
        if today <= term.ends_on:
            return term
    return terms[-1]


def previous_term(saved: SavedTerms, today: datetime.date) -> TermDates:
    saved = list(saved)
    term = current_term(saved, today)
    year = term.academic_year
    terms = school_terms(saved, year - 1) + school_terms(saved, year)
    index = next(i for i, t in enumerate(terms) if t.name == term.name and t.academic_year == year)
    return terms[index - 1]


# A plan needs time to work before it is reviewed: at least six weeks of school.
MIN_SCHOOL_WEEKS_BEFORE_REVIEW = 6


def school_days_between(saved: SavedTerms, start: datetime.date, end: datetime.date) -> int:
    """Weekdays in term time after `start`, up to and including `end`."""
    saved = list(saved)
    terms = []
    for year in range(academic_year_of(start), academic_year_of(end) + 1):
        terms += school_terms(saved, year)
    days = 0
    for term in terms:
        first = max(term.starts_on, start + datetime.timedelta(days=1))
        last = min(term.ends_on, end)
        day = first
        while day <= last:
            days += day.weekday() < 5
            day += datetime.timedelta(days=1)
    return days


def default_review_date(saved: SavedTerms, today: datetime.date) -> datetime.date:
    """A new plan is reviewed by the end of the current term (Code of Practice 6.48: at
    least termly), provided that leaves six weeks of school for it to work; otherwise by
    the end of the next term."""
    saved = list(saved)
    term = current_term(saved, today)
    enough = 5 * MIN_SCHOOL_WEEKS_BEFORE_REVIEW
    if school_days_between(saved, today, term.ends_on) < enough:
        return current_term(saved, term.ends_on + datetime.timedelta(days=1)).ends_on
    return term.ends_on


def is_out_of_date(
    saved: SavedTerms, last_reviewed: datetime.date | None, today: datetime.date
) -> bool:
    """A passport or profile not reviewed for more than a term: not in this term or the last."""
    if last_reviewed is None:
        return True
    return last_reviewed < previous_term(saved, today).starts_on


def term_ending_on(saved: SavedTerms, day: datetime.date) -> TermDates | None:
    """The term whose last day is `day`, if any."""
    for term in school_terms(saved, academic_year_of(day)):
        if term.ends_on == day:
            return term
    return None
