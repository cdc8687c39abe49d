"""Attendance, suspensions and results offered as evidence (evidence.py)."""

import pytest
from django.utils import timezone

from senco.outcomes import evidence
from senco.outcomes.tests.outcome_fixtures import school_figures
from senco.outcomes.tests.test_panel_summary import _roll

TODAY = timezone.localdate()
FUNCTIONS = (evidence.attendance_figures, evidence.suspension_figures, evidence.attainment_figures)


@pytest.mark.parametrize("figures", FUNCTIONS)
def test_nothing_before_anything_is_imported(school, figures):
    _roll(school)
    assert figures(school, TODAY, False) == []


def test_each_groups_rates_beside_englands(school):
    school_figures(school, _roll(school), TODAY)
    absence = evidence.attendance_figures(school, TODAY, False)
    assert [fig.label.split(": ")[1] for fig in absence] == [
        "pupils with an EHC plan",
        "pupils at SEN support",
        "pupils with no SEN",
        "all pupils",
    ]
    assert absence[0].value.endswith("% (fewer than 10 pupils: not judged)")
    assert absence[0].national.startswith("12.1% in England (2023/24; DfE")
    assert absence[0].url == f"/school/{school.urn}/outcomes/attendance/"
    suspensions = evidence.suspension_figures(school, TODAY, False)
    assert len(suspensions) == 4 and suspensions[0].national.startswith("17.6 in England")
    assert all(fig.value not in ("hidden", "") for fig in suspensions)
    results = evidence.attainment_figures(school, TODAY, False)
    assert len(results) == 4 and all(fig.value.endswith("%") for fig in results)


def test_small_groups_hidden_from_those_who_see_no_names(school):
    school_figures(school, _roll(school), TODAY)
    for figures in FUNCTIONS:
        ehc = figures(school, TODAY, True)[0]
        assert ehc.label.endswith("pupils with an EHC plan")
        assert ehc.value == "hidden", (figures, ehc)
