"""Reads for the comparison pages: a school's (or a trust's) attendance and suspensions for
a year, and term by term for up to three years, as pupils' sums (`figures.PupilYear`).

A fixed number of queries whatever the rows: the periods (one), the attendance rows of
every period wanted (one), the suspensions (one), and for a year with suspensions but no
attendance, the pupils on roll now (one).
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from senco.outcomes import figures
from senco.outcomes.figures import TERM_LABELS, TERMS, P, PupilYear, S
from senco.outcomes.models import Period, Suspension

TREND_YEARS = 3


def term_label(year: int, term: str, *, short: bool = False) -> str:
    """ "Autumn 2023/24", or for a chart's axis "Aut 23"."""
    calendar = year if term == "autumn" else year + 1
    if short:
        return f"{TERM_LABELS[term][:3]} {calendar % 100:02d}"
    return f"{TERM_LABELS[term]} term {year}/{(year + 1) % 100:02d}"


@dataclass
class Term:
    year: int
    term: str
    pupils: dict[int, PupilYear]  # their sessions in the term (the roll of the term)
    suspensions: list[S] = field(default_factory=list)

    @property
    def label(self) -> str:
        return term_label(self.year, self.term)

    @property
    def short(self) -> str:
        return term_label(self.year, self.term, short=True)


@dataclass
class Year:
    """A school's figures for one academic year."""

    years: list[int]  # every year with data, newest first
    year: int | None  # the year shown (None: no data at all)
    pupils: dict[int, PupilYear]  # each pupil's sessions in the year
    periods: list[P]  # the periods that make the year
    terms: list[Term] = field(default_factory=list)  # oldest first
    suspensions: list[S] = field(default_factory=list)  # of the year
    roll_now: bool = False  # the roll is today's pupils (no attendance for the year)
    # Each year of the trend as its own page shows it (pupils, suspensions): a term's
    # figures are decided with their year's (the terms' suspensions add up to the year's).
    trend_years: dict[int, tuple] = field(default_factory=dict)


def _trend_years(years: list[int], year: int) -> list[int]:
    return sorted(y for y in years if year - TREND_YEARS < y <= year)


def attendance_year(
    school, year: int | None, *, trend: bool = True, with_suspensions: bool = False
) -> Year | None:
    """The year asked for (default: the latest with data), or None for a year without
    attendance; `with_suspensions`: with the year's (and terms') suspensions too (one query),
    for the figures hidden alike on the attendance and suspensions pages."""
    every = figures.periods(school)
    years = figures.years_with_data(every)
    if year is None:
        year = years[0] if years else None
    elif year not in years:
        return None
    if year is None:
        return Year(years, None, {}, [])
    chosen = figures.year_periods(every, year)
    terms = _term_periods(every, years, year) if trend else []
    wanted = _trend_years(years, year) if trend else [year]
    of_years = {y: figures.year_periods(every, y) for y in wanted}
    by_period = figures.attendance_rows(
        [
            *chosen,
            *(p for _y, _t, ps in terms for p in ps),
            *(p for ps in of_years.values() for p in ps),
        ]
    )
    found = Year(years, year, figures.pupil_years(by_period, chosen), chosen)
    found.terms = [Term(y, t, figures.pupil_years(by_period, ps)) for y, t, ps in terms]
    every_suspension = figures.suspensions(school, wanted) if with_suspensions else []
    if with_suspensions:
        found.suspensions = [s for s in every_suspension if _year_of(s) == year]
        for term in found.terms:
            term.suspensions = [
                s
                for s in every_suspension
                if (_year_of(s), _term_of_day(s.starts)) == (term.year, term.term)
            ]
    if trend:
        found.trend_years = {
            y: (
                figures.pupil_years(by_period, ps),
                [s for s in every_suspension if _year_of(s) == y],
            )
            for y, ps in of_years.items()
        }
    return found


def _term_periods(every: list[P], years: list[int], year: int) -> list[tuple]:
    found = []
    for y in _trend_years(years, year):
        for t in TERMS:
            ps = figures.term_periods(every, y, t)
            if ps:
                found.append((y, t, ps))
    return found


def suspension_years(school) -> list[int]:
    return list(
        Suspension.objects.filter(school=school)
        .order_by()
        .values_list("academic_year", flat=True)
        .distinct()
    )


