"""E on the register asks for the EHC plan: after the SENCO moves a pupil to E with no plan
recorded, the plan's form comes next; the register marks every pupil at E with none."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from senco import factories as f
from senco.audit.actor import Actor
from senco.ehcp import services
from senco.ehcp.tests.conftest import plan_fields
from senco.lib.codes import Provision
from senco.register.tests.test_change import change_form
from senco.testing import assert_valid_html


def _change(client, pupil, **overrides):
    return client.post(reverse("register_change", args=[pupil.pk]), change_form(**overrides))


def test_moving_a_pupil_to_e_asks_for_the_plan(client_for, senco, pupil):
    client = client_for(senco)
    response = _change(client, pupil, to_provision="E")
    assert response.status_code == 302
    assert response["Location"] == reverse("ehcp_plan_edit", args=[pupil.pk])
    page = client.get(response["Location"])
    assert_valid_html(page)
    html = page.content.decode()
    assert f"The register entry for {escape(pupil.full_name)} has been changed." in html
    assert "is now at E (EHC plan) on the register. Now record the EHC plan" in html
    assert "Record the EHC plan" in html


def test_with_a_plan_recorded_the_pupil_page_comes_next(client_for, senco, ehc_pupil, plan):
    response = _change(client_for(senco), ehc_pupil, to_provision="E", to_primary_need="SEMH")
    assert response["Location"] == reverse("pupil_detail", args=[ehc_pupil.pk])


@pytest.mark.parametrize("provision", ["K", "N"])
def test_another_change_goes_to_the_pupil_page(client_for, senco, pupil, provision):
    overrides = {"to_provision": provision}
    if provision == "N":
        overrides |= {"to_primary_need": "", "to_secondary_need": ""}
    response = _change(client_for(senco), pupil, **overrides)
    assert response.status_code == 302
    assert response["Location"] == reverse("pupil_detail", args=[pupil.pk])


def _register(client, school):
    response = client.get(reverse("register", args=[school.urn]))
    assert response.status_code == 200
    assert_valid_html(response)
    return response.content.decode()


def test_the_register_asks_the_senco_to_record_each_missing_plan(
    client_for, senco, school, ehc_pupil
):
    recorded = f.SenPupilFactory(school=school, sen_provision=Provision.EHC_PLAN)
    services.plan_save(actor=Actor(senco), pupil=recorded, **plan_fields())
    html = _register(client_for(senco), school)
    edit = reverse("ehcp_plan_edit", args=[ehc_pupil.pk])
    assert f'<a class="govuk-link" href="{edit}">Record the EHC plan' in html
    assert f'<span class="govuk-visually-hidden"> of {escape(ehc_pupil.full_name)}</span>' in html
    assert reverse("ehcp_plan_edit", args=[recorded.pk]) not in html
    assert html.count("Record the EHC plan") == 1


def test_readers_of_plans_see_that_none_is_recorded(client_for, leader, teacher, school, ehc_pupil):
    for person in (leader, teacher):
        html = _register(client_for(person), school)
        assert "No EHC plan recorded" in html
        assert reverse("ehcp_plan_edit", args=[ehc_pupil.pk]) not in html


def test_a_pupil_at_k_is_not_marked(client_for, senco, school, pupil):
    html = _register(client_for(senco), school)
    assert "Record the EHC plan" not in html


@pytest.mark.parametrize("n", [2, 20])
def test_the_register_costs_one_query_more_whatever_the_number_at_e(n, client_for, senco, school):
    f.SenPupilFactory.create_batch(5, school=school)
    client = client_for(senco)
    url = reverse("register", args=[school.urn])
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    without = len(ctx.captured_queries)
    f.SenPupilFactory.create_batch(n, school=school, sen_provision=Provision.EHC_PLAN)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.content.decode().count("Record the EHC plan") == n
    assert len(ctx.captured_queries) == without + 1
