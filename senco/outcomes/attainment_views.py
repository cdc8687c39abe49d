"""Results compared (outcomes_attainment), and the pupils behind one of its figures (the
"attainment" list of outcomes_pupils, added to `pupil_views.PUPIL_LISTS` below).

GET: `drop` (a data drop's id; default the latest), `subject` (a subject's id; none for
all subjects), `by` (a breakdown: year group, broad area, need, sex, pupil premium,
subject, and teacher for those who see names). A value that is not one of the page's is a
404, never a 500.

Every figure a person without names sees goes through `disclosure` (the system of every
breakdown of the drop, counted in SQL, so the table, the trend and every `by` hide alike).
The pupils who make a gap are named, and audited one row each, only for
`scope.sees_outcome_pupils`; otherwise the page writes one row for the school.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from senco.access import school_view
from senco.audit.services import audit_list, audit_record
from senco.lib.codes import YEAR_GROUP_LABELS, Need
from senco.lib.collector import fewer_collections
from senco.outcomes import attainment as A
from senco.outcomes import national, pupil_views
from senco.outcomes.attainment import gap_text, share_text, view_from_counts
from senco.outcomes.audit import OutcomesAction
from senco.outcomes.charts import Line, trend_chart_svg
from senco.outcomes.disclosure import HEAD, PUPILS, Shown, hidden_from_counts, shown
from senco.outcomes.groups import ALL, DIMENSIONS, GROUP_LABELS, TOO_FEW, Row, breakdown, whole
from senco.pupils.models import Pupil

GROUPS = A.GROUPS
DEFAULT_BY = "year"
NAMED = 10
PHRASES = {"E": "pupils with EHC plans", "K": "pupils at SEN support", "N": "pupils with no SEN"}


# --- Options -------------------------------------------------------------------------------


def _int(raw: str) -> int | None:
    if not raw:
        return None
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 12:
        raise Http404("Not found")
    return int(raw)


def _drop(params, drops: list[A.Drop]) -> A.Drop:
    wanted = _int(params.get("drop", ""))
    if wanted is None:
        return drops[-1]
    for d in drops:
        if d.id == wanted:
            return d
    raise Http404("Not found")


def _subject(params, names: dict) -> int | None:
    wanted = _int(params.get("subject", ""))
    if wanted is not None and wanted not in names:
        raise Http404("Not found")
    return wanted


def breakdowns_for(scope) -> tuple[str, ...]:
    """A teacher's class is identifying: the breakdown by teacher only for those who see
    names."""
    return A.DIMENSIONS if scope.sees_outcome_pupils else A.FIGURES_ONLY_DIMENSIONS


def _by(params, scope) -> str:
    by = params.get("by") or DEFAULT_BY
    if by not in breakdowns_for(scope):
        raise Http404("Not found")
    return by


# --- What the page shows -------------------------------------------------------------------


@dataclass(frozen=True)
class ShownCell:
    group: str
    share: str  # "62.5%" or "-"
    pupils: str  # "40", "hidden"
    average: str  # "4.2" or "" (mixed scales, hidden, none)
    hidden: bool
    too_few: bool
    empty: bool
    url: str = ""


@dataclass(frozen=True)
class ShownRow:
    key: object
    label: str
    cells: list[ShownCell]
    whole: bool = False
    scale: str = ""  # the scale every average of the row is on, if one


@dataclass
class Named:
    pupil: int
    name: str
    year: str
    need: str
    below: str  # "3 of 5 results below the expected standard"
    share: str


@dataclass
class Gap:
    group: str
    label: str
    school: str
    value: float | None
    sentence: str = ""
    pattern: bool = False
    ids: list[int] = field(default_factory=list)
    shares: dict = field(default_factory=dict)
    pupils: list[Named] = field(default_factory=list)


@dataclass
class KeyStageTable:
    title: str
    cells: list[ShownCell]
    england: list[tuple[str, str]]  # (text, year) per group
    source: str


@dataclass
class Trend:
    labels: list[str]
    rows: list[tuple[str, list[ShownCell]]]
    chart: str


def _cell(row: Row, g: str, view: Shown, avg, url: str = "", scale: str = "") -> ShownCell:
    """One group's figures as the page reads them. An average is shown only with its share
    (on a scale of few grades it could give the count at the standard back), and names its
    scale (`scale`) where the row's averages are not all on one."""
    c = row.cells[g]
    hidden = view.is_hidden(row, g)
    pupils = view.pupils(row, g)
    average = ""
    if avg is not None and not hidden and c.pupils:
        average = f"{avg.value:.1f}" + (f" ({scale})" if scale else "")
    return ShownCell(
        group=g,
        share=share_text(None if hidden else c.value),
        pupils="hidden" if pupils is None else f"{pupils:,}",
        average=average,
        hidden=hidden,
        too_few=not hidden and 0 < c.pupils < TOO_FEW,
        empty=c.pupils == 0,
        url="" if (hidden or not url or not c.pupils) else url,
    )


