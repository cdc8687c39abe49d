"""Meetings with families offered as evidence under "parent_meetings" (`registry.Evidence`):
pupils on the register whose parents were met three times or more this school year, and
those not met this term, as the three-a-year page counts them (`selectors.three_a_year`, a
fixed number of queries whatever the number of pupils)."""

import datetime

from django.urls import reverse

from senco.families import selectors
from senco.families.review_days_hooks import RULE, SOURCE
from senco.lib import evidence_text as text
from senco.registry import Figure


def meeting_figures(school, today: datetime.date, suppress: bool) -> list[Figure]:
    found = selectors.three_a_year(school, today)
    if not found.total:
        return []
    url = reverse("families_three_a_year", args=[school.urn])
    return [
        Figure(
            "Pupils on the register whose parents were met three times or more this school year",
            text.part_of_shown(found.met_three, found.total, suppress),
            url,
            "",
            f"{RULE}: {SOURCE}",
        ),
        Figure(
            f"Pupils on the register whose parents have not been met this term "
            f"({found.term.label})",
            text.part_of_shown(found.not_met_term, found.total, suppress),
            url,
            "",
            f"{RULE}: {SOURCE}",
        ),
    ]
