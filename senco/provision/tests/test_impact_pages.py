"""The impact pages through real URLs, as each role: what the SENCO and leaders read, the
"too few to judge" rule, the filters, the audit rows, the query counts, and the totals
governors see on the summary page."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from senco import factories as f
from senco.audit.models import AuditEvent
from senco.provision.models import InterventionGroup, TopUp
from senco.provision.tests.impact_fixtures import *  # noqa: F403
from senco.provision.tests.impact_fixtures import YEAR, add_group
from senco.testing import ROLES, answers, assert_valid_html, role_tables

READERS = answers(403, senco=200, leader=200, parent=404, outsider=404)
GETS = role_tables({"provision_impact": READERS, "provision_impact_intervention": READERS})


def impact_url(school, **query):
    url = reverse("provision_impact", args=[school.urn])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def detail_url(school, intervention, year=YEAR):
    return reverse("provision_impact_intervention", args=[school.urn, intervention.pk]) + (
        f"?year={year}"
    )


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.mark.parametrize("name", sorted(GETS))
@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_the_right_answer(name, role, cast, client_for, school, standard_group):
    intervention = standard_group.intervention
    url = impact_url(school) if name == "provision_impact" else detail_url(school, intervention)
    response = client_for(cast[role]).get(url)
    assert response.status_code == GETS[name][role]
    assert_valid_html(response)
    if response.status_code != 200:
        assert b"Precision teaching" not in response.content


def test_the_list_shows_each_interventions_impact_and_value(
    client_for, senco, school, standard_group, reading_group
):
    response = client_for(senco).get(impact_url(school, year=YEAR))
    assert response.status_code == 200
    assert_valid_html(response)
    page = text(response)
    row = page.split("Precision teaching")[1].split("Reading recovery")[0]
    assert "5 in 1 group; 5 with both scores" in row
    assert "+8 points" in row
    assert "40% (2 of 5)" in row
    assert "1.10 (large)" in row
    assert "80% " in row  # attendance: the first pupil missed every session
    assert "£150.00" in row and "£30.00 a pupil" in row
    assert "£3.75 a point" in row
    reading = page.split("Reading recovery")[1]
    assert "Too few pupils to judge (n = 2)" in reading
    assert "£540.00" in reading  # 36 planned one-hour sessions at £15, none recorded yet
    # The year's totals: waves 2 and 3, 8 pupils, 3 of 7 with an exit score met it.
    assert 'id="total-cost">£690.00<' in response.content.decode()
    assert "42.9% (3 of 7 pupils with an exit score)" in page
    # Names no pupil, and one audit row for the school.
    assert escape(standard_group.members.first().pupil.full_name) not in response.content.decode()
    event = AuditEvent.objects.get(action="provision.impact.view")
    assert event.pupil_id is None and event.detail["academic_year"] == YEAR


def test_the_totals_are_set_against_the_funding(client_for, senco, school, standard_group, pupil):
    from senco.provision.models import Funding

    Funding.objects.create(school=school, academic_year=YEAR, notional_budget=100)
    TopUp.objects.create(pupil=pupil, academic_year=YEAR, amount=20)
    html = client_for(senco).get(impact_url(school, year=YEAR)).content.decode()
    assert 'id="total-budget">£100.00<' in html
    assert "£20.00 for 1 pupil" in html
    assert "£30.00 more than the funding" in html
    # 6 on the register (pupil and the four others are at SEN support): £150 / 5.
    assert "£30.00 (5 pupils on the register now)" in html


def test_the_intervention_page_lists_each_pupil_and_says_what_is_missing(
    client_for, senco, school, reading_group
):
    response = client_for(senco).get(detail_url(school, reading_group.intervention))
    assert response.status_code == 200
    assert_valid_html(response)
    page = text(response)
    assert "Too few pupils to judge (n = 2)" in page
    # Each pupil's gain is still shown, with the ratio gain (6 months in 3.0 months).
    assert "+6 months" in page and "Ratio gain 2.0: substantial impact" in page
    assert "+15 months" in page and "Ratio gain 5.0: remarkable impact" in page
    assert "No score at exit yet" in page
    # Exit: no more than 6 months behind their age (130 months on 7 April 2025).
    assert "24 months behind their age" in page and "5 months behind their age" in page
    assert page.count("Met") >= 1
    shown = set(
        AuditEvent.objects.filter(action="provision.impact.intervention").values_list(
            "pupil_id", flat=True
        )
    )
    assert shown == set(reading_group.members.values_list("pupil_id", flat=True))


def test_another_schools_intervention_is_not_found(client_for, senco, school, other_school):
    from senco.provision.models import Intervention

    theirs = Intervention.objects.create(school=other_school, name="Theirs", area="CL")
    response = client_for(senco).get(detail_url(school, theirs))
    assert response.status_code == 404
    assert b"Theirs" not in response.content


def test_filter_by_area_and_sort_by_cost(client_for, senco, school, standard_group, reading_group):
    from senco.provision.models import Intervention

    Intervention.objects.create(school=school, name="Zones of regulation", area="SEMH")
    client = client_for(senco)
    page = text(client.get(impact_url(school, year=YEAR, area="SEMH")))
    assert "Zones of regulation" in page and "Precision teaching" not in page
    page = text(client.get(impact_url(school, year=YEAR, sort="cost")))
    assert page.index("Reading recovery") < page.index("Precision teaching")
    page = text(client.get(impact_url(school, year=YEAR, sort="name")))
    assert page.index("Precision teaching") < page.index("Reading recovery")


@pytest.mark.parametrize("query", [{"year": "1066"}, {"area": "XX"}, {"sort": "'; drop"}])
def test_nonsense_in_the_address_says_so(client_for, senco, school, standard_group, query):
    response = client_for(senco).get(impact_url(school, **query))
    assert response.status_code == 200
    assert_valid_html(response)
    assert "from the list" in response.content.decode()


def test_queries_do_not_grow_with_groups_and_members(client_for, senco, school, standard_group):
    client = client_for(senco)
    intervention = standard_group.intervention

    def count(url):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    few = (count(impact_url(school, year=YEAR)), count(detail_url(school, intervention)))
    for n in range(3):
        add_group(intervention, name=f"More {n}", scores=[(80, 90)] * (n + 6), sessions=3)
    many = (count(impact_url(school, year=YEAR)), count(detail_url(school, intervention)))
    assert many == few


def test_governors_see_totals_with_small_counts_hidden(
    client_for, governor, senco, school, reading_group
):
    today = timezone.localdate()
    InterventionGroup.objects.update(starts_on=today, ends_on=today + datetime.timedelta(30))
    url = reverse("register_summary", args=[school.urn])
    html = client_for(governor).get(url).content.decode()
    assert 'id="intervention-figure-pupils">hidden<' in html  # 3 pupils
    assert 'id="intervention-figure-met">hidden<' in html
    assert 'id="intervention-figure-share">Too few pupils to judge' in html
    assert "Reading recovery" not in html
    senco_html = client_for(senco).get(url).content.decode()
    assert 'id="intervention-figure-pupils">3<' in senco_html
    assert 'id="intervention-figure-met">1<' in senco_html


def test_governors_see_the_share_when_the_counts_are_big_enough(
    client_for, governor, school, standard_intervention
):
    pupils = [f.SenPupilFactory(school=school) for _ in range(10)]
    add_group(
        standard_intervention,
        name="Big group",
        scores=[(80, 95)] * 5 + [(80, 85)] * 5,
        pupils=pupils,
    )
    today = timezone.localdate()
    InterventionGroup.objects.update(starts_on=today, ends_on=today + datetime.timedelta(30))
    html = client_for(governor).get(reverse("register_summary", args=[school.urn])).content.decode()
    assert 'id="intervention-figure-pupils">10<' in html
    assert 'id="intervention-figure-met">5<' in html
    assert 'id="intervention-figure-share">50%<' in html
