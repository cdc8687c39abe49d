"""Which of the register's figures are hidden from people who see no pupil's name.

Governors see their school's summary; the trust's SEND lead sees the trust's page (each
school's totals, the schools side by side, the whole trust's summary) and every school's
summary. Everything one of them can fetch must be safe *together*: a figure shown on one
page must not let them work out a figure hidden on another. So the figures of the whole
trust, every school's and the trust's, are one system of sums (senco/lib/disclosure.py),
decided at once from one count of the trust's pupils, and every page, table and chart reads
its hidden figures from that one decision. Every page shows a school the same way,
whoever is looking (the governor and the trust lead see the same page), except to a trust
lead who also sees the exact figures of a school of the trust (as its SENCO, say): their
pages are decided with that school's figures known (`schools_known_to`).

The method, in plain English, is in docs/disclosure.md.

A cell is (scope, scope id, kind, code, measure):

- scope: ("school", its id) or ("trust", 0);
- kind and code: the row, as `Row.key` gives it: ("total", ""), ("year", "7"),
  ("sex", "F"), ("pp", "yes"), ("area", "CL"), ("need", "MLD");
- measure: "roll", "ehc", "support" (shown as counts), "reg" (a school's pupils on the
  register in that row: shown only as a percent, on the trust's page), "none" (pupils not
  on the register: never shown, so unpublished).
"""

from dataclasses import dataclass
from functools import lru_cache

from senco.access import Scope
from senco.accounts.models import Membership
from senco.lib.codes import BroadArea, Need, Provision, Sex, broad_area
from senco.lib.disclosure import Sum, protect
from senco.register.selectors import Comparison, GroupCount, Share, Summary, pp_key

TRUST = ("trust", 0)
SHOWN = ("roll", "ehc", "support")
BY_PROVISION = {Provision.EHC_PLAN: "ehc", Provision.SEN_SUPPORT: "support"}
# Rows that split every pupil, so have a roll and the pupils not on the register (the other
# rows, broad areas and needs, split the pupils on the register).
PUPIL_ROWS = ("total", "year", "sex", "pp")
# Pupils outside every row of a breakdown (a sex other than F or M, a pupil on the register
# with no primary need recorded): a row of its own, never shown.
ELSEWHERE = "?"


def school_scope(school_id: int) -> tuple:
    return ("school", school_id)


@dataclass(frozen=True)
class Hidden:
    """The cells of the trust's figures that are hidden, and those hidden because they are
    below 5 (the rest hide nothing small themselves, but would let a small one be worked
    out)."""

    cells: frozenset
    primary: frozenset

    @property
    def secondary(self) -> frozenset:
        return self.cells - self.primary

    def of_row(self, scope: tuple, key: tuple[str, str]) -> frozenset[str]:
        """Which of a row's figures ("roll", "ehc", "support") are hidden."""
        return frozenset(m for m in SHOWN if (*scope, *key, m) in self.cells)

    def summary(self, summary: Summary, scope: tuple) -> Summary:
        """The summary of a school (or of the trust) with its hidden figures marked."""
        for row in summary.rows():
            row.hidden = self.of_row(scope, row.key)
        return summary

    def school_rows(self, rows: list[tuple]) -> list[tuple]:
        """(school, row) of the trust's table of schools, hidden figures marked."""
        for school, row in rows:
            row.hidden = self.of_row(school_scope(school.pk), ("total", ""))
        return rows

    def comparisons(self, comparisons: list[Comparison]) -> list[Comparison]:
        """A percent is hidden where its count or the count it is a percent of is hidden."""
        for c in comparisons:
            rows = []
            for code, (label, shares) in zip(c.codes, c.rows, strict=True):
                marked = []
                for school_id, share in zip(c.school_ids, shares, strict=True):
                    count = (*school_scope(school_id), c.kind, code, "reg")
                    if c.kind == "year":
                        total = (*school_scope(school_id), "year", code, "roll")
                    else:
                        total = (*school_scope(school_id), "total", "", "reg")
                    hidden = count in self.cells or total in self.cells
                    marked.append(Share(share.count, share.total, hidden))
                rows.append((label, marked))
            c.rows = rows
        return comparisons


@lru_cache(maxsize=64)
def hidden_figures(
    counts: tuple[GroupCount, ...], known_schools: frozenset[int] = frozenset()
) -> Hidden:
    """What to hide of a trust's figures, from `selectors.trust_counts`, for someone who
    sees the exact figures of `known_schools` (`schools_known_to`: usually none).
    Remembered: the same pupils give the same answer without solving again (it takes
    ~0.02 s for the demo's two schools, ~1 s for twenty)."""
    values, sums, unpublished = trust_system(counts)
    known = [k for k in values if k[0] == "school" and k[1] in known_schools]
    decision = protect(values, sums, unpublished=unpublished, known=known)
    return Hidden(cells=decision.hidden, primary=decision.primary)