def _row_scale(key, averages: dict, scale_names: dict) -> str:
    found = {averages[(key, g)].scale for g in GROUPS if averages.get((key, g)) is not None}
    mixed = any((key, g) in averages and averages[(key, g)] is None for g in GROUPS)
    if len(found) == 1 and not mixed:
        return scale_names.get(found.pop(), "")
    return ""


def _link(scope, drop: A.Drop, subject: int | None, by: str):
    if not scope.sees_outcome_pupils:
        return lambda r, g: ""
    base = reverse("outcomes_pupils", args=[scope.school.urn, "attainment"])

    def link(r: Row, g: str) -> str:
        params = {"group": g, "drop": drop.id}
        if subject is not None:
            params["subject"] = subject
        if r.key != ALL:
            params.update(by=by, key=r.key)
        return f"{base}?{urlencode(params)}"

    return link


def _gaps(whole_row: Row, view: Shown, *, names: bool) -> list[Gap]:
    found = []
    for g in ("E", "K"):
        value = view.gap(whole_row, g, "N")
        gap = Gap(g, f"{GROUP_LABELS[g]} against no SEN", gap_text(value), value)
        if names and value is not None and value < 0:
            who = A.gap_makers(whole_row, g)
            if who.few:
                gap.pattern = who.pattern
                gap.sentence = (
                    f"{who.few} {'pupil accounts' if who.few == 1 else 'pupils account'} for "
                    f"{who.few_share:.0%} of the gap in results at the expected standard "
                    f"between {PHRASES[g]} and {PHRASES['N']}."
                )
                gap.ids = [c.pupil for c in who.pupils[: min(who.few, NAMED)]]
                gap.shares = {c.pupil: c.share for c in who.pupils[:NAMED]}
        found.append(gap)
    return found


def _name_gaps(gaps: list[Gap], whole_row: Row) -> list[int]:
    ids = sorted({p for gap in gaps for p in gap.ids})
    if not ids:
        return []
    people = {
        pk: (f"{fore} {sur}", year, need)
        for pk, fore, sur, year, need in Pupil.objects.filter(pk__in=ids).values_list(
            "pk", "forename", "legal_surname", "year_group", "primary_need"
        )
    }
    tally: dict[int, list[int]] = {}
    for u in whole_row.units[ALL]:
        if u.pupil in people:
            t = tally.setdefault(u.pupil, [0, 0])
            t[0] += 1
            t[1] += 0 if u.num else 1
    named = []
    for gap in gaps:
        for pid in gap.ids:
            if pid not in people:
                continue
            name, year, need = people[pid]
            total, below = tally.get(pid, (0, 0))
            gap.pupils.append(
                Named(
                    pid,
                    name,
                    YEAR_GROUP_LABELS.get(year, str(year)),
                    Need(need).label if need else "No need recorded",
                    f"{below} of {total} result{'' if total == 1 else 's'} below",
                    f"{gap.shares.get(pid, 0):.0%}",
                )
            )
            if pid not in named:
                named.append(pid)
    return named


