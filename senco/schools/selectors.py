"""Reads of schools: the one place term dates come out of the database."""

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
