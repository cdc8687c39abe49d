"""Small trend charts drawn on the server as SVG: a measure term by term, one line a group,
with England's figure as a dashed reference line for each.

Like senco/lib/charts.py: never alone (the page shows the same figures in a table after it),
named for what it shows, text kept as text, scales to the width it is given, the same
figures give the same bytes. A value of None (no pupils, or a figure hidden) breaks the line
there and draws no point.
"""

from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import mark_safe

from senco.lib.charts import AXIS, COLOURS, FONT, TEXT, _ticks

WIDTH = 520
LEFT = 48
RIGHT = 16
TOP = 34
PLOT = 180
BOTTOM = 40
MARKERS = ("circle", "square", "diamond", "triangle")


@dataclass(frozen=True)
class Line:
    name: str
    values: tuple[float | None, ...]  # one for each point on the x axis
    reference: float | None = None  # England's figure for this group


def _marker(kind: str, x: float, y: float, colour: str) -> str:
    if kind == "square":
        return f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="{colour}"/>'
    if kind == "diamond":
        pts = f"{x:.1f},{y - 5:.1f} {x + 5:.1f},{y:.1f} {x:.1f},{y + 5:.1f} {x - 5:.1f},{y:.1f}"
        return f'<polygon points="{pts}" fill="{colour}"/>'
    if kind == "triangle":
        pts = f"{x:.1f},{y - 5:.1f} {x + 5:.1f},{y + 4:.1f} {x - 5:.1f},{y + 4:.1f}"
        return f'<polygon points="{pts}" fill="{colour}"/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}"/>'


def trend_chart_svg(*, title: str, labels: list[str], lines: list[Line], unit: str = "%") -> str:
    """Lines over the x axis's `labels` (e.g. "Aut 23"), England dashed in each line's colour."""
    values = [v for ln in lines for v in (*ln.values, ln.reference) if v is not None]
    ticks = _ticks(max(values, default=0) or 1)
    top = ticks[-1]
    step = (WIDTH - LEFT - RIGHT) / max(len(labels) - 1, 1)
    height = TOP + PLOT + BOTTOM

    def y_of(v: float) -> float:
        return TOP + PLOT - v / top * PLOT

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'class="senco-chart" role="img" aria-label="'
        f'{escape(title)}. The figures are in the table that follows." focusable="false" '
        f'{FONT} font-size="13" fill="{TEXT}">',
        f"<title>{escape(title)}</title>",
    ]
    x = LEFT
    for i, ln in enumerate(lines):
        colour = COLOURS[i % len(COLOURS)]
        parts.append(_marker(MARKERS[i % len(MARKERS)], x + 5, 14, colour))
        parts.append(f'<text x="{x + 14}" y="18">{escape(ln.name)}</text>')
        x += 14 + 7 * len(ln.name) + 16
    if any(ln.reference is not None for ln in lines):
        parts.append(
            f'<line x1="{x}" y1="14" x2="{x + 22}" y2="14" stroke="{AXIS}" stroke-width="2" '
            f'stroke-dasharray="5 3"/><text x="{x + 28}" y="18">England</text>'
        )
    for tick in ticks:
        ty = y_of(tick)
        parts.append(
            f'<line x1="{LEFT}" y1="{ty:.1f}" x2="{WIDTH - RIGHT}" y2="{ty:.1f}" '
            f'stroke="#b1b4b6" stroke-width="{1.5 if not tick else 1}"/>'
            f'<text x="{LEFT - 6}" y="{ty + 4:.1f}" text-anchor="end" fill="{AXIS}">'
            f"{tick:g}{unit}</text>"
        )
    for i, label in enumerate(labels):
        lx = LEFT + i * step
        parts.append(
            f'<text x="{lx:.1f}" y="{TOP + PLOT + 18}" text-anchor="middle" fill="{AXIS}" '
            f'font-size="12">{escape(label)}</text>'
        )
    for i, ln in enumerate(lines):
        colour = COLOURS[i % len(COLOURS)]
        if ln.reference is not None:
            ry = y_of(ln.reference)
            parts.append(
                f'<line x1="{LEFT}" y1="{ry:.1f}" x2="{WIDTH - RIGHT}" y2="{ry:.1f}" '
                f'stroke="{colour}" stroke-width="1.5" stroke-dasharray="5 3" opacity="0.8"/>'
            )
        run: list[str] = []
        for j, v in enumerate((*ln.values, None)):
            if v is None:
                if len(run) > 1:
                    parts.append(
                        f'<polyline points="{" ".join(run)}" fill="none" stroke="{colour}" '
                        f'stroke-width="2.5"/>'
                    )
                run = []
                continue
            run.append(f"{LEFT + j * step:.1f},{y_of(v):.1f}")
        for j, v in enumerate(ln.values):
            if v is not None:
                parts.append(_marker(MARKERS[i % len(MARKERS)], LEFT + j * step, y_of(v), colour))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text in it is escaped above
