"""The comparisons' small numbers (senco/outcomes/disclosure.py): an attacker who sees every
figure a page shows, and knows how they add up, cannot work out a hidden count below 5."""

import dataclasses
import random

import pytest

from senco.lib.disclosure import Sum, pinned
from senco.outcomes import groups
from senco.outcomes.disclosure import NUM, PUPILS, Shown, hidden_cells, shown
from senco.outcomes.groups import ALL, Unit
from senco.register.tests.attacker import attack

GROUPS = ("E", "K", "N", "all")


def pupil(i: int, provision: str, *, year: int, sex: str = "F", pp: bool = False, num=0, den=1):
    facts = groups.pupil_facts(year_group=year, need="", sex=sex, pupil_premium=pp)
    return Unit(pupil=i, provision=provision, num=num, den=den, facts=facts)


def school(rng: random.Random, size: int, *, ehc=0.04, support=0.14, years=(7, 8, 9, 10, 11)):
    """One unit per pupil: persistent absentee (1) or not (0)."""
    units = []
    for i in range(size):
        r = rng.random()
        provision = "E" if r < ehc else "K" if r < ehc + support else "N"
        absent = 1 if rng.random() < (0.35 if provision != "N" else 0.17) else 0
        units.append(
            pupil(
                i,
                provision,
                year=rng.choice(years),
                sex=rng.choice("FM"),
                pp=rng.random() < 0.25,
                num=absent,
            )
        )
    return units


def truth(rows, counted: bool) -> dict:
    values = {}
    for r in rows:
        for g in GROUPS:
            values[(r.key, g, PUPILS)] = r.cells[g].pupils
            if counted:
                values[(r.key, g, NUM)] = int(r.cells[g].num)
    return values


def known_sums(rows, counted: bool, *, pupils_partition: bool) -> list[Sum]:
    """How the figures add up, as anyone reading the page knows: E + K + N = all in each
    row; down each column the rows add up to the whole school (pupils only when each pupil
    is in one row; the count when each unit is)."""
    measures = (PUPILS, NUM) if counted else (PUPILS,)
    sums = [
        Sum((r.key, ALL, m), tuple((r.key, g, m) for g in "EKN")) for r in rows for m in measures
    ]
    head, rest = rows[0], rows[1:]
    for m in measures:
        if m == PUPILS and not pupils_partition:
            continue
        for g in GROUPS:
            sums.append(Sum((head.key, g, m), tuple((r.key, g, m) for r in rest)))
    return sums


def equations(sums) -> list[dict]:
    out = []
    for s in sums:
        eq = {s.total: 1}
        for p in s.parts:
            eq[p] = eq.get(p, 0) - 1
        out.append(eq)
    return out


def assert_safe(rows, counted: bool, *, pupils_partition: bool = True) -> frozenset:
    hidden = hidden_cells(rows, counted=counted)
    values = truth(rows, counted)
    sums = known_sums(rows, counted, pupils_partition=pupils_partition)
    small = {k for k, v in values.items() if 0 < v < 5}
    assert small <= hidden, small - hidden
    assert not pinned(values, sums, hidden) & small
    # And the register's independent attacker, which shares no code with the method.
    shown_figures = {k: v for k, v in values.items() if k not in hidden}
    findings = attack(equations(sums), shown_figures, set(hidden), {}, values)
    assert not set(findings.pinned) & small, findings.pinned
    return hidden


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("dimension", ["year", "sex", "pp"])
def test_no_hidden_small_count_can_be_worked_out(seed, dimension):
    rng = random.Random(seed)
    units = school(rng, rng.choice([30, 60, 120, 400]))
    rows = [groups.whole(units), *groups.breakdown(units, dimension)]
    assert_safe(rows, counted=True)
    assert_safe(rows, counted=False)


