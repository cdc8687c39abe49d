"""Reads of schools: the one place term dates and closure days come out of the database."""

from senco.lib.clock import TermDates


def saved_terms(school) -> list[TermDates]:
    """Every term date the school has set, in one query, for the pure functions of
    senco/lib/clock.py (which fill in the usual dates for any term not set)."""
    return [
        TermDates(name, year, starts_on, ends_on)
        for name, year, starts_on, ends_on in school.terms.values_list(
            "name", "academic_year", "starts_on", "ends_on"
        )
    ]


def saved_closures(school) -> frozenset:
    """The days the school is closed, for the statutory clock's working days: one query."""
    return frozenset(school.closure_days.values_list("date", flat=True))
