"""Each role's answer on every page of meetings with families."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from senco.audit.models import AuditEvent
from senco.families.models import CountingKinds, FollowUp, Kind, Meeting
from senco.lib.forms import date_data
from senco.testing import (
    NOTE_WRITERS_ACTION,
    PUPIL_READERS,
    ROLES,
    SENCO_ONLY_SCHOOL_ACTION,
    SENCO_ONLY_SCHOOL_PAGE,
    answers,
    assert_valid_html,
    role_tables,
)

RECORDERS_PAGE = answers(404, senco=200, teacher=200, ta=200, leader=403)
FOLLOWERS_PAGE = answers(403, senco=200, leader=200, parent=404, outsider=404)

GETS = role_tables(
    {
        "families_meetings": PUPIL_READERS,
        "families_meeting": PUPIL_READERS,
        "families_meeting_add": RECORDERS_PAGE,
        "families_meeting_edit": RECORDERS_PAGE,
        "families_follow_up_add": RECORDERS_PAGE,
        "families_three_a_year": FOLLOWERS_PAGE,
        "families_counting_kinds": SENCO_ONLY_SCHOOL_PAGE,
    }
)
POSTS = role_tables(
    {
        "families_meeting_add": NOTE_WRITERS_ACTION,
        "families_meeting_edit": NOTE_WRITERS_ACTION,
        "families_follow_up_add": NOTE_WRITERS_ACTION,
        "families_follow_up_done": NOTE_WRITERS_ACTION,
        "families_counting_kinds": SENCO_ONLY_SCHOOL_ACTION,
    },
    method="POST",
)


def _args(name, school, pupil, meeting, follow_up):
    if name in ("families_three_a_year", "families_counting_kinds"):
        return [school.urn]
    if name == "families_follow_up_done":
        return [pupil.pk, meeting.pk, follow_up.pk]
    if name in ("families_meeting", "families_meeting_edit", "families_follow_up_add"):
        return [pupil.pk, meeting.pk]
    return [pupil.pk]


def _meeting_data(**extra):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    return {"kind": Kind.PHONE, **date_data("held_on", yesterday), "others": "", **extra}


@pytest.mark.parametrize("name", sorted(GETS))
@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_the_right_answer(
    name, role, cast, client_for, school, pupil, meeting, follow_up
):
    url = reverse(name, args=_args(name, school, pupil, meeting, follow_up))
    response = client_for(cast[role]).get(url)
    assert response.status_code == GETS[name][role]
    assert_valid_html(response)
    if response.status_code != 200:
        assert pupil.legal_surname.encode() not in response.content
    elif name != "families_counting_kinds":
        assert AuditEvent.objects.filter(
            pupil=pupil, action__startswith="families.", user=cast[role]
        ).exists()


@pytest.mark.parametrize("role", ROLES)
def test_who_may_record_a_meeting(role, cast, client_for, pupil):
    response = client_for(cast[role]).post(
        reverse("families_meeting_add", args=[pupil.pk]), _meeting_data()
    )
    assert response.status_code == POSTS["families_meeting_add"][role]
    assert Meeting.objects.filter(pupil=pupil).exists() == (response.status_code == 302)


@pytest.mark.parametrize("role", ROLES)
def test_who_may_change_a_meeting(role, cast, client_for, pupil, meeting):
    url = reverse("families_meeting_edit", args=[pupil.pk, meeting.pk])
    data = _meeting_data(agreed=f"Changed by {role}", version=str(meeting.version))
    response = client_for(cast[role]).post(url, data)
    assert response.status_code == POSTS["families_meeting_edit"][role]
    meeting.refresh_from_db()
    assert (meeting.agreed == f"Changed by {role}") == (response.status_code == 302)


@pytest.mark.parametrize("role", ROLES)
def test_who_may_add_a_follow_up(role, cast, client_for, pupil, meeting, senco):
    url = reverse("families_follow_up_add", args=[pupil.pk, meeting.pk])
    data = {"what": "Phone home", "owner": senco.pk, **date_data("due_on", timezone.localdate())}
    response = client_for(cast[role]).post(url, data)
    assert response.status_code == POSTS["families_follow_up_add"][role]
    assert meeting.actions.exists() == (response.status_code == 302)


@pytest.mark.parametrize("role", ROLES)
def test_who_may_mark_a_follow_up_done(role, cast, client_for, pupil, meeting, follow_up):
    url = reverse("families_follow_up_done", args=[pupil.pk, meeting.pk, follow_up.pk])
    response = client_for(cast[role]).post(url)
    assert response.status_code == POSTS["families_follow_up_done"][role]
    follow_up.refresh_from_db()
    assert (follow_up.done_on is not None) == (response.status_code == 302)


@pytest.mark.parametrize("role", ROLES)
def test_who_may_say_which_meetings_count(role, cast, client_for, school):
    url = reverse("families_counting_kinds", args=[school.urn])
    response = client_for(cast[role]).post(url, {"kinds": [Kind.EMAIL], "version": "1"})
    assert response.status_code == POSTS["families_counting_kinds"][role]
    saved = CountingKinds.objects.filter(school=school, kinds=[Kind.EMAIL]).exists()
    assert saved == (response.status_code == 302)


def test_a_meeting_of_another_pupil_is_not_found(client_for, senco, pupil, meeting, school):
    from senco import factories as f

    someone = f.SenPupilFactory(school=school)
    for name in ("families_meeting", "families_meeting_edit", "families_follow_up_add"):
        response = client_for(senco).get(reverse(name, args=[someone.pk, meeting.pk]))
        assert response.status_code == 404
    assert FollowUp.objects.count() == 0
