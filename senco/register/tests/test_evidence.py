"""The register's evidence ("register", "needs", "parents_told"), and every app's evidence
together: the keys offered, and queries that do not grow with the pupils."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from senco import factories as f
from senco import registry
from senco.audit.actor import Actor
from senco.ehcp import services as ehcp_services
from senco.ehcp.tests.conftest import plan_fields
from senco.lib.codes import Provision
from senco.register import evidence, national

TODAY = datetime.date(2026, 1, 20)
# Offered by other parts of issue 15 (the census checks, the development plan).
ELSEWHERE = {"census", "development_plan"}


def _school_of(school, *, none=20, support=6, ehc=2, not_told=0):
    for _ in range(none):
        f.PupilFactory(school=school)
    for i in range(support):
        f.SenPupilFactory(school=school, primary_need="SPLD" if i % 2 else "ASD")
    for _ in range(ehc):
        f.SenPupilFactory(school=school, sen_provision=Provision.EHC_PLAN, primary_need="SEMH")
    for _ in range(not_told):
        f.SenPupilFactory(school=school, parents_not_told=True)


def _by_label(figures):
    return {fig.label: fig for fig in figures}


def test_register_figures_against_england(school):
    _school_of(school)
    found = _by_label(evidence.register_figures(school, TODAY, False))
    assert found["Pupils on the SEN register"].value == "8 (28.6%)"
    assert found["Pupils at SEN support"].value == "6 (21.4%)"
    support = found["Pupils at SEN support"]
    assert support.national.startswith(f"{national.SEN_SUPPORT_PERCENT:.1f}% of pupils in England")
    assert support.url == f"/school/{school.urn}/summary/"
    assert found["Pupils with an EHC plan"].value == "2 (7.1%)"


def test_register_figures_hide_small_counts_from_those_who_see_no_names(school):
    _school_of(school)
    found = _by_label(evidence.register_figures(school, TODAY, True))
    assert found["Pupils with an EHC plan"].value == "hidden"
    # The register (8) less SEN support would give the 2 away: hidden too.
    assert found["Pupils on the SEN register"].value == "hidden"


def test_needs_by_broad_area(school):
    _school_of(school)
    found = _by_label(evidence.needs_figures(school, TODAY, False))
    communication = found[
        "Pupils on the register whose primary need is communication and interaction"
    ]
    assert communication.value == "3 of 8 (38%)"
    assert "of EHC plans in England" in communication.national
    hidden = _by_label(evidence.needs_figures(school, TODAY, True))
    assert {fig.value for fig in hidden.values()} == {"hidden", "0"}


def test_nothing_to_say_for_an_empty_school(school):
    assert evidence.register_figures(school, TODAY, False) == []
    assert evidence.needs_figures(school, TODAY, False) == []


def test_parents_not_told(school):
    _school_of(school, not_told=2)
    (figure,) = evidence.parents_told_figures(school, TODAY, False)
    assert figure.value == "2"
    assert "6.43" in figure.source
    assert figure.url.endswith("?not_told=on")
    (figure,) = evidence.parents_told_figures(school, TODAY, True)
    assert figure.value == "hidden"


def test_every_key_is_offered_but_those_of_other_parts():
    offered = {e.key for c in registry.capabilities() for e in c.evidence}
    assert set(registry.EVIDENCE_KEYS) - ELSEWHERE <= offered


def _with_plans(school, senco, n):
    _school_of(school, none=n, support=n, ehc=0)
    for _ in range(n):
        pupil = f.SenPupilFactory(school=school, sen_provision=Provision.EHC_PLAN)
        plan = ehcp_services.plan_save(actor=Actor(senco), pupil=pupil, **plan_fields())
        ehcp_services.item_add(
            actor=Actor(senco), plan=plan, what="Visual timetable", kind="classroom"
        )


@pytest.mark.parametrize("suppress", [False, True])
def test_every_key_in_a_few_queries_however_many_pupils(school, senco, suppress):
    keys = [k for k in registry.EVIDENCE_KEYS if k not in ELSEWHERE]
    today = timezone.localdate()
    _with_plans(school, senco, 2)
    with CaptureQueriesContext(connection) as few:
        registry.evidence_for(keys, school, today, suppress=suppress)
    _with_plans(school, senco, 8)
    with CaptureQueriesContext(connection) as many:
        found = registry.evidence_for(keys, school, today, suppress=suppress)
    assert len(many) <= len(few)
    assert len(many) < 60
    assert {"register", "needs", "annual_reviews", "ehcp_provision", "plans"} <= set(found)
