"""A school's results, compared: the share of results at or above the expected standard and
the average result, per SEN group against no SEN and all pupils, and England's where the
DfE publishes the same measure.

The measures (`groups.Unit`s, one per result):

- **at the expected standard**: 1 if the result is at or above its scale's expected value
  (`Result.expected`), over 1; a count, so its numerator is a figure for disclosure;
- **average result**: the result's value over 1, in the scale's own terms ("average 4.2 on
  GCSE grades (9 to 1)"), shown only where every result of the cell is on the same scale
  (a drop has one scale per subject and pupil, but subjects and year groups differ);
- **key stage measures**, per pupil: Year 6 pupils at the expected standard in reading,
  writing and maths together (England publishes it by SEN status: `national` "ks2_rwm"),
  and Year 11 pupils at grade 4 or above in English and maths (England's figure by SEN
  status was not found: "not published").

A pupil is grouped as they were on the drop's date (`Result.provision`, `need`,
`year_group`), and by today's sex and pupil premium.

Reads values, never model instances: one query for the drop's results, one for the
subjects, one for the scales, one for the drops, and three grouped counts for the trend.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, FloatField, IntegerField, Sum
from django.db.models.functions import Cast
from django.urls import reverse

from senco.lib.clock import academic_year_label
from senco.lib.codes import Provision, broad_area
from senco.outcomes.disclosure import HEAD, Shown, hidden_from_counts
from senco.outcomes.groups import (
    ALL,
    GROUP_LABELS,
    SEN_GROUPS,
    Cell,
    Row,
    Unit,
    cell,
    contributors,
    pupil_facts,
)
from senco.outcomes.models import DataDrop, Result, Scale, Subject

GROUPS = (*SEN_GROUPS, ALL)
# The breakdowns a results page offers; "teacher" only to those who see names.
DIMENSIONS = ("year", "area", "need", "sex", "pp", "subject", "teacher")
# Breakdowns shown to people who see no names: a teacher's class is identifying.
FIGURES_ONLY_DIMENSIONS = ("year", "area", "need", "sex", "pp", "subject")
PUPIL_DIMENSIONS = ("year", "area", "need", "sex", "pp")
# Two drops a year for three years.
TREND_DROPS = 6
NO_TEACHER = "-"


@dataclass(frozen=True)
class Drop:
    id: int
    name: str
    academic_year: int
    taken_on: datetime.date

    @property
    def year_label(self) -> str:
        return academic_year_label(self.academic_year)


def drops(school) -> list[Drop]:
    """The school's data drops, oldest first (one query)."""
    rows = DataDrop.objects.filter(school=school).order_by("taken_on", "id")
    return [Drop(*r) for r in rows.values_list("id", "name", "academic_year", "taken_on")]


def trust_drops(school_ids: list[int]) -> dict[int, list[Drop]]:
    """Each school's data drops, oldest first (one query for all the schools)."""
    found: dict[int, list[Drop]] = {i: [] for i in school_ids}
    rows = DataDrop.objects.filter(school_id__in=school_ids).order_by("taken_on", "id")
    for school_id, *rest in rows.values_list(
        "school_id", "id", "name", "academic_year", "taken_on"
    ):
        found[school_id].append(Drop(*rest))
    return found


def subjects(school) -> dict[int, tuple[str, str]]:
    """The school's subjects: id -> (name, key), by name (one query)."""
    rows = Subject.objects.filter(school=school).order_by("name", "id")
    return {i: (name, key) for i, name, key in rows.values_list("id", "name", "key")}


def scales(school) -> dict[int, str]:
    """The school's scales: id -> name (one query)."""
    return dict(Scale.objects.filter(school=school).values_list("id", "name"))


# pupil, provision, need, year group, sex, pupil premium, subject, teacher, scale, value, expected
FIELDS = (
    "pupil_id",
    "provision",
    "need",
    "year_group",
    "pupil__sex",
    "pupil__pupil_premium",
    "subject_id",
    "teacher",
    "scale_id",
    "value",
    "expected",
)


