"""Disclosure control for tables of counts: which figures to hide so that no small number can
be worked out from the figures that are shown.

Pure functions of the counts and of how they add up; the method in plain English is in
docs/disclosure.md.

The figures are *cells* (any hashable key, with a count). Every table, and every link
between tables, is a `Sum`: a total and the cells that add up to it (a row total, a column
total, a school's figure and the trust's, the same cell on two pages). A cell may be
*unpublished*: part of a sum but never shown (the pupils of a year group who are not on the
register, say), so an attacker knows only that it is at least 0.

`protect` decides what to hide:

1. Primary suppression: every published count from 1 to 4. A 0 is shown as 0 (see below).
2. Secondary (complementary) suppression, the quick part: while a sum has exactly one
   unknown member (hidden or unpublished) and it is a count below 5, it could be worked out
   by subtraction, so one more member is hidden: the smallest non-zero count that is not
   the sum's total, then the smallest total; the earlier cell (in the order the cells were
   given) on a tie.
3. Then the whole system is solved as an attacker would (`pinned`, `_Attack`): the sums as
   linear equations, the shown counts as known, every hidden count at least 1 (a 0 is
   always shown, so a hidden count is never 0) and every unpublished one at least 0. For
   each count below 5 that has only one possible value, one of the shown counts used to
   work it out is hidden (ranked as in step 2), and steps 2 and 3 run again.
4. A cell hidden in step 2 or 3 that can be worked out all the same protects nothing, so it
   is shown again: that tells an attacker nothing they could not work out, so it pins
   nothing else.

Cells the person looking knows already (`known`: a school where they see every name) are
never hidden and count as shown; a count below 5 that follows from them alone is no secret
from that person.

It ends: each round hides at least one more cell, and a count below 5 can always be
protected by hiding cells around it (with every non-zero cell of its sums hidden,
multiplying every hidden count by the same number keeps every sum, so none is pinned).

Zeros are shown: hiding them too would hide most of a table of needs, and a shown 0 is just
one more known figure in the equations. What showing 0 does tell an attacker is that a
hidden count is at least 1: two hidden cells that must add up to 2 are both 1. The solver
knows that too (cells "stuck at their floor").

The solver is exact (fractions, no floating point): subtraction first, then for each group
of linked unknown cells Gauss-Jordan elimination, and for the cells at their floor the
non-negative combinations of the equations among them (Farkas' lemma: a combination with
positive weights whose known total is its least possible value holds every cell in it at
its floor), settled by inspection where it can be and otherwise by a small linear
programme (`simplex_max`).
"""

import heapq
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction

from senco.lib.figures import SMALL

# The least a hidden count can be (0 is always shown), and an unpublished one.
HIDDEN_FLOOR = 1
UNPUBLISHED_FLOOR = 0


@dataclass(frozen=True)
class Sum:
    """`total` is the sum of `parts`."""

    total: Hashable
    parts: tuple[Hashable, ...]


@dataclass(frozen=True)
class Protection:
    """What to hide: `primary` (the counts from 1 to 4) and the cells hidden to protect them."""

    hidden: frozenset
    primary: frozenset

    @property
    def secondary(self) -> frozenset:
        return self.hidden - self.primary


def is_small(count: int, small: int = SMALL) -> bool:
    """A count that could identify a pupil: from 1 to small - 1."""
    return 0 < count < small