def _key_stages(
    rows, names, drop: A.Drop, suppress: bool, decided: frozenset = frozenset()
) -> list[KeyStageTable]:
    """The key stage measures. Decided on their own, and hiding besides the pupils of any
    group whose year group's pupils the drop's table hides (`decided`): the pupils of the
    key stage are most often the year group's, so the two must not tell each other."""
    found = []
    for ks in A.KEY_STAGES:
        units = A.key_stage_units(rows, names, ks)
        if not units:
            continue
        r = whole(units, label=ks.title)
        view = shown([r], counted=True, suppress=suppress)
        if suppress:
            also = {
                (ALL, g, PUPILS)
                for d, key, g, m in decided
                if d == "year" and key == ks.year_group and m == PUPILS
            }
            view = Shown(view.hidden | also, counted=True)
        england = []
        figures = []
        for g in GROUPS:
            f = national.england(ks.national, g, drop.academic_year) if ks.national else None
            figures.append(f)
            england.append(("Not published", "") if f is None else (f"{f.value:g}%", f.year_label))
        found.append(
            KeyStageTable(
                title=ks.title,
                cells=[_cell(r, g, view, None) for g in GROUPS],
                england=england,
                source="; ".join(national.sources_of(figures)),
            )
        )
    return found


def _trend(
    trend_drops: list[A.Drop], counts: dict, *, suppress: bool, dims, subject_label: str
) -> Trend | None:
    if len(trend_drops) < 2:
        return None
    rows, values = [], {g: [] for g in GROUPS}
    for d in trend_drops:
        of_drop = counts.get(d.id, {})
        r = A.head_row(of_drop)
        if suppress:
            wanted = {k: v[:2] for k, v in of_drop.items() if k[0] == HEAD or k[0] in dims}
            decided = hidden_from_counts(wanted, dims, counted=True)
            hidden = {(ALL, g, m) for dd, _k, g, m in decided if dd == HEAD}
            view = Shown(frozenset(hidden), counted=True)
        else:
            view = Shown(frozenset(), counted=True)
        rows.append((d.name, [_cell(r, g, view, None) for g in GROUPS]))
        for g in GROUPS:
            values[g].append(view.value(r, g))
    lines = [Line(GROUP_LABELS[g], tuple(values[g])) for g in GROUPS]
    chart = trend_chart_svg(
        title=f"Results at the expected standard in {subject_label}, drop by drop, by SEN group",
        labels=[d.name for d in trend_drops],
        lines=lines,
    )
    return Trend([d.name for d in trend_drops], rows, chart)