def results(drop_id: int, subject_id: int | None = None) -> list[tuple]:
    """A drop's results (of one subject, or all) as tuples of FIELDS (one query)."""
    rows = Result.objects.filter(drop_id=drop_id)
    if subject_id is not None:
        rows = rows.filter(subject_id=subject_id)
    # The value as a float in SQL: no Decimal made for each of 30,000 results.
    # Numbers in SQL (the value as a float, the yes-or-no fields as 0 or 1): nothing for
    # Django to convert in Python for each of 30,000 results.
    rows = rows.order_by().annotate(
        as_pp=Cast("pupil__pupil_premium", IntegerField()),
        as_float=Cast("value", FloatField()),
        as_expected=Cast("expected", IntegerField()),
    )
    fields = (*FIELDS[:5], "as_pp", *FIELDS[6:9], "as_float", "as_expected")
    return list(rows.values_list(*fields).iterator(chunk_size=5000))


def units(rows: Iterable[tuple], subject_names: dict[int, tuple[str, str]]) -> list[Unit]:
    """At the expected standard: one unit per result, 1 or 0 over 1. Facts as
    `groups.pupil_facts`, and "subject", "teacher" and "scale" (its id) besides."""
    base_memo: dict[tuple, dict] = {}
    memo: dict[tuple, dict] = {}
    found = []
    append = found.append
    for pupil, provision, need, year, sex, pp, subject, teacher, scale, _value, expected in rows:
        key = (year, need, sex, pp, subject, teacher, scale)
        facts = memo.get(key)
        if facts is None:
            base = base_memo.get(key[:4])
            if base is None:
                base = base_memo[key[:4]] = pupil_facts(
                    year_group=year, need=need, sex=sex, pupil_premium=pp
                )
            name = subject_names.get(subject, (str(subject), ""))[0]
            facts = memo[key] = base | {
                "subject": (subject, name),
                "teacher": (teacher or NO_TEACHER, teacher or "No teacher recorded"),
                "scale": (scale, scale),
            }
        append(Unit(pupil, provision, 1 if expected else 0, 1, facts))
    return found


# --- Averages ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Average:
    value: float
    scale: int  # the scale's id: every result averaged is on it


def key_of(dim: str):
    """How a FIELDS tuple gives its key for a breakdown, as the units' facts do."""
    return {
        "year": lambda r: r[3],
        "need": lambda r: r[2] or "-",
        "area": lambda r: broad_area(r[2]) or "-",
        "sex": lambda r: r[4],
        "pp": lambda r: "pp" if r[5] else "not_pp",
        "subject": lambda r: r[6],
        "teacher": lambda r: r[7] or NO_TEACHER,
    }[dim]


def averages(rows: list[tuple], dim: str | None) -> dict[tuple, Average | None]:
    """The average result of each (row key, group): the whole school's row (key ALL) and
    each row of the breakdown by `dim`; None where the results are on more than one scale."""
    key = key_of(dim) if dim else None
    # (row key, provision) -> [total, results, the first scale, more than one scale]
    sums: dict[tuple, list] = {}
    for r in rows:
        k = (key(r) if key else ALL, r[1])
        entry = sums.get(k)
        if entry is None:
            sums[k] = [r[9], 1, r[8], False]
        else:
            entry[0] += r[9]
            entry[1] += 1
            if r[8] != entry[2]:
                entry[3] = True
    merged: dict[tuple, list] = {}

    def merge(k, entry):
        m = merged.get(k)
        if m is None:
            merged[k] = list(entry)
        else:
            m[0] += entry[0]
            m[1] += entry[1]
            m[3] = m[3] or entry[3] or entry[2] != m[2]

    for (k, provision), entry in sums.items():
        merge((k, provision), entry)
        merge((k, ALL), entry)
        if key is not None:
            merge((ALL, provision), entry)
            merge((ALL, ALL), entry)
    return {
        k: None if mixed else Average(total / n, scale)
        for k, (total, n, scale, mixed) in merged.items()
    }


# --- Key stage measures --------------------------------------------------------------------


@dataclass(frozen=True)
class KeyStage:
    slug: str
    title: str
    year_group: int
    subjects: tuple[tuple[str, ...], ...]  # each subject's possible keys
    national: str | None  # the measure of `national.FIGURES`, if England publishes it


KEY_STAGES = (
    KeyStage(
        "ks2_rwm",
        "Year 6: reading, writing and maths all at the expected standard",
        6,
        (("reading",), ("writing",), ("maths", "mathematics", "math")),
        "ks2_rwm",
    ),
    KeyStage(
        "ks4_em",
        "Year 11: grade 4 or above in both English and maths",
        11,
        (("english", "englishlanguage", "englishliterature"), ("maths", "mathematics", "math")),
        None,
    ),
)


