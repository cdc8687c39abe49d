"""Which figures of a comparison are hidden from people who see no pupil's name.

A comparison (attendance, suspensions, attainment) is a list of `groups.Row`s: the whole
school first (key `groups.ALL`), then one row per value of a breakdown. Each row has a cell
per SEN group ("E", "K", "N") and for all pupils ("all"). The figures of a cell are its
number of pupils and, for a measure that counts something (persistent absentees,
suspensions, results at the expected standard: `counted`), its count `num`. A rate is a
figure of these two, so it is shown only when neither is hidden; a measure that is not a
count (the overall absence rate, an average result) has only its pupils as a figure, and a
hidden group's rate is hidden with it.

How the figures add up (each is a `senco.lib.disclosure.Sum`):

- in every row, E + K + N = all (pupils, and num);
- down each column, the rows add up to the whole school wherever they do: a breakdown that
  puts each pupil in one row (year group, area, need, sex, pupil premium) adds up in pupils
  and num; one that puts a pupil in many rows (subject, teacher) still adds up in num where
  each result or event is in one row. Rather than trust a flag, the sums are read from the
  figures: a column whose rows add up to the whole school's figure is an equation (an
  equation that only happens to hold makes the decision more careful, never less).

All the figures one set of units can give are decided at once: the whole school's row and
the breakdown by every dimension in the units' facts (`groups.DIMENSIONS`: year group, area,
need, sex, pupil premium, and for results subject and teacher), with the needs of each broad
area adding up to it. So the whole school's row, and any row two pages share, is hidden the
same way on every page and every `by`, and an attacker who opens them all learns nothing
the decision did not allow for. The rows given are looked up in that system (a row keyed
(dimension, key) is that; otherwise the breakdown the rows fit; rows that fit none, such
as suspensions by reason, are a table of their own, linked by the sums that hold).

A page whose figures come from SQL rather than units gives the same counts to
`hidden_from_counts` (the results page: `attainment.drop_counts`). Decisions are remembered
(`_decide`): the same figures are not solved twice in a process.
"""

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from senco.lib.codes import broad_area
from senco.lib.disclosure import Sum, protect

from .groups import ALL, DIMENSIONS, SEN_GROUPS, Row

GROUPS = (*SEN_GROUPS, ALL)
PUPILS = "pupils"
NUM = "num"
HEAD = ""  # the whole school's row in the system of every breakdown
PAGE = "page"  # a breakdown not found among the units' facts (a page's own)


def hidden_cells(
    rows: Sequence[Row], *, counted: bool, known: Iterable[Hashable] = ()
) -> frozenset:
    """The figures to hide, as (row key, group, "pupils" | "num").

    `rows[0]` is the whole school's row, the rest a breakdown (or none). `known` are cells
    (in the same terms) the person looking knows already: never hidden.

    Decided for every breakdown of the whole school's units at once (each dimension in
    their facts), so that the whole school's row, and any row two pages share, is hidden
    the same way on every page whatever `by` is.
    """
    rows = list(rows)
    if not rows:
        return frozenset()
    units = rows[0].units.get(ALL, [])
    dims = [d for d in DIMENSIONS if units and d in units[0].facts]
    where = _where(rows[1:], dims)
    own = [r for r in rows[1:] if where[r.key][0] == PAGE]
    measures = (PUPILS, NUM) if counted else (PUPILS,)
    values, sums, unpublished = _system(units, dims, measures, own)
    where[rows[0].key] = (HEAD, ALL)
    back = {v: k for k, v in where.items()}
    in_system = frozenset(
        k
        for c in known
        if len(c) == 3 and c[0] in where
        for k in [(*where[c[0]], c[1], c[2])]
        if k in values
    )
    decided = _decide(tuple(values.items()), tuple(sums), frozenset(unpublished), in_system)
    return frozenset(
        (back[(d, key)], group, measure) for d, key, group, measure in decided if (d, key) in back
    )


