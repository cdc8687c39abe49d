"""The comparisons of attendance and suspensions, and the front page (outcomes_home).

Options come from GET (`year`, `by`); a value that is not one of the page's is a 404. The
figures go through `comparisons` (which asks `disclosure` what may be shown); the pupils
who make a gap are named, and audited one row each, only for `scope.sees_outcome_pupils`.
"""

import importlib
from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse

from senco.access import school_view
from senco.audit.services import audit_list, audit_record
from senco.lib.clock import academic_year_label
from senco.lib.collector import fewer_collections
from senco.outcomes import comparisons as cmp
from senco.outcomes import figures, national, selectors
from senco.outcomes.audit import OutcomesAction
from senco.outcomes.disclosure import Shown, hidden_cells
from senco.outcomes.groups import ALL, DIMENSIONS, breakdown, row, whole
from senco.pupils.models import Pupil

# The breakdowns attendance and suspensions offer (results add subject and teacher).
BREAKDOWNS = ("year", "area", "need", "sex", "pp")
DEFAULT_BY = "year"


def _year(request) -> int | None:
    raw = request.GET.get("year", "")
    if not raw:
        return None
    if not (raw.isascii() and raw.isdigit()) or len(raw) != 4:
        raise Http404("Not found")
    return int(raw)


def _by(request) -> str:
    by = request.GET.get("by") or DEFAULT_BY
    if by not in BREAKDOWNS:
        raise Http404("Not found")
    return by


def _maybe_url(name: str, scope) -> str:
    """The address of another part's page, or "" while it is not there."""
    try:
        return reverse(name, args=[scope.school.urn])
    except NoReverseMatch:
        return ""


def _choices(years: list[int]) -> list[tuple[int, str]]:
    return [(y, academic_year_label(y)) for y in years]


def _linker(scope, measure: str, year: int, by: str):
    """A cell's address: its pupils, for those who may see them."""
    if not scope.sees_outcome_pupils:
        return None
    base = reverse("outcomes_pupils", args=[scope.school.urn, measure])

    def link(row, group: str) -> str:
        params = {"group": group, "year": year}
        if row.key != ALL:
            params.update(by=by, key=row.key)
        return f"{base}?{urlencode(params)}"

    return link


def _names(ids) -> dict[int, tuple]:
    """{id: (name, year group, need)} of the pupils named under the gaps (one query)."""
    if not ids:
        return {}
    rows = Pupil.objects.filter(pk__in=list(ids)).values_list(
        "pk", "forename", "legal_surname", "year_group", "primary_need"
    )
    return {pk: (f"{fore} {sur}", year, need) for pk, fore, sur, year, need in rows}


def _audit(request, scope, action, named, detail) -> None:
    if named:
        audit_list(
            actor=request.actor, action=action, school=scope.school, pupils=named, detail=detail
        )
    else:
        audit_record(actor=request.actor, action=action, school=scope.school, detail=detail)


def _measures(scope, data: selectors.Year, by: str, specs, *, trend: tuple, page: str) -> list:
    """The page's measures: `specs` are (spec, make units from (pupils, suspensions), cells
    link to pupils, gaps); `trend` the specs to show term by term too.

    For those who see no names, the numbers of pupils of every measure of attendance and
    suspensions (the same pupils) are decided together (`comparisons.views`), on this page
    and the other alike, so that neither page shows a number the other hides."""
    suppress = scope.suppress_small_numbers
    linker = _linker(scope, page, data.year, by)
    every = ALL_SPECS if suppress else specs
    made = []
    for spec, make, _links, _gaps in every:
        units = make(data.pupils, data.suspensions)
        made.append((spec, whole(units), breakdown(units, by) if by else []))
    decided = cmp.views([(spec, [w, *rows]) for spec, w, rows in made], suppress=suppress)
    view_of = {
        spec.slug: (view, w, rows) for (spec, w, rows), view in zip(made, decided, strict=True)
    }
    found = []
    for spec, _make, links, with_gaps in specs:
        view, w, rows = view_of[spec.slug]
        found.append(
            cmp.measure(
                spec,
                w,
                rows,
                year=data.year,
                suppress=suppress,
                link=linker if links else None,
                with_gaps=with_gaps,
                view=view,
            )
        )
    if trend and data.terms:
        every_trend = [x for x in every if x[0] in TREND_SPECS] if suppress else every
        # The shown year's whole-school pupils hidden, as decided above (every measure).
        shown_year = {
            g for view in decided for key, g, m in view.hidden if key == ALL and m == "pupils"
        }
        items, decided = _term_rows(data, every_trend, suppress, shown_year)
        trends = dict(
            zip(
                [spec.slug for spec, *_ in every_trend],
                cmp.trends(items, decided, year=data.year),
                strict=True,
            )
        )
        for m in found:
            if m.spec in trend:
                m.trend = trends[m.spec.slug]
    return found


