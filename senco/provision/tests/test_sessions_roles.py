"""Each role's answer on the session pages: whoever delivers a group records its sessions
(the SENCO any group's); anyone else's group is the same 404 as one not there; a leader
reads the sessions and may not record them."""

import datetime

import pytest
from django.urls import reverse

from senco.audit.models import AuditEvent
from senco.provision.models import Session
from senco.provision.tests.session_fixtures import *  # noqa: F403
from senco.provision.tests.session_fixtures import record, session_data
from senco.testing import ROLES, SCHOOL_STAFF_PAGE, answers, assert_valid_html, role_tables

# The TA delivers the group; the teacher and the other teacher do not.
READ_GROUP = answers(404, senco=200, leader=200, ta=200)
RECORD_GROUP = answers(404, senco=200, ta=200, leader=403)
RECORD_GROUP_ACTION = answers(404, senco=302, ta=302, leader=403)
DELIVERERS = answers(
    403, senco=200, teacher=200, other_teacher=200, ta=200, parent=404, outsider=404
)

GETS = role_tables(
    {
        "provision_my_groups": DELIVERERS,
        "provision_withdrawals": SCHOOL_STAFF_PAGE,
        "provision_sessions": READ_GROUP,
        "provision_session_add": RECORD_GROUP,
        "provision_session_edit": RECORD_GROUP,
    }
)
POSTS = role_tables(
    {"provision_session_add": RECORD_GROUP_ACTION, "provision_session_edit": RECORD_GROUP_ACTION},
    method="POST",
)


@pytest.fixture
def old_session(ta_group, today):
    return record(ta_group, today - datetime.timedelta(days=2))


def _url(name, school, group, session):
    if name in ("provision_my_groups", "provision_withdrawals"):
        return reverse(name, args=[school.urn])
    if name == "provision_session_edit":
        return reverse(name, args=[group.pk, session.pk])
    return reverse(name, args=[group.pk])


@pytest.mark.parametrize("name", sorted(GETS))
@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_the_right_answer(
    name, role, cast, client_for, school, ta_group, old_session, pupil
):
    response = client_for(cast[role]).get(_url(name, school, ta_group, old_session))
    assert response.status_code == GETS[name][role]
    assert_valid_html(response)
    if response.status_code != 200:
        assert pupil.legal_surname.encode() not in response.content
        assert ta_group.name.encode() not in response.content


@pytest.mark.parametrize("role", ROLES)
def test_who_may_record_a_session(role, cast, client_for, ta_group, pupil, today):
    member = ta_group.members.get(pupil=pupil)
    response = client_for(cast[role]).post(
        reverse("provision_session_add", args=[ta_group.pk]),
        session_data(today, attended=[member.pk]),
    )
    assert response.status_code == POSTS["provision_session_add"][role]
    assert Session.objects.filter(group=ta_group).exists() == (response.status_code == 302)


@pytest.mark.parametrize("role", ROLES)
def test_who_may_change_a_session(role, cast, client_for, ta_group, old_session):
    response = client_for(cast[role]).post(
        reverse("provision_session_edit", args=[ta_group.pk, old_session.pk]),
        session_data(old_session.date, held="no", reason="trip", version=old_session.version),
    )
    assert response.status_code == POSTS["provision_session_edit"][role]
    old_session.refresh_from_db()
    assert (not old_session.held) == (response.status_code == 302)


def test_a_group_that_does_not_exist_is_404_for_the_senco(client_for, senco):
    for name in ("provision_sessions", "provision_session_add"):
        assert client_for(senco).get(reverse(name, args=[999999])).status_code == 404


def test_a_session_of_another_group_is_404(client_for, ta, ta_group, teacher_group, today):
    other = record(teacher_group, today)
    url = reverse("provision_session_edit", args=[ta_group.pk, other.pk])
    assert client_for(ta).get(url).status_code == 404


def test_the_teacher_records_their_own_group_but_not_the_tas(
    client_for, teacher, ta_group, teacher_group
):
    client = client_for(teacher)
    assert client.get(reverse("provision_session_add", args=[teacher_group.pk])).status_code == 200
    assert client.get(reverse("provision_session_add", args=[ta_group.pk])).status_code == 404


def test_reading_the_sessions_is_audited_for_each_member(client_for, leader, ta_group):
    client_for(leader).get(reverse("provision_sessions", args=[ta_group.pk]))
    seen = set(
        AuditEvent.objects.filter(action="provision.sessions.view").values_list(
            "pupil_id", flat=True
        )
    )
    assert seen == set(ta_group.members.values_list("pupil_id", flat=True))
