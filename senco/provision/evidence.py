"""The interventions' figures offered as evidence (`registry.Evidence`):

- "provision": this school year's interventions (waves 2 and 3), their cost, the pupils in
  them and how many met the exit criteria: the summary page's figures
  (impact_counts.py), hidden alike for someone who sees no names;
- "parents_told": places in intervention groups whose parents have not been told of
  joining or leaving (`group_selectors.parents_not_told`, for the whole school).
"""

import datetime

from django.urls import reverse

from senco.access import Scope
from senco.accounts.models import Role
from senco.lib import evidence_text as text
from senco.lib.figures import HIDDEN
from senco.provision import group_selectors
from senco.provision.impact_counts import ASSESSED, MET, PUPILS, summary_figures
from senco.register.evidence import NOT_TOLD_RULE
from senco.registry import Figure


def provision_figures(school, today: datetime.date, suppress: bool) -> list[Figure]:
    figures = summary_figures(school, today, suppress)
    values = {row["key"]: row["value"] for row in figures["rows"]}
    if values[PUPILS] == 0 and figures["cost"] in ("", "£0.00"):
        return []
    url = reverse("provision_impact", args=[school.urn])
    year = figures["year_label"]
    met, assessed = values[MET], values[ASSESSED]
    if assessed == 0:
        exit_value = "No exit scores recorded yet"
    elif met is None:
        exit_value = HIDDEN
    elif assessed is None:
        exit_value = f"{met:,}"
    else:
        exit_value = text.part_of(met, assessed)
        if figures["too_few"]:
            exit_value += ": too few pupils to judge"
    return [
        Figure(f"Cost of interventions in {year}", figures["cost"], url),
        Figure(
            f"Pupils in interventions in {year}",
            HIDDEN if values[PUPILS] is None else f"{values[PUPILS]:,}",
            url,
        ),
        Figure(
            "Pupils with an exit score who met the intervention's exit criteria",
            exit_value,
            url,
        ),
    ]


def parents_told_figures(school, today: datetime.date, suppress: bool) -> list[Figure]:
    """One query."""
    scope = Scope(None, school, Role.SENCO)  # the whole school, as the reminders read it
    not_told = group_selectors.parents_not_told(scope).count()
    return [
        Figure(
            "Places in intervention groups whose parents have not been told of joining or leaving",
            text.count(not_told, hidden=text.hidden_if_small(not_told, suppress)),
            reverse("provision_group_parents", args=[school.urn]),
            "",
            NOT_TOLD_RULE,
        )
    ]