@pytest.mark.parametrize("seed", range(8))
def test_results_by_subject_add_up_in_results_not_in_pupils(seed):
    # One unit per result: each pupil in every subject, so pupils do not add up down the
    # subjects, but results at the expected standard do.
    rng = random.Random(seed)
    units = []
    for i in range(rng.choice([12, 25, 40])):
        provision = rng.choice("EKNNNN")
        facts = groups.pupil_facts(year_group=6, need="", sex="F", pupil_premium=False)
        for subject in ("R", "W", "M"):
            at = 1 if rng.random() < (0.3 if provision != "N" else 0.75) else 0
            units.append(Unit(i, provision, at, 1, facts=facts | {"subject": (subject, subject)}))
    rows = [groups.whole(units), *groups.breakdown(units, "subject")]
    assert_safe(rows, counted=True, pupils_partition=False)


def test_a_lone_pupil_with_an_ehc_plan_is_hidden_with_a_complement():
    units = [pupil(0, "E", year=7, num=1)]
    units += [pupil(i, "K", year=7 + i % 2) for i in range(1, 9)]
    units += [pupil(i, "N", year=7 + i % 2, num=int(i < 30)) for i in range(9, 60)]
    rows = [groups.whole(units), *groups.breakdown(units, "year")]
    hidden = assert_safe(rows, counted=True)
    assert (ALL, "E", PUPILS) in hidden
    # Something else in the whole school's row goes too, or 1 = all - K - N.
    assert {(ALL, g, PUPILS) for g in "KN"} & hidden
    view = Shown(hidden, counted=True)
    assert view.pupils(rows[0], "E") is None
    assert view.value(rows[0], "E") is None
    assert view.gap(rows[0], "E", "N") is None
    assert view.pupils(rows[0], "all") == 60
    assert view.value(rows[0], "all") is not None


def test_the_whole_school_row_is_hidden_the_same_way_in_every_breakdown():
    rng = random.Random(3)
    units = school(rng, 45, ehc=0.06)
    rows = [groups.whole(units)]
    decided = {
        by: {
            c
            for c in hidden_cells([*rows, *groups.breakdown(units, by)], counted=True)
            if c[0] == ALL
        }
        for by in ("year", "sex", "pp")
    }
    alone = hidden_cells(rows, counted=True)
    assert decided["year"] == decided["sex"] == decided["pp"] == set(alone)


def test_a_rate_is_hidden_with_its_count():
    units = [pupil(i, "N", year=7, num=1 if i < 2 else 0) for i in range(40)]
    units += [pupil(i, "K", year=7, num=0) for i in range(40, 60)]
    rows = [groups.whole(units)]
    view = shown(rows, counted=True, suppress=True)
    # Two persistent absentees among pupils with no SEN: the count is small.
    assert view.num(rows[0], "N") is None
    assert view.value(rows[0], "N") is None
    assert view.pupils(rows[0], "N") == 40
    assert view.any_hidden


def test_a_measure_that_is_not_a_count_hides_only_small_groups():
    units = [pupil(i, "N", year=7, num=3, den=100) for i in range(40)]
    units += [pupil(i, "K", year=7, num=20, den=100) for i in range(40, 43)]
    rows = [groups.whole(units)]
    view = shown(rows, counted=False, suppress=True)
    assert view.value(rows[0], "K") is None  # 3 pupils
    assert view.pupils(rows[0], "N") is None  # its complement: all - K would give K
    assert view.value(rows[0], "all") == pytest.approx(180 / 4300 * 100)


def test_someone_who_sees_names_sees_everything():
    units = [pupil(0, "E", year=7, num=1), *[pupil(i, "N", year=7) for i in range(1, 20)]]
    rows = [groups.whole(units), *groups.breakdown(units, "year")]
    view = shown(rows, counted=True, suppress=False)
    assert not view.any_hidden
    assert view.pupils(rows[0], "E") == 1
    assert view.value(rows[0], "E") == 100


