"""What a comparison page shows of one measure: its table (the whole school, England, then
each value of a breakdown), the gaps, who makes them, and its trend term by term.

Every figure goes through `disclosure.Shown` (what may be shown to this person: "is this
hidden?" is asked there and only there), so a template prints what it is given and never
decides. Pure functions of the rows: no database.
"""

from dataclasses import dataclass, field

from senco.lib.codes import YEAR_GROUP_LABELS, Need
from senco.outcomes import national
from senco.outcomes.charts import Line, trend_chart_svg
from senco.outcomes.disclosure import Shown, hidden_cells, shown
from senco.outcomes.groups import ALL, GROUP_LABELS, SEN_GROUPS, Row, contributors

GROUPS = (*SEN_GROUPS, ALL)
NO_SEN = "N"
# How the gaps read: "Pupils with EHC plans" against "pupils with no SEN".
GROUP_PHRASES = {
    "E": "pupils with EHC plans",
    "K": "pupils at SEN support",
    "N": "pupils with no SEN",
}
# At most this many pupils named under a gap.
NAMED = 10


@dataclass(frozen=True)
class Spec:
    """A measure: how it is named and read."""

    slug: str  # the key of national.FIGURES, and the page's anchor
    title: str
    explain: str
    unit: str = "%"  # "%" or " per 100"
    counted: bool = False  # its numerator is a count of pupils or events (disclosure)
    count_label: str = ""  # what the numerator counts, where a page shows it
    gap_word: str = ""  # "absence gap"


ABSENCE = Spec(
    "absence",
    "Overall absence",
    "The share of possible sessions missed, for any reason.",
    gap_word="absence gap",
)
PERSISTENT = Spec(
    "persistent",
    "Persistent absence",
    "The share of pupils who missed 10% or more of their possible sessions.",
    counted=True,
    count_label="Pupils persistently absent",
    gap_word="persistent absence gap",
)
SUSPENSIONS = Spec(
    "suspensions",
    "Suspensions per 100 pupils",
    "The number of suspensions for every 100 pupils on roll in the year.",
    unit=" per 100",
    counted=True,
    count_label="Suspensions",
    gap_word="suspension gap",
)
PERMANENT = Spec(
    "permanent",
    "Permanent exclusions per 100 pupils",
    "The number of permanent exclusions for every 100 pupils on roll in the year.",
    unit=" per 100",
    counted=True,
    count_label="Permanent exclusions",
    gap_word="exclusion gap",
)
SUSPENDED_PUPILS = Spec(
    "suspended_pupils",
    "Pupils with one or more suspensions",
    "The share of pupils on roll in the year who were suspended at least once.",
    counted=True,
    count_label="Pupils suspended",
    gap_word="gap",
)


