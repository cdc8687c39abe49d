"""The suspensions comparison (outcomes_suspensions): who may open it, the rate per 100 and
its denominator, the share to pupils with SEN against England's, by need and reason, the
pupils who make the gap, the governor's page, bad options, and the query count."""

import datetime
import gc

import pytest
from django.urls import reverse

from senco import factories as f
from senco.audit.models import AuditEvent
from senco.lib.codes import Provision
from senco.lib.collector import FEWER_THRESHOLD
from senco.outcomes import views
from senco.outcomes.audit import OutcomesAction
from senco.outcomes.tests.comparison_fixtures import build
from senco.outcomes.tests.outcome_fixtures import suspend
from senco.testing import answers, assert_valid_html, role_table

READERS = role_table(
    "outcomes_suspensions",
    answers(403, senco=200, leader=200, governor=200, trust_lead=200, parent=404, outsider=404),
)


def url(school, **params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return reverse("outcomes_suspensions", args=[school.urn]) + (f"?{query}" if query else "")


@pytest.fixture
def data(school):
    return build(school)


@pytest.mark.django_db
def test_role_table(cast, client_for, school, data):
    for role, user in cast.items():
        response = client_for(user).get(url(school))
        assert response.status_code == READERS[role], role


def test_the_senco_reads_the_rates_share_and_reasons(senco, client_for, school, data):
    response = client_for(senco).get(url(school, by="need"))
    assert response.status_code == 200
    assert_valid_html(response)
    page = response.content.decode()
    assert "Suspensions and exclusions 2024/25" in page
    # 72 pupils on roll (attendance in the year); 6 suspensions of pupils with EHC plans
    # (3 + 2 + 1) and 1 of a pupil with no SEN.
    assert "9.72 per 100" in page  # 7 of 72
    assert "50.00 per 100" in page  # 6 of 12 with EHC plans
    # The share to pupils with SEN against England's 45.3% (2023/24).
    assert "85.7%" in page and "45.3%" in page
    # By need: the SEMH pupils.
    assert "Social, emotional and mental health" in page
    # By reason.
    assert "Persistent or general disruptive behaviour" in page
    assert "Verbal abuse or threatening behaviour against an adult" in page
    # One pupil makes half of the gap, named for the SENCO.
    assert "1 pupil accounts for" in page
    assert data.semh[0].full_name in page
    rows = AuditEvent.objects.filter(action=OutcomesAction.SUSPENSIONS_VIEW)
    assert data.semh[0].pk in {r.pupil_id for r in rows}
    # The share term by term: all 6 autumn suspensions to pupils with EHC plans.
    assert "Share of suspensions to pupils with SEN, term by term" in page
    # England's older rates by SEN status, with their year.
    assert "17.63 per 100" in page and "2021/22" in page


def test_no_attendance_uses_the_pupils_on_roll_now(senco, client_for, school):
    pupils = [f.PupilFactory(school=school) for _ in range(9)]
    ehc = f.PupilFactory(school=school, sen_provision=Provision.EHC_PLAN, primary_need="SEMH")
    suspend(ehc, datetime.date(2024, 10, 1), 2, "PD")
    page = client_for(senco).get(url(school)).content.decode()
    assert "the pupils on roll today" in page
    assert "10.00 per 100" in page  # 1 of 10
    assert len(pupils) == 9


@pytest.mark.parametrize("params", [{"year": 2001}, {"year": "x"}, {"by": "teacher"}])
def test_bad_options_are_404(senco, client_for, school, data, params):
    assert client_for(senco).get(url(school, **params)).status_code == 404


def test_the_governor_sees_no_names_and_small_numbers_hidden(governor, client_for, school, data):
    response = client_for(governor).get(url(school))
    assert_valid_html(response)
    page = response.content.decode()
    for p in data.pupils:
        assert p.full_name not in page
    assert "accounts for" not in page and "account for" not in page
    assert "hidden" in page
    rows = list(AuditEvent.objects.filter(action=OutcomesAction.SUSPENSIONS_VIEW))
    assert len(rows) == 1 and rows[0].pupil_id is None


def test_nothing_imported_says_so(senco, client_for, school):
    page = client_for(senco).get(url(school)).content.decode()
    assert "No suspensions or attendance imported yet" in page


def test_queries_do_not_grow_with_pupils(senco, client_for, school, django_assert_max_num_queries):
    build(school)
    client = client_for(senco)
    with django_assert_max_num_queries(16) as small:
        client.get(url(school))
    build(school, ehc=30, support=60, none=100)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url(school))


def test_the_comparison_is_built_with_fewer_collections(
    senco, client_for, school, data, monkeypatch
):
    """Tens of thousands of units, one for each pupil, measure and term: the collector runs
    less often while the page is built, and as before afterwards (senco/lib/collector.py)."""
    seen = []
    year = views.selectors.suspension_year

    def watched(*args, **kwargs):
        seen.append(gc.get_threshold()[0])
        return year(*args, **kwargs)

    monkeypatch.setattr(views.selectors, "suspension_year", watched)
    before = gc.get_threshold()
    assert client_for(senco).get(url(school)).status_code == 200
    assert seen == [FEWER_THRESHOLD]
    assert gc.get_threshold() == before
