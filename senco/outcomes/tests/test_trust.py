"""The trust's page (outcomes_trust): every school side by side for the trust's SEND lead,
small numbers hidden across the trust and its schools' own pages, a link to each school."""

import pytest
from django.urls import reverse

from senco.audit.models import AuditEvent
from senco.outcomes.audit import OutcomesAction
from senco.outcomes.tests.comparison_fixtures import build
from senco.testing import TRUST_LEAD_ONLY, assert_valid_html, role_table

role_table("outcomes_trust", TRUST_LEAD_ONLY)


def url(trust, **params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return reverse("outcomes_trust", args=[trust.pk]) + (f"?{query}" if query else "")


@pytest.fixture
def schools(school, sister_school):
    return build(school), build(sister_school, ehc=3, support=8, none=20)


@pytest.mark.django_db
def test_role_table(cast, client_for, trust, schools):
    for role, user in cast.items():
        assert client_for(user).get(url(trust)).status_code == TRUST_LEAD_ONLY[role], role


def test_every_school_side_by_side(trust_lead, client_for, trust, school, sister_school, schools):
    response = client_for(trust_lead).get(url(trust))
    assert response.status_code == 200
    assert_valid_html(response)
    page = response.content.decode()
    assert "Attendance, suspensions and results 2024/25" in page
    assert school.name in page and sister_school.name in page and "The trust" in page
    assert reverse("outcomes_home", args=[school.urn]) in page
    assert reverse("outcomes_home", args=[sister_school.urn]) in page
    # Brookfield's 3 pupils with EHC plans are hidden, and so is the trust's figure from
    # which Hillside's shown 12 would give them away.
    assert "hidden" in page
    assert "15 pupils" not in page
    for p in schools[0].pupils + schools[1].pupils:
        assert p.full_name not in page
    rows = list(AuditEvent.objects.filter(action=OutcomesAction.TRUST_VIEW))
    assert len(rows) == 1 and rows[0].pupil_id is None


def test_a_school_row_reads_as_the_schools_own_page(trust_lead, client_for, trust, school, schools):
    """What Hillside's own page shows of its whole school, the trust page shows too."""
    client = client_for(trust_lead)
    own = client.get(reverse("outcomes_home", args=[school.urn])).content.decode()
    assert "15.0%" in own and "12 pupils" in own  # Hillside's EHC plans, shown
    page = client.get(url(trust)).content.decode()
    hillside = page[page.index(school.name) :]
    assert "15.0%" in hillside[:600]


def test_a_year_and_bad_years(trust_lead, client_for, trust, schools):
    client = client_for(trust_lead)
    assert "2023/24" in client.get(url(trust, year=2023)).content.decode()
    assert client.get(url(trust, year=1999)).status_code == 404
    assert client.get(url(trust, year="abc")).status_code == 404


def test_nothing_imported(trust_lead, client_for, trust, school):
    page = client_for(trust_lead).get(url(trust)).content.decode()
    assert "No school of the trust has imported" in page


def test_queries_do_not_grow(
    trust_lead, client_for, trust, school, sister_school, django_assert_max_num_queries
):
    build(school)
    client = client_for(trust_lead)
    with django_assert_max_num_queries(13) as small:
        client.get(url(trust))
    build(sister_school, ehc=20, support=40, none=80)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url(trust))


def test_linked_from_the_trust_summary(trust_lead, client_for, trust, school):
    page = client_for(trust_lead).get(reverse("trust_summary", args=[trust.pk])).content.decode()
    assert url(trust) in page


# --- Results ----------------------------------------------------------------------------------


def _results_section(page: str) -> str:
    return page[page.index('id="results"') :]


def test_results_side_by_side(trust_lead, client_for, trust, school, sister_school):
    """Each school's latest drop of the year, all subjects: Hillside's 12 pupils with EHC
    plans shown as on its own results page, Brookfield's 3 hidden, and the trust's EHC
    figure hidden with them (it is their sum)."""
    from senco.outcomes.tests import attainment_fixtures

    attainment_fixtures.build(school, years=(2024,))
    attainment_fixtures.build(sister_school, ehc=3, support=12, none=20, years=(2024,))
    client = client_for(trust_lead)
    response = client.get(url(trust))
    assert response.status_code == 200
    assert_valid_html(response)
    page = response.content.decode()
    assert "Attendance, suspensions and results 2024/25" in page
    results = _results_section(page)
    assert f"{school.name} (Summer 2025)" in results
    assert f"{sister_school.name} (Summer 2025)" in results
    # The whole school's EHC figure reads as on the school's own page (as the trust lead).
    own = client.get(reverse("outcomes_attainment", args=[school.urn])).content.decode()
    hillside = results[results.index(school.name) :]
    brookfield = results[results.index(sister_school.name) :]
    trust_row = results[results.index("The trust") : results.index(sister_school.name)]
    first_cell = hillside.split('govuk-table__cell--numeric">')[1].split("</td>")[0]
    share = first_cell.split("<")[0].strip()
    assert share.endswith("%") and share in own
    assert "12 pupils" in first_cell
    assert "hidden" in brookfield.split('govuk-table__cell--numeric">')[1].split("</td>")[0]
    assert "hidden" in trust_row.split('govuk-table__cell--numeric">')[1].split("</td>")[0]
    # Neither name nor link to a pupil.
    assert "/pupils/" not in results


def test_a_year_with_results_only(trust_lead, client_for, trust, school):
    """A year with a data drop and no attendance is offered, with the results alone."""
    from senco.outcomes.tests import attainment_fixtures

    attainment_fixtures.build(school, years=(2025,))
    page = client_for(trust_lead).get(url(trust, year=2025)).content.decode()
    assert "Results at the expected standard" in page
    assert "Overall absence" not in page


def test_results_queries_do_not_grow(
    trust_lead, client_for, trust, school, sister_school, django_assert_max_num_queries
):
    from senco.outcomes.tests import attainment_fixtures

    attainment_fixtures.build(school, years=(2024,))
    client = client_for(trust_lead)
    with django_assert_max_num_queries(14) as small:
        client.get(url(trust))
    attainment_fixtures.build(sister_school, ehc=20, support=30, none=60, years=(2023, 2024))
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url(trust))
