"""Every school of a trust side by side (outcomes_trust), for the trust's SEND lead.

One row a school and one for the trust, for each headline measure: overall absence,
persistent absence, suspensions per 100 pupils. Small numbers are hidden across the trust
and its schools' pages together: each school's row hides exactly what the school's own
pages hide of its whole school (so a figure is never shown on one and hidden on the other),
and the trust's figure for a group is hidden wherever any school's is, so it tells nobody
more than the schools' rows together (it is their sum).
"""

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from senco.access import trust_view
from senco.audit.services import audit_record
from senco.lib.clock import academic_year_label
from senco.outcomes import comparisons as cmp
from senco.outcomes import figures, national, selectors
from senco.outcomes.audit import OutcomesAction
from senco.outcomes.disclosure import Shown
from senco.outcomes.groups import ALL, row, whole
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
    own = {s.school.pk: _own_hidden(s) for s in schools}
    return [_measure(spec, schools, own, year) for spec in SHOWN]


@trust_view
def trust(request, trust):
    schools = list(trust.schools.order_by("name"))
    years, year, found = selectors.trust_year(schools, _year(request))
    if year is None and years:
        raise Http404("Not found")
    measures = _measures(found, year) if year else []
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
