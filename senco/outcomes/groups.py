"""The arithmetic every comparison shares: pupils' figures grouped by SEN and by one more
dimension, each group's rate, the gaps between groups, and who makes a gap.

A measure is a list of `Unit`s: one pupil's contribution, a numerator and a denominator, with
the facts the pupil is grouped by. For each measure:

- overall absence: one unit per pupil, missed sessions over possible sessions;
- persistent absence: one unit per pupil, 1 if they missed 10% or more, over 1;
- suspensions per 100 pupils: one unit per pupil on roll (0 for most), suspensions over 1;
- at or above the expected standard: one unit per result, 1 or 0 over 1;
- average result: one unit per result, its value over 1.

A group's rate is the sum of numerators over the sum of denominators (times `scale`: 100
for a percent). Pure functions: no database.

Who makes a gap: the gap between a group G and a comparison group C is rate(G) - rate(C).
Pupil i of G contributes (num_i - rate(C) * den_i) / den(G) * scale, and these add up to the
gap exactly; `contributors` ranks them and says how few pupils make most of it.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from senco.lib.codes import YEAR_GROUP_LABELS, BroadArea, Need, Provision, Sex, broad_area

# Fewer pupils than this in a group: "too few pupils to judge".
TOO_FEW = 10

# The three groups every comparison sets side by side, then the whole school.
SEN_GROUPS = (Provision.EHC_PLAN, Provision.SEN_SUPPORT, Provision.NONE)
ALL = "all"
GROUP_LABELS = {
    Provision.EHC_PLAN: "EHC plan",
    Provision.SEN_SUPPORT: "SEN support",
    Provision.NONE: "No SEN",
    ALL: "All pupils",
}


@dataclass(slots=True)
class Unit:
    """One pupil's part of a measure; read, never changed once made.

    Not a frozen dataclass: a page makes tens of thousands (one a pupil, measure and
    term), and a frozen one costs four times as much to make (32 ms against 7 for 30,000).
    """

    pupil: int  # the pupil's id
    provision: str  # "E", "K" or "N", as they were when the figure was taken
    num: float
    den: float = 1
    # What else the pupil is grouped by: "year", "need", "area", "sex", "pp", and for
    # results "subject" and "teacher"; each a (key, label) pair.
    facts: dict = field(default_factory=dict, compare=False)


def pupil_facts(*, year_group: int, need: str, sex: str, pupil_premium: bool) -> dict:
    """The facts every measure can be broken down by, as (key, label) pairs."""
    area = broad_area(need)
    return {
        "year": (year_group, YEAR_GROUP_LABELS.get(year_group, str(year_group))),
        "need": (need or "-", Need(need).label if need else "No need recorded"),
        "area": (area or "-", BroadArea(area).label if area else "No need recorded"),
        "sex": (sex, Sex(sex).label if sex in Sex.values else sex),
        "pp": (
            "pp" if pupil_premium else "not_pp",
            "Pupil premium" if pupil_premium else "Not pupil premium",
        ),
    }


# The dimensions a comparison can be broken down by, in the order pages offer them.
DIMENSIONS = {
    "year": "Year group",
    "area": "Broad area of need",
    "need": "Type of need",
    "sex": "Sex",
    "pp": "Pupil premium",
    "subject": "Subject",
    "teacher": "Teacher",
}


@dataclass(frozen=True)
class Cell:
    """One group's figure: `value` is None when it has no pupils."""

    pupils: int
    num: float
    den: float
    value: float | None

    @property
    def too_few(self) -> bool:
        """Fewer than 10 pupils: the figure is shown but not judged."""
        return self.pupils < TOO_FEW


EMPTY = Cell(pupils=0, num=0, den=0, value=None)


def cell(units: Iterable[Unit], *, scale: float = 100) -> Cell:
    pupils: set[int] = set()
    num = den = 0.0
    for u in units:
        pupils.add(u.pupil)
        num += u.num
        den += u.den
    if not den:
        return Cell(pupils=len(pupils), num=num, den=den, value=None)
    return Cell(pupils=len(pupils), num=num, den=den, value=num / den * scale)


@dataclass(frozen=True)
class Row:
    """One value of a dimension (or the whole school) with a cell per SEN group and all."""

    key: object
    label: str
    cells: dict  # "E", "K", "N", "all" -> Cell
    units: dict = field(compare=False, hash=False)  # the same keys -> the units behind them

    def gap(self, group: str, against: str = Provision.NONE) -> float | None:
        a, b = self.cells[group].value, self.cells[against].value
        return None if a is None or b is None else a - b


def row(key, label: str, units: list[Unit], *, scale: float = 100) -> Row:
    by_group: dict[str, list[Unit]] = {g: [] for g in SEN_GROUPS}
    for u in units:
        by_group.setdefault(u.provision, []).append(u)
    by_group[ALL] = units
    cells = {g: cell(us, scale=scale) for g, us in by_group.items()}
    return Row(key=key, label=label, cells=cells, units=by_group)


def whole(units: list[Unit], *, scale: float = 100, label: str = "Whole school") -> Row:
    return row(ALL, label, units, scale=scale)


def breakdown(
    units: list[Unit], dimension: str, *, scale: float = 100, order: Callable | None = None
) -> list[Row]:
    """One row per value of `dimension` among the units, sorted by key (or by `order`)."""
    groups: dict = {}
    labels: dict = {}
    for u in units:
        key, label = u.facts[dimension]
        groups.setdefault(key, []).append(u)
        labels[key] = label
    keys = sorted(groups, key=order or (lambda k: (isinstance(k, str), k)))
    return [row(k, labels[k], groups[k], scale=scale) for k in keys]


@dataclass(frozen=True)
class Contribution:
    pupil: int
    points: float  # how much of the gap this pupil makes, in the measure's unit
    share: float  # of the whole gap, 0 to 1


@dataclass(frozen=True)
class Contributors:
    """Who makes the gap between `group` and `against` in one row."""

    gap: float | None
    pupils: list[Contribution]  # largest first, only those who widen the gap
    few: int  # the fewest pupils who make at least half of the gap (0: no gap)
    few_share: float  # the share of the gap they make

    @property
    def pattern(self) -> bool:
        """A wider pattern rather than one or two pupils: it takes more than 3 pupils to
        make half the gap."""
        return self.few > 3


def contributors(
    r: Row, group: str, against: str = Provision.NONE, *, scale: float = 100
) -> Contributors:
    gap = r.gap(group, against)
    base = r.cells[against].value
    own = r.cells[group]
    if gap is None or gap <= 0 or not own.den:
        return Contributors(gap=gap, pupils=[], few=0, few_share=0.0)
    rate = base / scale
    per_pupil: dict[int, float] = {}
    for u in r.units[group]:
        per_pupil[u.pupil] = per_pupil.get(u.pupil, 0.0) + (u.num - rate * u.den) / own.den * scale
    ranked = sorted(per_pupil.items(), key=lambda kv: (-kv[1], kv[0]))
    pupils = [Contribution(p, pts, pts / gap) for p, pts in ranked if pts > 0]
    running = 0.0
    few = 0
    for c in pupils:
        running += c.points
        few += 1
        if running >= gap / 2:
            break
    return Contributors(gap=gap, pupils=pupils, few=few, few_share=min(running / gap, 1.0))
