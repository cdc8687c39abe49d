"""Reads of schools: the one place term dates and closure days come out of the database."""

from senco.lib.clock import TermDates
from senco.lib.prepared import Prepared
from senco.schools.models import ClosureDay, Term

# Most pages read the school's terms or closures (the clock, due dates, the calendar): each
# query is written once (senco/lib/prepared.py), not built by the ORM on every request.
_terms_of = Prepared(
    lambda school: Term.objects.filter(school_id=school).values_list(
        "name", "academic_year", "starts_on", "ends_on"
    )
)
_closures_of = Prepared(
    lambda school: ClosureDay.objects.filter(school_id=school).values_list("date")
)


def saved_terms(school) -> list[TermDates]:
    """Every term date the school has set, in one query, for the pure functions of
    senco/lib/clock.py (which fill in the usual dates for any term not set)."""
    return [
        TermDates(name, year, starts_on, ends_on)
        for name, year, starts_on, ends_on in _terms_of.rows(school=school.pk)
    ]


def saved_closures(school) -> frozenset:
    """The days the school is closed, for the statutory clock's working days: one query."""
    return frozenset(day for (day,) in _closures_of.rows(school=school.pk))