def test_known_cells_are_never_hidden():
    units = [pupil(0, "E", year=7, num=1), *[pupil(i, "N", year=7) for i in range(1, 20)]]
    rows = [groups.whole(units)]
    known = {(ALL, g, m) for g in GROUPS for m in (PUPILS, NUM)}
    assert hidden_cells(rows, counted=True, known=known) == frozenset()


def test_no_rows_no_figures():
    assert hidden_cells([], counted=True) == frozenset()


NEEDS = ("SPLD", "MLD", "SEMH", "SLCN", "ASD", "HI")


@pytest.mark.parametrize("seed", range(10))
def test_every_breakdown_together_is_safe(seed):
    # An attacker who opens the page by every `by` and puts them together.
    rng = random.Random(100 + seed)
    units = []
    for i in range(rng.choice([40, 90, 200])):
        provision = rng.choice("EKKNNNNNNN")
        need = rng.choice(NEEDS) if provision != "N" else ""
        facts = groups.pupil_facts(
            year_group=rng.choice((7, 8, 9)),
            need=need,
            sex=rng.choice("FM"),
            pupil_premium=rng.random() < 0.3,
        )
        units.append(Unit(i, provision, int(rng.random() < 0.3), 1, facts=facts))
    head = groups.whole(units)
    values, sums, hidden = {}, [], set()
    for r in [head]:
        for g in GROUPS:
            for m in (PUPILS, NUM):
                values[("", r.key, g, m)] = truth([r], True)[(r.key, g, m)]
        sums += [
            Sum(("", ALL, ALL, m), tuple(("", ALL, g, m) for g in "EKN")) for m in (PUPILS, NUM)
        ]
    head_hidden = None
    for dim in ("year", "area", "need", "sex", "pp"):
        rows = [head, *groups.breakdown(units, dim)]
        page = hidden_cells(rows, counted=True)
        on_head = {c for c in page if c[0] == ALL}
        assert head_hidden is None or on_head == head_hidden
        head_hidden = on_head
        hidden |= {("", *c) if c[0] == ALL else (dim, *c) for c in page}
        for r in rows[1:]:
            for g in GROUPS:
                for m in (PUPILS, NUM):
                    values[(dim, r.key, g, m)] = truth([r], True)[(r.key, g, m)]
            for m in (PUPILS, NUM):
                sums.append(Sum((dim, r.key, ALL, m), tuple((dim, r.key, g, m) for g in "EKN")))
        for m in (PUPILS, NUM):
            for g in GROUPS:
                sums.append(Sum(("", ALL, g, m), tuple((dim, r.key, g, m) for r in rows[1:])))
    areas = {a for (d, a, _g, _m) in values if d == "area"}
    for area in areas:
        needs = [
            n for (d, n, _g, _m) in values if d == "need" and (groups.broad_area(n) or "-") == area
        ]
        for m in (PUPILS, NUM):
            for g in GROUPS:
                sums.append(
                    Sum(
                        ("area", area, g, m), tuple(dict.fromkeys(("need", n, g, m) for n in needs))
                    )
                )
    small = {k for k, v in values.items() if 0 < v < 5}
    assert small <= hidden
    assert not pinned(values, sums, hidden) & small


def test_rows_of_many_breakdowns_at_once_are_hidden_as_on_their_own():
    # A page may ask for several breakdowns at once, each row keyed (dimension, key).
    rng = random.Random(7)
    units = school(rng, 70, ehc=0.06)
    head = groups.whole(units)
    together, alone = [head], set()
    for dim in ("year", "sex"):
        rows = groups.breakdown(units, dim)
        together += [dataclasses.replace(r, key=(dim, r.key)) for r in rows]
        alone |= {
            (c[0] if c[0] == ALL else (dim, c[0]), *c[1:])
            for c in hidden_cells([head, *rows], counted=True)
        }
    assert hidden_cells(together, counted=True) == alone
    assert alone
