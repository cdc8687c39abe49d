"""Provision maps built from rows already read (`map_selectors.py` reads them): pure
functions, no queries. What a group costs and how long it takes come from `costs.py`.

- A *period* is an academic year or a term. A group is in the map when its dates overlap
  the period; a member when their time in the group overlaps it.
- A group's sessions in the period: the held sessions recorded in the period when any
  session is recorded for the group; before the first is recorded, the sessions planned in
  the period (costs.py's rule, over the period's part of the group's dates).
- "Hours a week" of a group is the staff time it takes a week (`costs.weekly_hours`).
- Slices (a year group, a class, SEN support or EHC plan, a pupil) share a group's cost
  and staff hours between its pupils: a slice holding 2 of a group's 4 pupils carries half
  of it. Slices by the group itself (its intervention's area and wave, who delivers it)
  carry the whole group. So the rows of every slice but the class add up to the school's
  total (a pupil in several classes counts in each).
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from senco.lib import clock
from senco.lib.codes import YEAR_GROUP_LABELS, BroadArea, Provision
from senco.provision import costs
from senco.provision.models import Intervention, InterventionGroup

# Figures resting on fewer pupils than this are "too few pupils to judge".
FEW = 5
ZERO = Decimal(0)
HUNDREDTH = Decimal("0.01")


@dataclass(frozen=True)
class Period:
    key: str  # "2025" (an academic year) or "2025-autumn" (a term)
    label: str
    starts_on: datetime.date
    ends_on: datetime.date


def year_period(academic_year: int) -> Period:
    return Period(
        str(academic_year),
        f"Academic year {clock.academic_year_label(academic_year)}",
        datetime.date(academic_year, 9, 1),
        datetime.date(academic_year + 1, 8, 31),
    )


def periods(saved_terms, today: datetime.date) -> list[Period]:
    """The periods a map may show: last, this and next academic year and their terms."""
    this = clock.academic_year_of(today)
    found = []
    for year in (this, this - 1, this + 1):
        found.append(year_period(year))
        found += [
            Period(f"{year}-{t.name}", t.label, t.starts_on, t.ends_on)
            for t in clock.school_terms(saved_terms, year)
        ]
    return found


@dataclass(frozen=True)
class PupilFacts:
    id: int
    name: str
    year_group: int
    sen_provision: str
    classes: tuple[tuple[int, str], ...] = ()

    @property
    def year_label(self) -> str:
        return YEAR_GROUP_LABELS.get(self.year_group, str(self.year_group))

    @property
    def provision_label(self) -> str:
        return Provision(self.sen_provision).label


@dataclass
class GroupFacts:
    """A group as the map counts it in one period."""

    group: InterventionGroup
    intervention: Intervention
    staff_key: str
    staff_label: str
    sessions: int
    members: list[PupilFacts]
    weekly_hours: Decimal = ZERO
    cost: Decimal = ZERO

    def __post_init__(self):
        self.weekly_hours = costs.weekly_hours(self.intervention, self.group)
        self.cost = costs.group_cost(self.intervention, self.sessions)


def sessions_in(
    group: InterventionGroup,
    period: Period,
    *,
    recorded: int,
    held_in_period: int,
    closures: Iterable[datetime.date] = (),
) -> int:
    """The sessions a group's cost counts in the period (see the module's docstring)."""
    if recorded:
        return held_in_period
    closures = frozenset(closures)
    before = period.starts_on - datetime.timedelta(days=1)
    return costs.planned_sessions(
        group, until=period.ends_on, closures=closures
    ) - costs.planned_sessions(group, until=before, closures=closures)


@dataclass(frozen=True)
class MapFilter:
    """What a map is limited to. Pupil filters keep a share of a group; group filters the
    whole group."""

    year: int | None = None
    sen: str = ""
    pupil_ids: frozenset | None = None  # the pupils a person may see, or one class's
    area: str = ""
    wave: int | None = None
    staff: str = ""

    @property
    def by_pupil(self) -> bool:
        return self.year is not None or bool(self.sen) or self.pupil_ids is not None

    def keeps_group(self, g: GroupFacts) -> bool:
        return (
            (not self.area or g.intervention.area == self.area)
            and (self.wave is None or g.intervention.wave == self.wave)
            and (not self.staff or g.staff_key == self.staff)
        )

    def keeps_pupil(self, p: PupilFacts) -> bool:
        return (
            (self.year is None or p.year_group == self.year)
            and (not self.sen or p.sen_provision == self.sen)
            and (self.pupil_ids is None or p.id in self.pupil_ids)
        )


@dataclass
class Share:
    """A group's part in a map: which of its pupils, and their share of its cost and time."""

    facts: GroupFacts
    pupils: list[PupilFacts]
    hours: Decimal
    cost: Decimal


