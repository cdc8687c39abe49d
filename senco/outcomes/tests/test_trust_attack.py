"""An attacker who is the trust's SEND lead: every school's front page, attendance and
suspensions pages by every breakdown, and the trust's page, read as the pages show them
(each cell's "6 of 45 pupils" or "hidden"), put together as one system of equations, and
solved by the register's independent attacker (senco/register/tests/attacker.py). No count
from 1 to 4 may be worked out, and no figure is shown on one page and hidden on another."""

import pytest

from senco.access import Scope
from senco.outcomes import comparisons as cmp
from senco.outcomes import selectors, trust_views, views
from senco.outcomes.tests.comparison_fixtures import build
from senco.register.tests.attacker import Findings, _groups, _solve_group

GROUPS = ("E", "K", "N", "all")
PAGES = {
    "attendance": (views.ATTENDANCE_SPECS, selectors.attendance_year),
    "suspensions": (views.SUSPENSION_SPECS, selectors.suspension_year),
}


def _read(cell) -> tuple[str | None, str | None]:
    """(pupils, count) as the page reads them: a number as text, "hidden", or None."""
    if cell.empty:
        return "0", ("0" if cell.count else None)
    return cell.pupils.replace(",", ""), (cell.count.replace(",", "") if cell.count else None)


class Reader:
    def __init__(self):
        self.seen: dict[tuple, set] = {}  # cell -> what the pages said ("hidden" or a number)
        self.sums: list[dict] = []
        self.slack: set = set()  # unknowns of at least 0 that bound others

    def note(self, key, text) -> None:
        if text is not None:
            self.seen.setdefault(key, set()).add(text)

    def measure(self, school, m: cmp.Measure, dim: str, roll: str) -> None:
        """A measure's table; its pupils are the page's roll (shared by its measures)."""
        rows = {}
        for r in m.rows:
            key = ("", "all") if r.whole else (dim, str(r.key))
            rows[key] = r
            for g, cell in zip(GROUPS, r.cells, strict=True):
                pupils, count = _read(cell)
                self.note((school, roll, *key, g, "pupils"), pupils)
                self.note((school, m.spec.slug, *key, g, "num"), count)
        for key in rows:
            for kind, base in (("pupils", roll), ("num", None)):
                cells = [(school, base or "", *key, g, kind) for g in GROUPS]
                if kind == "num":
                    cells = [(school, m.spec.slug, *key, g, kind) for g in GROUPS]
                if all(c in self.seen for c in cells):
                    self.sums.append({cells[3]: 1, cells[0]: -1, cells[1]: -1, cells[2]: -1})
        parts = [k for k in rows if k != ("", "all")]
        if parts:
            for g in GROUPS:
                for kind in ("pupils", "num"):
                    name = roll if kind == "pupils" else m.spec.slug
                    total = (school, name, "", "all", g, kind)
                    cells = [(school, name, *k, g, kind) for k in parts]
                    if total in self.seen and all(c in self.seen for c in cells):
                        eq = {total: 1}
                        for c in cells:
                            eq[c] = eq.get(c, 0) - 1
                        self.sums.append(eq)

    def trust_measure(self, m: cmp.Measure, roll: str, schools) -> None:
        for r in m.rows:
            school = "trust" if r.whole else r.key
            for g, cell in zip(GROUPS, r.cells, strict=True):
                pupils, count = _read(cell)
                self.note((school, roll, "", "all", g, "pupils"), pupils)
                self.note((school, m.spec.slug, "", "all", g, "num"), count)
        for g in GROUPS:
            for kind, name in (("pupils", roll), ("num", m.spec.slug)):
                total = ("trust", name, "", "all", g, kind)
                eq = {total: 1}
                for s in schools:
                    eq[(s, name, "", "all", g, kind)] = -1
                if all(c in self.seen for c in eq):
                    self.sums.append(eq)
                row = [("trust", name, "", "all", x, kind) for x in GROUPS]
                if all(c in self.seen for c in row):
                    self.sums.append({row[3]: 1, row[0]: -1, row[1]: -1, row[2]: -1})