def _term_rows(data: selectors.Year, specs, suppress: bool, shown_year: set) -> tuple[list, list]:
    """Each measure term by term (the whole school of each term), and what may be shown of
    each term. For those who see no names, a year's terms are decided with the year's own
    whole-school row (as its page shows it), as a breakdown of it: a year's suspensions are
    its terms' added up, so no term may give away what the year's row hides. The measures
    shown by term are decided together, as on the pages."""
    rows = {}
    for t in data.terms:
        for spec, make, _l, _g in specs:
            # Facts only where the decision reads them (those who see no names).
            units = make(t.pupils, t.suspensions, facts=suppress)
            rows[(t.year, t.term, spec.slug)] = row((t.year, t.term), t.label, units)
    items = [
        (spec, [(t.short, t.label, rows[(t.year, t.term, spec.slug)]) for t in data.terms])
        for spec, *_ in specs
    ]
    decided: dict[tuple, list] = {}
    for y in sorted({t.year for t in data.terms}):
        terms = [t for t in data.terms if t.year == y]
        if suppress and y in data.trend_years:
            pupils, found = data.trend_years[y]
            per_spec = [
                (
                    spec,
                    [
                        whole(make(pupils, found)),
                        *(rows[(t.year, t.term, spec.slug)] for t in terms),
                    ],
                )
                for spec, make, _l, _g in specs
            ]
            views_of = cmp.views(per_spec, suppress=True)
            # Most pupils are on roll all year: a term's numbers of pupils are nearly the
            # year's, so a group whose number the year's page hides is hidden in each term.
            if y == data.year:
                year_hidden = shown_year
            else:
                year_rows = [
                    (spec, [whole(make(pupils, found))]) for spec, make, _l, _g in ALL_SPECS
                ]
                year_hidden = {
                    c[1]
                    for v in cmp.views(year_rows, suppress=True)
                    for c in v.hidden
                    if c[0] == ALL and c[2] == "pupils"
                }
            extra = frozenset((t.year, t.term) for t in terms)
            extra = frozenset((key, g, "pupils") for key in extra for g in year_hidden)
            views_of = [Shown(v.hidden | extra, v.counted) for v in views_of]
        else:
            views_of = cmp.views([(spec, []) for spec, *_ in specs], suppress=False)
        for t in terms:
            decided[(t.year, t.term)] = views_of
    return items, [decided[(t.year, t.term)] for t in data.terms]


def _on_roll(make):
    """A suspension measure's units from the pupils with attendance and the suspensions:
    every pupil on roll, any suspended pupil without attendance too."""
    return lambda pupils, found, **kw: make(figures.roll(pupils, found), found, **kw)


ATTENDANCE_SPECS = (
    (cmp.ABSENCE, lambda pupils, _s, **kw: figures.absence_units(pupils, **kw), True, True),
    (cmp.PERSISTENT, lambda pupils, _s, **kw: figures.persistent_units(pupils, **kw), True, True),
)
SUSPENSION_SPECS = (
    (cmp.SUSPENSIONS, _on_roll(figures.suspension_units), True, True),
    (
        cmp.PERMANENT,
        _on_roll(lambda roll, found, **kw: figures.suspension_units(roll, found, kind="P", **kw)),
        False,
        False,
    ),
    (cmp.SUSPENDED_PUPILS, _on_roll(figures.suspended_pupil_units), False, True),
)
ALL_SPECS = ATTENDANCE_SPECS + SUSPENSION_SPECS
# The measures shown term by term (on the attendance and suspensions pages).
TREND_SPECS = (cmp.ABSENCE, cmp.PERSISTENT, cmp.SUSPENSIONS)


def _attendance_measures(scope, data: selectors.Year, by: str, *, trend: bool) -> list:
    wanted = (cmp.ABSENCE, cmp.PERSISTENT) if trend else ()
    return _measures(scope, data, by, ATTENDANCE_SPECS, trend=wanted, page="attendance")


def _attendance_figure(pupils):
    def figure_of(spec, pid) -> str:
        p = pupils.get(pid)
        if p is None or p.absence is None:
            return "-"
        if spec is cmp.PERSISTENT:
            return f"{p.absence:.1f}% missed ({p.missed} of {p.possible} sessions)"
        return f"{p.absence:.1f}% missed"

    return figure_of