def suspension_year(school, year: int | None, *, trend: bool = True) -> Year | None:
    """Suspensions of the year asked for (default: the latest with attendance or
    suspensions) with the pupils on roll then; None for a year with neither."""
    every = figures.periods(school)
    years = sorted(
        set(figures.years_with_data(every)) | set(suspension_years(school)), reverse=True
    )
    if year is None:
        year = years[0] if years else None
    elif year not in years:
        return None
    if year is None:
        return Year(years, None, {}, [])
    chosen = figures.year_periods(every, year)
    terms = _term_periods(every, years, year) if trend else []
    wanted = _trend_years(years, year) if trend else [year]
    of_years = {y: figures.year_periods(every, y) for y in wanted}
    by_period = figures.attendance_rows(
        [
            *chosen,
            *(p for _y, _t, ps in terms for p in ps),
            *(p for ps in of_years.values() for p in ps),
        ]
    )
    found_all = figures.suspensions(school, wanted)
    of_year = [s for s in found_all if _year_of(s) == year]
    pupils = figures.pupil_years(by_period, chosen)
    roll_now = not pupils
    if roll_now:
        pupils = figures.on_roll_now(school)
    found = Year(years, year, figures.roll(pupils, of_year), chosen, suspensions=of_year)
    found.roll_now = roll_now
    if trend:
        found.trend_years = {
            y: (
                figures.pupil_years(by_period, ps) or found.pupils,
                [s for s in found_all if _year_of(s) == y],
            )
            for y, ps in of_years.items()
        }
        by_term: dict[tuple, list[S]] = {}
        for s in found_all:
            by_term.setdefault((_year_of(s), _term_of_day(s.starts)), []).append(s)
        term_rolls = {(y, t): figures.pupil_years(by_period, ps) for y, t, ps in terms}
        for y in _trend_years(years, year):
            for t in TERMS:
                roll = term_rolls.get((y, t))
                if roll is None and (y, t) not in by_term:
                    continue
                susp = by_term.get((y, t), [])
                found.terms.append(Term(y, t, figures.roll(roll or found.pupils, susp), susp))
    return found


def _year_of(s: S) -> int:
    return s.starts.year if s.starts.month >= 9 else s.starts.year - 1


def _term_of_day(day) -> str:
    if day.month >= 9:
        return "autumn"
    if day.month <= 3:
        return "spring"
    return "summer"


# --- A trust --------------------------------------------------------------------------------


@dataclass
class SchoolYear:
    school: object
    attendance: dict[int, PupilYear]
    roll: dict[int, PupilYear]
    suspensions: list[S]


def trust_year(
    schools: list, year: int | None, more_years: Iterable[int] = ()
) -> tuple[list[int], int | None, list[SchoolYear]]:
    """Every school's pupils and suspensions in one year (default: the latest with data in
    any school, or among `more_years`, the years of other data the page shows): four
    queries whatever the schools and rows. The year is None when it is not one with data."""
    ids = [s.pk for s in schools]
    by_school: dict[int, list[P]] = {i: [] for i in ids}
    rows = Period.objects.filter(school_id__in=ids).values_list(
        "school_id", "id", "academic_year", "kind", "starts", "ends"
    )
    for school_id, *rest in rows.order_by("starts", "ends"):
        by_school[school_id].append(P(*rest))
    susp_years = set(
        Suspension.objects.filter(school_id__in=ids)
        .order_by()
        .values_list("academic_year", flat=True)
        .distinct()
    )
    years = sorted(
        {p.year for ps in by_school.values() for p in ps} | susp_years | set(more_years),
        reverse=True,
    )
    if year is None:
        year = years[0] if years else None
    elif year not in years:
        return years, None, []
    if year is None:
        return years, None, []
    chosen = {i: figures.year_periods(by_school[i], year) for i in ids}
    by_period = figures.attendance_rows([p for ps in chosen.values() for p in ps])
    found_by_school: dict[int, list[S]] = {i: [] for i in ids}
    srows = (
        Suspension.objects.filter(school_id__in=ids, academic_year=year)
        .order_by("starts", "id")
        .values_list("school_id", *figures.SUSPENSION_FIELDS)
    )
    for school_id, *rest in srows:
        found_by_school[school_id].append(S(*rest))
    out = []
    for s in schools:
        pupils = figures.pupil_years(by_period, chosen[s.pk])
        susp = found_by_school[s.pk]
        # Suspensions per 100 need the roll: none without the year's attendance.
        out.append(SchoolYear(s, pupils, figures.roll(pupils, susp) if pupils else {}, susp))
    return years, year, out