def attack(equations, shown, hidden, truth, slack=()) -> Findings:
    """The register's attacker, told what anyone reading the pages knows: a hidden number of
    pupils is at least 1 (0 reads "0"), and so is a hidden count beside a shown number of
    pupils; a count beside a hidden number of pupils may be 0 (it is hidden with them)."""
    unknown = {}
    for k in hidden:
        pupils = (*k[:-1], "pupils")
        if k[-1] == "num":
            pupils = next((p for p in hidden if p[0] == k[0] and p[2:5] == k[2:5]), None)
        unknown[k] = 0 if (k[-1] == "num" and pupils is not None) else 1
    unknown.update({k: 0 for k in slack})
    findings = Findings(targets=set(hidden), problems=[])
    for group in _groups(equations, unknown):
        _solve_group(group, equations, unknown, shown, truth, findings)
    return findings


def read_everything(trust, schools_built) -> tuple[Reader, dict]:
    reader = Reader()
    truth: dict = {}
    schools = list(trust.schools.order_by("name"))
    for school in schools:
        scope = Scope(None, school, "governor")
        for page, (specs, year_of) in PAGES.items():
            for by in ("", *views.BREAKDOWNS):
                data = year_of(school, None, trend=False)
                shown = views._measures(scope, data, by, specs, trend=(), page=page)
                exact = views._measures(
                    Scope(None, school, "senco"), data, by, specs, trend=(), page=page
                )
                for m, e in zip(shown, exact, strict=True):
                    # Both pages' pupils are the same: every pupil with attendance in the
                    # year (here no pupil is suspended without), as the pages say.
                    reader.measure(school.pk, m, by, "roll")
                    shadow = Reader()
                    shadow.measure(school.pk, e, by, "roll")
                    for k, v in shadow.seen.items():
                        truth[k] = int(next(iter(v)))
        # The suspensions term by term: a year's suspensions are its terms' added up.
        for page, specs, year_of, shown_by_term in (
            ("suspensions", views.SUSPENSION_SPECS, selectors.suspension_year, (cmp.SUSPENSIONS,)),
            (
                "attendance",
                views.ATTENDANCE_SPECS,
                selectors.attendance_year,
                (cmp.ABSENCE, cmp.PERSISTENT),
            ),
        ):
            data = year_of(school, None, trend=True)
            if page == "attendance":
                data = selectors.attendance_year(school, None, trend=True, with_suspensions=True)
            shown = views._measures(scope, data, "", specs, trend=shown_by_term, page=page)
            exact = views._measures(
                Scope(None, school, "senco"), data, "", specs, trend=shown_by_term, page=page
            )
            for m, e in zip(shown, exact, strict=True):
                if m.trend is None:
                    continue
                for (label, cells), (_l, exact_cells) in zip(
                    m.trend.rows, e.trend.rows, strict=True
                ):
                    for g, cell, ex in zip(GROUPS, cells, exact_cells, strict=True):
                        for kind, (text, true) in zip(
                            ("pupils", "num"), zip(_read(cell), _read(ex), strict=True), strict=True
                        ):
                            key = (school.pk, m.spec.slug, "term", label, g, kind)
                            reader.note(key, text)
                            if true is not None:
                                truth[key] = int(true)
                    for kind in ("pupils", "num"):
                        row_cells = [
                            (school.pk, m.spec.slug, "term", label, g, kind) for g in GROUPS
                        ]
                        if all(c in reader.seen for c in row_cells):
                            reader.sums.append(
                                {
                                    row_cells[3]: 1,
                                    row_cells[0]: -1,
                                    row_cells[1]: -1,
                                    row_cells[2]: -1,
                                }
                            )
                    # Here every pupil is on roll all year: a term's pupils are the year's
                    # (an attacker who knows the school may well know that).
                    for g in GROUPS:
                        reader.sums.append(
                            {
                                (school.pk, m.spec.slug, "term", label, g, "pupils"): 1,
                                (school.pk, "roll", "", "all", g, "pupils"): -1,
                            }
                        )
                        # Pupils persistently absent are some of the pupils: num + a slack
                        # of at least 0 = pupils.
                        if m.spec is cmp.PERSISTENT:
                            slack = ("slack", school.pk, label, g)
                            reader.slack.add(slack)
                            reader.sums.append(
                                {
                                    (school.pk, m.spec.slug, "term", label, g, "pupils"): 1,
                                    (school.pk, m.spec.slug, "term", label, g, "num"): -1,
                                    slack: -1,
                                }
                            )
                if m.spec is cmp.SUSPENSIONS:
                    labels = [label for label, _c in m.trend.rows if str(data.year) in label]
                    for g in GROUPS:
                        eq = {(school.pk, "suspensions", "", "all", g, "num"): 1}
                        for label in labels:
                            eq[(school.pk, "suspensions", "term", label, g, "num")] = -1
                        reader.sums.append(eq)
    _years, year, found = selectors.trust_year(schools, None)
    for m in trust_views._measures(found, year):
        roll = "roll"
        reader.trust_measure(m, roll, [s.pk for s in schools])
        # The trust row's exact figures.
        for r in m.rows:
            if r.whole:
                for g in GROUPS:
                    pupils = sum(truth[(s.pk, roll, "", "all", g, "pupils")] for s in schools)
                    truth[("trust", roll, "", "all", g, "pupils")] = pupils
                    num = sum(
                        truth.get((s.pk, m.spec.slug, "", "all", g, "num"), 0) for s in schools
                    )
                    truth[("trust", m.spec.slug, "", "all", g, "num")] = num
    return reader, truth


