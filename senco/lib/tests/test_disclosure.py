"""Disclosure control (senco/lib/disclosure.py): which counts to hide so that none below 5
can be worked out from the rest. The method is in docs/disclosure.md."""

import itertools
from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from senco.lib.disclosure import Sum, pinned, protect, simplex_max
from senco.register.tests.attacker import attack


def table(grid: list[list[int]]) -> tuple[dict, list[Sum]]:
    """A table with its row totals, column totals and grand total."""
    values = {}
    for i, row in enumerate(grid):
        for j, v in enumerate(row):
            values[(i, j)] = v
    rows, cols = len(grid), len(grid[0])
    for i in range(rows):
        values[("row", i)] = sum(grid[i])
    for j in range(cols):
        values[("col", j)] = sum(grid[i][j] for i in range(rows))
    values[("all",)] = sum(map(sum, grid))
    sums = [Sum(("row", i), tuple((i, j) for j in range(cols))) for i in range(rows)]
    sums += [Sum(("col", j), tuple((i, j) for i in range(rows))) for j in range(cols)]
    sums.append(Sum(("all",), tuple(("row", i) for i in range(rows))))
    sums.append(Sum(("all",), tuple(("col", j) for j in range(cols))))
    return values, sums


def equations(sums) -> list[dict]:
    out = []
    for s in sums:
        eq = {s.total: 1}
        for p in s.parts:
            eq[p] = eq.get(p, 0) - 1
        out.append(eq)
    return out


def attacker_pins(values, sums, hidden, unpublished=()) -> set:
    """The independent attacker of the register's tests, on the same system."""
    unpublished = set(unpublished)
    shown = {k: v for k, v in values.items() if k not in hidden and k not in unpublished}
    floors = {k: 0 for k in unpublished}
    findings = attack(equations(sums), shown, set(hidden), floors, values)
    return set(findings.pinned)


# --- What is hidden ----------------------------------------------------------------------------


def test_counts_from_1_to_4_are_hidden_and_0_and_5_up_are_shown():
    values = {"a": 0, "b": 1, "c": 4, "d": 5, "e": 120}
    result = protect(values, [])
    assert result.primary == {"b", "c"}
    assert result.hidden == {"b", "c"}


def test_one_small_count_in_a_row_takes_the_smallest_other_with_it():
    # 20 = 10 + 7 + 3: the 3 would be 20 - 10 - 7, so the 7 goes too (not the total).
    values = {"T": 20, "a": 10, "b": 7, "c": 3}
    result = protect(values, [Sum("T", ("a", "b", "c"))])
    assert result.hidden == {"b", "c"}
    assert result.secondary == {"b"}


def test_the_earlier_cell_goes_on_a_tie():
    values = {"T": 20, "a": 8, "b": 8, "c": 4}
    assert protect(values, [Sum("T", ("a", "b", "c"))]).secondary == {"a"}
    values = {"T": 20, "b": 8, "a": 8, "c": 4}
    assert protect(values, [Sum("T", ("a", "b", "c"))]).secondary == {"b"}


def test_a_zero_is_shown_and_never_hidden_to_protect_another():
    # 9 = 0 + 0 + 3 + 6: the 6 goes, not a 0 (which would tell nothing anyway).
    values = {"T": 9, "a": 0, "b": 0, "c": 3, "d": 6}
    result = protect(values, [Sum("T", ("a", "b", "c", "d"))])
    assert result.hidden == {"c", "d"}


def test_two_hidden_ones_that_must_add_up_to_two_are_both_pinned():
    # 7 = 5 + 1 + 1: a hidden count is at least 1 (a 0 is shown), so both are 1.
    values = {"T": 7, "a": 5, "b": 1, "c": 1}
    sums = [Sum("T", ("a", "b", "c"))]
    assert pinned(values, sums, {"b", "c"}) == {"b", "c"}
    result = protect(values, sums)
    assert result.hidden == {"a", "b", "c"}
    assert pinned(values, sums, result.hidden) == set()


def test_a_count_worked_out_through_several_sums_is_found():
    # 1 6 | 7
    # 7 8 | 15
    # 8 14| 22   With 1, 6 and 7 hidden: 7 = 15 - 8, then 1 = 8 - 7.
    values, sums = table([[1, 6], [7, 8]])
    assert pinned(values, sums, {(0, 0), (0, 1), (1, 0)}) == {(0, 0), (0, 1), (1, 0)}
    result = protect(values, sums)
    assert result.hidden == {(0, 0), (0, 1), (1, 0), (1, 1)}
    assert pinned(values, sums, result.hidden) == set()


