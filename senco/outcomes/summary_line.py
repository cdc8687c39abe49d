"""The governor's summary line: on a school's summary page (read by governors and the
trust's SEND lead as well as the SENCO and leaders), the latest year's overall absence of
pupils with EHC plans, at SEN support and with no SEN, each beside England's.

The figures are the attendance page's whole-school row (`selectors.attendance_year`,
`figures.absence_units`, `groups.whole`), and what may be shown of them is what that page
shows (`disclosure.shown`): for someone who sees no names, a group whose number of pupils is
hidden has its rate hidden too. Rates only, never a count or a name. The queries of
`selectors.attendance_year` without its trend (a few, however many pupils), one when no
attendance was ever imported.
"""

import datetime
from dataclasses import dataclass

from senco.lib.clock import academic_year_label as year_label
from senco.lib.clock import academic_year_of
from senco.outcomes import figures, national, selectors
from senco.outcomes.disclosure import shown
from senco.outcomes.groups import ALL, GROUP_LABELS, SEN_GROUPS, whole

LINE_GROUPS = (*SEN_GROUPS, ALL)


@dataclass(frozen=True)
class Part:
    group: str
    label: str
    rate: str  # "9.1%", "hidden", or "no pupils"
    too_few: bool
    england: str  # "12.1% (2023/24)", or "" when not published


def _england(group: str, year: int) -> national.Figure | None:
    return national.england("absence", group, year)


def rate_text(view, row, group: str, unit: str = "%") -> str:
    """A group's rate as the summary shows it: "9.1%", "hidden" or "no pupils" (also the
    evidence's suspensions per 100 pupils, senco/outcomes/evidence.py)."""
    if view.is_hidden(row, group):
        return "hidden"
    value = row.cells[group].value
    return "no pupils" if value is None else f"{value:.1f}{unit}"


def summary_line(school, today: datetime.date, suppress: bool) -> dict | None:
    """The summary page's context (`figures`), or None before any attendance is imported."""
    data = selectors.attendance_year(school, None, trend=False)
    if data is None or data.year is None:
        return None
    row = whole(figures.absence_units(data.pupils))
    view = shown([row], counted=False, suppress=suppress)
    parts, sources = [], []
    for group in LINE_GROUPS:
        cell = row.cells[group]
        rate = rate_text(view, row, group)
        england = _england(group, data.year)
        sources.append(england)
        parts.append(
            Part(
                group=group,
                label=GROUP_LABELS[group],
                rate=rate,
                too_few=rate not in ("hidden", "no pupils") and cell.too_few,
                england=f"{england.value:.1f}% ({england.year_label})" if england else "",
            )
        )
    return {
        "year_label": year_label(data.year),
        "so_far": data.year >= academic_year_of(today),
        "parts": parts,
        "any_hidden": view.any_hidden,
        "sources": national.sources_of(sources),
    }
