"""The census check page: who may run it, what it lists, each line's fix, the check kept,
the audit rows, and a query count that does not grow with the pupils."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from senco import factories as f
from senco.audit.actor import Actor
from senco.audit.models import AuditEvent
from senco.ehcp.models import EHCPlan
from senco.lib.codes import Provision
from senco.plans.services import cycle_start
from senco.register.services import register_change_record
from senco.testing import ROLES, answers, assert_valid_html, role_table
from senco.year.audit import YearAction
from senco.year.census import next_census_day
from senco.year.models import CensusCheck

CHECKERS = role_table("year_census", answers(403, senco=200, leader=200, parent=404, outsider=404))
TODAY = timezone.localdate
K, E, N = Provision.SEN_SUPPORT, Provision.EHC_PLAN, Provision.NONE


def _url(school):
    return reverse("year_census", args=[school.urn])


def _lines(response, key):
    groups = {g["problem"].key: g["rows"] for g in response.context["groups"]}
    return {row["line"].pupil_id: row for row in groups.get(key, [])}


@pytest.fixture
def planned(pupil, senco):
    """The cast's pupil (at K, SLCN) with a plan started today: nothing wrong with them."""
    cycle_start(actor=Actor(senco), pupil=pupil, today=TODAY())
    return pupil


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_the_right_answer(role, cast, client_for, school, planned):
    response = client_for(cast[role]).get(_url(school))
    assert response.status_code == CHECKERS[role]
    assert_valid_html(response)
    if response.status_code == 200:
        assert CensusCheck.objects.filter(school=school, run_by=cast[role]).count() == 1
    else:
        assert not CensusCheck.objects.filter(run_by=cast[role]).exists()


def test_nothing_wrong_says_so_and_keeps_the_check(client_for, senco, school, planned):
    response = client_for(senco).get(_url(school))
    assert response.status_code == 200
    assert b"Nothing for the census to get wrong" in response.content
    census = next_census_day(TODAY())
    check = CensusCheck.objects.get(school=school)
    assert (check.census_day, check.problems, check.run_by) == (census.date, 0, senco)
    html = response.content.decode()
    assert census.rule in html and "School census 2025 to 2026: guide" in html
    assert response.context["days_to_go"] == (census.date - TODAY()).days
    assert census.date.strftime("%A %-d %B %Y") in html
    # Nobody listed: one audit row for the school.
    rows = AuditEvent.objects.filter(action=YearAction.CENSUS_CHECK)
    assert rows.count() == 1 and rows.get().pupil_id is None
    assert rows.get().detail["check_id"] == check.pk


def _problem_pupils(school, senco):
    """One pupil for each problem the register can have."""
    no_primary = f.SenPupilFactory(school=school, legal_surname="Noprimary", primary_need="")
    same = f.SenPupilFactory(
        school=school, legal_surname="Same", primary_need="MLD", secondary_need="MLD"
    )
    bad = f.SenPupilFactory(school=school, legal_surname="Oldcode", primary_need="BESD")
    nsa_at_e = f.SenPupilFactory(
        school=school, legal_surname="Nsa", sen_provision=E, primary_need="NSA"
    )
    EHCPlan.objects.create(pupil=nsa_at_e, la_code="886", issued_on="2025-01-06")
    legacy = f.PupilFactory(school=school, legal_surname="Legacy", sen_provision="A")
    off = f.PupilFactory(school=school, legal_surname="Offregister", primary_need="ASD")
    no_plan = f.SenPupilFactory(
        school=school, legal_surname="Noehcp", sen_provision=E, primary_need="ASD"
    )
    lapsed = f.SenPupilFactory(school=school, legal_surname="Lapsed", primary_need="SPLD")
    long_ago = TODAY() - datetime.timedelta(days=400)
    cycle_start(actor=Actor(senco), pupil=lapsed, today=long_ago)
    not_told = f.PupilFactory(school=school, legal_surname="Nottold")
    register_change_record(
        actor=Actor(senco),
        pupil=not_told,
        to_provision=K,
        to_primary_need="SEMH",
        to_secondary_need="",
        reason="Concerns from the class teacher",
        effective_date=TODAY(),
    )
    cycle_start(actor=Actor(senco), pupil=not_told, today=TODAY())
    for p in (no_primary, same, bad):
        cycle_start(actor=Actor(senco), pupil=p, today=TODAY())
    return {
        "no_primary": no_primary,
        "same_needs": same,
        "bad_need": bad,
        "nsa": nsa_at_e,
        "old_provision": legacy,
        "need_off_register": off,
        "no_ehc_plan": no_plan,
        "no_recent_plan": lapsed,
        "parents_not_told": not_told,
    }


