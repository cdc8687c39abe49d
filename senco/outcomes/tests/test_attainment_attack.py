"""An attacker who is a governor: the results page of one subject by every breakdown a
governor may choose, read as the pages show them ("40 pupils" or "hidden"; a share beside a
shown number of pupils gives its count back in one subject, so a shown share counts as its
count shown), put together as one system of equations and solved by the method's `pinned`
and by the register's independent attacker. No count from 1 to 4 may be worked out, no
figure is shown on one page and hidden on another, and the trend's row for the drop reads as
the table's whole-school row."""

import pytest
from django.urls import reverse

from senco.lib.codes import broad_area
from senco.lib.disclosure import Sum, pinned
from senco.outcomes import attainment as A
from senco.outcomes.groups import ALL
from senco.outcomes.tests.attainment_fixtures import build
from senco.register.tests.attacker import attack

GROUPS = ("E", "K", "N", "all")
PARTITIONS = ("year", "area", "need", "sex", "pp")


def _truth(school, drop, subject) -> dict:
    names = A.subjects(school)
    truth = {}
    for dim in (*A.FIGURES_ONLY_DIMENSIONS, ""):
        units = A.units(A.results(drop.id, subject), names)
        for u in units:
            key = (dim, u.facts[dim][0]) if dim else ("", ALL)
            for g in (u.provision, ALL):
                p = truth.setdefault((*key, g, "pupils"), set())
                p.add(u.pupil)
                truth[(*key, g, "num")] = truth.get((*key, g, "num"), 0) + u.num
    return {k: len(v) if isinstance(v, set) else int(v) for k, v in truth.items()}


@pytest.mark.parametrize("sizes", [(3, 7, 40), (6, 2, 25), (1, 12, 30)])
def test_no_small_number_can_be_worked_out_from_every_page(governor, client_for, school, sizes):
    ehc, support, none = sizes
    data = build(school, ehc=ehc, support=support, none=none, years=(2024,), low=1)
    drop, subject = data.drops[-1], data.subjects["Maths"].pk
    truth = _truth(school, drop, subject)
    client = client_for(governor)
    seen: dict[tuple, set] = {}
    rows_of: dict[str, list] = {}
    for by in A.FIGURES_ONLY_DIMENSIONS:
        response = client.get(
            reverse("outcomes_attainment", args=[school.urn]),
            {"drop": drop.id, "subject": subject, "by": by},
        )
        assert response.status_code == 200
        table = response.context["table"]
        rows_of[by] = []
        for r in table:
            key = ("", ALL) if r.whole else (by, r.key)
            if not r.whole:
                rows_of[by].append(key)
            for g, cell in zip(GROUPS, r.cells, strict=True):
                pupils = "hidden" if cell.pupils == "hidden" else truth.get((*key, g, "pupils"), 0)
                if cell.pupils != "hidden":
                    assert int(cell.pupils.replace(",", "")) == pupils
                num = "hidden" if cell.hidden else truth.get((*key, g, "num"), 0)
                seen.setdefault((*key, g, "pupils"), set()).add(pupils)
                seen.setdefault((*key, g, "num"), set()).add(num)
        trend = response.context["trend"]
        if trend is not None:
            last = trend.rows[-1][1]
            assert [c.hidden for c in last] == [c.hidden for c in table[0].cells]
            assert [c.pupils for c in last] == [c.pupils for c in table[0].cells]
    both = {k for k, v in seen.items() if len(v) > 1}
    assert not both, sorted(both)[:5]
    values = {k: truth.get(k, 0) for k in seen}
    hidden = {k for k, v in seen.items() if v == {"hidden"}}
    sums = []
    keys = {k[:2] for k in seen}
    for key in keys:
        for m in ("pupils", "num"):
            sums.append(Sum((*key, ALL, m), tuple((*key, g, m) for g in "EKN")))
    for by, keys_of in rows_of.items():
        measures = ("pupils", "num") if by in PARTITIONS or len(keys_of) == 1 else ("num",)
        for m in measures:
            for g in GROUPS:
                sums.append(Sum(("", ALL, g, m), tuple((*k, g, m) for k in keys_of)))
    for area_key in rows_of.get("area", []):
        needs = [k for k in rows_of.get("need", []) if (broad_area(k[1]) or "-") == area_key[1]]
        for m in ("pupils", "num"):
            for g in GROUPS:
                sums.append(Sum((*area_key, g, m), tuple((*n, g, m) for n in needs)))
    small = {k for k, v in values.items() if 0 < v < 5}
    assert small <= hidden, sorted(small - hidden)[:5]
    assert not pinned(values, sums, hidden) & small
    equations = []
    for s in sums:
        eq = {s.total: 1}
        for p in s.parts:
            eq[p] = eq.get(p, 0) - 1
        equations.append(eq)
    shown = {k: v for k, v in values.items() if k not in hidden}
    findings = attack(equations, shown, hidden, {}, values)
    assert not set(findings.pinned) & small, sorted(set(findings.pinned) & small)[:5]
    assert hidden
