"""The front page (outcomes_home): the headline figures against England and the gaps, the
next step when nothing is imported, the governor's page, one audit row, the query count;
and the way there (the home page's "Go to", the school's summary)."""

import pytest
from django.urls import reverse

from senco.audit.models import AuditEvent
from senco.outcomes.audit import OutcomesAction
from senco.outcomes.tests.comparison_fixtures import build
from senco.testing import answers, assert_valid_html, role_table

READERS = role_table(
    "outcomes_home",
    answers(403, senco=200, leader=200, governor=200, trust_lead=200, parent=404, outsider=404),
)


def url(school):
    return reverse("outcomes_home", args=[school.urn])


@pytest.mark.django_db
def test_role_table(cast, client_for, school):
    build(school, ehc=4, support=4, none=4, years=(2024,))
    for role, user in cast.items():
        response = client_for(user).get(url(school))
        assert response.status_code == READERS[role], role


def test_headlines_against_england_with_links(senco, client_for, school):
    build(school)
    response = client_for(senco).get(url(school))
    assert_valid_html(response)
    page = response.content.decode()
    assert "Attendance 2024/25" in page and "Suspensions 2024/25" in page
    assert "Overall absence" in page and "Persistent absence" in page
    assert "Suspensions per 100 pupils" in page
    assert "Share of the year's suspensions to pupils with SEN" in page
    assert "EHC plan against no SEN" in page
    assert reverse("outcomes_attendance", args=[school.urn]) in page
    assert reverse("outcomes_suspensions", args=[school.urn]) in page
    assert "Where England's figures come from" in page
    # Figures naming no pupil: one audit row for the school.
    rows = list(AuditEvent.objects.filter(action=OutcomesAction.HOME_VIEW))
    assert len(rows) == 1 and rows[0].pupil_id is None and rows[0].school_id == school.pk


def test_nothing_imported_gives_the_next_step(senco, governor, client_for, school):
    response = client_for(senco).get(url(school))
    assert_valid_html(response)
    page = response.content.decode()
    assert "No attendance imported yet" in page
    assert "No suspensions imported yet" in page
    page = client_for(governor).get(url(school)).content.decode()
    assert "No attendance imported yet" in page
    assert "The SENCO brings attendance in" in page


def test_the_governor_sees_no_names_nor_who_makes_a_gap(governor, client_for, school):
    data = build(school)
    page = client_for(governor).get(url(school)).content.decode()
    for p in data.pupils:
        assert p.full_name not in page
    assert "account for" not in page and "accounts for" not in page
    assert 'id="hidden-figures-note"' in page


def test_linked_from_the_home_page_and_the_summary(senco, governor, client_for, school):
    link = url(school)
    assert link in client_for(senco).get(reverse("home")).content.decode()
    summary = reverse("register_summary", args=[school.urn])
    assert link in client_for(governor).get(summary).content.decode()


def test_queries_do_not_grow_with_pupils(senco, client_for, school, django_assert_max_num_queries):
    build(school)
    client = client_for(senco)
    with django_assert_max_num_queries(16) as small:
        client.get(url(school))
    build(school, ehc=30, support=60, none=100)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url(school))