def rate_text(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    return f"{value:.1f}%" if unit == "%" else f"{value:.2f}{unit}"


def gap_text(value: float | None, unit: str) -> str:
    """A gap in the measure's own unit: "+5.2 percentage points", "-0.40 per 100"."""
    if value is None:
        return "-"
    if unit == "%":
        return f"{value:+.1f} percentage points"
    return f"{value:+.2f}{unit}"


@dataclass(frozen=True)
class ShownCell:
    group: str
    rate: str  # as it reads: "12.3%", "-" (hidden or no pupils)
    pupils: str  # "45", "hidden"
    count: str  # the numerator of a counted measure: "6", "hidden", "" (not counted)
    detail: str  # what the rate rests on: "6 of 45 pupils", "1 pupil", "hidden"
    label: str  # the group's name, for a link's words: "EHC plan"
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


@dataclass(frozen=True)
class EnglandCell:
    group: str
    text: str  # "12.1%" or "Not published"
    year: str  # "2023/24" or ""


@dataclass
class Named:
    """A pupil who makes much of a gap, for those who see names."""

    pupil: int
    name: str
    year: str
    need: str
    figure: str
    share: str  # of the gap: "24%"


@dataclass
class Gap:
    group: str
    label: str  # "EHC plan against no SEN"
    phrase: str  # "pupils with EHC plans"
    school: str  # the gap in points, "-" when it cannot be shown
    school_value: float | None
    england: str  # the group against England's same group
    england_value: float | None
    england_year: str
    sentence: str = ""  # "3 pupils account for 62% of the absence gap ..." (names seen only)
    pattern: bool = False
    pupils: list[Named] = field(default_factory=list)
    contribution_ids: list[int] = field(default_factory=list)
    shares: dict = field(default_factory=dict)  # pupil id -> their share of the gap


@dataclass
class Measure:
    spec: Spec
    rows: list[ShownRow]
    england: list[EnglandCell]
    gaps: list[Gap]
    whole_values: dict  # group -> shown rate (float or None), for the front page
    any_hidden: bool = False
    trend: "Trend | None" = None


def shown_cell(row: Row, group: str, view: Shown, spec: Spec, url: str) -> ShownCell:
    c = row.cells[group]
    hidden = view.is_hidden(row, group)
    pupils = view.pupils(row, group)
    count = ""
    if spec.counted:
        num = view.num(row, group)
        count = "hidden" if num is None else f"{round(num):,}"
    pupils_text = "hidden" if pupils is None else f"{pupils:,}"
    return ShownCell(
        group=group,
        rate=rate_text(None if hidden else c.value, spec.unit),
        pupils=pupils_text,
        count=count,
        detail=_detail(count, pupils_text, pupils),
        label=GROUP_LABELS[group],
        hidden=hidden,
        too_few=not hidden and c.pupils > 0 and c.too_few,
        empty=c.pupils == 0,
        url="" if (hidden or not url or c.pupils == 0) else url,
    )


def _detail(count: str, pupils_text: str, pupils: int | None) -> str:
    noun = "pupil" if pupils == 1 else "pupils"
    if pupils is None and count in ("", "hidden"):
        return "hidden"
    if count:
        return f"{count} of {pupils_text} {noun}"
    return f"{pupils_text} {noun}"


def england_cells(spec: Spec, year: int) -> list[EnglandCell]:
    cells = []
    for g in GROUPS:
        f = national.england(spec.slug, g, year)
        if f is None:
            cells.append(EnglandCell(g, "Not published", ""))
        else:
            cells.append(EnglandCell(g, rate_text(f.value, spec.unit), f.year_label))
    return cells


def measure(
    spec: Spec,
    whole: Row,
    rows: list[Row],
    *,
    year: int,
    suppress: bool,
    link=None,
    with_gaps: bool = True,
    view: Shown | None = None,
) -> Measure:
    """The table of a measure: `link(row, group)` gives a cell's address (or ""); `view`
    what may be shown (from `views`, for measures on one page), else decided here."""
    if view is None:
        view = shown([whole, *rows], counted=spec.counted, suppress=suppress)
    link = link or (lambda r, g: "")
    table = [
        ShownRow(
            r.key,
            r.label,
            [shown_cell(r, g, view, spec, link(r, g)) for g in GROUPS],
            whole=r is whole,
        )
        for r in [whole, *rows]
    ]
    found = Measure(
        spec=spec,
        rows=table,
        england=england_cells(spec, year),
        gaps=[],
        whole_values={g: view.value(whole, g) for g in GROUPS},
        any_hidden=view.any_hidden,
    )
    if with_gaps:
        found.gaps = gaps(spec, whole, view, year=year, suppress=suppress)
    return found


def views(items: list[tuple[Spec, list[Row]]], *, suppress: bool) -> list[Shown]:
    """What may be shown of several measures of the same pupils on one page (overall and
    persistent absence; the suspension measures), each `(spec, [whole, *breakdown])`: a
    number of pupils hidden in one is hidden in all, so that the measures' separate
    decisions cannot be played against each other (hiding more is always safe)."""
    if not suppress:
        return [Shown(frozenset(), spec.counted) for spec, _ in items]
    hidden = [hidden_cells(rows, counted=spec.counted) for spec, rows in items]
    pupils = frozenset(c for h in hidden for c in h if c[2] == "pupils")
    return [Shown(h | pupils, spec.counted) for h, (spec, _) in zip(hidden, items, strict=True)]


def gaps(spec: Spec, whole: Row, view: Shown, *, year: int, suppress: bool) -> list[Gap]:
    """EHC plans and SEN support against no SEN, and each against England's same group."""
    found = []
    for g in ("E", "K"):
        value = view.gap(whole, g, NO_SEN)
        own = view.value(whole, g)
        f = national.england(spec.slug, g, year)
        against = None if own is None or f is None else own - f.value
        gap = Gap(
            group=g,
            label=f"{GROUP_LABELS[g]} against no SEN",
            phrase=GROUP_PHRASES[g],
            school=gap_text(value, spec.unit),
            school_value=value,
            england=gap_text(against, spec.unit) if f else "England's figure is not published",
            england_value=against,
            england_year=f.year_label if f else "",
        )
        if not suppress and value is not None and value > 0:
            scale = 100
            who = contributors(whole, g, NO_SEN, scale=scale)
            if who.few:
                gap.pattern = who.pattern
                gap.sentence = (
                    f"{who.few} {'pupil accounts' if who.few == 1 else 'pupils account'} for "
                    f"{who.few_share:.0%} of the {spec.gap_word} between "
                    f"{GROUP_PHRASES[g]} and {GROUP_PHRASES[NO_SEN]}."
                )
                gap.contribution_ids = [c.pupil for c in who.pupils[: min(who.few, NAMED)]]
                gap.shares = {c.pupil: c.share for c in who.pupils[:NAMED]}
        found.append(gap)
    return found


def name_contributors(measures: list[Measure], names: dict, figure_of) -> list[int]:
    """Fill in each gap's named pupils from `names` ({id: (name, year group, need)}) and
    `figure_of(spec, pupil id)`; returns the ids named, each once."""
    named: list[int] = []
    for m in measures:
        for gap in m.gaps:
            shares = gap.shares
            for pid in gap.contribution_ids:
                if pid not in names:
                    continue
                name, year_group, need = names[pid]
                gap.pupils.append(
                    Named(
                        pid,
                        name,
                        YEAR_GROUP_LABELS.get(year_group, str(year_group)),
                        Need(need).label if need else "No need recorded",
                        figure_of(m.spec, pid),
                        f"{shares.get(pid, 0):.0%}",
                    )
                )
                if pid not in named:
                    named.append(pid)
    return named


# --- Trends ---------------------------------------------------------------------------------


@dataclass
class Trend:
    labels: list[str]
    rows: list[tuple[str, list[ShownCell]]]
    chart: str


def trends(
    items: list[tuple[Spec, list[tuple[str, str, Row]]]], decided: list[list[Shown]], *, year: int
) -> list[Trend | None]:
    """Measures term by term: each `(spec, points)`, a point being (the axis's label, the
    table's label, the term's whole-school row); `decided[i][n]` what may be shown of point
    i of measure n."""
    if not items or not items[0][1]:
        return [None for _ in items]
    found = []
    for n, (spec, points) in enumerate(items):
        rows = []
        values: dict[str, list] = {g: [] for g in GROUPS}
        for i, (_short, label, r) in enumerate(points):
            view = decided[i][n]
            rows.append((label, [shown_cell(r, g, view, spec, "") for g in GROUPS]))
            for g in GROUPS:
                values[g].append(view.value(r, g))
        lines = []
        for g in GROUPS:
            f = national.england(spec.slug, g, year)
            lines.append(Line(GROUP_LABELS[g], tuple(values[g]), f.value if f else None))
        labels = [short for short, _label, _r in points]
        chart = trend_chart_svg(
            title=f"{spec.title}, term by term, by SEN group",
            labels=labels,
            lines=lines,
            unit="%" if spec.unit == "%" else "",
        )
        found.append(Trend(labels, rows, chart))
    return found
