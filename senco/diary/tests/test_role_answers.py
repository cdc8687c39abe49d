"""Each role's answer on every page of the calendar."""

import pytest
from django.test import Client
from django.urls import reverse

from senco.diary.models import CalendarFeed
from senco.diary.tests.conftest import make_feed
from senco.testing import ROLES, SCHOOL_STAFF_PAGE, answers, assert_valid_html, role_tables

STAFF_ACTION = answers(
    403, senco=302, leader=302, teacher=302, other_teacher=302, ta=302, parent=404, outsider=404
)
# The feed: fetched without signing in, with the address of a person of each role at the
# school. Those whose role does not see the calendar get the same 404 as a wrong address.
FEED = answers(404, senco=200, leader=200, teacher=200, other_teacher=200, ta=200)

GETS = role_tables(
    {
        "diary_calendar": SCHOOL_STAFF_PAGE,
        "diary_feed_settings": SCHOOL_STAFF_PAGE,
        # Nothing to show once the address has been seen: back to the settings.
        "diary_feed_address": STAFF_ACTION,
        "diary_feed": FEED,
    }
)
POSTS = role_tables(
    {"diary_feed_settings": STAFF_ACTION, "diary_feed_revoke": STAFF_ACTION}, method="POST"
)


@pytest.mark.parametrize("name", ["diary_calendar", "diary_feed_settings", "diary_feed_address"])
@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_the_right_answer(name, role, cast, client_for, school, ehc_pupil, plan):
    response = client_for(cast[role]).get(reverse(name, args=[school.urn]))
    assert response.status_code == GETS[name][role]
    if response.status_code != 302:
        assert_valid_html(response)
    if response.status_code != 200:
        assert ehc_pupil.legal_surname.encode() not in response.content


@pytest.mark.parametrize("role", ROLES)
def test_each_roles_feed(role, cast, school, ehc_pupil, plan):
    token = make_feed(cast[role], school)
    response = Client().get(reverse("diary_feed", args=[token]))
    assert response.status_code == FEED[role]
    if response.status_code == 200:
        assert response["Content-Type"] == "text/calendar; charset=utf-8"


@pytest.mark.parametrize("role", ROLES)
def test_who_may_make_an_address(role, cast, client_for, school):
    client = client_for(cast[role])
    response = client.post(reverse("diary_feed_settings", args=[school.urn]), {"names": "initials"})
    assert response.status_code == POSTS["diary_feed_settings"][role]
    made = CalendarFeed.objects.filter(user=cast[role], school=school).exists()
    assert made == (response.status_code == 302)


@pytest.mark.parametrize("role", ROLES)
def test_who_may_stop_an_address(role, cast, client_for, school):
    make_feed(cast[role], school)
    response = client_for(cast[role]).post(reverse("diary_feed_revoke", args=[school.urn]))
    assert response.status_code == POSTS["diary_feed_revoke"][role]
    live = CalendarFeed.objects.filter(
        user=cast[role], school=school, revoked_at__isnull=True
    ).exists()
    assert live == (response.status_code != 302)