def protect(
    values: Mapping[Hashable, int],
    sums: Iterable[Sum],
    *,
    unpublished: Iterable[Hashable] = (),
    known: Iterable[Hashable] = (),
    small: int = SMALL,
) -> Protection:
    """The cells to hide so that no hidden cell can be worked out from the shown ones.

    `values` gives every cell's count, in the order used to break ties; every total and
    part of every sum must be one of its keys. `known` are cells the person looking knows
    already (a school where they see every pupil's name): they are never hidden, and a
    count below 5 that follows from them alone is no secret from that person.
    """
    system = _System(values, sums, unpublished, known)
    primary = {
        i
        for i in range(system.size)
        if system.published[i] and i not in system.known and is_small(system.value[i], small)
    }
    if system.known:
        everything = {i for i in range(system.size) if system._shown(i, set())}
        primary -= _Attack(system, everything).pinned
    hidden = set(primary)
    while True:
        system.complete_sums(hidden, primary)
        attack = _Attack(system, set(hidden))
        exposed = sorted(attack.pinned & primary)
        if not exposed:
            break
        # One more hidden cell for each count below 5 that can be worked out, unless a cell
        # hidden in this round was part of how (it may be safe now: the next round says).
        added: set[int] = set()
        for cell, used in [(cell, attack.used_by(cell)) for cell in exposed]:
            if used & added:
                continue
            choice = system.complement_for(cell, used, hidden)
            if choice is None:  # pragma: no cover - a pinned count has a non-zero neighbour
                raise RuntimeError("A hidden figure is pinned down and nothing is left to hide")
            hidden.add(choice)
            added.add(choice)
    # A cell hidden to protect another that an attacker can work out all the same protects
    # nothing: it is shown (which tells the attacker nothing new, so pins nothing else).
    hidden -= _Attack(system, hidden).pinned - primary
    return Protection(
        hidden=frozenset(system.keys[i] for i in hidden),
        primary=frozenset(system.keys[i] for i in primary),
    )


def pinned(
    values: Mapping[Hashable, int],
    sums: Iterable[Sum],
    hidden: Iterable[Hashable],
    *,
    unpublished: Iterable[Hashable] = (),
) -> set:
    """The hidden cells whose value an attacker who sees every other published cell, and
    knows every sum, can work out exactly (hidden counts being at least 1, unpublished at
    least 0)."""
    system = _System(values, sums, unpublished, ())
    found = _Attack(system, {system.index[k] for k in hidden}).pinned
    return {system.keys[i] for i in found}


# --- The system of sums ---------------------------------------------------------------------


class _System:
    """Cells by number, in the order given, and the sums between them."""

    def __init__(self, values, sums, unpublished, known):
        self.keys = list(values)
        self.index = {k: i for i, k in enumerate(self.keys)}
        self.value = [int(values[k]) for k in self.keys]
        self.size = len(self.keys)
        # Cells the person knows already: shown to them, and never to be hidden.
        self.known = {self.index[k] for k in known}
        not_shown = {self.index[k] for k in unpublished} - self.known
        self.published = [i not in not_shown for i in range(self.size)]
        # Each sum as its members with their signs (+1 the total, -1 each part: the signed
        # members add up to 0), by number; and the sums each cell is in.
        self.sums: list[dict[int, int]] = []
        self.sums_of: list[list[int]] = [[] for _ in range(self.size)]
        self.totals: list[int] = []
        self.is_total = [False] * self.size
        for s in sums:
            total = self.index[s.total]
            signs: dict[int, int] = {total: 1}
            for p in s.parts:
                part = self.index[p]
                signs[part] = signs.get(part, 0) - 1
            signs = {c: v for c, v in signs.items() if v}
            if not signs:
                continue
            n = len(self.sums)
            self.sums.append(signs)
            self.totals.append(total)
            self.is_total[total] = True
            for cell in signs:
                self.sums_of[cell].append(n)
        # What each group of unknown cells lets an attacker pin down, by the group's cells
        # (the same cells give the same equations).
        self.solved: dict[frozenset, _Solution] = {}

    def unknown(self, cell: int, hidden: set[int]) -> bool:
        return cell in hidden or not self.published[cell]

    def floor(self, cell: int) -> int:
        return HIDDEN_FLOOR if self.published[cell] else UNPUBLISHED_FLOOR

    def _rank(self, cell: int, of_sum: int | None = None) -> tuple:
        """Which cell to hide first: not the total of the sum in hand, not a total of
        anything, the smallest count, the earliest."""
        is_this_total = of_sum is not None and self.totals[of_sum] == cell
        return (is_this_total, self.is_total[cell], self.value[cell], cell)

    def _shown(self, cell: int, hidden: set[int]) -> bool:
        """A cell that could be hidden next: shown, not 0, and not known already."""
        return not self.unknown(cell, hidden) and self.value[cell] > 0 and cell not in self.known

    def complete_sums(self, hidden: set[int], primary: set[int]) -> None:
        """While a sum has one unknown member and it is a count below 5, hide one more."""
        changed = True
        while changed:
            changed = False
            for n, signs in enumerate(self.sums):
                unknown = [c for c in signs if self.unknown(c, hidden)]
                if len(unknown) != 1 or unknown[0] not in primary:
                    continue
                candidates = [c for c in signs if self._shown(c, hidden)]
                if candidates:
                    hidden.add(min(candidates, key=lambda c, n=n: self._rank(c, n)))
                    changed = True

    def complement_for(self, cell: int, used: set[int], hidden: set[int]) -> int | None:
        """A cell to hide so that `cell` can no longer be worked out the way it was: the
        best of the shown cells `used` to work it out, or if there are none, of the cells
        in the sums around it (and around those, and so on)."""
        candidates = [c for c in used if self._shown(c, hidden)]
        if candidates:
            return min(candidates, key=self._rank)
        seen_sums: set[int] = set()
        seen_cells = {cell}
        frontier = [cell]
        while frontier:
            best, reached = None, []
            for c in frontier:
                for n in self.sums_of[c]:
                    if n in seen_sums:
                        continue
                    seen_sums.add(n)
                    for m in self.sums[n]:
                        if self._shown(m, hidden):
                            rank = self._rank(m, n)
                            best = rank if best is None or rank < best else best
                        elif m not in seen_cells and self.unknown(m, hidden):
                            reached.append(m)
            if best is not None:
                return best[-1]
            seen_cells.update(reached)
            frontier = sorted(set(reached))
        return None