def _where(rest: Sequence[Row], dims: list[str]) -> dict:
    """Each breakdown row's place in the system of every breakdown: (dimension, key). A row
    keyed (dimension, key) is that; otherwise the rows are one breakdown by whichever of
    the units' facts they fit; rows that fit none are a table of their own (PAGE)."""
    where = {}
    plain = []
    for r in rest:
        k = r.key
        if isinstance(k, tuple) and len(k) == 2 and k[0] in dims and _fits(r, k[0], k[1]):
            where[k] = (k[0], k[1])
        else:
            plain.append(r)
    if plain:
        dim = next((d for d in dims if all(_fits(r, d, r.key) for r in plain)), None)
        for r in plain:
            where[r.key] = (dim, r.key) if dim else (PAGE, r.key)
    return where


def _fits(r: Row, dim: str, key) -> bool:
    return all(u.facts[dim][0] == key for u in r.units.get(ALL, ()))


def counts_of(units, dims) -> dict[tuple, list]:
    """Each (dimension, key, group)'s pupils (a set of ids) and count, from units: the
    whole school's row is (HEAD, ALL, group)."""
    # Units of one provision with the same facts are counted together first: the facts of a
    # list of units are a few dicts shared by many units (`figures._facts` remembers them),
    # so a school's 1,100 pupils make a few hundred groups, each then added to every row
    # it belongs to as a whole set.
    combos: dict[tuple, list] = {}
    for u in units:
        k = (u.provision, id(u.facts))
        entry = combos.get(k)
        if entry is None:
            entry = combos[k] = [u.facts, set(), 0]
        entry[1].add(u.pupil)
        entry[2] += u.num
    found: dict[tuple, list] = {}
    labels = [(HEAD, ALL, None)] + [(d, None, d) for d in dims]
    for (provision, _id), (facts, pupils, num) in combos.items():
        for g in (provision, ALL):
            for d, key, fact in labels:
                k = (d, key if fact is None else facts[fact][0], g)
                entry = found.get(k)
                if entry is None:
                    found[k] = [set(pupils), num]
                else:
                    entry[0] |= pupils
                    entry[1] += num
    return {k: [len(v[0]), v[1]] for k, v in found.items()}


def hidden_from_counts(counts: dict, dims, *, counted: bool, known=frozenset()) -> frozenset:
    """What to hide of a system of figures given as counts, {(dimension, key, group):
    (pupils, num)} with the whole school's row as (HEAD, ALL, group): cells (dimension, key,
    group, measure). The same counts give the same answer as `hidden_cells` on the units
    they were counted from (a page whose figures come from SQL uses this)."""
    measures = (PUPILS, NUM) if counted else (PUPILS,)
    values, sums, unpublished = _system_of(dict(counts), list(dims), measures)
    return _decide(tuple(values.items()), tuple(sums), frozenset(unpublished), frozenset(known))


def _system(units, dims, measures, own_rows) -> tuple[dict, list[Sum], set]:
    counts = counts_of(units, dims)
    if own_rows:
        for r in own_rows:
            for g, c in r.cells.items():
                counts[(PAGE, r.key, g)] = [c.pupils, c.num]
    return _system_of(counts, dims + ([PAGE] if own_rows else []), measures)


