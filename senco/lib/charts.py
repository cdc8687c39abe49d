"""Bar charts drawn on the server as SVG, for pages and PDFs alike.

A chart never stands alone: the page shows the same figures in a table beside it, so the
SVG is named for what it shows and says where the figures are. Its text stays text, it
scales to the width it is given (a phone's too), and the same figures give the same
bytes. A value of None (no pupils, or a figure hidden to protect privacy) draws no bar.

Written directly rather than with matplotlib (see docs/architecture.md): matplotlib took
0.3 to 0.8 s a chart here, and a summary page has six.
"""

from dataclasses import dataclass

from django.utils.html import escape

# GOV.UK Design System colours: blue and orange for the series, black for references.
COLOURS = ("#1d70b8", "#f47738", "#4c2c92", "#00703c")
REFERENCE_COLOUR = "#0b0c0c"
TEXT = "#0b0c0c"
AXIS = "#505a5f"

# Layout, in SVG user units (the chart scales as a whole).
WIDTH = 520
LABEL_WIDTH = 180  # room for the row labels on the left
VALUE_ROOM = 70  # room right of the longest bar for its figure
BAR = 18
GAP = 12  # between rows
LEGEND = 28
AXIS_ROOM = 22
FONT = 'font-family="system-ui, Segoe UI, Roboto, Arial, sans-serif"'


@dataclass(frozen=True)
class Bar:
    label: str
    values: tuple[float | None, ...]  # one for each series
    references: tuple[float | None, ...] = ()  # e.g. England's figure, one for each series


def _ticks(top: float) -> list[float]:
    """Four or five round tick values from 0 to at least `top`."""
    for step in (1, 2, 2.5, 5, 10, 20, 25, 50):
        if top / step <= 5:
            break
    count = int(top // step) + 1
    return [round(i * step, 2) for i in range(count + 1)]


def _fmt(value: float, unit: str) -> str:
    return f"{value:.1f}{unit}"


def bar_chart_svg(
    *,
    title: str,
    series: tuple[str, ...],
    bars: list[Bar],
    unit: str = "%",
    reference_label: str = "",
) -> str:
    """Horizontal bars, one group a row and one bar a series, with optional reference
    marks (a black line at the figure to compare with, e.g. England's)."""
    values = [v for b in bars for v in (*b.values, *b.references) if v is not None]
    ticks = _ticks(max(values, default=0) or 1)
    scale = (WIDTH - LABEL_WIDTH - VALUE_ROOM) / ticks[-1]
    row_height = BAR * len(series) + GAP
    plot_top = LEGEND
    height = plot_top + row_height * len(bars) + AXIS_ROOM
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'class="senco-chart" role="img" aria-label="'
        f'{escape(title)}. The figures are in the table that follows." focusable="false" '
        f'{FONT} font-size="15" fill="{TEXT}">',
        f"<title>{escape(title)}</title>",
    ]
    # The legend: a swatch and a name for each series, and the reference mark.
    x = LABEL_WIDTH
    for i, name in enumerate(series):
        parts.append(f'<rect x="{x}" y="6" width="12" height="12" fill="{COLOURS[i]}"/>')
        parts.append(f'<text x="{x + 16}" y="16">{escape(name)}</text>')
        x += 16 + 8 * len(name) + 18
    if reference_label and any(b.references for b in bars):
        parts.append(
            f'<line x1="{x + 5}" y1="4" x2="{x + 5}" y2="20" stroke="{REFERENCE_COLOUR}" '
            f'stroke-width="3"/><text x="{x + 14}" y="16">{escape(reference_label)}</text>'
        )
    # Grid lines and the axis figures.
    bottom = plot_top + row_height * len(bars)
    for tick in ticks:
        tx = LABEL_WIDTH + tick * scale
        parts.append(
            f'<line x1="{tx:.1f}" y1="{plot_top}" x2="{tx:.1f}" y2="{bottom}" '
            f'stroke="#b1b4b6" stroke-width="{1 if tick else 1.5}"/>'
            f'<text x="{tx:.1f}" y="{bottom + 16}" text-anchor="middle" fill="{AXIS}" '
            f'font-size="13">{tick:g}{unit}</text>'
        )
    # One group of bars a row.
    for r, bar in enumerate(bars):
        y0 = plot_top + r * row_height + GAP / 2
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y0 + BAR * len(series) / 2 + 4:.1f}" '
            f'text-anchor="end">{escape(bar.label)}</text>'
        )
        for i, value in enumerate(bar.values):
            y = y0 + i * BAR
            ref = bar.references[i] if i < len(bar.references) else None
            if value is not None:
                w = value * scale
                # The figure goes after the bar, and after the reference mark if that is
                # further right, so that the two never overlap.
                end = max(w, ref * scale if ref is not None else 0)
                parts.append(
                    f'<rect x="{LABEL_WIDTH}" y="{y:.1f}" width="{w:.1f}" height="{BAR - 2}" '
                    f'fill="{COLOURS[i % len(COLOURS)]}"/>'
                    f'<text x="{LABEL_WIDTH + end + 5:.1f}" y="{y + BAR - 4:.1f}" '
                    f'font-size="13" class="senco-chart__value">{_fmt(value, unit)}</text>'
                )
            if ref is not None:
                rx = LABEL_WIDTH + ref * scale
                parts.append(
                    f'<line x1="{rx:.1f}" y1="{y - 1:.1f}" x2="{rx:.1f}" y2="{y + BAR - 1:.1f}" '
                    f'stroke="{REFERENCE_COLOUR}" stroke-width="3"/>'
                )
    parts.append("</svg>")
    return "".join(parts)
