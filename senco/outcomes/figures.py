"""A school's attendance and suspensions as `groups.Unit`s: the queries behind the pages.

Which periods make a year, and a term (decided here, tested in test_attendance_figures.py):

- **A year** is the "year to date" period when one ends last of all the year's periods (the
  MIS's own total). Otherwise it is the terms and half terms that do not overlap: terms
  first (the longer period wins), then the half terms that fill what no term covers. A
  "year to date" that ends before another period is left out (it would count its weeks
  twice).
- **A term** (autumn: starting September to December; spring: January to March; summer:
  April to August) is its "term" period if there is one, else its half terms, never
  overlapping, the same way.

A pupil's figure for a year or term is the sum of their rows in those periods; they are
grouped as they were at the end of the last of them (`provision`, `need`, `year_group`
on the row), and by today's sex and pupil premium.

Every function reads values (`values_list`), never model instances: a 1,100-pupil school
with three years of half terms is about 20,000 rows.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from senco.outcomes.groups import Unit, pupil_facts
from senco.outcomes.models import Attendance, Period, Suspension
from senco.pupils.models import Pupil

# A pupil who misses this share of their possible sessions or more is persistently absent.
PERSISTENT = 0.10
TERMS = ("autumn", "spring", "summer")
TERM_LABELS = {"autumn": "Autumn", "spring": "Spring", "summer": "Summer"}


@dataclass(frozen=True)
class P:
    """A period as the figures need it."""

    id: int
    year: int
    kind: str
    starts: datetime.date
    ends: datetime.date


def periods(school) -> list[P]:
    """Every attendance period of the school (one query)."""
    rows = Period.objects.filter(school=school).values_list(
        "id", "academic_year", "kind", "starts", "ends"
    )
    return [P(*r) for r in rows.order_by("starts", "ends")]


def years_with_data(all_periods: list[P]) -> list[int]:
    """The academic years with a period, newest first."""
    return sorted({p.year for p in all_periods}, reverse=True)


def term_of(p: P) -> str:
    if p.starts.month >= 8:
        return "autumn"
    if p.starts.month <= 3:
        return "spring"
    return "summer"


def _without_overlap(candidates: list[P]) -> list[P]:
    """The longest first, then any that overlap none already taken; in date order."""
    taken: list[P] = []
    for p in sorted(candidates, key=lambda p: (-(p.ends - p.starts).days, p.starts, p.id)):
        if all(p.ends < q.starts or p.starts > q.ends for q in taken):
            taken.append(p)
    return sorted(taken, key=lambda p: p.starts)


def year_periods(all_periods: list[P], year: int) -> list[P]:
    """The periods whose rows add up to the year (see the module's docstring)."""
    of_year = [p for p in all_periods if p.year == year]
    if not of_year:
        return []
    last_end = max(p.ends for p in of_year)
    to_date = [p for p in of_year if p.kind == Period.Kind.TO_DATE and p.ends == last_end]
    if to_date:
        return [min(to_date, key=lambda p: p.starts)]
    return _without_overlap([p for p in of_year if p.kind != Period.Kind.TO_DATE])


def term_periods(all_periods: list[P], year: int, term: str) -> list[P]:
    """The periods whose rows add up to one term of the year."""
    of_term = [
        p
        for p in all_periods
        if p.year == year and p.kind != Period.Kind.TO_DATE and term_of(p) == term
    ]
    return _without_overlap(of_term)


NO_FACTS: dict = {}


@lru_cache(maxsize=4096)
def _facts(year_group: int, need: str, sex: str, pupil_premium: bool) -> dict:
    # The same few combinations for every pupil: building each pupil's anew (enum labels)
    # was most of a 1,100-pupil page's time.
    return pupil_facts(year_group=year_group, need=need, sex=sex, pupil_premium=pupil_premium)


@dataclass
class PupilYear:
    """One pupil's sessions over some periods, grouped as at the last of them."""

    pupil: int
    possible: int = 0
    attended: int = 0
    provision: str = "N"
    need: str = ""
    year_group: int = 0
    sex: str = ""
    pupil_premium: bool = False
    last: datetime.date | None = None

    @property
    def missed(self) -> int:
        return self.possible - self.attended

    @property
    def persistent(self) -> bool:
        return bool(self.possible) and self.missed >= PERSISTENT * self.possible

    @property
    def absence(self) -> float | None:
        return 100 * self.missed / self.possible if self.possible else None

    def facts(self, wanted: bool = True) -> dict:
        """What the pupil is grouped by (shared between units: never change it), or nothing
        where only the whole school is wanted (a term of a trend)."""
        if not wanted:
            return NO_FACTS
        return _facts(self.year_group, self.need, self.sex, self.pupil_premium)


@dataclass
class Rows:
    """The attendance rows of some periods, by period id, as tuples (pupil, possible,
    attended, provision, need, year group); and each of their pupils' (sex, pupil premium)."""

    by_period: dict[int, list]
    traits: dict[int, tuple]


def attendance_rows(chosen: Iterable[P]) -> Rows:
    """The rows of these periods (two queries: the rows, then their pupils' sex and pupil
    premium, read once a pupil rather than joined to each of ~20,000 rows)."""
    ids = sorted({p.id for p in chosen})
    by_period: dict[int, list] = {i: [] for i in ids}
    if not ids:
        return Rows(by_period, {})
    rows = (
        Attendance.objects.filter(period_id__in=ids)
        .order_by()
        .values_list(
            "period_id", "pupil_id", "possible", "attended", "provision", "need", "year_group"
        )
    )
    for period, *rest in rows.iterator(chunk_size=5000):
        by_period[period].append(rest)
    # The pupils of the periods' school(s): one school's roll, not an IN of every id.
    schools = Period.objects.filter(pk__in=ids).values("school_id")
    traits = {
        pk: (sex, pp)
        for pk, sex, pp in Pupil.objects.filter(school_id__in=schools)
        .order_by()
        .values_list("pk", "sex", "pupil_premium")
    }
    return Rows(by_period, traits)


def pupil_years(rows: Rows, chosen: Iterable[P]) -> dict[int, PupilYear]:
    """Each pupil's sum over the chosen periods' rows, by pupil id; grouped as they were at
    the end of the last period they have a row in."""
    found: dict[int, PupilYear] = {}
    traits = rows.traits
    for p in sorted(chosen, key=lambda p: p.ends):
        for pupil, possible, attended, provision, need, year_group in rows.by_period.get(p.id, ()):
            py = found.get(pupil)
            if py is None:
                sex, pp = traits.get(pupil, ("", False))
                py = found[pupil] = PupilYear(pupil, sex=sex, pupil_premium=pp)
            py.possible += possible
            py.attended += attended
            py.provision, py.need, py.year_group = provision, need, year_group
            py.last = p.ends
    return found


def absence_units(years: dict[int, PupilYear], *, facts: bool = True) -> list[Unit]:
    """Overall absence: missed sessions over possible sessions, one unit a pupil."""
    return [
        Unit(p.pupil, p.provision, p.missed, p.possible, p.facts(facts))
        for p in years.values()
        if p.possible
    ]


def persistent_units(years: dict[int, PupilYear], *, facts: bool = True) -> list[Unit]:
    """Persistent absence: 1 for a pupil who missed 10% or more, over 1."""
    return [
        Unit(p.pupil, p.provision, 1 if p.persistent else 0, 1, p.facts(facts))
        for p in years.values()
        if p.possible
    ]


# --- Suspensions ----------------------------------------------------------------------------


@dataclass(frozen=True)
class S:
    """A suspension or permanent exclusion as the figures need it."""

    pupil: int
    kind: str
    reason: str
    sessions: int | None
    starts: datetime.date
    provision: str
    need: str
    year_group: int
    sex: str
    pupil_premium: bool


SUSPENSION_FIELDS = (
    "pupil_id",
    "kind",
    "reason",
    "sessions",
    "starts",
    "provision",
    "need",
    "year_group",
    "pupil__sex",
    "pupil__pupil_premium",
)


def suspensions(school, years: Iterable[int]) -> list[S]:
    """The suspensions and permanent exclusions of these academic years (one query)."""
    rows = (
        Suspension.objects.filter(school=school, academic_year__in=list(years))
        .order_by("starts", "id")
        .values_list(*SUSPENSION_FIELDS)
    )
    return [S(*r) for r in rows]


def on_roll_now(school) -> dict[int, PupilYear]:
    """The pupils on roll today as `PupilYear`s with no sessions (one query): the
    denominator of suspensions in a year with no attendance imported."""
    rows = Pupil.objects.filter(school=school).values_list(
        "id", "sen_provision", "primary_need", "year_group", "sex", "pupil_premium"
    )
    return {
        r[0]: PupilYear(
            r[0], provision=r[1], need=r[2], year_group=r[3], sex=r[4], pupil_premium=r[5]
        )
        for r in rows.order_by()
    }


def roll(years: dict[int, PupilYear], found: list[S]) -> dict[int, PupilYear]:
    """The pupils on roll in the year: those with attendance, and any suspended pupil
    without (grouped as they were when first suspended)."""
    everyone = dict(years)
    for s in found:
        if s.pupil not in everyone:
            everyone[s.pupil] = PupilYear(
                s.pupil,
                provision=s.provision,
                need=s.need,
                year_group=s.year_group,
                sex=s.sex,
                pupil_premium=s.pupil_premium,
            )
    return everyone


def suspension_units(
    everyone: dict[int, PupilYear],
    found: list[S],
    *,
    kind: str = Suspension.Kind.SUSPENSION,
    facts: bool = True,
) -> list[Unit]:
    """One unit a pupil on roll: their suspensions (or permanent exclusions) over 1."""
    counts: dict[int, int] = {}
    for s in found:
        if s.kind == kind:
            counts[s.pupil] = counts.get(s.pupil, 0) + 1
    return [
        Unit(p.pupil, p.provision, counts.get(p.pupil, 0), 1, p.facts(facts))
        for p in everyone.values()
    ]


def suspended_pupil_units(
    everyone: dict[int, PupilYear], found: list[S], *, facts: bool = True
) -> list[Unit]:
    """One unit a pupil on roll: 1 if suspended at least once, over 1."""
    suspended = {s.pupil for s in found if s.kind == Suspension.Kind.SUSPENSION}
    return [
        Unit(p.pupil, p.provision, 1 if p.pupil in suspended else 0, 1, p.facts(facts))
        for p in everyone.values()
    ]


def reason_units(everyone: dict[int, PupilYear], found: list[S]) -> list[Unit]:
    """One unit a suspension, grouped by its reason: 1 over nothing (a count, no rate)."""
    labels = dict(Suspension.Reason.choices)
    units = []
    for s in found:
        if s.kind != Suspension.Kind.SUSPENSION:
            continue
        p = everyone.get(s.pupil)
        facts = dict(p.facts()) if p else {}
        facts["reason"] = (s.reason, labels.get(s.reason, s.reason))
        units.append(Unit(s.pupil, p.provision if p else s.provision, 1, 0, facts))
    return units


def sen_share(units: list[Unit]) -> tuple[float, float, float | None]:
    """The share of all suspensions that fell to pupils with SEN: (to pupils with SEN, all,
    percent)."""
    total = sum(u.num for u in units)
    sen = sum(u.num for u in units if u.provision in ("E", "K"))
    return sen, total, (100 * sen / total if total else None)
