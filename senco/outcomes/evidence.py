"""Attendance, suspensions and results offered as evidence (`registry.Evidence`):

- "attendance": the summary page's line (`summary_line.summary_line`): the latest year's
  overall absence of pupils with an EHC plan, at SEN support, with no SEN and of all
  pupils, each beside England's;
- "suspensions": the latest year's suspensions per 100 pupils of the same groups, beside
  England's, from the whole-school row the suspensions page shows, hidden alike for someone
  who sees no names (`disclosure.shown`, as the summary line does);
- "attainment": the front page's headline (`attainment.headline`): the latest data drop's
  share of results at the expected standard by SEN group.

Rates only, never a name; a few queries whatever the number of pupils.
"""

import datetime

from django.urls import reverse

from senco.lib.clock import academic_year_label
from senco.outcomes import figures, national, selectors
from senco.outcomes.attainment import GROUPS, headline
from senco.outcomes.disclosure import shown
from senco.outcomes.groups import ALL, SEN_GROUPS, whole
from senco.outcomes.summary_line import rate_text, summary_line
from senco.registry import Figure

LINE_GROUPS = (*SEN_GROUPS, ALL)
# Each group as a figure's label ends: "Overall absence in 2025/26: pupils at SEN support".
WHO = {
    "E": "pupils with an EHC plan",
    "K": "pupils at SEN support",
    "N": "pupils with no SEN",
    ALL: "all pupils",
}


def attendance_figures(school, today: datetime.date, suppress: bool) -> list[Figure]:
    line = summary_line(school, today, suppress)
    if line is None:
        return []
    year = line["year_label"] + (" so far" if line["so_far"] else "")
    url = reverse("outcomes_attendance", args=[school.urn])
    sources = "; ".join(line["sources"])
    return [
        Figure(
            f"Overall absence in {year}: {WHO[part.group]}",
            part.rate + (" (fewer than 10 pupils: not judged)" if part.too_few else ""),
            url,
            # "12.1% (2023/24)" as "12.1% in England (2023/24; the source)"
            f"{part.england[:-1].replace(' (', ' in England (', 1)}; {sources})"
            if part.england
            else "",
            "Sessions missed of sessions possible",
        )
        for part in line["parts"]
    ]


def suspension_figures(school, today: datetime.date, suppress: bool) -> list[Figure]:
    data = selectors.suspension_year(school, None, trend=False)
    if data is None or data.year is None:
        return []
    row = whole(figures.suspension_units(data.pupils, data.suspensions))
    view = shown([row], counted=True, suppress=suppress)
    url = reverse("outcomes_suspensions", args=[school.urn])
    found = []
    for group in LINE_GROUPS:
        value = rate_text(view, row, group, unit="")
        england = national.england("suspensions", group, data.year)
        found.append(
            Figure(
                f"Suspensions per 100 pupils in {academic_year_label(data.year)}: {WHO[group]}",
                value,
                url,
                f"{england.value:.1f} in England ({england.year_label}; {england.source_text})"
                if england
                else "",
            )
        )
    return found


def attainment_figures(school, today: datetime.date, suppress: bool) -> list[Figure]:
    found = headline(school, today, suppress=suppress)
    if found is None:
        return []
    h = found["context"]
    # The headline reads "-" for a group with no results or whose share is hidden: with
    # anything hidden it reads "hidden" here (hiding a group with none tells nothing).
    missing = "hidden" if h.any_hidden else "no results"
    return [
        Figure(
            f"Results at the expected standard, {h.drop}: {WHO[group]}",
            missing if text == "-" else text,
            h.url,
        )
        for group, (_label, text) in zip(GROUPS, h.cells, strict=True)
    ]