@dataclass
class _Solution:
    """What a group of unknown cells gives away: the hidden cells pinned, and for each, the
    combination of sums (by number, with weights) that pins it."""

    pinned: frozenset
    how: dict[int, dict[int, Fraction]]
    # The combination of sums that holds the cells stuck at their floor there (in `how`, a
    # stuck cell c appears as the number -1 - c).
    held: dict[int, Fraction]


class _Attack:
    """Everything an attacker can work out, with `hidden` hidden.

    First by subtraction alone: the one unknown member of a sum follows from the others,
    again and again. Then, for each group of the unknown cells left (linked by sums), by
    solving its equations exactly (`_solve`), with every cell at least its floor.
    """

    def __init__(self, system: _System, hidden: set[int]):
        self.system = system
        self.hidden = hidden
        # Cells that follow by subtraction, in the order found, with the sum each is from.
        self.via: dict[int, int] = {}
        self._subtract()
        self.order = {c: i for i, c in enumerate(self.via)}
        self.group_of: dict[int, frozenset] = {}
        self.pinned: set[int] = {c for c in self.via if c in hidden}
        for cell in sorted(hidden):
            if cell in self.via or cell in self.group_of:
                continue
            group = self._group(cell)
            for c in group:
                self.group_of[c] = group
            self.pinned |= self._solve(group).pinned

    def unknown(self, cell: int) -> bool:
        return self.system.unknown(cell, self.hidden) and cell not in self.via

    def _subtract(self) -> None:
        system = self.system
        todo = list(range(len(system.sums)))
        queued = set(todo)
        while todo:
            n = todo.pop()
            queued.discard(n)
            unknown = [c for c in system.sums[n] if self.unknown(c)]
            if len(unknown) != 1:
                continue
            cell = unknown[0]
            self.via[cell] = n
            for m in system.sums_of[cell]:
                if m not in queued:
                    queued.add(m)
                    todo.append(m)

    def _group(self, cell: int) -> frozenset:
        group = {cell}
        todo = [cell]
        while todo:
            c = todo.pop()
            for n in self.system.sums_of[c]:
                for m in self.system.sums[n]:
                    if m not in group and self.unknown(m):
                        group.add(m)
                        todo.append(m)
        return frozenset(group)

    def _solve(self, group: frozenset) -> _Solution:
        system = self.system
        known = system.solved.get(group)
        if known is not None:
            return known
        # Each sum touching the group, over the group's cells: the other cells are shown
        # or follow by subtraction, so their part is a known number (which does not matter
        # for what is pinned).
        reduced = _Reduced({c: (system.value[c] == system.floor(c), c) for c in group})
        for n in sorted({n for c in group for n in system.sums_of[c]}):
            row = {c: v for c, v in system.sums[n].items() if c in group}
            if row:
                reduced.add(row, {n: 1})
        # Cells at their least possible value can only go up: some may be stuck there.
        at_floor = {c for c in group if system.value[c] == system.floor(c)}
        stuck, held = _stuck_at_floor(reduced, at_floor)
        for c in sorted(stuck):
            # Not a combination of sums: marked as such, and explained by `held`.
            reduced.add({c: 1}, {-1 - c: 1})
        found = frozenset(
            c
            for c in group
            if system.published[c]
            and c in self.hidden
            and reduced.pivots.get(c, (None,))[0] == {c: 1}
        )
        solution = _Solution(found, {c: reduced.pivots[c][1] for c in found}, held)
        system.solved[group] = solution
        return solution

    def used_by(self, cell: int) -> set[int]:
        """The shown cells whose counts an attacker uses to work out `cell` (those with a
        weight in the combination of sums that gives it)."""
        if cell in self.via:
            return self._used({self.via[cell]: 1}, cell)
        solution = self._solve(self.group_of[cell])
        how = solution.how[cell]
        used = self._used({n: w for n, w in how.items() if n >= 0}, cell)
        if any(n < 0 for n in how):
            used |= self._used(solution.held, cell)
        return used

    def _used(self, how: dict[int, Fraction], cell: int) -> set[int]:
        system = self.system
        weight: dict[int, Fraction] = {}
        for n, w in how.items():
            for c, v in system.sums[n].items():
                weight[c] = weight.get(c, 0) + w * v
        # A cell that follows by subtraction stands for the sum it follows from, whose other
        # members were known before it: so latest first.
        order = self.order
        waiting = [(-order[c], c) for c in weight if c in order and c != cell]
        heapq.heapify(waiting)
        while waiting:
            _, d = heapq.heappop(waiting)
            w = weight.get(d)
            if not w:
                continue
            signs = system.sums[self.via[d]]
            factor = _divide(w, signs[d])
            for c, v in signs.items():
                if c not in weight and c in order and c != cell:
                    heapq.heappush(waiting, (-order[c], c))
                weight[c] = weight.get(c, 0) - factor * v
            weight[d] = 0
        return {c for c, w in weight.items() if w and not system.unknown(c, self.hidden)}