def test_a_school_less_the_trust_gives_the_other_school():
    # The trust's figure is the sum of its schools': 7 = 6 + 1.
    values = {
        ("trust", "MLD"): 7,
        ("trust", "ASD"): 20,
        ("trust", "all"): 27,
        ("A", "MLD"): 6,
        ("A", "ASD"): 12,
        ("A", "all"): 18,
        ("B", "MLD"): 1,
        ("B", "ASD"): 8,
        ("B", "all"): 9,
    }
    sums = [Sum((s, "all"), ((s, "MLD"), (s, "ASD"))) for s in ("trust", "A", "B")]
    sums += [Sum(("trust", n), (("A", n), ("B", n))) for n in ("MLD", "ASD", "all")]
    assert pinned(values, sums, {("B", "MLD"), ("B", "ASD")}) == {("B", "MLD"), ("B", "ASD")}
    result = protect(values, sums)
    assert ("B", "MLD") in result.hidden
    assert pinned(values, sums, result.hidden) == set()
    assert attacker_pins(values, sums, result.hidden) == set()


def test_what_the_person_knows_already_is_never_hidden_and_counts_as_shown():
    # As school A's SENCO, the trust lead knows A's 6: B's 1 is the trust's 7 less it, so
    # the trust's figure goes, never A's.
    values = {("trust", "MLD"): 7, ("A", "MLD"): 6, ("B", "MLD"): 1}
    values |= {("trust", "ASD"): 20, ("A", "ASD"): 12, ("B", "ASD"): 8}
    values |= {("trust", "all"): 27, ("A", "all"): 18, ("B", "all"): 9}
    sums = [Sum((s, "all"), ((s, "MLD"), (s, "ASD"))) for s in ("trust", "A", "B")]
    sums += [Sum(("trust", n), (("A", n), ("B", n))) for n in ("MLD", "ASD", "all")]
    known = [k for k in values if k[0] == "A"]
    result = protect(values, sums, known=known)
    assert ("B", "MLD") in result.hidden
    assert not any(k[0] == "A" for k in result.hidden)
    # What they see, A's figures included, pins nothing hidden.
    assert attacker_pins(values, sums, result.hidden) == set()


def test_a_small_count_that_follows_from_what_they_know_is_no_secret_to_them():
    # The trust's 3 is all school A's (B has none): A's SENCO knows it.
    values = {("trust", "HI"): 3, ("A", "HI"): 3, ("B", "HI"): 0}
    sums = [Sum(("trust", "HI"), (("A", "HI"), ("B", "HI")))]
    assert protect(values, sums, known=[("A", "HI")]).hidden == set()
    assert protect(values, sums).hidden == {("trust", "HI"), ("A", "HI")}


def test_an_unpublished_count_hides_what_it_is_part_of_until_it_can_be_worked_out():
    # Year 7: 30 pupils = 3 with a plan + 12 at support + u not on the register (never
    # shown). Alone, the 3 cannot be worked out...
    values = {"roll7": 30, "e7": 3, "k7": 12, "u7": 15}
    sums = [Sum("roll7", ("e7", "k7", "u7"))]
    assert protect(values, sums, unpublished={"u7"}).hidden == {"e7"}
    # ... but with the whole school's figures, u7 is the school's less Year 8's.
    values |= {"roll8": 40, "e8": 6, "k8": 9, "u8": 25, "roll": 70, "e": 9, "k": 21, "u": 40}
    sums += [
        Sum("roll8", ("e8", "k8", "u8")),
        Sum("roll", ("e", "k", "u")),
        Sum("roll", ("roll7", "roll8")),
        Sum("e", ("e7", "e8")),
        Sum("k", ("k7", "k8")),
        Sum("u", ("u7", "u8")),
    ]
    unpublished = {"u7", "u8", "u"}
    assert pinned(values, sums, {"e7"}, unpublished=unpublished) == {"e7"}
    result = protect(values, sums, unpublished=unpublished)
    assert pinned(values, sums, result.hidden, unpublished=unpublished) == set()
    assert attacker_pins(values, sums, result.hidden, unpublished) == set()