@school_view("reads_outcomes")
@fewer_collections()  # a unit a pupil, measure and term (senco/lib/collector.py)
def attendance(request, scope):
    data = selectors.attendance_year(
        scope.school, _year(request), with_suspensions=scope.suppress_small_numbers
    )
    if data is None:
        raise Http404("Not found")
    by = _by(request)
    measures, named = [], []
    if data.year is not None:
        measures = _attendance_measures(scope, data, by, trend=True)
        if scope.sees_outcome_pupils:
            ids = {p for m in measures for g in m.gaps for p in g.contribution_ids}
            named = cmp.name_contributors(measures, _names(ids), _attendance_figure(data.pupils))
    _audit(
        request,
        scope,
        OutcomesAction.ATTENDANCE_VIEW,
        named,
        {"year": data.year, "by": by},
    )
    return render(
        request,
        "outcomes/attendance.html",
        {
            "scope": scope,
            "data": data,
            "year_label": academic_year_label(data.year) if data.year else "",
            "years": _choices(data.years),
            "by": by,
            "by_label": DIMENSIONS[by],
            "breakdowns": [(k, DIMENSIONS[k]) for k in BREAKDOWNS],
            "measures": measures,
            "suppress": scope.suppress_small_numbers,
            "sources": _sources(measures, data.year),
            "imports_url": _maybe_url("outcomes_imports", scope),
        },
    )


def _sources(measures, year) -> list[str]:
    if year is None:
        return []
    found = [national.england(m.spec.slug, g, year) for m in measures for g in cmp.GROUPS]
    return national.sources_of(found)


# --- Suspensions ----------------------------------------------------------------------------


def _suspension_measures(scope, data: selectors.Year, by: str, *, trend: bool) -> list:
    # Term by term: suspensions per 100 only.
    wanted = (cmp.SUSPENSIONS,) if trend else ()
    return _measures(scope, data, by, SUSPENSION_SPECS, trend=wanted, page="suspensions")


def _number(text: str) -> int | None:
    return None if text in ("", "hidden") else int(text.replace(",", ""))


def _whole_counts(m: cmp.Measure) -> dict:
    """A measure's whole-school counts by group as its table shows them (None: hidden)."""
    return {cell.group: (0 if cell.empty else _number(cell.count)) for cell in m.rows[0].cells}


def _share(suspensions_measure: cmp.Measure) -> dict:
    """The share of suspensions to pupils with an EHC plan, at SEN support and with either,
    against England's, from the suspensions' whole-school counts as the page shows them:
    "-" where a count it needs is hidden."""
    counts = _whole_counts(suspensions_measure)
    total, e, k = counts["all"], counts["E"], counts["K"]

    def share(part):
        if part is None or not total:
            return None
        return 100 * part / total

    rows = [
        ("EHC plan", share(e), national.sen_share("E")),
        ("SEN support", share(k), national.sen_share("K")),
        ("Any SEN", share(None if e is None or k is None else e + k), national.sen_share("all")),
    ]
    return {
        "rows": [
            (label, cmp.rate_text(v, "%"), cmp.rate_text(f.value, "%")) for label, v, f in rows
        ],
        "total": "hidden" if total is None else f"{total:,}",
        "any": bool(total),
        "england_year": academic_year_label(national.COUNTS_YEAR),
        "england_source": national.SOURCES[national.COUNTS_SOURCE],
    }


def _share_by_term(suspensions_measure: cmp.Measure) -> list[tuple[str, str, str]]:
    """The share of each term's suspensions to pupils with SEN, from the term-by-term
    table's counts as shown: (term, share, suspensions); "-" where a count is hidden."""
    if suspensions_measure.trend is None:
        return []
    found = []
    for label, cells in suspensions_measure.trend.rows:
        counts = {c.group: (0 if c.empty else _number(c.count)) for c in cells}
        total, e, k = counts["all"], counts["E"], counts["K"]
        share = None
        if total and e is not None and k is not None:
            share = 100 * (e + k) / total
        found.append(
            (label, cmp.rate_text(share, "%"), "hidden" if total is None else f"{total:,}")
        )
    return found


REASONS = cmp.Spec(
    "reasons",
    "Suspensions by reason",
    "How many suspensions were given for each of the DfE's reasons, by SEN group.",
    counted=True,
    count_label="Suspensions",
)


def _reasons(data: selectors.Year, suppress: bool, measures: list) -> cmp.Measure | None:
    """Suspensions by reason. Its whole-school row is the suspensions' count and the
    suspended pupils' count again: for those who see no names, what the measures show of
    them is known to the decision, and what they hide is hidden here too."""
    units = figures.reason_units(data.pupils, data.suspensions)
    if not units:
        return None
    rows = breakdown(units, "reason")
    w = whole(units)
    by_slug = {m.spec.slug: m for m in measures}
    nums = _whole_counts(by_slug["suspensions"])
    pupils = _whole_counts(by_slug["suspended_pupils"])
    view = None
    if suppress:
        known = [(ALL, g, "num") for g, n in nums.items() if n is not None]
        known += [(ALL, g, "pupils") for g, n in pupils.items() if n is not None]
        cells = set(hidden_cells([w, *rows], counted=True, known=known))
        cells |= {(ALL, g, "num") for g, n in nums.items() if n is None}
        cells |= {(ALL, g, "pupils") for g, n in pupils.items() if n is None}
        view = Shown(frozenset(cells), True)
    return cmp.measure(
        REASONS, w, rows, year=data.year, suppress=suppress, with_gaps=False, view=view
    )


