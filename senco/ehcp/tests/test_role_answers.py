"""Each role's answer on every page of the EHC plan records."""

import pytest
from django.urls import reverse

from senco.audit.models import AuditEvent
from senco.ehcp.models import EHCPlan, ProvisionItem
from senco.ehcp.tests.conftest import item_data, plan_data
from senco.testing import (
    PUPIL_READERS,
    ROLES,
    SENCO_ONLY_PUPIL_ACTION,
    SENCO_ONLY_PUPIL_PAGE,
    assert_valid_html,
    role_tables,
)

GETS = role_tables(
    {
        "ehcp_plan": PUPIL_READERS,
        "ehcp_plan_edit": SENCO_ONLY_PUPIL_PAGE,
        "ehcp_item_add": SENCO_ONLY_PUPIL_PAGE,
        "ehcp_item_edit": SENCO_ONLY_PUPIL_PAGE,
    }
)
POSTS = role_tables(
    {
        "ehcp_plan_edit": SENCO_ONLY_PUPIL_ACTION,
        "ehcp_item_add": SENCO_ONLY_PUPIL_ACTION,
        "ehcp_item_edit": SENCO_ONLY_PUPIL_ACTION,
        "ehcp_item_remove": SENCO_ONLY_PUPIL_ACTION,
    },
    method="POST",
)


def _args(name, pupil, item):
    return (
        [pupil.pk, item.pk]
        if name.startswith("ehcp_item_") and name != "ehcp_item_add"
        else [pupil.pk]
    )


@pytest.mark.parametrize("name", sorted(GETS))
@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_the_right_answer(name, role, cast, client_for, ehc_pupil, item):
    response = client_for(cast[role]).get(reverse(name, args=_args(name, ehc_pupil, item)))
    assert response.status_code == GETS[name][role]
    assert_valid_html(response)
    if response.status_code != 200:
        assert ehc_pupil.legal_surname.encode() not in response.content
    else:
        assert AuditEvent.objects.filter(pupil=ehc_pupil, action__startswith="ehcp.").exists()


@pytest.mark.parametrize("role", ROLES)
def test_who_may_change_the_plan(role, cast, client_for, ehc_pupil, plan):
    url = reverse("ehcp_plan_edit", args=[ehc_pupil.pk])
    data = plan_data(needs="Changed by " + role, version=str(plan.version))
    response = client_for(cast[role]).post(url, data)
    assert response.status_code == POSTS["ehcp_plan_edit"][role]
    plan.refresh_from_db()
    assert (plan.needs == "Changed by " + role) == (response.status_code == 302)


@pytest.mark.parametrize("role", ROLES)
def test_who_may_add_an_item(role, cast, client_for, ehc_pupil, plan):
    response = client_for(cast[role]).post(
        reverse("ehcp_item_add", args=[ehc_pupil.pk]), item_data()
    )
    assert response.status_code == POSTS["ehcp_item_add"][role]
    assert plan.items.exists() == (response.status_code == 302)


@pytest.mark.parametrize("role", ROLES)
def test_who_may_change_an_item(role, cast, client_for, ehc_pupil, item):
    url = reverse("ehcp_item_edit", args=[ehc_pupil.pk, item.pk])
    response = client_for(cast[role]).post(url, item_data(what="Changed"))
    assert response.status_code == POSTS["ehcp_item_edit"][role]
    item.refresh_from_db()
    assert (item.what == "Changed") == (response.status_code == 302)


@pytest.mark.parametrize("role", ROLES)
def test_who_may_remove_an_item(role, cast, client_for, ehc_pupil, item):
    url = reverse("ehcp_item_remove", args=[ehc_pupil.pk, item.pk])
    response = client_for(cast[role]).post(url)
    assert response.status_code == POSTS["ehcp_item_remove"][role]
    assert ProvisionItem.objects.filter(pk=item.pk).exists() == (response.status_code != 302)


def test_another_pupils_item_is_not_found(client_for, senco, ehc_pupil, item, school):
    from senco import factories as f

    other = f.SenPupilFactory(school=school)
    response = client_for(senco).get(reverse("ehcp_item_edit", args=[other.pk, item.pk]))
    assert response.status_code == 404


def test_the_senco_records_a_plan_for_a_pupil_with_none(client_for, senco, ehc_pupil):
    client = client_for(senco)
    url = reverse("ehcp_plan_edit", args=[ehc_pupil.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert_valid_html(page)
    response = client.post(url, plan_data())
    assert response.status_code == 302
    plan = EHCPlan.objects.get(pupil=ehc_pupil)
    assert (plan.la_code, plan.la_name, plan.version) == ("886", "Kent", 1)
    assert AuditEvent.objects.filter(pupil=ehc_pupil, action="ehcp.plan.create").exists()


def test_a_pupil_at_sen_support_gets_no_plan(client_for, senco, pupil):
    response = client_for(senco).post(reverse("ehcp_plan_edit", args=[pupil.pk]), plan_data())
    assert response.status_code == 200
    assert b"not recorded as having an EHC plan" in response.content
    assert not EHCPlan.objects.exists()
