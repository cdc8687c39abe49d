"""Each role's answer on every page of the SEND development plan (GET and POST)."""

import pytest
from django.urls import reverse

from senco.lib.forms import date_data
from senco.strategy.models import Action, ActionEvidence, Priority
from senco.strategy.tests.plan_fixtures import *  # noqa: F403
from senco.testing import (
    ROLES,
    SENCO_ONLY_SCHOOL_ACTION,
    SENCO_ONLY_SCHOOL_PAGE,
    SUMMARY_READERS,
    assert_valid_html,
    role_tables,
)

# The plan names staff, never a pupil: the SENCO, leaders, governors and the trust's SEND
# lead read it; the SENCO writes it; teachers, TAs and the office may not (403); a parent
# and another school's SENCO have no business at the school (404).
READERS = SUMMARY_READERS

GETS = role_tables(
    {
        "strategy_plan": READERS,
        "strategy_plan_pdf": READERS,
        "strategy_evidence_file": READERS,
        "strategy_priority_add": SENCO_ONLY_SCHOOL_PAGE,
        "strategy_priority_edit": SENCO_ONLY_SCHOOL_PAGE,
        "strategy_action_add": SENCO_ONLY_SCHOOL_PAGE,
        "strategy_action_edit": SENCO_ONLY_SCHOOL_PAGE,
        "strategy_action_update": SENCO_ONLY_SCHOOL_PAGE,
        "strategy_evidence_add": SENCO_ONLY_SCHOOL_PAGE,
        "strategy_evidence_remove": SENCO_ONLY_SCHOOL_PAGE,
    }
)
POSTS = role_tables(
    {
        "strategy_plan_next_year": SENCO_ONLY_SCHOOL_ACTION,
        "strategy_priority_add": SENCO_ONLY_SCHOOL_ACTION,
        "strategy_priority_edit": SENCO_ONLY_SCHOOL_ACTION,
        "strategy_action_add": SENCO_ONLY_SCHOOL_ACTION,
        "strategy_action_edit": SENCO_ONLY_SCHOOL_ACTION,
        "strategy_action_update": SENCO_ONLY_SCHOOL_ACTION,
        "strategy_evidence_add": SENCO_ONLY_SCHOOL_ACTION,
        "strategy_evidence_remove": SENCO_ONLY_SCHOOL_ACTION,
    },
    method="POST",
)


def _url(name, school, plan, evidence_file, year):
    urn = school.urn
    by_name = {
        "strategy_plan": [urn],
        "strategy_plan_pdf": [urn],
        "strategy_plan_next_year": [urn, year],
        "strategy_evidence_file": [urn, evidence_file.pk],
        "strategy_evidence_remove": [urn, plan["evidence"].pk],
        "strategy_priority_add": [urn, year],
        "strategy_priority_edit": [urn, plan["first"].pk],
        "strategy_action_add": [urn, plan["first"].pk],
        "strategy_action_edit": [urn, plan["on_track"].pk],
        "strategy_action_update": [urn, plan["on_track"].pk],
        "strategy_evidence_add": [urn, plan["on_track"].pk],
    }
    return reverse(name, args=by_name[name])


@pytest.mark.parametrize("name", sorted(GETS))
@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_the_right_answer(
    name, role, cast, client_for, school, plan, evidence_file, year
):
    response = client_for(cast[role]).get(_url(name, school, plan, evidence_file, year))
    assert response.status_code == GETS[name][role]
    if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
        assert_valid_html(response)
        assert (b"Update status" in response.content) == (role == "senco") or name != (
            "strategy_plan"
        )


def _post_data(name, plan, leader, today):
    return {
        "strategy_plan_next_year": {},
        "strategy_priority_add": {"title": "A new priority", "why": ""},
        "strategy_priority_edit": {"title": "Changed", "why": "", "version": "1"},
        "strategy_action_add": {
            "what": "A new action",
            "owner": str(leader.pk),
            "status": "not_started",
            **date_data("due", today),
        },
        "strategy_action_edit": {
            "what": "Changed action",
            "owner_name": "Someone outside",
            "status": "amber",
            "version": "1",
            **date_data("due", today),
        },
        "strategy_action_update": {"status": "green", "progress": "Going well", "version": "1"},
        "strategy_evidence_add": {
            "kind": "link",
            "label": "Attendance",
            "url": "/school/137001/register/",
        },
        "strategy_evidence_remove": {},
    }[name]


def _state():
    return (
        sorted(Priority.objects.values_list("academic_year", "title", "version")),
        sorted(Action.objects.values_list("what", "status", "progress", "version")),
        sorted(ActionEvidence.objects.values_list("label", flat=True)),
    )


@pytest.mark.parametrize("name", sorted(POSTS))
@pytest.mark.parametrize("role", ROLES)
def test_each_role_may_post_only_as_the_table_says(
    name, role, cast, client_for, school, plan, evidence_file, year, leader, today
):
    before = _state()
    response = client_for(cast[role]).post(
        _url(name, school, plan, evidence_file, year), _post_data(name, plan, leader, today)
    )
    assert response.status_code == POSTS[name][role]
    assert (_state() != before) == (response.status_code == 302)
