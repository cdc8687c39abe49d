"""The SEN funding pages: the notional SEN budget and pupils' top-up funding, as each role;
bad input, negative money, stale versions and the audit rows."""

from decimal import Decimal

import pytest
from django.urls import reverse

from senco import factories as f
from senco.audit.models import AuditEvent
from senco.provision.funding_services import top_up_version
from senco.provision.models import Funding, TopUp
from senco.testing import (
    ROLES,
    SENCO_ONLY_SCHOOL_ACTION,
    SENCO_ONLY_SCHOOL_PAGE,
    answers,
    assert_valid_html,
    role_tables,
)

YEAR = 2024
READERS = answers(403, senco=200, leader=200, parent=404, outsider=404)
GETS = role_tables(
    {
        "provision_funding": READERS,
        "provision_funding_budget": SENCO_ONLY_SCHOOL_PAGE,
        "provision_top_up_add": SENCO_ONLY_SCHOOL_PAGE,
        "provision_top_up_edit": SENCO_ONLY_SCHOOL_PAGE,
    }
)
POSTS = role_tables(
    {
        "provision_funding_budget": SENCO_ONLY_SCHOOL_ACTION,
        "provision_top_up_add": SENCO_ONLY_SCHOOL_ACTION,
        "provision_top_up_edit": SENCO_ONLY_SCHOOL_ACTION,
    },
    method="POST",
)


@pytest.fixture
def top_up(pupil):
    return TopUp.objects.create(pupil=pupil, academic_year=YEAR, amount=Decimal("4000"))


def url(name, school, top_up=None):
    if name == "provision_funding":
        return reverse(name, args=[school.urn]) + f"?year={YEAR}"
    if name == "provision_top_up_edit":
        return reverse(name, args=[school.urn, top_up.pk])
    return reverse(name, args=[school.urn, YEAR])


@pytest.mark.parametrize("name", sorted(GETS))
@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_the_right_answer(name, role, cast, client_for, school, pupil, top_up):
    response = client_for(cast[role]).get(url(name, school, top_up))
    assert response.status_code == GETS[name][role]
    assert_valid_html(response)
    if response.status_code != 200:
        assert pupil.legal_surname.encode() not in response.content


@pytest.mark.parametrize("role", ROLES)
def test_who_may_record_the_budget(role, cast, client_for, school):
    response = client_for(cast[role]).post(
        url("provision_funding_budget", school), {"notional_budget": "£12,500", "version": "0"}
    )
    assert response.status_code == POSTS["provision_funding_budget"][role]
    saved = Funding.objects.filter(school=school, academic_year=YEAR).first()
    assert (saved is not None) == (response.status_code == 302)
    if saved:
        assert saved.notional_budget == Decimal("12500.00")
        assert AuditEvent.objects.filter(action="provision.funding.save", school=school).exists()


@pytest.mark.parametrize("role", ROLES)
def test_who_may_add_a_top_up(role, cast, client_for, school, pupil):
    response = client_for(cast[role]).post(
        url("provision_top_up_add", school), {"pupil": pupil.pk, "amount": "3,000.50"}
    )
    assert response.status_code == POSTS["provision_top_up_add"][role]
    assert TopUp.objects.filter(pupil=pupil).exists() == (response.status_code == 302)


@pytest.mark.parametrize("role", ROLES)
def test_who_may_change_a_top_up(role, cast, client_for, school, top_up):
    response = client_for(cast[role]).post(
        url("provision_top_up_edit", school, top_up),
        {"amount": "4500", "note": "Band C", "version": top_up_version(top_up)},
    )
    assert response.status_code == POSTS["provision_top_up_edit"][role]
    top_up.refresh_from_db()
    assert (top_up.amount == Decimal("4500")) == (response.status_code == 302)


def test_the_senco_records_a_top_up_and_the_page_lists_it(client_for, senco, school, pupil):
    client = client_for(senco)
    response = client.post(
        url("provision_top_up_add", school),
        {"pupil": pupil.pk, "amount": "£6,000", "note": "Band D"},
    )
    assert response.status_code == 302
    top_up = TopUp.objects.get(pupil=pupil)
    assert (top_up.amount, top_up.note, top_up.academic_year) == (Decimal(6000), "Band D", YEAR)
    event = AuditEvent.objects.get(action="provision.top_up.add")
    assert event.pupil_id == pupil.pk and event.detail["amount"] == "6000.00"
    page = client.get(response["Location"])
    assert_valid_html(page)
    assert "£6,000.00" in page.content.decode()
    assert AuditEvent.objects.filter(action="provision.funding.view", pupil=pupil).exists()


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("", "Enter the top-up funding"),
        ("-50", "Top-up funding must be £0 or more"),
        ("lots", "Top-up funding must be an amount of money"),
        ("12.345", "Top-up funding must be in pounds and pence"),
    ],
)
def test_bad_money_is_refused_with_a_message_naming_the_field(
    client_for, senco, school, pupil, amount, message
):
    response = client_for(senco).post(
        url("provision_top_up_add", school), {"pupil": pupil.pk, "amount": amount}
    )
    assert response.status_code == 200
    assert_valid_html(response)
    assert message in response.content.decode()
    assert 'href="#id_amount"' in response.content.decode()
    assert not TopUp.objects.exists()