def shares(groups: Iterable[GroupFacts], filt: MapFilter) -> list[Share]:
    found = []
    for g in groups:
        if not filt.keeps_group(g):
            continue
        kept = [p for p in g.members if filt.keeps_pupil(p)]
        if len(kept) == len(g.members):
            if not kept and filt.by_pupil:
                continue
            found.append(Share(g, kept, g.weekly_hours, g.cost))
        elif kept:
            n, k = len(g.members), len(kept)
            found.append(Share(g, kept, g.weekly_hours * k / n, costs.money(g.cost * k / n)))
    return found


@dataclass
class Line:
    """One intervention in a map."""

    intervention: Intervention
    groups: list[GroupFacts] = field(default_factory=list)
    pupil_ids: set = field(default_factory=set)
    staff: set = field(default_factory=set)
    hours: Decimal = ZERO
    sessions: int = 0
    cost: Decimal = ZERO

    @property
    def pupils(self) -> int:
        return len(self.pupil_ids)

    @property
    def staff_names(self) -> str:
        """Who delivers it, in alphabetical order (the same on the page and in downloads)."""
        return ", ".join(sorted(self.staff))

    @property
    def per_pupil(self) -> Decimal | None:
        return costs.per_pupil(self.cost, self.pupils)

    @property
    def too_few(self) -> bool:
        return self.pupils < FEW


@dataclass
class Totals:
    pupils: int = 0
    groups: int = 0
    hours: Decimal = ZERO
    sessions: int = 0
    cost: Decimal = ZERO

    @property
    def per_pupil(self) -> Decimal | None:
        return costs.per_pupil(self.cost, self.pupils)

    @property
    def too_few(self) -> bool:
        return self.pupils < FEW


@dataclass
class ProvisionMap:
    period: Period
    lines: list[Line]
    totals: Totals
    pupil_ids: set

    @property
    def empty(self) -> bool:
        return not self.lines


def build_map(groups: Iterable[GroupFacts], period: Period, filt: MapFilter) -> ProvisionMap:
    lines: dict[int, Line] = {}
    everyone: set = set()
    totals = Totals()
    for s in shares(groups, filt):
        i = s.facts.intervention
        line = lines.setdefault(i.pk, Line(i))
        line.groups.append(s.facts)
        line.pupil_ids |= {p.id for p in s.pupils}
        line.staff.add(s.facts.staff_label)
        line.hours += s.hours
        line.sessions += s.facts.sessions
        line.cost += s.cost
        everyone |= {p.id for p in s.pupils}
        totals.groups += 1
        totals.hours += s.hours
        totals.sessions += s.facts.sessions
        totals.cost += s.cost
    totals.pupils = len(everyone)
    ordered = sorted(lines.values(), key=lambda x: (x.intervention.wave, x.intervention.name))
    return ProvisionMap(period, ordered, totals, everyone)


# --- Slices ---------------------------------------------------------------------------------

SLICES = {
    "pupil": "Pupil",
    "class": "Class",
    "year": "Year group",
    "area": "Broad area of need",
    "wave": "Wave",
    "sen": "SEN support or EHC plan",
    "staff": "Member of staff",
}
# Slices by the pupil share a group; the others take it whole.
PUPIL_SLICES = frozenset({"pupil", "class", "year", "sen"})