def schools_known_to(user, trust_id: int) -> frozenset[int]:
    """The schools of the trust whose exact figures the user sees, as their SENCO or a
    senior leader (one query). A trust's SEND lead who is also a school's SENCO knows that
    school's figures: the trust's pages must be safe with them known, so they are decided
    for that person with them known (`hidden_figures`)."""
    memberships = Membership.objects.filter(
        user=user, school__trust_id=trust_id, is_active=True
    ).select_related("school")
    return frozenset(
        m.school_id
        for m in memberships
        if (scope := Scope(user, m.school, m.role)).sees_summary
        and not scope.suppress_small_numbers
    )


def trust_system(counts) -> tuple[dict, list[Sum], set]:
    """Every figure of the trust's pages as a cell, with its count (in a fixed order: each
    school, then the trust), the sums between them, and the cells never shown."""
    counts = list(counts)
    schools = sorted({c.school_id for c in counts})
    scopes = [school_scope(s) for s in schools] + [TRUST]
    codes = {
        "total": [""],
        "year": [str(y) for y in sorted({c.year_group for c in counts})],
        "sex": [s.value for s in Sex],
        "pp": [pp_key(True), pp_key(False)],
        "area": [a.value for a in BroadArea],
        "need": [n.value for n in Need],
    }
    values: dict[tuple, int] = {}
    unpublished: set[tuple] = set()

    def cell(*key, published=True) -> tuple:
        values.setdefault(key, 0)
        if not published:
            unpublished.add(key)
        return key

    def measures(scope, kind) -> list[str]:
        shown = ["roll", "ehc", "support"] if kind in PUPIL_ROWS else ["ehc", "support"]
        # The register in each row is shown (as a percent) for schools, on the trust page.
        on_register = scope != TRUST and kind in ("total", "year", "area", "need")
        return shown + (["reg"] if on_register else [])

    for scope in scopes:
        for kind, row_codes in codes.items():
            for code in row_codes:
                for m in measures(scope, kind):
                    cell(*scope, kind, code, m)
                if kind in PUPIL_ROWS:
                    cell(*scope, kind, code, "none", published=False)

    for c in counts:
        measure = BY_PROVISION.get(c.sen_provision, "none")
        for scope in (school_scope(c.school_id), TRUST):
            rows = [
                ("total", ""),
                ("year", str(c.year_group)),
                ("sex", c.sex if c.sex in codes["sex"] else ELSEWHERE),
                ("pp", pp_key(c.pupil_premium)),
            ]
            if measure != "none":
                if c.primary_need:
                    rows += [("area", broad_area(c.primary_need)), ("need", c.primary_need)]
                else:
                    rows.append(("area", ELSEWHERE))
            for kind, code in rows:
                elsewhere = code == ELSEWHERE
                if kind in PUPIL_ROWS:
                    values[cell(*scope, kind, code, "roll", published=not elsewhere)] += c.n
                values[cell(*scope, kind, code, measure, published=not elsewhere)] += c.n
                if measure != "none" and (*scope, kind, code, "reg") in values:
                    values[(*scope, kind, code, "reg")] += c.n

    sums: list[Sum] = []

    def add(total, parts) -> None:
        parts = tuple(p for p in parts if p in values)
        if total in values and parts:
            sums.append(Sum(total, parts))

    for scope in scopes:
        for kind in PUPIL_ROWS:
            row_codes = codes[kind] + ([ELSEWHERE] if kind == "sex" else [])
            for code in row_codes:
                key = (*scope, kind, code)
                add((*key, "roll"), [(*key, "ehc"), (*key, "support"), (*key, "none")])
            if kind != "total":
                for m in ("roll", "ehc", "support", "none"):
                    add((*scope, "total", "", m), [(*scope, kind, code, m) for code in row_codes])
        for m in ("ehc", "support"):
            areas = codes["area"] + [ELSEWHERE]
            add((*scope, "total", "", m), [(*scope, "area", a, m) for a in areas])
            for a in codes["area"]:
                needs = [n for n in codes["need"] if broad_area(n) == a]
                add((*scope, "area", a, m), [(*scope, "need", n, m) for n in needs])
        for kind, row_codes in codes.items():
            for code in row_codes:
                key = (*scope, kind, code)
                add((*key, "reg"), [(*key, "ehc"), (*key, "support")])
    # The trust's figures are the sums of its schools'.
    for key in [k for k in values if k[:2] == TRUST]:
        add(key, [(*school_scope(s), *key[2:]) for s in schools])
    return values, sums, unpublished