def test_a_negative_budget_is_refused(client_for, senco, school):
    response = client_for(senco).post(
        url("provision_funding_budget", school), {"notional_budget": "-1", "version": "0"}
    )
    assert response.status_code == 200
    assert "Notional SEN budget must be £0 or more" in response.content.decode()
    assert not Funding.objects.exists()


def test_a_pupil_of_another_school_cannot_be_chosen(client_for, senco, school, other_pupil):
    response = client_for(senco).post(
        url("provision_top_up_add", school), {"pupil": other_pupil.pk, "amount": "100"}
    )
    assert response.status_code == 200
    assert "Choose a pupil from the list" in response.content.decode()
    assert not TopUp.objects.exists()


def test_a_second_top_up_for_the_same_year_says_to_change_the_first(
    client_for, senco, school, top_up, pupil
):
    response = client_for(senco).post(
        url("provision_top_up_add", school), {"pupil": pupil.pk, "amount": "100"}
    )
    assert response.status_code == 200
    assert "already has top-up funding recorded for 2024/25" in response.content.decode()
    assert TopUp.objects.get().amount == Decimal(4000)


def test_a_stale_budget_save_is_refused_and_shows_theirs(client_for, senco, leader, school):
    client = client_for(senco)
    assert (
        client.post(
            url("provision_funding_budget", school), {"notional_budget": "1000", "version": "0"}
        ).status_code
        == 302
    )
    # A second save from a form opened before the first was saved.
    response = client.post(
        url("provision_funding_budget", school), {"notional_budget": "2000", "version": "0"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Someone else changed this since you opened it" in html
    assert Funding.objects.get().notional_budget == Decimal(1000)
    assert 'name="version" value="1"' in html
    # Saving again from the version shown works.
    assert (
        client.post(
            url("provision_funding_budget", school), {"notional_budget": "2000", "version": "1"}
        ).status_code
        == 302
    )
    assert Funding.objects.get().notional_budget == Decimal(2000)


def test_a_stale_top_up_save_is_refused(client_for, senco, school, top_up):
    client = client_for(senco)
    opened = top_up_version(top_up)
    TopUp.objects.filter(pk=top_up.pk).update(amount=Decimal(5000))
    response = client.post(
        url("provision_top_up_edit", school, top_up), {"amount": "4500", "version": opened}
    )
    assert response.status_code == 200
    assert "Someone else changed this since you opened it" in response.content.decode()
    top_up.refresh_from_db()
    assert top_up.amount == Decimal(5000)


def test_the_senco_removes_a_top_up(client_for, senco, school, top_up, pupil):
    response = client_for(senco).post(
        url("provision_top_up_edit", school, top_up),
        {"remove": "1", "version": top_up_version(top_up)},
    )
    assert response.status_code == 302
    assert not TopUp.objects.exists()
    assert AuditEvent.objects.filter(action="provision.top_up.remove", pupil=pupil).exists()


def test_another_schools_top_up_is_not_found(client_for, senco, school, other_pupil):
    theirs = TopUp.objects.create(pupil=other_pupil, academic_year=YEAR, amount=1)
    response = client_for(senco).get(url("provision_top_up_edit", school, theirs))
    assert response.status_code == 404


def test_a_year_far_away_is_not_found(client_for, senco, school):
    response = client_for(senco).get(reverse("provision_funding_budget", args=[school.urn, 1900]))
    assert response.status_code == 404


def test_the_funding_pages_queries_do_not_grow_with_top_ups(client_for, senco, school):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(senco)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url("provision_funding", school)).status_code == 200
        return len(ctx.captured_queries)

    TopUp.objects.create(pupil=f.SenPupilFactory(school=school), academic_year=YEAR, amount=1)
    few = count()
    for _ in range(5):
        TopUp.objects.create(pupil=f.SenPupilFactory(school=school), academic_year=YEAR, amount=1)
    assert count() == few
