"""Every school of a trust side by side (outcomes_trust), for the trust's SEND lead.

One row a school and one for the trust, for each headline measure: overall absence,
persistent absence, suspensions per 100 pupils, and the share of results at the expected
standard in each school's latest data drop of the year (all subjects). Small numbers are
hidden across the trust and its schools' pages together: each school's row hides exactly
what the school's own pages hide of its whole school (so a figure is never shown on one
and hidden on the other), and the trust's figure for a group is hidden wherever any
school's is, so it tells nobody more than the schools' rows together (it is their sum).
"""

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from senco.access import trust_view
from senco.audit.services import audit_record
from senco.lib.clock import academic_year_label
from senco.lib.collector import fewer_collections
from senco.outcomes import attainment as A
from senco.outcomes import comparisons as cmp
from senco.outcomes import figures, national, selectors
from senco.outcomes.audit import OutcomesAction
from senco.outcomes.disclosure import HEAD, Shown
from senco.outcomes.groups import ALL, Cell, Row, row, whole
from senco.outcomes.views import ALL_SPECS, _year

# The measures shown; a school's row reads as on its own pages.
SHOWN = (cmp.ABSENCE, cmp.PERSISTENT, cmp.SUSPENSIONS)


def _units(spec, s: selectors.SchoolYear) -> list:
    if spec is cmp.ABSENCE:
        return figures.absence_units(s.attendance)
    if spec is cmp.PERSISTENT:
        return figures.persistent_units(s.attendance)
    if spec is cmp.SUSPENSIONS:
        return figures.suspension_units(s.roll, s.suspensions)
    if spec is cmp.PERMANENT:
        return figures.suspension_units(s.roll, s.suspensions, kind="P")
    return figures.suspended_pupil_units(s.roll, s.suspensions)


def _own_hidden(s: selectors.SchoolYear) -> dict:
    """What the school's own pages hide of its whole-school rows, by measure: decided as
    there (`views._measures`: every measure of attendance and suspensions together)."""
    specs = [spec for spec, *_ in ALL_SPECS]
    items = [(spec, [whole(_units(spec, s))]) for spec in specs]
    return {
        spec.slug: view.hidden
        for spec, view in zip(specs, cmp.views(items, suppress=True), strict=True)
    }


def _measure(spec, schools: list[selectors.SchoolYear], own: dict, year: int) -> cmp.Measure:
    """The measure's table: the trust, then each school.

    A school's row hides exactly what its own pages hide. The trust's figure for a group
    is hidden wherever any school's is: then it only repeats what the schools' own rows
    say together (the trust's row adds up to the schools'), and a shown one is the sum of
    figures all shown already."""
    school_rows, cells = [], set()
    for s in schools:
        r = row(s.school.pk, s.school.name, _units(spec, s))
        school_rows.append(r)
        for _key, g, m in own[s.school.pk][spec.slug]:
            cells.add((s.school.pk, g, m))
            cells.add((ALL, g, m))
    everyone = [u for r in school_rows for u in r.units[ALL]]
    trust_row = whole(everyone, label="The trust")
    view = Shown(frozenset(cells), spec.counted)
    table = []
    for r in [trust_row, *school_rows]:
        shown_cells = [cmp.shown_cell(r, g, view, spec, "") for g in cmp.GROUPS]
        table.append(cmp.ShownRow(r.key, r.label, shown_cells, whole=r is trust_row))
    return cmp.Measure(
        spec=spec,
        rows=table,
        england=cmp.england_cells(spec, year),
        gaps=[],
        whole_values={},
        any_hidden=view.any_hidden,
    )


def _measures(schools: list[selectors.SchoolYear], year: int) -> list[cmp.Measure]:
    if not any(s.attendance or s.suspensions for s in schools):
        return []
    own = {s.school.pk: _own_hidden(s) for s in schools}
    return [_measure(spec, schools, own, year) for spec in SHOWN]


RESULTS = cmp.Spec(
    "results",
    "Results at the expected standard",
    "The share of results at or above the expected standard in each school's latest data "
    "drop of the year, all subjects together (each on the school's own scale). England "
    "publishes no figure for all subjects together.",
)


def _sum_cells(rows: list[Row]) -> dict[str, Cell]:
    cells = {}
    for g in cmp.GROUPS:
        pupils = sum(r.cells[g].pupils for r in rows)
        num = sum(r.cells[g].num for r in rows)
        den = sum(r.cells[g].den for r in rows)
        cells[g] = Cell(pupils, num, den, num / den * 100 if den else None)
    return cells


def _results(schools: list, latest: dict[int, A.Drop]) -> cmp.Measure | None:
    """Each school's latest drop of the year beside the others: three queries for all of
    them. A school's row hides what its own results page hides of its whole school for that
    drop (decided on every breakdown of the drop, as there); the trust's wherever any
    school's is."""
    if not latest:
        return None
    counts = A.drop_counts([d.id for d in latest.values()], None, dims=A.FIGURES_ONLY_DIMENSIONS)
    school_rows, cells = [], set()
    for s in schools:
        drop = latest.get(s.pk)
        if drop is None:
            continue
        of_drop = counts.get(drop.id, {})
        head = A.head_row(of_drop)
        school_rows.append(
            Row(key=s.pk, label=f"{s.name} ({drop.name})", cells=head.cells, units={})
        )
        for dim, _key, g, m in A.decided_cells(of_drop, A.FIGURES_ONLY_DIMENSIONS):
            if dim == HEAD:
                cells.add((s.pk, g, m))
                cells.add((ALL, g, m))
    trust_row = Row(key=ALL, label="The trust", cells=_sum_cells(school_rows), units={})
    view = Shown(frozenset(cells), counted=True)
    table = [
        cmp.ShownRow(
            r.key,
            r.label,
            [cmp.shown_cell(r, g, view, RESULTS, "") for g in cmp.GROUPS],
            whole=r is trust_row,
        )
        for r in [trust_row, *school_rows]
    ]
    return cmp.Measure(
        spec=RESULTS, rows=table, england=[], gaps=[], whole_values={}, any_hidden=view.any_hidden
    )


@trust_view
@fewer_collections()  # a unit a pupil, measure and term (senco/lib/collector.py)
def trust(request, trust):
    schools = list(trust.schools.order_by("name"))
    drops = A.trust_drops([s.pk for s in schools])
    drop_years = {d.academic_year for ds in drops.values() for d in ds}
    years, year, found = selectors.trust_year(schools, _year(request), more_years=drop_years)
    if year is None and years:
        raise Http404("Not found")
    measures = _measures(found, year) if year else []
    latest = {}
    for school_id, ds in drops.items():
        of_year = [d for d in ds if d.academic_year == year]
        if of_year:
            latest[school_id] = of_year[-1]
    results = _results(schools, latest) if year else None
    if results is not None:
        measures.append(results)
    audit_record(
        actor=request.actor,
        action=OutcomesAction.TRUST_VIEW,
        detail={"trust": trust.pk, "year": year},
    )
    links = {s.pk: reverse("outcomes_home", args=[s.urn]) for s in schools}
    return render(
        request,
        "outcomes/trust.html",
        {
            "trust": trust,
            "year": year,
            "year_label": academic_year_label(year) if year else "",
            "years": [(y, academic_year_label(y)) for y in years],
            "measures": measures,
            "links": links,
            "suppress": True,
            "sources": national.sources_of(
                national.england(spec.slug, g, year) for spec in SHOWN for g in cmp.GROUPS
            )
            if year
            else [],
        },
    )