def test_each_problem_is_listed_with_its_fix(client_for, senco, school, planned):
    made = _problem_pupils(school, senco)
    response = client_for(senco).get(_url(school))
    assert response.status_code == 200
    assert_valid_html(response)
    found = {
        g["problem"].key: set(_lines(response, g["problem"].key))
        for g in response.context["groups"]
    }
    assert found == {
        "no_primary": {made["no_primary"].pk},
        "same_needs": {made["same_needs"].pk},
        "bad_need": {made["bad_need"].pk, made["nsa"].pk},
        "old_provision": {made["old_provision"].pk},
        "need_off_register": {made["need_off_register"].pk},
        "no_ehc_plan": {made["no_ehc_plan"].pk},
        "no_recent_plan": {made["no_recent_plan"].pk},
        "parents_not_told": {made["parents_not_told"].pk},
    }
    fix = {key: _lines(response, key) for key in found}
    change = reverse("register_change", args=[made["no_primary"].pk])
    assert fix["no_primary"][made["no_primary"].pk]["fix_url"] == change
    assert fix["no_ehc_plan"][made["no_ehc_plan"].pk]["fix_url"] == reverse(
        "ehcp_plan_edit", args=[made["no_ehc_plan"].pk]
    )
    assert fix["no_recent_plan"][made["no_recent_plan"].pk]["fix_url"] == reverse(
        "plans_cycles", args=[made["no_recent_plan"].pk]
    )
    assert fix["parents_not_told"][made["parents_not_told"].pk]["fix_url"] == (
        reverse("pupil_detail", args=[made["parents_not_told"].pk]) + "#register-history"
    )
    html = response.content.decode()
    assert f'href="{change}"' in html
    assert "BESD" in html and "NSA is only for pupils at SEN support" in html
    assert "School Action (before 2014)" in html
    assert "The parents have not been told" in html
    # Grouped with counts: the NSA and the old code are two lines of one problem.
    assert response.context["problems"].counts()["bad_need"] == 2
    check = CensusCheck.objects.get(school=school)
    assert check.problems == 9
    # One audit row for each pupil listed, none for the pupil with nothing wrong.
    rows = AuditEvent.objects.filter(action=YearAction.CENSUS_CHECK)
    assert {r.pupil_id for r in rows} == {p.pk for p in made.values()}
    assert rows.count() == len(made)
    assert all(r.detail["check_id"] == check.pk for r in rows)
    assert "Noprimary" not in str([r.detail for r in rows])


def test_a_fixed_line_is_gone_next_time(client_for, senco, school, planned):
    made = _problem_pupils(school, senco)
    client = client_for(senco)
    assert made["no_primary"].pk in _lines(client.get(_url(school)), "no_primary")
    register_change_record(
        actor=Actor(senco),
        pupil=made["no_primary"],
        to_provision=K,
        to_primary_need="SLCN",
        to_secondary_need="",
        reason="Primary need missing from the MIS",
        effective_date=TODAY(),
        parents_told=True,
        parents_told_on=TODAY(),
    )
    again = client.get(_url(school))
    assert made["no_primary"].pk not in _lines(again, "no_primary")
    assert CensusCheck.objects.filter(school=school).count() == 2


def test_a_leader_sees_the_lines_but_no_fix_links(client_for, senco, leader, school, planned):
    made = _problem_pupils(school, senco)
    response = client_for(leader).get(_url(school))
    line = _lines(response, "no_primary")[made["no_primary"].pk]
    assert line["fix_url"] == ""
    assert b"For the SENCO to fix" in response.content
    assert reverse("register_change", args=[made["no_primary"].pk]).encode() not in response.content
    # The plans page is theirs to read, but starting a cycle is not: no fix there either.
    assert _lines(response, "no_recent_plan")[made["no_recent_plan"].pk]["fix_url"] == ""


def test_another_school_s_pupils_are_never_listed(client_for, senco, school, planned, other_school):
    f.SenPupilFactory(school=other_school, legal_surname="Elsewhere", primary_need="")
    response = client_for(senco).get(_url(school))
    assert b"Elsewhere" not in response.content
    assert b"Nothing for the census to get wrong" in response.content


def _queries(client, school) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(_url(school)).status_code == 200
    return len(captured)


def test_the_query_count_does_not_grow_with_pupils(client_for, senco, school, planned):
    client = client_for(senco)
    _problem_pupils(school, senco)
    few = _queries(client, school)
    for _ in range(3):
        _problem_pupils(school, senco)
    assert _queries(client, school) == few
    assert few <= 16


@pytest.mark.parametrize(
    ("today", "says"), [(21, ": today"), (20, ": tomorrow"), (7, ", in 14 days")]
)
def test_the_days_to_go(client_for, senco, school, planned, monkeypatch, today, says):
    monkeypatch.setattr(timezone, "localdate", lambda *a: datetime.date(2027, 1, today))
    response = client_for(senco).get(_url(school))
    assert f"Thursday 21 January 2027</strong>{says}" in response.content.decode()
