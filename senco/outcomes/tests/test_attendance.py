"""The attendance comparison (outcomes_attendance): who may open it, what it shows, the
pupils who make a gap (named and audited for the SENCO and leaders only), the governor's
page with small numbers hidden, bad options, and a query count that does not grow."""

import pytest
from django.urls import reverse

from senco.audit.models import AuditEvent
from senco.outcomes.audit import OutcomesAction
from senco.outcomes.tests.comparison_fixtures import build
from senco.testing import answers, assert_valid_html, role_table

READERS = role_table(
    "outcomes_attendance",
    answers(403, senco=200, leader=200, governor=200, trust_lead=200, parent=404, outsider=404),
)


def url(school, **params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return reverse("outcomes_attendance", args=[school.urn]) + (f"?{query}" if query else "")


@pytest.fixture
def data(school):
    return build(school)


@pytest.mark.django_db
def test_role_table(cast, client_for, school, data):
    for role, user in cast.items():
        response = client_for(user).get(url(school))
        assert response.status_code == READERS[role], role


def test_the_senco_reads_the_gaps_and_who_makes_them(senco, client_for, school, data):
    response = client_for(senco).get(url(school))
    assert response.status_code == 200
    assert_valid_html(response)
    page = response.content.decode()
    assert "Attendance 2024/25" in page  # the latest year by default
    assert "Overall absence" in page and "Persistent absence" in page
    # England's figures, with their year and source.
    assert "12.1%" in page and "2023/24" in page
    assert "Pupil absence in schools in England" in page
    # The two heavy absentees make most of the EHC plans' gap.
    assert "2 pupils account for" in page
    assert "of the absence gap between pupils with EHC plans and pupils with no SEN" in page
    for p in data.heavy:
        assert p.full_name in page
        assert reverse("pupil_detail", args=[p.pk]) in page
    # Each cell links to its pupils.
    assert reverse("outcomes_pupils", args=[school.urn, "attendance"]) in page
    # The trend: term by term over both years, with a chart and its table.
    assert "Autumn term 2023/24" in page and "Summer term 2024/25" in page
    assert "<svg" in page
    # One audit row for each pupil named.
    rows = AuditEvent.objects.filter(action=OutcomesAction.ATTENDANCE_VIEW)
    assert {r.pupil_id for r in rows} >= {p.pk for p in data.heavy}
    assert all(r.pupil_id for r in rows)


def test_a_breakdown_and_a_year(senco, client_for, school, data):
    response = client_for(senco).get(url(school, year=2023, by="sex"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Attendance 2023/24" in page
    assert "Female" in page and "Male" in page
    assert "Too few pupils to judge" in page  # 6 EHC girls


@pytest.mark.parametrize(
    "params", [{"year": 2019}, {"year": "abc"}, {"by": "colour"}, {"by": "subject"}]
)
def test_bad_options_are_404(senco, client_for, school, data, params):
    assert client_for(senco).get(url(school, **params)).status_code == 404


def test_the_governor_sees_no_names_and_small_numbers_hidden(governor, client_for, school, data):
    response = client_for(governor).get(url(school, by="year"))
    assert response.status_code == 200
    assert_valid_html(response)
    page = response.content.decode()
    for p in data.pupils:
        assert p.full_name not in page
    assert "account for" not in page
    assert reverse("outcomes_pupils", args=[school.urn, "attendance"]) not in page
    assert "hidden" in page
    assert 'id="hidden-figures-note"' in page
    # One audit row for the school, naming no pupil.
    rows = list(AuditEvent.objects.filter(action=OutcomesAction.ATTENDANCE_VIEW))
    assert len(rows) == 1 and rows[0].pupil_id is None


def test_nothing_imported_says_so(senco, governor, client_for, school):
    page = client_for(senco).get(url(school)).content.decode()
    assert "No attendance imported yet" in page
    page = client_for(governor).get(url(school)).content.decode()
    assert "No attendance imported yet" in page


def test_queries_do_not_grow_with_pupils(senco, client_for, school, django_assert_max_num_queries):
    build(school, ehc=12, support=20, none=40)
    client = client_for(senco)
    with django_assert_max_num_queries(14) as small:
        client.get(url(school))
    build(school, ehc=30, support=60, none=100)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url(school))


def test_the_governors_queries_do_not_grow_either(
    governor, client_for, school, django_assert_max_num_queries
):
    build(school, ehc=12, support=20, none=40)
    client = client_for(governor)
    with django_assert_max_num_queries(14) as small:
        client.get(url(school))
    build(school, ehc=30, support=60, none=100)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url(school))
