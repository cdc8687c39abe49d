import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from senco import factories as f
from senco.register.selectors import register_summary
from senco.testing import assert_valid_html


@pytest.fixture
def roll(school, pupil):
    """100 pupils: 6 with EHC plans (ASD), 14 at SEN support (13 + the cast's pupil)."""
    f.SenPupilFactory.create_batch(6, school=school, sen_provision="E", primary_need="ASD")
    f.SenPupilFactory.create_batch(
        10, school=school, primary_need="SEMH", sex="F", pupil_premium=True, year_group=8
    )
    f.SenPupilFactory.create_batch(3, school=school, primary_need="HI", year_group=8)
    f.PupilFactory.create_batch(80, school=school)


def test_figures_and_percent_of_roll(school, roll):
    summary = register_summary(schools=[school])
    assert (summary.total.roll, summary.total.ehc, summary.total.support) == (100, 6, 14)
    assert summary.total.ehc_percent == pytest.approx(6.0)
    assert summary.total.national_ehc == 5.3
    assert summary.total.national_support == 14.2


def test_breakdowns(school, roll):
    by_title = {b.title: b for b in register_summary(schools=[school]).breakdowns}
    areas = {r.label: r for r in by_title["By broad area of need"].rows}
    assert areas["Social, emotional and mental health"].support == 10
    assert areas["Communication and interaction"].ehc == 6
    assert areas["Communication and interaction"].support == 1
    assert areas["Sensory and/or physical"].support == 3
    years = {r.label: r for r in by_title["By year group"].rows}
    assert years["Year 8"].roll == 13
    sexes = {r.label: r for r in by_title["By sex"].rows}
    assert sexes["Female"].support == 10
    assert sexes["Male"].national_ehc == 71.0
    pp = {r.label: r for r in by_title["By pupil premium"].rows}
    assert pp["Pupil premium"].support == 10
    needs = {r.label: r for r in by_title["By primary need"].rows}
    assert needs["Autistic spectrum disorder (ASD)"].national_ehc == 31.5


def test_senco_sees_exact_small_numbers(client_for, senco, school, roll):
    content = client_for(senco).get(reverse("register_summary", args=[school.urn])).content
    assert b">hidden<" not in content
    assert b"5.3%" in content and b"14.2%" in content


def test_governor_sees_small_numbers_suppressed(client_for, governor, school, roll):
    response = client_for(governor).get(reverse("register_summary", args=[school.urn]))
    content = response.content.decode()
    assert ">hidden<" in content
    # The 3 pupils with hearing impairment are never shown as a number.
    # (The row of the table: the chart above it names the need too, with no figure.)
    hi_row = content.split('class="govuk-table__header">Hearing impairment (HI)')[1]
    hi_row = hi_row.split("</tr>")[0]
    assert ">3<" not in hi_row
    assert ">hidden<" in hi_row
    assert_valid_html(response)


def test_governor_sees_no_names(client_for, governor, school, roll, pupil):
    content = client_for(governor).get(reverse("register_summary", args=[school.urn])).content
    assert pupil.legal_surname.encode() not in content
    assert pupil.upn.encode() not in content


def test_trust_lead_sees_every_school_suppressed(
    client_for, trust_lead, trust, school, sister_school, roll
):
    f.SenPupilFactory.create_batch(2, school=sister_school)
    response = client_for(trust_lead).get(reverse("trust_summary", args=[trust.pk]))
    content = response.content.decode()
    assert "Hillside Academy" in content and "Brookfield Primary" in content
    assert ">hidden<" in content
    assert_valid_html(response)


def test_trust_summary_leaves_out_other_trusts(client_for, trust_lead, trust, other_school):
    content = client_for(trust_lead).get(reverse("trust_summary", args=[trust.pk])).content
    assert b"Faraway School" not in content


def test_summary_is_audited(client_for, governor, school):
    from senco.audit.models import AuditEvent

    client_for(governor).get(reverse("register_summary", args=[school.urn]))
    assert AuditEvent.objects.filter(action="register.summary", user=governor).exists()


def _summary_queries(client, school) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("register_summary", args=[school.urn])).status_code == 200
    return len(ctx.captured_queries)


def test_a_governors_summary_costs_what_the_sencos_does(
    client_for, governor, senco, school, sister_school
):
    """The governor's page reads the whole trust's figures (to hide what the trust's pages
    hide), in the one grouped query the SENCO's page makes for the school alone; however
    many pupils and schools."""
    counts = []
    for n in (10, 200):
        f.SenPupilFactory.create_batch(n, school=school, primary_need="MLD")
        f.SenPupilFactory.create_batch(3, school=sister_school, sen_provision="E")
        f.SchoolFactory(trust=school.trust)
        counts.append(
            (
                _summary_queries(client_for(governor), school),
                _summary_queries(client_for(senco), school),
            )
        )
    assert counts[0] == counts[1]
    assert counts[0][0] == counts[0][1]
