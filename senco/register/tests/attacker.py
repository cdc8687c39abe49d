"""The attacker of docs/disclosure.md, for the tests: everything a governor or the trust's
SEND lead can fetch, read back from the pages as they are served, turned into equations,
and solved.

It shares nothing with senco/register/disclosure.py or senco/lib/disclosure.py on purpose.
It reads the figures from the HTML (every table, and every chart's SVG); it knows how the
figures add up only as anyone reading the pages would (a breakdown's rows add up to the
whole; a pupil on the register has a primary need in one broad area, or none (a row no
page shows); a trust's figures
are its schools' added up; a percent is one count over another, to one decimal place); and
it solves the equations its own way:

- every count shown, on any page, is known; a count that reads "hidden" is unknown and at
  least 1 (a 0 is always shown); the pupils of a row not on the register are unknown and at
  least 0; a percent with a known denominator gives its count back;
- the equations are split into groups of linked unknowns, each reduced exactly (Gauss-Jordan
  over fractions): a hidden count whose row in the reduced form names it alone is pinned;
- for every other hidden count it looks for a *witness*: another table of whole numbers,
  each at least its least possible value, that satisfies every equation and differs in
  that count (so the pages could have been made from it); where a direction of the reduced
  form (or two) does not give one, it works out the count's least and greatest possible
  values with a linear programme (its own simplex): the count is pinned if they are
  equal, and the table where it takes the other one is the witness if it is of whole
  numbers.

Besides, it checks the pages against each other as it reads them: a count shown on one page
is not hidden on another, a percent is never shown beside a hidden count or over a hidden
total, and a chart never draws a figure its table hides.
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field
from fractions import Fraction
from html.parser import HTMLParser
from math import lcm

from senco.lib.codes import YEAR_GROUP_LABELS, BroadArea, Need, Sex, broad_area

HIDDEN = "hidden"
TRUST = "trust"
YEAR_CODES = {label: str(y) for y, label in YEAR_GROUP_LABELS.items()}
AREA_CODES = {a.label: a.value for a in BroadArea}
SEX_CODES = {s.label: s.value for s in Sex}
PP_CODES = {"Pupil premium": "yes", "Not pupil premium": "no"}
# The row of pupils on the register with no primary need (in the attacker's terms only).
NO_NEED = "no need"
NEEDS_IN = {a.value: [n.value for n in Need if broad_area(n.value) == a.value] for a in BroadArea}
# The breakdowns of a summary page: title -> (kind, how a row's label gives its code).
BREAKDOWNS = {
    "By year group": ("year", YEAR_CODES.__getitem__),
    "By broad area of need": ("area", AREA_CODES.__getitem__),
    "By primary need": ("need", lambda label: re.search(r"\(([A-Z]+)\)$", label).group(1)),
    "By sex": ("sex", SEX_CODES.__getitem__),
    "By pupil premium": ("pp", PP_CODES.__getitem__),
}
PUPIL_ROWS = ("total", "year", "sex", "pp")
# The charts' colours for the two series (EHC plan, SEN support): senco/lib/charts.py.
SERIES_COLOURS = ("#1d70b8", "#f47738")


# --- Reading the pages ------------------------------------------------------------------------


@dataclass
class Table:
    id: str = ""
    caption: str = ""
    headers: list[str] = field(default_factory=list)
    # (the row's header, the link in it, the texts of its cells)
    rows: list[tuple[str, str, list[str]]] = field(default_factory=list)


@dataclass
class Chart:
    title: str = ""
    # row label -> [EHC plan's figure, SEN support's figure] as drawn ("12.5%"), or None
    bars: dict[str, list[str | None]] = field(default_factory=dict)


class PageReader(HTMLParser):
    """The tables and charts of a page."""

    def __init__(self, html: str):
        super().__init__()
        self.tables: list[Table] = []
        self.charts: list[Chart] = []
        self._table: Table | None = None
        self._cell: list[str] | None = None
        self._cell_tag = ""
        self._href = ""
        self._row: list[tuple[str, str, str]] | None = None
        self._in_caption = False
        self._in_thead = False
        self._chart: Chart | None = None
        self._in_figcaption = False
        self._svg_text: str | None = None
        self._svg_text_kind = ""
        self._bar_label = ""
        self._series = -1
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table":
            self._table = Table(id=a.get("id", ""))
        elif tag == "caption" and self._table:
            self._in_caption = True
        elif tag == "thead":
            self._in_thead = True
        elif tag == "tr" and self._table:
            self._row = []
        elif tag in ("th", "td") and self._row is not None:
            self._cell, self._cell_tag, self._href = [], tag, ""
        elif tag == "a" and self._cell is not None:
            self._href = a.get("href", "")
        elif tag == "figure" and "senco-chart-figure" in a.get("class", ""):
            self._chart = Chart()
        elif tag == "figcaption" and self._chart:
            self._in_figcaption = True
        elif tag == "text" and self._chart:
            if a.get("text-anchor") == "end":
                self._svg_text, self._svg_text_kind = "", "label"
            elif a.get("class") == "senco-chart__value":
                self._svg_text, self._svg_text_kind = "", "value"
        elif tag == "rect" and self._chart and a.get("height") != "12":
            self._series = SERIES_COLOURS.index(a["fill"])

    def handle_endtag(self, tag):
        if tag == "table" and self._table:
            self.tables.append(self._table)
            self._table = None
        elif tag == "caption":
            self._in_caption = False
        elif tag == "thead":
            self._in_thead = False
        elif tag in ("th", "td") and self._cell is not None:
            text = " ".join("".join(self._cell).split())
            self._row.append((self._cell_tag, text, self._href))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            if self._in_thead:
                self._table.headers = [text for _, text, _ in self._row]
            elif self._row and self._row[0][0] == "th":
                _, label, href = self._row[0]
                self._table.rows.append((label, href, [text for _, text, _ in self._row[1:]]))
            self._row = None
        elif tag == "figure" and self._chart:
            self.charts.append(self._chart)
            self._chart = None
        elif tag == "figcaption":
            self._in_figcaption = False
        elif tag == "text" and self._svg_text is not None:
            if self._svg_text_kind == "label":
                self._bar_label = self._svg_text
                self._chart.bars[self._bar_label] = [None, None]
            else:
                self._chart.bars[self._bar_label][self._series] = self._svg_text
            self._svg_text = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)
        elif self._in_caption:
            self._table.caption += data
        if self._in_figcaption:
            self._chart.title += data.strip()
        if self._svg_text is not None:
            self._svg_text += data


# --- What the attacker knows ----------------------------------------------------------------


@dataclass
class Percent:
    count: tuple
    total: tuple
    text: str
    where: str


class Attacker:
    """Reads pages, then `solve()`. Keys are (scope, kind, code, measure): scope a school's
    URN or "trust"; measure "roll", "ehc", "support", "none" (not on the register, never
    shown) or "reg" (on the register: shown only as percents on the trust's page)."""

    def __init__(self):
        self.shown: dict[tuple, int] = {}
        self.hidden: set[tuple] = set()
        self.seen: dict[tuple, list[str]] = defaultdict(list)  # where each count was read
        self.floor: dict[tuple, int] = {}  # unknowns other than hidden counts
        self.equations: list[dict[tuple, int]] = []  # sum of weight * cell = 0
        self.percents: list[Percent] = []
        self.problems: list[str] = []
        self.scopes: dict[str, dict[str, list[str]]] = {}  # scope -> kind -> codes
        self.trust_schools: list[str] = []  # URNs, when the trust's page was read
        self.comparison_needs: set[str] | None = None

    # Reading -------------------------------------------------------------------------------

    def _count(self, key: tuple, text: str, where: str) -> None:
        self.seen[key].append(f"{where}: {text}")
        if text == HIDDEN:
            if key in self.shown:
                self.problems.append(f"{key} shown as {self.shown[key]} elsewhere, hidden {where}")
            self.hidden.add(key)
            return
        value = int(text.replace(",", ""))
        if key in self.hidden:
            self.problems.append(f"{key} hidden elsewhere, shown as {value} {where}")
        if self.shown.setdefault(key, value) != value:
            self.problems.append(f"{key} is {self.shown[key]} on one page, {value} {where}")

    def read_summary(self, html: str, scope: str, where: str) -> None:
        """A school's summary page (scope: its URN), or the trust's (scope "trust")."""
        page = PageReader(html)
        kinds = self.scopes.setdefault(scope, {})
        self._read_summary_tables(page, scope, kinds, where)

    def _read_summary_tables(self, page: PageReader, scope: str, kinds, where: str) -> None:
        total = next(t for t in page.tables if t.id == "summary-total")
        cells = {label: texts for label, _, texts in total.rows}
        key = (scope, "total", "")
        kinds["total"] = [""]
        self._count((*key, "ehc"), cells["EHC plan"][0], where)
        self._count((*key, "support"), cells["SEN support"][0], where)
        self._count((*key, "roll"), cells["All pupils on roll"][0], where)
        for m, label in (("ehc", "EHC plan"), ("support", "SEN support")):
            self.percents.append(
                Percent((*key, m), (*key, "roll"), cells[label][1], f"{where}, {label}")
            )
        for title, (kind, code_of) in BREAKDOWNS.items():
            table = next(t for t in page.tables if t.caption.strip().startswith(title))
            by_roll = "Pupils" in table.headers
            codes = kinds.setdefault(kind, [])
            for label, _, texts in table.rows:
                code = code_of(label)
                codes.append(code)
                row = (scope, kind, code)
                at = f"{where}, {title}, {label}"
                if by_roll:
                    roll, ehc, ehc_pct, support, support_pct = texts[:5]
                    self._count((*row, "roll"), roll, at)
                    bases = ((*row, "roll"), (*row, "roll"))
                else:
                    ehc, ehc_pct, support, support_pct = texts[:4]
                    bases = ((scope, "total", "", "ehc"), (scope, "total", "", "support"))
                self._count((*row, "ehc"), ehc, at)
                self._count((*row, "support"), support, at)
                self.percents.append(Percent((*row, "ehc"), bases[0], ehc_pct, f"{at}, EHC %"))
                self.percents.append(
                    Percent((*row, "support"), bases[1], support_pct, f"{at}, support %")
                )
            chart = next((c for c in page.charts if c.title == title), None)
            self._check_chart(chart, table, (2, 4) if by_roll else (1, 3), f"{where}, {title}")

    def read_trust(self, html: str, where: str = "trust page") -> None:
        """The trust's page: its schools, the comparisons, and the whole trust's summary."""
        page = PageReader(html)
        schools = next(t for t in page.tables if t.id == "trust-schools")
        urn_of = {}
        for label, href, texts in schools.rows:
            if not href:
                continue  # England
            urn = re.search(r"/school/(\w+)/summary/", href).group(1)
            urn_of[label] = urn
            self.trust_schools.append(urn)
            key = (urn, "total", "")
            at = f"{where}, schools, {label}"
            self._count((*key, "roll"), texts[0], at)
            self._count((*key, "ehc"), texts[1], at)
            self._count((*key, "support"), texts[3], at)
            self.percents.append(Percent((*key, "ehc"), (*key, "roll"), texts[2], f"{at}, EHC %"))
            self.percents.append(
                Percent((*key, "support"), (*key, "roll"), texts[4], f"{at}, support %")
            )
        chart = next((c for c in page.charts if c.title == "Schools beside England"), None)
        self._check_chart(chart, schools, (2, 4), f"{where}, schools")
        kinds_of = {"Schools by year group": "year", "Schools by broad area of need": "area"}
        for table in page.tables:
            if not table.id.startswith("comparison-table"):
                continue
            title = table.caption.strip()
            kind = next((k for t, k in kinds_of.items() if title.startswith(t)), "need")
            names = table.headers[1:]
            listed = set()
            for label, _, texts in table.rows:
                code = {
                    "year": YEAR_CODES.get,
                    "area": AREA_CODES.get,
                    "need": lambda s: re.search(r"\(([A-Z]+)\)$", s).group(1),
                }[kind](label)
                listed.add(code)
                for name, text in zip(names, texts, strict=True):
                    urn = urn_of[name]
                    count = (urn, kind, code, "reg")
                    total = (
                        (urn, "year", code, "roll") if kind == "year" else (urn, "total", "", "reg")
                    )
                    self.percents.append(
                        Percent(count, total, text, f"{where}, {title}, {label}, {name}")
                    )
            if kind == "need":
                self.comparison_needs = listed
        self._read_summary_tables(page, TRUST, self.scopes.setdefault(TRUST, {}), where)

    def _check_chart(self, chart, table, columns, where) -> None:
        """A chart draws only what its table shows, and the same."""
        if chart is None:
            return
        rows = {label: texts for label, _, texts in table.rows}
        for label, values in chart.bars.items():
            for value, column in zip(values, columns, strict=True):
                if value is not None and rows[label][column] != value:
                    self.problems.append(
                        f"chart {where}, {label}: draws {value}, the table shows "
                        f"{rows[label][column]}"
                    )

    # Equations -----------------------------------------------------------------------------

    def _equations(self) -> None:
        """How the figures add up, as anyone reading the pages knows."""
        eq = self.equations
        years = sorted(
            {c for kinds in self.scopes.values() for c in kinds.get("year", [])}, key=int
        )
        for scope, kinds in self.scopes.items():
            # A school's page lists the years it has: any other is 0.
            kinds["year"] = years
            for kind in PUPIL_ROWS:
                for code in kinds[kind]:
                    row = (scope, kind, code)
                    self.floor[(*row, "none")] = 0
                    eq.append(
                        {
                            (*row, "roll"): 1,
                            (*row, "ehc"): -1,
                            (*row, "support"): -1,
                            (*row, "none"): -1,
                        }
                    )
                if kind != "total":
                    for m in ("roll", "ehc", "support", "none"):
                        eq.append(
                            {(scope, "total", "", m): 1}
                            | {(scope, kind, code, m): -1 for code in kinds[kind]}
                        )
            for m in ("ehc", "support"):
                # Pupils on the register with no primary need recorded are in no area's
                # row: an unknown of at least 0 that no page shows (the census check finds
                # them; a school has a few).
                no_need = (scope, "area", NO_NEED, m)
                self.floor.setdefault(no_need, 0)
                eq.append(
                    {(scope, "total", "", m): 1, no_need: -1}
                    | {(scope, "area", a, m): -1 for a in NEEDS_IN}
                )
                for area, needs in NEEDS_IN.items():
                    eq.append(
                        {(scope, "area", area, m): 1} | {(scope, "need", n, m): -1 for n in needs}
                    )
        if self.trust_schools:
            for kind, codes in self.scopes[TRUST].items():
                measures = (
                    ("roll", "ehc", "support", "none") if kind in PUPIL_ROWS else ("ehc", "support")
                )
                for code in codes:
                    for m in measures:
                        eq.append(
                            {(TRUST, kind, code, m): 1}
                            | {(urn, kind, code, m): -1 for urn in self.trust_schools}
                        )
            # The comparisons: each school's pupils on the register in a row.
            for urn in self.trust_schools:
                rows = [("total", "")] + [("year", y) for y in years]
                rows += [("area", a) for a in NEEDS_IN] + [("need", n.value) for n in Need]
                for kind, code in rows:
                    key = (urn, kind, code)
                    self.floor.setdefault((*key, "reg"), 0)
                    eq.append({(*key, "reg"): 1, (*key, "ehc"): -1, (*key, "support"): -1})
                for need in Need:
                    if (
                        self.comparison_needs is not None
                        and need.value not in self.comparison_needs
                    ):
                        # Left out of the comparison: no school has anyone with it.
                        self.shown.setdefault((urn, "need", need.value, "reg"), 0)
        # Rows no page lists (a year a school does not have) are 0.
        for equation in eq:
            for key in equation:
                if key not in self.shown and key not in self.hidden and key not in self.floor:
                    self.shown[key] = 0

    def _read_percents(self, truth) -> None:
        """A percent with a known total gives its count; hidden where the count is."""
        for p in self.percents:
            if p.text == "-" or p.total in self.shown:
                continue
            if p.total in self.hidden:
                self.problems.append(f"{p.where}: {p.text} of a hidden total")
            else:
                # A total never shown as a count (a school's register, in the comparisons):
                # the attacker is given it, to be safe.
                self.shown[p.total] = truth.get(p.total, 0)
        for p in self.percents:
            total = self.shown.get(p.total)
            if p.text == "-":
                if total and p.count not in self.shown and p.count not in self.hidden:
                    # The total is shown, so the count is hidden (a 0 would read 0.0%).
                    self.hidden.add(p.count)
                elif total and p.count in self.shown:
                    self.problems.append(f"{p.where}: no percent, though both counts are shown")
                elif total == 0 and p.count not in self.hidden:
                    self.shown.setdefault(p.count, 0)
                continue
            if total is None:
                continue  # reported above
            candidates = [n for n in range(total + 1) if f"{100 * n / total:.1f}%" == p.text]
            if p.count in self.hidden:
                self.problems.append(f"{p.where}: {p.text} of {total} gives the hidden count")
            elif p.count in self.shown:
                if self.shown[p.count] not in candidates:
                    self.problems.append(
                        f"{p.where}: {p.text} of {total} is not {self.shown[p.count]}"
                    )
            elif len(candidates) == 1:
                self.shown[p.count] = candidates[0]
            else:
                # Over 1,000 pupils, a percent to one decimal place leaves two or three
                # possible counts: the attacker is given the right one, to be safe.
                self.shown[p.count] = truth.get(p.count, 0)

    # Solving -------------------------------------------------------------------------------

    def solve(self, truth: dict[tuple, int]) -> "Findings":
        """What can be worked out. `truth` (every cell's real count) is the test's, not the
        attacker's: it checks that the pages and the equations are right, and is the table
        the witnesses start from."""
        self._read_percents(truth)
        self._equations()
        for key, value in self.shown.items():
            assert truth.get(key, 0) == value, (key, value, truth.get(key, 0), self.seen[key])
        for equation in self.equations:
            assert sum(w * truth.get(k, 0) for k, w in equation.items()) == 0, equation
        floors = {k: f for k, f in self.floor.items() if k not in self.shown}
        findings = attack(self.equations, self.shown, self.hidden, floors, truth)
        findings.problems = list(self.problems)
        return findings


def attack(equations, shown, hidden, floors, truth) -> "Findings":
    """Solve the equations (each {cell: weight}, adding up to 0) for the cells not shown:
    the hidden ones (at least 1, and the targets) and the others (at least their floor)."""
    unknown = {k: f for k, f in floors.items() if k not in hidden} | {k: 1 for k in hidden}
    findings = Findings(targets=set(hidden), problems=[])
    for group in _groups(equations, unknown):
        _solve_group(group, equations, unknown, shown, truth, findings)
    return findings


@dataclass
class Findings:
    targets: set[tuple]
    problems: list[str]
    pinned: dict[tuple, int] = field(default_factory=dict)  # hidden cell -> its value
    witnessed: int = 0  # hidden cells with a witness: another table of whole numbers
    # Hidden cells with no witness found, but two possible values (least, greatest) when
    # counts may be fractions: not pinned as such, but not shown to be safe either.
    ranges: dict[tuple, tuple[Fraction, Fraction]] = field(default_factory=dict)


def _groups(equations, unknown) -> list[list[tuple]]:
    parent = {k: k for k in unknown}

    def find(k):
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for equation in equations:
        members = [k for k in equation if k in unknown]
        for k in members[1:]:
            parent[find(k)] = find(members[0])
    groups = defaultdict(list)
    for k in sorted(unknown, key=repr):
        groups[find(k)].append(k)
    return list(groups.values())


def _solve_group(group, equations, unknown, shown, truth, findings: Findings) -> None:
    index = {k: i for i, k in enumerate(group)}
    n = len(group)
    # Rows [a_1 .. a_n | b]: sum of a_i x_i = b, the shown counts moved to the right.
    rows = []
    members = set(group)
    for equation in equations:
        if not any(k in members for k in equation):
            continue
        row = [Fraction(0)] * (n + 1)
        for k, w in equation.items():
            if k in members:
                row[index[k]] += w
            else:
                row[n] -= w * shown.get(k, 0)
        rows.append(row)
    pivots = _rref(rows, n)
    targets = [k for k in group if k in findings.targets]
    if not targets:
        return
    x = [Fraction(truth.get(k, 0)) for k in group]
    floors = [unknown[k] for k in group]
    pivot_of = {col: r for r, col in enumerate(pivots)}
    free = [c for c in range(n) if c not in pivot_of]
    # The directions in which the unknowns can move together, keeping every equation: one
    # for each free column.
    directions = []
    for f in free:
        d = [Fraction(0)] * n
        d[f] = Fraction(1)
        for r, col in enumerate(pivots):
            d[col] = -rows[r][f]
        scale = lcm(*(v.denominator for v in d))
        directions.append([int(v * scale) for v in d])
    for k in targets:
        i = index[k]
        if i in pivot_of and all(rows[pivot_of[i]][c] == 0 for c in free):
            findings.pinned[k] = truth.get(k, 0)
            continue
        if _witness(i, directions, x, floors):
            findings.witnessed += 1
            continue
        low, high, witness = _range(i, rows, pivots, free, x, floors)
        if low == high:
            findings.pinned[k] = truth.get(k, 0)
        elif witness:
            findings.witnessed += 1
        else:
            findings.ranges[k] = (low, high)


def _rref(rows: list[list[Fraction]], n: int) -> list[int]:
    """Reduce `rows` in place (dropping rows of zeros); the pivot column of each row."""
    pivots = []
    r = 0
    for col in range(n):
        found = next((i for i in range(r, len(rows)) if rows[i][col] != 0), None)
        if found is None:
            continue
        rows[r], rows[found] = rows[found], rows[r]
        _pivot(rows, r, col)
        pivots.append(col)
        r += 1
    del rows[r:]
    return pivots


def _pivot(rows: list[list[Fraction]], r: int, col: int) -> None:
    """Divide row r by its entry in `col`, then take it from every other row so that their
    entries in `col` are 0. Only the row's non-zero columns are worked on: the others would
    subtract 0 (the tables are mostly zeros, and exact fractions are slow)."""
    scale = rows[r][col]
    pivot = rows[r] = [v / scale for v in rows[r]]
    nonzero = [j for j, v in enumerate(pivot) if v]
    for i, row in enumerate(rows):
        if i != r and row[col] != 0:
            factor = row[col]
            for j in nonzero:
                row[j] -= factor * pivot[j]


def _witness(i: int, directions, x, floors) -> bool:
    """Another table of whole numbers, every cell at least its floor, keeping every
    equation, with cell i changed: the true one moved along a direction (or two)."""
    useful = [d for d in directions if d[i]]
    candidates = [d for d in useful]
    candidates += [
        [a + s * b for a, b in zip(d1, d2, strict=True)]
        for n1, d1 in enumerate(useful)
        for d2 in directions
        if d2 is not d1
        for s in (1, -1)
    ][:400]
    for d in candidates:
        if not d[i]:
            continue
        for sign in (1, -1):
            if all(x[j] + sign * d[j] >= floors[j] for j in range(len(x))):
                return True
    return False


def _range(i, rows, pivots, free, x, floors) -> tuple[Fraction, Fraction, bool]:
    """The least and greatest value of cell i, by linear programming over the free
    columns (every pivot is its row's value less the free columns' part); and whether a
    table where it takes one of them (not its true value) is of whole numbers (a witness)."""

    # x_p = b_p - sum_f a_pf x_f >= floor_p, x_f >= floor_f; shift x_f = floor_f + y_f.
    def solve(objective_sign: int) -> tuple[Fraction, bool]:
        constraints, bounds = [], []
        for r, col in enumerate(pivots):
            coefficients = [rows[r][f] for f in free]
            rest = rows[r][-1] - sum(a * floors[f] for a, f in zip(coefficients, free, strict=True))
            constraints.append(coefficients)  # sum a y <= rest - floor_p
            bounds.append(rest - floors[col])
        if i in free:
            objective = [Fraction(1 if f == i else 0) for f in free]
            offset = floors[i]
        else:
            r = pivots.index(i)
            objective = [-rows[r][f] for f in free]
            offset = rows[r][-1] - sum(rows[r][f] * floors[f] for f in free)
        objective = [objective_sign * v for v in objective]
        best, y = _maximise(objective, constraints, bounds, len(free))
        table = {f: floors[f] + v for f, v in zip(free, y, strict=True)}
        for r, col in enumerate(pivots):
            table[col] = rows[r][-1] - sum(rows[r][f] * table[f] for f in free)
        whole = all(v.denominator == 1 for v in map(Fraction, table.values()))
        return offset + objective_sign * best, whole

    (low, low_whole), (high, high_whole) = solve(-1), solve(1)
    witness = (low != x[i] and low_whole) or (high != x[i] and high_whole)
    return low, high, witness


def _maximise(c, a, b, n) -> tuple[Fraction, list[Fraction]]:
    """max c.y with a y <= b, y >= 0 (two phases, Bland's rule, exact), and a y where it is
    reached. Feasible and bounded here: the true table is a solution, and every count is
    bounded by a total."""
    m = len(a)
    # Rows with b < 0 are multiplied by -1 and get an artificial variable.
    width = n + m + m
    table, basis = [], []
    for r in range(m):
        sign = -1 if b[r] < 0 else 1
        row = [Fraction(0)] * (width + 1)
        for j in range(n):
            row[j] = sign * a[r][j]
        row[n + r] = Fraction(sign)  # slack
        row[n + m + r] = Fraction(1) if sign < 0 else Fraction(0)
        row[-1] = sign * b[r]
        table.append(row)
        basis.append(n + m + r if sign < 0 else n + r)
    artificial = [n + m + r for r in range(m) if b[r] < 0]

    def run(cost, allowed):
        while True:
            # Bland's rule: the first column whose reduced cost is positive. Only rows whose
            # basic column has a cost count towards a reduced cost (the others add 0).
            costed = [(cost[basis[r]], table[r]) for r in range(m) if cost[basis[r]]]
            entering = next(
                (j for j in allowed if cost[j] - sum(c * row[j] for c, row in costed) > 0), None
            )
            if entering is None:
                return
            leave = None
            for r in range(m):
                if table[r][entering] > 0:
                    key = (table[r][-1] / table[r][entering], basis[r])
                    if leave is None or key < leave[0]:
                        leave = (key, r)
            assert leave is not None, "unbounded"
            r = leave[1]
            _pivot(table, r, entering)
            basis[r] = entering

    if artificial:
        run([Fraction(-1) if j in artificial else Fraction(0) for j in range(width)], range(width))
        assert all(table[r][-1] == 0 for r in range(m) if basis[r] in artificial), "infeasible"
        # An artificial still in the basis at 0 is swapped out, or its row is redundant.
        for r in range(m):
            if basis[r] in artificial:
                j = next((j for j in range(n + m) if table[r][j] != 0), None)
                if j is not None:
                    _pivot(table, r, j)
                    basis[r] = j
    cost = list(c) + [Fraction(0)] * (width - n)
    run(cost, [j for j in range(n + m)])
    y = [Fraction(0)] * n
    for r in range(m):
        if basis[r] < n:
            y[basis[r]] = table[r][-1]
    return sum(cost[basis[r]] * table[r][-1] for r in range(m)), y


# --- The truth, from the database -------------------------------------------------------------


def truth_of(pupils) -> dict[tuple, int]:
    """Every cell's real count, from (urn, year group, sex, pupil premium, provision,
    primary need) of each pupil: the judge's knowledge, never the attacker's."""
    counts: dict[tuple, int] = defaultdict(int)
    measure_of = {"E": "ehc", "K": "support", "N": "none"}
    for urn, year, sex, pp, provision, need in pupils:
        m = measure_of[provision]
        for scope in (urn, TRUST):
            rows = [("total", ""), ("year", str(year)), ("sex", sex), ("pp", "yes" if pp else "no")]
            if m != "none" and need:
                rows += [("area", broad_area(need)), ("need", need)]
            elif m != "none":
                counts[(scope, "area", NO_NEED, m)] += 1
            for kind, code in rows:
                if kind in PUPIL_ROWS:
                    counts[(scope, kind, code, "roll")] += 1
                counts[(scope, kind, code, m)] += 1
                if m != "none":
                    counts[(scope, kind, code, "reg")] += 1
    return dict(counts)