@school_view("reads_outcomes")
@fewer_collections()  # a unit a pupil, measure and term (senco/lib/collector.py)
def attainment(request, scope):
    suppress = scope.suppress_small_numbers
    all_drops = A.drops(scope.school)
    context = {"scope": scope, "suppress": suppress, "drops": all_drops}
    if not all_drops:
        audit_record(
            actor=request.actor,
            action=OutcomesAction.ATTAINMENT_VIEW,
            school=scope.school,
            detail={},
        )
        return render(request, "outcomes/attainment/attainment.html", context)
    drop = _drop(request.GET, all_drops)
    names = A.subjects(scope.school)
    subject = _subject(request.GET, names)
    by = _by(request.GET, scope)
    scale_names = A.scales(scope.school)
    rows = A.results(drop.id, subject)
    units = A.units(rows, names)
    dims = breakdowns_for(scope)
    whole_row = whole(units)
    order = None
    if by == "subject":
        order = lambda k: names.get(k, ("", ""))[0].casefold()  # noqa: E731
    table_rows = breakdown(units, by, order=order) if units else []
    position = [d.id for d in all_drops].index(drop.id)
    trend_drops = all_drops[max(0, position - A.TREND_DROPS + 1) : position + 1]
    counts = A.drop_counts([d.id for d in trend_drops], subject, full=suppress, dims=dims)
    if suppress:
        view = view_from_counts(counts.get(drop.id, {}), whole_row, by, dims)
    else:
        view = Shown(frozenset(), counted=True)
    avg = A.averages(rows, by)
    link = _link(scope, drop, subject, by)
    table = []
    for r in [whole_row, *table_rows]:
        one_scale = _row_scale(r.key, avg, scale_names)
        cells = []
        for g in GROUPS:
            a = avg.get((r.key, g))
            own = "" if one_scale or a is None else scale_names.get(a.scale, "")
            cells.append(_cell(r, g, view, a, link(r, g), own))
        table.append(ShownRow(r.key, r.label, cells, whole=r is whole_row, scale=one_scale))
    gaps = _gaps(whole_row, view, names=scope.sees_outcome_pupils)
    named = _name_gaps(gaps, whole_row) if scope.sees_outcome_pupils else []
    subject_label = names[subject][0] if subject is not None else "all subjects"
    detail = {"drop": drop.id, "subject": subject, "by": by}
    if named:
        audit_list(
            actor=request.actor,
            action=OutcomesAction.ATTAINMENT_VIEW,
            school=scope.school,
            pupils=named,
            detail=detail,
        )
    else:
        audit_record(
            actor=request.actor,
            action=OutcomesAction.ATTAINMENT_VIEW,
            school=scope.school,
            detail=detail,
        )
    context.update(
        {
            "drop": drop,
            "subjects": [(i, n) for i, (n, _k) in names.items()],
            "subject": subject,
            "subject_label": subject_label,
            "by": by,
            "by_label": DIMENSIONS[by],
            "breakdowns": [(d, DIMENSIONS[d]) for d in dims],
            "table": table,
            "has_results": bool(units),
            "gaps": gaps,
            "any_hidden": view.any_hidden,
            "key_stages": _key_stages(
                rows,
                names,
                drop,
                suppress,
                A.decided_cells(counts.get(drop.id, {}), dims) if suppress else frozenset(),
            )
            if subject is None
            else [],
            "trend": _trend(
                trend_drops, counts, suppress=suppress, dims=dims, subject_label=subject_label
            ),
        }
    )
    return render(request, "outcomes/attainment/attainment.html", context)


# --- The pupils behind a figure ------------------------------------------------------------


def attainment_pupils(scope, params) -> pupil_views.PupilList:
    """The pupils of one cell of the results table, fewest results at the expected standard
    first, with their results in the drop (of the subject, if one was chosen)."""
    all_drops = A.drops(scope.school)
    if not all_drops:
        raise Http404("Not found")
    drop = _drop(params, all_drops)
    names = A.subjects(scope.school)
    subject = _subject(params, names)
    units = A.units(A.results(drop.id, subject), names)
    keep, row_label = pupil_views._cell_filter(params, units)
    group = params["group"]
    tally: dict[int, list[int]] = {}
    for u in units:
        if keep(u):
            t = tally.setdefault(u.pupil, [0, 0])
            t[0] += 1
            t[1] += int(u.num)
    chosen = sorted(tally, key=lambda p: (tally[p][1] / tally[p][0], tally[p][0], p))
    rows = [
        (
            p,
            [
                f"{tally[p][0]:,}",
                f"{tally[p][1]:,}",
                f"{100 * tally[p][1] / tally[p][0]:.0f}%",
            ],
        )
        for p in chosen
    ]
    subject_label = names[subject][0] if subject is not None else "all subjects"
    back = {"drop": drop.id, **({"subject": subject} if subject is not None else {})}
    return pupil_views.PupilList(
        title=f"Results {drop.name}, {subject_label}: {GROUP_LABELS[group]}, {row_label}",
        back=reverse("outcomes_attainment", args=[scope.school.urn]) + f"?{urlencode(back)}",
        back_label=f"Back to results {drop.name}",
        headings=["Results", "At the expected standard", "Share at the expected standard"],
        rows=rows,
        note="Fewest results at the expected standard first.",
        detail={
            "measure": "attainment",
            "drop": drop.id,
            "subject": subject,
            **{k: params[k] for k in ("group", "by", "key") if params.get(k)},
        },
    )


pupil_views.PUPIL_LISTS["attainment"] = attainment_pupils
