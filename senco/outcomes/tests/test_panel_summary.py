"""The governor's summary line (summary_line.py): the latest year's overall absence by SEN
group on the school's summary page, beside England's, with small groups hidden for those
who see no names, and a fixed number of queries."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from senco import factories as f
from senco.lib.clock import academic_year_of
from senco.lib.codes import Provision
from senco.outcomes.models import Attendance, DataDrop, Period, Result, Suspension
from senco.outcomes.summary_line import summary_line
from senco.outcomes.tests.outcome_fixtures import school_figures
from senco.testing import assert_valid_html

TODAY = timezone.localdate()
SECTION = 'id="attendance-figures"'


def _roll(school, ehc=3, support=12, none=12):
    pupils = f.SenPupilFactory.create_batch(
        ehc, school=school, sen_provision=Provision.EHC_PLAN, primary_need="ASD"
    )
    pupils += f.SenPupilFactory.create_batch(support, school=school, primary_need="MLD")
    pupils += f.PupilFactory.create_batch(none, school=school)
    return pupils


def _summary(client, school):
    response = client.get(reverse("register_summary", args=[school.urn]))
    assert response.status_code == 200
    return response


def test_nothing_before_attendance_is_imported(client_for, governor, school):
    _roll(school)
    assert summary_line(school, TODAY, True) is None
    assert SECTION not in _summary(client_for(governor), school).content.decode()


def test_the_senco_sees_every_groups_rate_beside_englands(client_for, senco, school):
    school_figures(school, _roll(school), TODAY)
    line = summary_line(school, TODAY, False)
    assert line["so_far"] and line["year_label"].startswith(str(academic_year_of(TODAY)))
    rates = {p.group: p.rate for p in line["parts"]}
    assert all(rate.endswith("%") for rate in rates.values()), rates
    ehc = next(p for p in line["parts"] if p.group == "E")
    assert ehc.too_few and ehc.england.startswith("12.1% (2023/24)")
    assert line["sources"] and not line["any_hidden"]
    response = _summary(client_for(senco), school)
    assert_valid_html(response)
    html = response.content.decode()
    assert SECTION in html and "England: 12.1% (2023/24)" in html
    assert reverse("outcomes_attendance", args=[school.urn]) in html


def test_a_governor_sees_a_small_group_hidden_and_no_counts(client_for, governor, school):
    pupils = _roll(school)
    school_figures(school, pupils, TODAY)
    line = summary_line(school, TODAY, True)
    rates = {p.group: p.rate for p in line["parts"]}
    # Three pupils with EHC plans: their rate is hidden, and so is one more group's, so
    # that the whole school's figure cannot give it away.
    assert rates["E"] == "hidden"
    assert list(rates.values()).count("hidden") >= 2, rates
    assert line["any_hidden"]
    html = _summary(client_for(governor), school).content.decode()
    section = html[html.index(SECTION) : html.index("</section>", html.index(SECTION))]
    assert "hidden" in section
    assert not re.search(r"\b(?!5 )\d+ pupils?\b", section), "a count of pupils"
    for p in pupils:
        assert p.legal_surname not in section


def test_the_summary_costs_the_same_whatever_the_pupils(client_for, governor, senco, school):
    counts = []
    for n in (5, 60):
        for model in (Result, DataDrop, Suspension, Attendance, Period):
            model.objects.all().delete()
        school_figures(school, _roll(school, ehc=n, support=n, none=n), TODAY)
        for user in (governor, senco):
            with CaptureQueriesContext(connection) as ctx:
                _summary(client_for(user), school)
            counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[2] and counts[1] == counts[3], counts


@pytest.mark.parametrize("suppress", [True, False])
def test_a_few_queries_and_one_before_any_attendance(school, suppress):
    pupils = _roll(school)
    with CaptureQueriesContext(connection) as ctx:
        summary_line(school, TODAY, suppress)
    assert len(ctx.captured_queries) == 1  # the periods: none
    school_figures(school, pupils, TODAY)
    with CaptureQueriesContext(connection) as ctx:
        summary_line(school, TODAY, suppress)
    # The attendance page's year without its trend (selectors.attendance_year).
    assert len(ctx.captured_queries) <= 3
