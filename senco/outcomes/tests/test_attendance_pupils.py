"""The pupils behind a figure (outcomes_pupils): the SENCO and leaders only, each measure
from the URL, one audit row per pupil shown, bad options 404, the query count."""

import pytest
from django.urls import reverse

from senco.audit.models import AuditEvent
from senco.outcomes.audit import OutcomesAction
from senco.outcomes.tests.comparison_fixtures import build
from senco.testing import answers, assert_valid_html, role_table

NAMES_READERS = role_table(
    "outcomes_pupils",
    answers(403, senco=200, leader=200, parent=404, outsider=404),
)


def url(school, measure="attendance", **params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    base = reverse("outcomes_pupils", args=[school.urn, measure])
    return base + (f"?{query}" if query else "")


@pytest.fixture
def data(school):
    return build(school)


@pytest.mark.django_db
def test_role_table(cast, client_for, school, data):
    for role, user in cast.items():
        response = client_for(user).get(url(school, group="E"))
        assert response.status_code == NAMES_READERS[role], role


def test_a_cell_lists_its_pupils_and_audits_each(senco, client_for, school, data):
    response = client_for(senco).get(url(school, group="E", by="year", key=7, year=2024))
    assert response.status_code == 200
    assert_valid_html(response)
    page = response.content.decode()
    assert "Attendance 2024/25: EHC plan, Year 7" in page
    year7 = [p for p in data.ehc if p.year_group == 7]
    for p in year7:
        assert p.full_name in page
        assert reverse("pupil_detail", args=[p.pk]) in page
    for p in data.support + data.none:
        assert p.full_name not in page
    # The heavy absentee first.
    assert page.index(data.heavy[0].full_name) < page.index(year7[-1].full_name)
    assert "40.0%" in page
    rows = AuditEvent.objects.filter(action=OutcomesAction.PUPILS_VIEW)
    assert sorted(r.pupil_id for r in rows) == sorted(p.pk for p in year7)
    assert all(r.detail["key"] == "7" for r in rows)


def test_the_whole_school_and_all_pupils(senco, client_for, school, data):
    page = client_for(senco).get(url(school, group="all")).content.decode()
    assert "whole school" in page
    assert all(p.full_name in page for p in data.pupils)


def test_suspensions_list_the_pupils_suspended(senco, client_for, school, data):
    response = client_for(senco).get(url(school, "suspensions", group="E"))
    assert_valid_html(response)
    page = response.content.decode()
    assert "Suspensions 2024/25: EHC plan, whole school" in page
    for p in data.semh:
        assert p.full_name in page
    assert data.ehc[5].full_name not in page  # never suspended
    assert "9 other pupils of the group had none" in page
    assert AuditEvent.objects.filter(action=OutcomesAction.PUPILS_VIEW).count() == 3


@pytest.mark.parametrize(
    "measure, params",
    [
        ("attendance", {}),
        ("attendance", {"group": "X"}),
        ("attendance", {"group": "E", "by": "colour", "key": "1"}),
        ("attendance", {"group": "E", "by": "year", "key": "12"}),
        ("attendance", {"group": "E", "by": "year"}),
        ("attendance", {"group": "E", "year": 1999}),
        ("attendance", {"group": "E", "year": "x"}),
        ("weather", {"group": "E"}),
        ("suspensions", {"group": "E", "year": 1999}),
    ],
)
def test_bad_options_are_404(senco, client_for, school, data, measure, params):
    assert client_for(senco).get(url(school, measure, **params)).status_code == 404


def test_queries_do_not_grow_with_pupils(senco, client_for, school, django_assert_max_num_queries):
    build(school)
    client = client_for(senco)
    with django_assert_max_num_queries(12) as small:
        client.get(url(school, group="all"))
    build(school, ehc=30, support=60, none=100)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url(school, group="all"))


NONSENSE = ["²", "-1", "0", "9" * 30, "1e9", "abc", "%00", "\u202e", "x" * 5000]


@pytest.mark.parametrize("value", NONSENSE)
def test_nonsense_in_any_option_is_404_never_500(value, senco, client_for, school, data):
    client = client_for(senco)
    pages = [
        reverse("outcomes_home", args=[school.urn]),
        reverse("outcomes_attendance", args=[school.urn]),
        reverse("outcomes_suspensions", args=[school.urn]),
        url(school, group="E"),
        url(school, "suspensions", group="E"),
    ]
    for page in pages:
        for name in ("year", "by", "group", "key"):
            response = client.get(page, {name: value, **({"by": "year"} if name == "key" else {})})
            assert response.status_code in (200, 404), (page, name)
    assert client.get(reverse("outcomes_trust", args=[school.trust_id]), {"year": value})