def key_stage_units(
    rows: list[tuple], subject_names: dict[int, tuple[str, str]], ks: KeyStage
) -> list[Unit]:
    """One unit per pupil of the key stage's year group with a result in each of its
    subjects: 1 if every one is at the expected standard (for a subject with two keys, such
    as English language and literature, either will do)."""
    which: dict[int, int] = {}
    for sid, (_name, key) in subject_names.items():
        for i, keys in enumerate(ks.subjects):
            if key in keys:
                which[sid] = i
    if len(set(which.values())) < len(ks.subjects):
        return []
    pupils: dict[int, list] = {}
    for pupil, provision, need, year, sex, pp, subject, _t, _s, _v, expected in rows:
        if year != ks.year_group or subject not in which:
            continue
        entry = pupils.setdefault(pupil, [provision, (year, need, sex, pp), {}])
        i = which[subject]
        entry[2][i] = entry[2].get(i, False) or bool(expected)
    found = []
    for pupil, (provision, (year, need, sex, pp), at) in pupils.items():
        if len(at) < len(ks.subjects):
            continue
        facts = pupil_facts(year_group=year, need=need, sex=sex, pupil_premium=pp)
        found.append(Unit(pupil, provision, 1 if all(at.values()) else 0, 1, facts))
    return found


# --- Who makes a gap -----------------------------------------------------------------------


def below_row(r: Row, group: str) -> Row:
    """The row turned round for `group` against no SEN: results *below* the expected
    standard, so that a gap in attainment (pupils with SEN below pupils with no SEN) is a
    positive gap whose makers `groups.contributors` can rank. Only the group's units are
    turned (no SEN needs only its rate)."""
    turned = [Unit(u.pupil, u.provision, u.den - u.num, u.den) for u in r.units.get(group, ())]
    n = r.cells[Provision.NONE]
    cells = {
        group: cell(turned),
        Provision.NONE: Cell(
            n.pupils, n.den - n.num, n.den, None if n.value is None else 100 - n.value
        ),
    }
    return Row(key=r.key, label=r.label, cells=cells, units={group: turned})


def gap_makers(r: Row, group: str):
    """Who makes the gap in results at the expected standard between `group` and no SEN."""
    return contributors(below_row(r, group), group, Provision.NONE)


# --- The trend: the same subject across drops ----------------------------------------------


def drop_counts(
    drop_ids: list[int], subject_id: int | None, *, full: bool = True, dims=DIMENSIONS
) -> dict[int, dict[tuple, list]]:
    """For each drop, the figures of every breakdown as `disclosure.hidden_from_counts`
    takes them: {(dimension, key, group): [pupils, at the expected standard, results]}, the
    whole school's as (HEAD, ALL, group). Three grouped queries whatever the rows; with
    `full` False only the whole school's figures, in one (all a trend needs for someone who
    sees names). The subjects and teachers are counted only when `dims` has them (one query
    each)."""
    rows = Result.objects.filter(drop_id__in=drop_ids)
    if subject_id is not None:
        rows = rows.filter(subject_id=subject_id)
    at = Sum(Cast("expected", IntegerField()))
    found: dict[int, dict[tuple, list]] = {d: {} for d in drop_ids}

    def add(drop, dim, key, provision, pupils, num, n):
        for g in (provision, ALL):
            entry = found[drop].setdefault((dim, key, g), [0, 0, 0])
            entry[0] += pupils
            entry[1] += num
            entry[2] += n

    if not full:
        head = (
            rows.order_by()
            .values_list("drop_id", "provision")
            .annotate(p=Count("pupil_id", distinct=True), n=at, r=Count("id"))
        )
        for drop, provision, p, n, r in head:
            add(drop, HEAD, ALL, provision, p, n, r)
        return found
    fine = (
        rows.order_by()
        .values_list(
            "drop_id", "provision", "year_group", "need", "pupil__sex", "pupil__pupil_premium"
        )
        .annotate(p=Count("pupil_id", distinct=True), n=at, r=Count("id"))
    )
    for drop, provision, year, need, sex, pp, p, n, r in fine:
        add(drop, HEAD, ALL, provision, p, n, r)
        add(drop, "year", year, provision, p, n, r)
        add(drop, "need", need or "-", provision, p, n, r)
        add(drop, "area", broad_area(need) or "-", provision, p, n, r)
        add(drop, "sex", sex, provision, p, n, r)
        add(drop, "pp", "pp" if pp else "not_pp", provision, p, n, r)
    for field, dim in (("subject_id", "subject"), ("teacher", "teacher")):
        if dim not in dims:
            continue
        grouped = (
            rows.order_by()
            .values_list("drop_id", "provision", field)
            .annotate(p=Count("pupil_id", distinct=True), n=at, r=Count("id"))
        )
        for drop, provision, key, p, n, r in grouped:
            if dim == "teacher":
                key = key or NO_TEACHER
            add(drop, dim, key, provision, p, n, r)
    return found