def _divide(a, b):
    """a / b, exactly: an int where it divides (most weights here are 1 or -1), else a
    Fraction."""
    if isinstance(a, int) and isinstance(b, int) and a % b == 0:
        return a // b
    return Fraction(a) / b


class _Reduced:
    """Rows in reduced row echelon form, kept up to date as rows are added (Gauss-Jordan,
    exact), each with how it was made from the sums. The pivot of a new row is its column
    of least rank."""

    def __init__(self, rank: dict[int, tuple]):
        self.rank = rank
        # pivot -> (row, how): row[c] is the weight of cell c, how[n] that of sum n.
        self.pivots: dict[int, tuple[dict[int, Fraction], dict[int, Fraction]]] = {}

    @staticmethod
    def _subtract(target: dict, factor: Fraction, row: dict) -> None:
        for c, v in row.items():
            updated = target.get(c, 0) - factor * v
            if updated:
                target[c] = updated
            else:
                target.pop(c, None)

    def add(self, row: dict[int, Fraction], how: dict[int, Fraction]) -> None:
        row, how = dict(row), dict(how)
        for p in [c for c in row if c in self.pivots]:
            factor = row.get(p)
            if factor:
                pivot_row, pivot_how = self.pivots[p]
                self._subtract(row, factor, pivot_row)
                self._subtract(how, factor, pivot_how)
        if not row:
            return
        pivot = min(row, key=self.rank.__getitem__)
        scale = row[pivot]
        row = {c: _divide(v, scale) for c, v in row.items()}
        how = {n: _divide(v, scale) for n, v in how.items()}
        for other_row, other_how in self.pivots.values():
            factor = other_row.get(pivot)
            if factor:
                self._subtract(other_row, factor, row)
                self._subtract(other_how, factor, how)
        self.pivots[pivot] = (row, how)


