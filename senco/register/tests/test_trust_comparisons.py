"""The trust's SEND lead compares schools by year group and by need, not only by the two
percents, with small numbers hidden; and sees the figures as charts beside the tables."""

from django.urls import reverse

from senco import factories as f
from senco.register.selectors import trust_comparisons


def test_schools_side_by_side_by_year_and_need(trust, school, sister_school):
    f.PupilFactory.create_batch(8, school=school, year_group=7)
    f.SenPupilFactory.create_batch(
        6, school=school, year_group=7, sen_provision="K", primary_need="SLCN"
    )
    f.SenPupilFactory.create_batch(
        5, school=sister_school, year_group=3, sen_provision="E", primary_need="ASD"
    )
    by_year, by_area, by_need = trust_comparisons(trust=trust)
    schools = by_year.schools
    assert schools == sorted([school.name, sister_school.name])
    hillside = schools.index(school.name)
    year7 = dict(by_year.rows)["Year 7"]
    assert year7[hillside][:2] == (6, 14)  # (count, total); whether hidden comes third
    slcn = dict(by_need.rows)["Speech, language and communication needs (SLCN)"]
    assert slcn[hillside][:2] == (6, 6)
    assert [label for label, _ in by_area.rows][0].startswith("Communication")


def test_the_trust_page_shows_the_comparisons_and_a_chart(
    client_for, trust_lead, trust, school, django_assert_max_num_queries
):
    f.SenPupilFactory.create_batch(6, school=school, sen_provision="K", primary_need="MLD")
    client = client_for(trust_lead)
    # Session, user, trust, its lead, schools, one grouped count of the trust's pupils
    # (everything the page shows, and what it hides, comes from it), the schools where the
    # lead sees exact figures (senco/register/disclosure.py), the audit row, the frame's
    # memberships.
    with django_assert_max_num_queries(9):
        response = client.get(reverse("trust_summary", args=[trust.pk]))
    html = response.content.decode()
    assert "Schools by year group" in html and "Schools by primary need" in html
    assert html.count('class="senco-chart"') >= 2  # the schools, and the whole trust's
    assert 'role="img"' in html


def test_a_governor_sees_charts_without_the_hidden_figures(client_for, governor, school):
    f.SenPupilFactory.create_batch(3, school=school, sen_provision="E", primary_need="ASD")
    f.SenPupilFactory.create_batch(6, school=school, sen_provision="K", primary_need="MLD")
    f.SenPupilFactory.create_batch(
        12, school=school, sen_provision="K", primary_need="SLCN", year_group=8
    )
    f.PupilFactory.create_batch(14, school=school)
    f.PupilFactory.create_batch(20, school=school, year_group=8)
    html = client_for(governor).get(reverse("register_summary", args=[school.urn])).content
    html = html.decode()
    assert 'class="senco-chart"' in html
    # Three pupils with an EHC plan, all in Year 7: "hidden" in the table, no figure in any
    # chart; and so is Year 7's SEN support, which with the register's total (a percent's
    # denominator on the trust's page) would give them away.
    assert ">hidden<" in html
    assert 'class="senco-chart__value">13.0%' not in html  # 3 of 23 in Year 7: hidden
    assert 'class="senco-chart__value">26.1%' not in html  # 6 of 23: hidden too
    assert 'class="senco-chart__value">37.5%' in html  # 12 of 32 in Year 8: shown
    assert ">37.5%<" in html  # and in its table