@pytest.mark.parametrize(
    "sizes",
    [
        ((12, 20, 40), (3, 8, 20)),
        ((5, 6, 30), (2, 3, 14)),
        ((7, 4, 12), (1, 9, 25)),
    ],
)
def test_no_small_number_can_be_worked_out_across_the_trust(trust, school, sister_school, sizes):
    (e1, k1, n1), (e2, k2, n2) = sizes
    built = (
        build(school, ehc=e1, support=k1, none=n1, years=(2024,)),
        build(sister_school, ehc=e2, support=k2, none=n2, years=(2024,), heavy=1),
    )
    reader, truth = read_everything(trust, built)
    # A figure is shown on one page and hidden on another: never.
    both = {k for k, v in reader.seen.items() if "hidden" in v and len(v) > 1}
    assert not both, sorted(both)[:5]
    hidden = {k for k, v in reader.seen.items() if v == {"hidden"}}
    shown = {k: int(next(iter(v))) for k, v in reader.seen.items() if k not in hidden}
    small = {k for k in reader.seen if 0 < truth.get(k, 0) < 5}
    assert small <= hidden, sorted(small - hidden)[:5]
    for k in reader.slack:
        pupils = truth[(k[1], "persistent", "term", k[2], k[3], "pupils")]
        truth[k] = pupils - truth[(k[1], "persistent", "term", k[2], k[3], "num")]
    # Counts have no upper bound in the equations (the attacker's linear programmes need
    # one): each total is at most 10,000, which tells nobody anything.
    for k in [k for k in reader.seen if k[-1] == "num" and k[4] == "all"]:
        slack = ("bound", *k)
        reader.slack.add(slack)
        reader.sums.append({k: 1, slack: 1, ("ten thousand",): -1})
        truth[slack] = 10_000 - truth[k]
    shown[("ten thousand",)] = 10_000
    truth[("ten thousand",)] = 10_000
    findings = attack(reader.sums, shown, hidden, truth, reader.slack)
    assert not set(findings.pinned) & small, sorted(set(findings.pinned) & small)[:5]
    assert hidden  # the test exercised something