def test_cells_held_at_their_floor_by_a_combination_with_mixed_signs():
    # Among the four ones: x1 + x3 - x4 = 1 and x2 - x3 + x4 = 1 (y and z, hidden, drop
    # out). Added up: x1 + x2 = 2, so both are 1; x3 and x4 can still rise together.
    values = {"x1": 1, "x2": 1, "x3": 1, "x4": 1, "y": 5, "z": 6}
    values |= {"T1": 7, "T2": 6, "T3": 8, "T4": 7}
    sums = [
        Sum("T1", ("x1", "x3", "y")),
        Sum("T2", ("x4", "y")),
        Sum("T3", ("x2", "x4", "z")),
        Sum("T4", ("x3", "z")),
    ]
    hidden = {"x1", "x2", "x3", "x4", "y", "z"}
    assert pinned(values, sums, hidden) == {"x1", "x2"}
    assert attacker_pins(values, sums, hidden) == {"x1", "x2"}


def test_the_same_figures_give_the_same_decision():
    values, sums = table([[1, 6, 9], [7, 0, 3], [12, 2, 30]])
    assert protect(values, sums) == protect(dict(values), list(sums))


def test_simplex():
    # max x + y with x + 2y <= 4, 3x + y <= 6: at (8/5, 6/5).
    assert simplex_max([1, 1], [[1, 2], [3, 1]], [4, 6]) == [Fraction(8, 5), Fraction(6, 5)]


# --- Against the independent attacker, on many tables -------------------------------------------

COUNTS = st.sampled_from([0, 0, 1, 1, 2, 3, 4, 5, 6, 7, 9, 12, 20])


def grids(rows, cols):
    return st.lists(st.lists(COUNTS, min_size=cols, max_size=cols), min_size=rows, max_size=rows)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(2, 4).flatmap(lambda r: st.integers(2, 4).flatmap(lambda c: grids(r, c))))
def test_no_hidden_count_of_a_table_can_be_worked_out(grid):
    values, sums = table(grid)
    result = protect(values, sums)
    assert {k for k, v in values.items() if 0 < v < 5} <= result.hidden
    assert all(values[k] > 0 for k in result.hidden)
    assert pinned(values, sums, result.hidden) == set()
    assert attacker_pins(values, sums, result.hidden) == set()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(grids(2, 3), min_size=2, max_size=3))
def test_schools_and_their_trust(grids_of_schools):
    """Several schools' tables and the trust's (their sum), linked cell by cell."""
    values, sums = {}, []
    trust = [[sum(g[i][j] for g in grids_of_schools) for j in range(3)] for i in range(2)]
    for name, grid in [*enumerate(grids_of_schools), ("trust", trust)]:
        v, s = table(grid)
        values |= {(name, k): n for k, n in v.items()}
        sums += [Sum((name, x.total), tuple((name, p) for p in x.parts)) for x in s]
    for key in table(trust)[0]:
        sums.append(Sum(("trust", key), tuple((n, key) for n in range(len(grids_of_schools)))))
    result = protect(values, sums)
    assert pinned(values, sums, result.hidden) == set()
    assert attacker_pins(values, sums, result.hidden) == set()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(grids(3, 3), st.data())
def test_pinned_agrees_with_the_independent_attacker(grid, data):
    values, sums = table(grid)
    cells = sorted((k for k, v in values.items() if v > 0), key=str)
    hidden = set(data.draw(st.lists(st.sampled_from(cells), unique=True))) if cells else set()
    assert pinned(values, sums, hidden) == attacker_pins(values, sums, hidden)


def test_every_hidden_count_of_a_small_table_has_two_possible_values():
    """By brute force over whole numbers, for every 2 x 2 table of counts 0, 1, 2 and 6: the
    tables that show the same (hidden counts at least 1) give each hidden count two values."""
    inner = [(0, 0), (0, 1), (1, 0), (1, 1)]

    def margins(a, b, c, d):
        return {("row", 0): a + b, ("row", 1): c + d, ("col", 0): a + c, ("col", 1): b + d}

    for cells in itertools.product([0, 1, 2, 6], repeat=4):
        values, sums = table([list(cells[:2]), list(cells[2:])])
        hidden = protect(values, sums).hidden
        shown = {k: v for k, v in margins(*cells).items() if k not in hidden}
        possible = {k: set() for k in hidden}
        for guess in itertools.product(
            *(range(1, 11) if k in hidden else [values[k]] for k in inner)
        ):
            other = margins(*guess)
            other[("all",)] = sum(guess)
            other |= dict(zip(inner, guess, strict=True))
            if ("all",) not in hidden and other[("all",)] != values[("all",)]:
                continue
            if all(other[k] == v for k, v in shown.items()) and all(other[k] >= 1 for k in hidden):
                for k in hidden:
                    possible[k].add(other[k])
        assert all(len(v) >= 2 for v in possible.values()), (cells, possible)