def _system_of(counts: dict, dims: list, measures) -> tuple[dict, list[Sum], set]:
    """Every figure of the whole school and of every breakdown, as a cell (dimension, key,
    group, measure) with its count in the order ties are broken; the sums between them; and
    the cells never shown (a provision outside E, K and N, should one appear)."""
    pupils = {k: v[0] for k, v in counts.items()}
    nums = {k: v[1] for k, v in counts.items()}
    provisions = sorted({k[2] for k in pupils} - set(GROUPS))
    row_keys: dict[str, list] = {}
    for d, key, _g in pupils:
        row_keys.setdefault(d, [])
        if key not in row_keys[d]:
            row_keys[d].append(key)
    rank = {d: i for i, d in enumerate((*DIMENSIONS, PAGE))}
    order = [HEAD, *sorted(dims, key=lambda d: rank.get(d, len(rank)))]
    values: dict[tuple, int] = {}
    unpublished: set[tuple] = set()
    sums: list[Sum] = []
    for d in order:
        for key in sorted(row_keys.get(d, []), key=lambda k: (isinstance(k, str), k)):
            for m in measures:
                for g in (*GROUPS, *provisions):
                    cell = (d, key, g, m)
                    if m == PUPILS:
                        values[cell] = int(pupils.get((d, key, g), 0))
                    else:
                        values[cell] = int(round(nums.get((d, key, g), 0)))
                    if g in provisions:
                        unpublished.add(cell)
                parts = tuple((d, key, g, m) for g in (*SEN_GROUPS, *provisions))
                sums.append(Sum((d, key, ALL, m), parts))
    # Down each column, wherever the rows add up to the whole school (or the needs of a
    # broad area to the area).
    for d in order[1:]:
        keys = row_keys.get(d, [])
        for m in measures:
            for g in GROUPS:
                parts = tuple((d, k, g, m) for k in keys)
                _add_if_it_holds(sums, values, (HEAD, ALL, g, m), parts)
    if "need" in dims and "area" in dims:
        for area in row_keys.get("area", []):
            needs = [n for n in row_keys.get("need", []) if (broad_area(n) or "-") == area]
            for m in measures:
                for g in GROUPS:
                    parts = tuple(("need", n, g, m) for n in needs)
                    _add_if_it_holds(sums, values, ("area", area, g, m), parts)
    return values, sums, unpublished


def _add_if_it_holds(sums: list[Sum], values: dict, total, parts) -> None:
    if parts and total in values and values[total] == sum(values.get(p, 0) for p in parts):
        sums.append(Sum(total, parts))


@lru_cache(maxsize=256)
def _decide(values: tuple, sums: tuple, unpublished: frozenset, known: frozenset) -> frozenset:
    """Remembered: the same figures give the same answer without solving again."""
    return protect(dict(values), sums, unpublished=unpublished, known=known).hidden


@dataclass(frozen=True)
class Shown:
    """What a page may show of a comparison's rows: every template asks here.

    `hidden` is what `hidden_cells` returned (empty for someone who sees names)."""

    hidden: frozenset = frozenset()
    counted: bool = False

    def pupils(self, row: Row, group: str) -> int | None:
        """The group's number of pupils, or None when hidden."""
        if (row.key, group, PUPILS) in self.hidden:
            return None
        return row.cells[group].pupils

    def num(self, row: Row, group: str) -> float | None:
        """The group's count (a counted measure), or None when hidden."""
        if (row.key, group, NUM) in self.hidden or (row.key, group, PUPILS) in self.hidden:
            return None
        return row.cells[group].num

    def is_hidden(self, row: Row, group: str) -> bool:
        """True when the group's rate may not be shown."""
        return (row.key, group, PUPILS) in self.hidden or (
            self.counted and (row.key, group, NUM) in self.hidden
        )

    def value(self, row: Row, group: str) -> float | None:
        """The group's rate (or average), or None when hidden or there are no pupils."""
        return None if self.is_hidden(row, group) else row.cells[group].value

    def gap(self, row: Row, group: str, against: str) -> float | None:
        """The gap between two groups' rates, or None when either is hidden."""
        a, b = self.value(row, group), self.value(row, against)
        return None if a is None or b is None else a - b

    @property
    def any_hidden(self) -> bool:
        return bool(self.hidden)


def shown(
    rows: Sequence[Row], *, counted: bool, suppress: bool, known: Iterable[Hashable] = ()
) -> Shown:
    """What may be shown of `rows` to someone who does (`suppress`, i.e.
    `scope.suppress_small_numbers`) or does not see names."""
    if not suppress:
        return Shown(frozenset(), counted)
    return Shown(hidden_cells(rows, counted=counted, known=known), counted)