def head_row(counts: dict[tuple, list], label: str = "Whole school") -> Row:
    """The whole school's row of one drop from `drop_counts`."""
    cells = {}
    for g in GROUPS:
        pupils, num, n = counts.get((HEAD, ALL, g), (0, 0, 0))
        cells[g] = Cell(pupils, num, n, num / n * 100 if n else None)
    return Row(key=ALL, label=label, cells=cells, units={})


def empty_cell() -> Cell:
    return Cell(0, 0, 0, None)


# --- What may be shown ---------------------------------------------------------------------


def decided_cells(counts: dict, dims) -> frozenset:
    """Every figure of a drop to hide, as (dimension, key, group, measure): its whole
    school's row (HEAD) and every breakdown in `dims`, decided at once (remembered)."""
    wanted = {k: v[:2] for k, v in counts.items() if k[0] == HEAD or k[0] in dims}
    return hidden_from_counts(wanted, dims, counted=True)


def view_from_counts(counts: dict, head: Row, by: str, dims) -> Shown:
    """What may be shown of a drop's table (the whole school's row `head` and the breakdown
    by `by`) to someone who sees no names, decided on every breakdown of the drop at once
    (`drop_counts`), so the table, the trend and every `by` hide alike."""
    hidden = set()
    for d, key, g, m in decided_cells(counts, dims):
        if d == HEAD:
            hidden.add((head.key, g, m))
        elif d == by:
            hidden.add((key, g, m))
    return Shown(frozenset(hidden), counted=True)


def share_text(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}%"


def gap_text(value: float | None) -> str:
    return "-" if value is None else f"{value:+.1f} percentage points"


# --- The front page's headline -------------------------------------------------------------


HEADLINE_TEMPLATE = "outcomes/attainment/_headline.html"


@dataclass
class Headline:
    """The latest drop: the share of results at the expected standard per SEN group, and
    the gaps against no SEN."""

    drop: str
    url: str
    cells: list[tuple[str, str]]  # (group label, share text), E, K, N, all
    gaps: list[tuple[str, str]]  # (label, gap text)
    any_hidden: bool


def headline(school, today=None, *, suppress: bool = False) -> dict | None:
    """What the front page shows of results: the latest drop taken by `today` (any, if
    None), all subjects, per SEN group against no SEN, as {"template": ..., "context": a
    `Headline`} for the page to include (`{% include h.template with headline=h.context
    %}`). None when there are no results. Two queries, four for someone who sees no
    names."""
    all_drops = [d for d in drops(school) if today is None or d.taken_on <= today]
    if not all_drops:
        return None
    drop = all_drops[-1]
    # Counted in SQL, not read result by result: the whole school's row needs only the
    # counts per SEN group (one query), and for someone who sees no names every breakdown
    # of the drop, decided as the results page decides them (three).
    dims = FIGURES_ONLY_DIMENSIONS
    counts = drop_counts([drop.id], None, full=suppress, dims=dims).get(drop.id, {})
    r = head_row(counts)
    if not r.cells[ALL].pupils:
        return None
    view = view_from_counts(counts, r, "", dims) if suppress else Shown(frozenset(), True)
    found = Headline(
        drop=drop.name,
        url=reverse("outcomes_attainment", args=[school.urn]) + f"?drop={drop.id}",
        cells=[(GROUP_LABELS[g], share_text(view.value(r, g))) for g in GROUPS],
        gaps=[
            (f"{GROUP_LABELS[g]} against no SEN", gap_text(view.gap(r, g, "N"))) for g in ("E", "K")
        ],
        any_hidden=view.any_hidden,
    )
    return {"template": HEADLINE_TEMPLATE, "context": found}