def _stuck_at_floor(reduced: _Reduced, at_floor: set[int]) -> tuple[set[int], dict]:
    """The cells at their floor that cannot move at all, and a combination of sums that
    holds them there.

    The equations among cells at the floor alone are the rows whose pivot is at the floor.
    A cell is stuck when some combination of those rows reads "these cells, with positive
    weights, add up to their least possible sum" (Farkas): the cells in the support of a
    non-negative vector in the rows' span. The easy cells are settled first (`_peel`); what
    is left, if anything, by one small linear programme.
    """
    basis = [(p, row, how) for p, (row, how) in reduced.pivots.items() if p in at_floor]
    stuck: set[int] = set()
    held: dict[int, Fraction] = {}
    while basis:
        found, free = _peel(basis)
        if not found and not free:
            break
        for row, how in found:
            stuck.update(row)
            for n, v in how.items():
                held[n] = held.get(n, 0) + v
        # Stuck cells are known (at their floor): their columns go. A free cell is 0 in
        # every non-negative vector of the span: only the rows without it stay.
        again = _Reduced({c: (c not in free, c) for _, row, _ in basis for c in row})
        for _, row, how in basis:
            kept = {c: v for c, v in row.items() if c not in stuck}
            if kept:
                again.add(kept, how)
        basis = [(p, row, how) for p, (row, how) in again.pivots.items() if p not in free]
    if basis:
        cells = sorted({c for _, row, _ in basis for c in row})
        k, m = len(basis), len(cells)
        # Variables: a_1..a_k (the weights of the rows: each is the vector's value at its
        # row's pivot, so at least 0), then t_1..t_m. Maximise sum(t) with t <= the vector
        # and t <= 1.
        matrix, bounds = [], []
        for j, c in enumerate(cells):
            unit = [1 if i == j else 0 for i in range(m)]
            matrix.append([-row.get(c, 0) for _, row, _ in basis] + unit)
            bounds.append(0)
        for j in range(m):
            matrix.append([0] * k + [1 if i == j else 0 for i in range(m)])
            bounds.append(1)
        solution = simplex_max([0] * k + [1] * m, matrix, bounds)
        stuck.update(c for j, c in enumerate(cells) if solution[k + j] > 0)
        for w, (_, _, how) in zip(solution[:k], basis, strict=True):
            for n, v in how.items():
                held[n] = held.get(n, 0) + w * v
    return stuck, held


def _peel(basis: list[tuple[int, dict, dict]]) -> tuple[list[tuple[dict, dict]], set[int]]:
    """The easy part of `_stuck_at_floor`, from rows in reduced form (pivot, row, how):
    the rows with no negative weight (their cells are stuck), and the cells that can move
    up: a column that is no row's pivot and has no positive weight in any row gives a
    direction in which it rises, with the pivots of the rows where its weight is negative,
    and nothing falls."""
    found = [(row, how) for _, row, how in basis if all(v > 0 for v in row.values())]
    pivots = {p for p, _, _ in basis}
    free: set[int] = set()
    for f in sorted({c for _, row, _ in basis for c in row} - pivots):
        weights = [(p, row.get(f, 0)) for p, row, _ in basis]
        if all(v <= 0 for _, v in weights):
            free.add(f)
            free.update(p for p, v in weights if v < 0)
    return found, free


def simplex_max(objective, matrix, bounds) -> list[Fraction]:
    """Maximise objective . x with matrix x <= bounds and x >= 0, where every bound is at
    least 0 (so x = 0 is a start), exactly, by Bland's rule (which never cycles). The
    problems here are bounded."""
    m, n = len(matrix), len(objective)
    table = [
        [Fraction(v) for v in matrix[i]]
        + [Fraction(1 if j == i else 0) for j in range(m)]
        + [Fraction(bounds[i])]
        for i in range(m)
    ]
    cost = [Fraction(-v) for v in objective] + [Fraction(0)] * (m + 1)
    basis = [n + i for i in range(m)]
    while True:
        entering = next((j for j in range(n + m) if cost[j] < 0), None)
        if entering is None:
            break
        leaving = None
        for i in range(m):
            a = table[i][entering]
            if a > 0:
                ratio = table[i][-1] / a
                key = (ratio, basis[i])
                if leaving is None or key < leaving[0]:
                    leaving = (key, i)
        if leaving is None:  # pragma: no cover - the problems here are bounded
            raise ValueError("unbounded")
        r = leaving[1]
        pivot_row = table[r]
        scale = pivot_row[entering]
        pivot_row[:] = [v / scale for v in pivot_row]
        for i in range(m):
            factor = table[i][entering]
            if i != r and factor:
                table[i] = [a - factor * b for a, b in zip(table[i], pivot_row, strict=True)]
        factor = cost[entering]
        cost = [a - factor * b for a, b in zip(cost, pivot_row, strict=True)]
        basis[r] = entering
    x = [Fraction(0)] * (n + m)
    for i, b in enumerate(basis):
        x[b] = table[i][-1]
    return x[:n]