@dataclass
class SliceRow:
    key: object
    label: str
    pupil_ids: set = field(default_factory=set)
    groups: set = field(default_factory=set)
    hours: Decimal = ZERO
    cost: Decimal = ZERO

    @property
    def pupils(self) -> int:
        return len(self.pupil_ids)

    @property
    def per_pupil(self) -> Decimal | None:
        return costs.per_pupil(self.cost, self.pupils)

    @property
    def too_few(self) -> bool:
        return self.pupils < FEW


def _pupil_keys(by: str) -> Callable[[PupilFacts], list[tuple[object, str]]]:
    return {
        "pupil": lambda p: [(p.id, p.name)],
        "class": lambda p: list(p.classes),
        "year": lambda p: [(p.year_group, p.year_label)],
        "sen": lambda p: [(p.sen_provision, p.provision_label)],
    }[by]


def _group_key(by: str, g: GroupFacts) -> tuple[object, str]:
    if by == "area":
        return g.intervention.area, BroadArea(g.intervention.area).label
    if by == "wave":
        return g.intervention.wave, Intervention.Wave(g.intervention.wave).label
    return g.staff_key, g.staff_label


def slice_rows(groups: Iterable[GroupFacts], filt: MapFilter, by: str) -> list[SliceRow]:
    """The map cut by `by` (a key of SLICES): each value with its pupils, hours and cost."""
    rows: dict[object, SliceRow] = {}
    for s in shares(groups, filt):
        g = s.facts
        if by in PUPIL_SLICES:
            n = len(g.members)
            if not n:
                continue
            each_hours, each_cost = g.weekly_hours / n, g.cost / n
            for p in s.pupils:
                for key, label in _pupil_keys(by)(p):
                    row = rows.setdefault(key, SliceRow(key, label))
                    row.pupil_ids.add(p.id)
                    row.groups.add(g.group.pk)
                    row.hours += each_hours
                    row.cost += each_cost
        else:
            key, label = _group_key(by, g)
            row = rows.setdefault(key, SliceRow(key, label))
            row.pupil_ids |= {p.id for p in s.pupils}
            row.groups.add(g.group.pk)
            row.hours += s.hours
            row.cost += s.cost
    for row in rows.values():
        row.cost = costs.money(row.cost)
    if by == "pupil":
        return sorted(rows.values(), key=lambda r: r.label)
    return sorted(rows.values(), key=lambda r: (str(type(r.key)), r.key))


def slice_totals(rows: list[SliceRow]) -> Totals:
    everyone = set().union(*(r.pupil_ids for r in rows)) if rows else set()
    return Totals(
        pupils=len(everyone),
        groups=len(set().union(*(r.groups for r in rows))) if rows else 0,
        hours=sum((r.hours for r in rows), ZERO),
        cost=sum((r.cost for r in rows), ZERO),
    )


# --- One pupil ------------------------------------------------------------------------------


@dataclass
class PupilLine:
    """A group a pupil belongs to, with their time in it and their share of its cost."""

    facts: GroupFacts
    joined_on: datetime.date
    left_on: datetime.date | None
    hours: Decimal  # the pupil's own time in the group a week
    cost: Decimal | None  # their share of the group's cost in the period


def pupil_lines(groups: Iterable[GroupFacts], pupil_id: int, dates: dict) -> list[PupilLine]:
    """`dates`: group id -> (joined_on, left_on) of the pupil's membership."""
    lines = []
    for g in groups:
        if not any(p.id == pupil_id for p in g.members):
            continue
        joined, left = dates[g.group.pk]
        lines.append(
            PupilLine(g, joined, left, g.weekly_hours, costs.per_pupil(g.cost, len(g.members)))
        )
    return sorted(lines, key=lambda x: (x.facts.group.starts_on, x.facts.intervention.name))


def hours(value: Decimal) -> Decimal:
    """Hours shown to two places at most (1.5, not 1.500000)."""
    return Decimal(value).quantize(HUNDREDTH).normalize() if value else ZERO
