"""Each role's answer on every page of the intervention offer, scores, groups and members."""

import pytest
from django.urls import reverse
from django.utils import timezone

from senco.audit.models import AuditEvent
from senco.lib.forms import date_data
from senco.provision.models import GroupMember, Intervention, InterventionGroup, Score
from senco.provision.tests.offer_fixtures import *  # noqa: F403
from senco.provision.tests.offer_fixtures import group_data, offer_data
from senco.testing import (
    ROLES,
    SENCO_ONLY_SCHOOL_ACTION,
    SENCO_ONLY_SCHOOL_PAGE,
    answers,
    assert_valid_html,
    role_tables,
)

PROVISION_READERS = answers(403, senco=200, leader=200, parent=404, outsider=404)

GETS = role_tables(
    {
        "provision_offer": PROVISION_READERS,
        "provision_offer_detail": PROVISION_READERS,
        "provision_scores": PROVISION_READERS,
        "provision_groups": PROVISION_READERS,
        "provision_group_detail": PROVISION_READERS,
        "provision_group_parents": PROVISION_READERS,
        "provision_offer_add": SENCO_ONLY_SCHOOL_PAGE,
        "provision_offer_edit": SENCO_ONLY_SCHOOL_PAGE,
        "provision_offer_stop": SENCO_ONLY_SCHOOL_PAGE,
        "provision_score_add": SENCO_ONLY_SCHOOL_PAGE,
        "provision_scores_year": SENCO_ONLY_SCHOOL_PAGE,
        "provision_group_add": SENCO_ONLY_SCHOOL_PAGE,
        "provision_group_edit": SENCO_ONLY_SCHOOL_PAGE,
        "provision_group_member_add": SENCO_ONLY_SCHOOL_PAGE,
        "provision_group_member_edit": SENCO_ONLY_SCHOOL_PAGE,
        "provision_group_parents_told": SENCO_ONLY_SCHOOL_PAGE,
    }
)
POSTS = role_tables(
    {
        "provision_offer_add": SENCO_ONLY_SCHOOL_ACTION,
        "provision_offer_edit": SENCO_ONLY_SCHOOL_ACTION,
        "provision_offer_stop": SENCO_ONLY_SCHOOL_ACTION,
        "provision_score_add": SENCO_ONLY_SCHOOL_ACTION,
        "provision_scores_year": SENCO_ONLY_SCHOOL_ACTION,
        "provision_group_add": SENCO_ONLY_SCHOOL_ACTION,
        "provision_group_edit": SENCO_ONLY_SCHOOL_ACTION,
        "provision_group_member_add": SENCO_ONLY_SCHOOL_ACTION,
        "provision_group_member_quick_add": SENCO_ONLY_SCHOOL_ACTION,
        "provision_group_member_edit": SENCO_ONLY_SCHOOL_ACTION,
        "provision_group_parents_told": SENCO_ONLY_SCHOOL_ACTION,
    },
    method="POST",
)


def _args(name, school, intervention, group, member):
    if name.startswith("provision_offer_") and name != "provision_offer_add":
        return [school.urn, intervention.pk]
    if name in ("provision_group_member_edit", "provision_group_parents_told"):
        return [school.urn, group.pk, member.pk]
    if name.startswith("provision_group_") and name not in (
        "provision_group_add",
        "provision_group_parents",
    ):
        return [school.urn, group.pk]
    return [school.urn]


@pytest.mark.parametrize("name", sorted(GETS))
@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_the_right_answer(
    name, role, cast, client_for, school, intervention, group, member, pupil
):
    url = reverse(name, args=_args(name, school, intervention, group, member))
    response = client_for(cast[role]).get(url)
    assert response.status_code == GETS[name][role]
    assert_valid_html(response)
    if response.status_code != 200:
        assert pupil.legal_surname.encode() not in response.content


def _post_data(name, senco, intervention, group, member, pupil, other):
    today = timezone.localdate()
    return {
        "provision_offer_add": offer_data(name="Another"),
        "provision_offer_edit": offer_data(name="Changed", version="1"),
        "provision_offer_stop": {"version": "1"},
        "provision_score_add": {
            "pupil": pupil.pk,
            "measure": "reading_age",
            "value": "100",
            **date_data("taken_on", today),
        },
        "provision_scores_year": {
            "measure": "reading_age",
            f"score_{pupil.pk}": "100",
            **date_data("taken_on", today),
        },
        "provision_group_add": group_data(intervention, senco, name="New group"),
        "provision_group_edit": group_data(intervention, senco, name="Changed", version="1"),
        "provision_group_member_add": {
            "pupil": other.pk,
            **date_data("joined_on", today),
        },
        "provision_group_member_quick_add": {"pupil": other.pk},
        "provision_group_member_edit": {
            "version": "1",
            **date_data("joined_on", member.joined_on),
            **date_data("left_on", today),
        },
        "provision_group_parents_told": {"version": "1", **date_data("told_on", today)},
    }[name]


def _changed(name, intervention, group, member, pupil, other) -> bool:
    member.refresh_from_db()
    return {
        "provision_offer_add": Intervention.objects.filter(name="Another").exists(),
        "provision_offer_edit": Intervention.objects.filter(name="Changed").exists(),
        "provision_offer_stop": not Intervention.objects.get(pk=intervention.pk).active,
        "provision_score_add": Score.objects.filter(pupil=pupil).exists(),
        "provision_scores_year": Score.objects.filter(pupil=pupil).exists(),
        "provision_group_add": InterventionGroup.objects.filter(name="New group").exists(),
        "provision_group_edit": InterventionGroup.objects.filter(name="Changed").exists(),
        "provision_group_member_add": GroupMember.objects.filter(pupil=other).exists(),
        "provision_group_member_quick_add": GroupMember.objects.filter(pupil=other).exists(),
        "provision_group_member_edit": member.left_on is not None,
        "provision_group_parents_told": member.parents_told_joining is not None,
    }[name]


@pytest.mark.parametrize("name", sorted(POSTS))
@pytest.mark.parametrize("role", ROLES)
def test_only_the_senco_changes_anything(
    name, role, cast, client_for, school, intervention, group, member, pupil
):
    from senco import factories as f

    other = f.SenPupilFactory(school=school, legal_surname="Other")
    url = reverse(name, args=_args(name, school, intervention, group, member))
    if name == "provision_scores_year":
        url += "?year_group=7"
    data = _post_data(name, cast["senco"], intervention, group, member, pupil, other)
    response = client_for(cast[role]).post(url, data)
    assert response.status_code == POSTS[name][role]
    assert _changed(name, intervention, group, member, pupil, other) == (
        response.status_code == 302
    )
    if response.status_code == 302:
        assert AuditEvent.objects.filter(action__startswith="provision.").exists()


def test_another_schools_records_are_not_found(client_for, outsider, other_school, group):
    client = client_for(outsider)
    for name, args in (
        ("provision_offer_detail", [other_school.urn, group.intervention_id]),
        ("provision_group_detail", [other_school.urn, group.pk]),
        ("provision_group_edit", [other_school.urn, group.pk]),
    ):
        assert client.get(reverse(name, args=args)).status_code == 404