def _suspension_figure(data: selectors.Year):
    counts: dict[int, int] = {}
    for s in data.suspensions:
        if s.kind == "S":
            counts[s.pupil] = counts.get(s.pupil, 0) + 1

    def figure_of(spec, pid) -> str:
        n = counts.get(pid, 0)
        return f"{n} suspension{'' if n == 1 else 's'}"

    return figure_of


@school_view("reads_outcomes")
@fewer_collections()  # a unit a pupil, measure and term (senco/lib/collector.py)
def suspensions(request, scope):
    data = selectors.suspension_year(scope.school, _year(request))
    if data is None:
        raise Http404("Not found")
    by = _by(request)
    suppress = scope.suppress_small_numbers
    measures, named, share, reasons = [], [], None, None
    if data.year is not None:
        measures = _suspension_measures(scope, data, by, trend=True)
        share = _share(measures[0])
        share["by_term"] = _share_by_term(measures[0])
        reasons = _reasons(data, suppress, measures)
        if scope.sees_outcome_pupils:
            ids = {p for m in measures for g in m.gaps for p in g.contribution_ids}
            named = cmp.name_contributors(measures, _names(ids), _suspension_figure(data))
    _audit(request, scope, OutcomesAction.SUSPENSIONS_VIEW, named, {"year": data.year, "by": by})
    return render(
        request,
        "outcomes/suspensions.html",
        {
            "scope": scope,
            "data": data,
            "year_label": academic_year_label(data.year) if data.year else "",
            "years": _choices(data.years),
            "by": by,
            "by_label": DIMENSIONS[by],
            "breakdowns": [(k, DIMENSIONS[k]) for k in BREAKDOWNS],
            "measures": measures,
            "share": share,
            "reasons": reasons,
            "suppress": suppress,
            "sources": _sources(measures, data.year),
            "imports_url": _maybe_url("outcomes_imports", scope),
        },
    )


# --- The front page -------------------------------------------------------------------------


def _attainment_headline(school, scope):
    """Part of the front page when the attainment module offers a headline."""
    try:
        module = importlib.import_module("senco.outcomes.attainment")
    except ImportError:
        return None
    headline = getattr(module, "headline", None)
    if headline is None:
        return None
    # Expected: None, or {"template": ..., "context": ...} for the front page to include.
    found = headline(school, suppress=scope.suppress_small_numbers)
    return found if isinstance(found, dict) and "template" in found else None


@school_view("reads_outcomes")
@fewer_collections()  # a unit a pupil, measure and term (senco/lib/collector.py)
def home(request, scope):
    attendance_data = selectors.attendance_year(
        scope.school, None, trend=False, with_suspensions=scope.suppress_small_numbers
    )
    suspension_data = selectors.suspension_year(scope.school, None, trend=False)
    attendance_measures, suspension_measures, share = [], [], None
    if attendance_data.year is not None:
        attendance_measures = _attendance_measures(scope, attendance_data, "", trend=False)
    if suspension_data.year is not None:
        suspension_measures = _suspension_measures(scope, suspension_data, "", trend=False)
        share = _share(suspension_measures[0])
    audit_record(
        actor=request.actor,
        action=OutcomesAction.HOME_VIEW,
        school=scope.school,
        detail={"attendance_year": attendance_data.year, "suspensions_year": suspension_data.year},
    )
    return render(
        request,
        "outcomes/home.html",
        {
            "scope": scope,
            "attendance": attendance_data,
            "attendance_label": academic_year_label(attendance_data.year)
            if attendance_data.year
            else "",
            "attendance_measures": attendance_measures,
            "suspensions": suspension_data,
            "suspensions_label": academic_year_label(suspension_data.year)
            if suspension_data.year
            else "",
            # The front page: suspensions per 100 and the share to pupils with SEN.
            "suspension_measures": suspension_measures[:1],
            "share": share,
            "attainment": _attainment_headline(scope.school, scope),
            "results_url": _maybe_url("outcomes_attainment", scope),
            "imports_url": _maybe_url("outcomes_imports", scope),
            "suppress": scope.suppress_small_numbers,
            "sources": _sources(
                attendance_measures + suspension_measures[:1],
                attendance_data.year or suspension_data.year,
            ),
        },
    )
