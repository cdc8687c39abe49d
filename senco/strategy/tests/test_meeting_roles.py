"""Each role's answer on every page of line management meetings, and a governor's view:
only link governor meetings, the others the same 404 as a meeting that does not exist."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from senco.audit.models import AuditEvent
from senco.lib.forms import date_data
from senco.strategy.models import Meeting, MeetingAction
from senco.strategy.tests.meeting_fixtures import gov_meeting, lm_meeting  # noqa: F401
from senco.testing import ROLES, answers, assert_valid_html, role_tables

# The SENCO, leaders and the governor (link governor meetings); the other staff and the
# trust's SEND lead reach the school but not these pages; strangers get 404.
READERS_PAGE = answers(403, senco=200, leader=200, governor=200, parent=404, outsider=404)
READERS_ACTION = answers(403, senco=302, leader=302, governor=302, parent=404, outsider=404)

GETS = role_tables(
    {
        "strategy_meetings": READERS_PAGE,
        "strategy_meeting_new": READERS_PAGE,
        "strategy_meeting": READERS_PAGE,
        "strategy_meeting_edit": READERS_PAGE,
    }
)
POSTS = role_tables(
    {
        "strategy_meeting_new": READERS_ACTION,
        "strategy_meeting_edit": READERS_ACTION,
        "strategy_meeting_action": READERS_ACTION,
    },
    method="POST",
)


def _url(name, school, meeting):
    if name == "strategy_meetings":
        return reverse(name, args=[school.urn])
    if name == "strategy_meeting_new":
        return reverse(name, args=[school.urn]) + "?kind=link_governor"
    if name == "strategy_meeting_action":
        return reverse(name, args=[school.urn, meeting.actions.get().pk])
    return reverse(name, args=[school.urn, meeting.pk])


def _data(name, meeting):
    if name == "strategy_meeting_action":
        return {"change": "done", "note": "Done", "version": ""}
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    return {
        **date_data("held_on", yesterday),
        "who_was_there": "Mrs Governor, Mr Senco",
        "rows": "1",
        "q-gov.percent.trends": "Rising a little.",
        "version": "",
    }


@pytest.mark.parametrize("name", sorted(GETS))
@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_the_right_answer(name, role, cast, client_for, school, gov_meeting):  # noqa: F811
    response = client_for(cast[role]).get(_url(name, school, gov_meeting))
    assert response.status_code == GETS[name][role]
    assert_valid_html(response)
    if response.status_code == 200:
        assert AuditEvent.objects.filter(
            school=school, action__startswith="strategy.meeting", user=cast[role]
        ).exists()


@pytest.mark.parametrize("name", sorted(POSTS))
@pytest.mark.parametrize("role", ROLES)
def test_each_role_posts_with_the_right_answer(name, role, cast, client_for, school, gov_meeting):  # noqa: F811
    before = Meeting.objects.count()
    response = client_for(cast[role]).post(
        _url(name, school, gov_meeting), _data(name, gov_meeting)
    )
    assert response.status_code == POSTS[name][role], response.content[:3000]
    changed = response.status_code == 302
    if name == "strategy_meeting_new":
        assert Meeting.objects.count() == before + changed
    if name == "strategy_meeting_action":
        assert (MeetingAction.objects.get().done_at is not None) == changed


def test_the_action_form_answers_get_with_405(client_for, senco, school, gov_meeting):  # noqa: F811
    url = _url("strategy_meeting_action", school, gov_meeting)
    assert client_for(senco).get(url).status_code == 405


def test_a_governor_sees_only_link_governor_meetings(
    client_for,
    governor,
    school,
    lm_meeting,  # noqa: F811
    gov_meeting,  # noqa: F811
):
    client = client_for(governor)
    page = client.get(reverse("strategy_meetings", args=[school.urn]))
    content = page.content.decode()
    assert "Report to the board" in content
    assert "Review the provision map" not in content  # another kind's open action
    assert reverse("strategy_meeting", args=[school.urn, lm_meeting.pk]) not in content
    assert "?kind=line_manager" not in content and "?kind=principal" not in content
    # Another kind's meeting, its change form, its actions and its new form: all 404.
    for url in (
        reverse("strategy_meeting", args=[school.urn, lm_meeting.pk]),
        reverse("strategy_meeting_edit", args=[school.urn, lm_meeting.pk]),
        reverse("strategy_meeting_new", args=[school.urn]) + "?kind=line_manager",
        reverse("strategy_meeting_new", args=[school.urn]) + "?kind=principal",
    ):
        assert client.get(url).status_code == 404, url
    action = lm_meeting.actions.filter(done_at__isnull=True).first()
    url = reverse("strategy_meeting_action", args=[school.urn, action.pk])
    assert client.post(url, {"change": "done"}).status_code == 404
    action.refresh_from_db()
    assert action.done_at is None


@pytest.mark.parametrize("kind", ["", "nonsense", "LINE_MANAGER"])
def test_an_unknown_kind_is_404(client_for, senco, school, kind):
    url = reverse("strategy_meeting_new", args=[school.urn])
    assert client_for(senco).get(url, {"kind": kind}).status_code == 404


def test_another_schools_meeting_is_404(client_for, outsider, senco, school, lm_meeting):  # noqa: F811
    # The other school's SENCO gets 404 for this school's pages; with their own school's
    # URN, this school's meeting id is not found either.
    other = outsider.memberships.get().school
    for url in (
        reverse("strategy_meeting", args=[other.urn, lm_meeting.pk]),
        reverse("strategy_meeting_edit", args=[other.urn, lm_meeting.pk]),
    ):
        assert client_for(outsider).get(url).status_code == 404
    action = lm_meeting.actions.first()
    url = reverse("strategy_meeting_action", args=[other.urn, action.pk])
    assert client_for(outsider).post(url, {"change": "reopen"}).status_code == 404


def test_the_home_page_links_to_the_meetings_for_those_who_may_open_them(client_for, cast, school):
    url = reverse("strategy_meetings", args=[school.urn])
    for role in ("senco", "leader", "governor", "teacher", "ta", "office"):
        content = client_for(cast[role]).get(reverse("home")).content.decode()
        assert (f'href="{url}"' in content) == (role in ("senco", "leader", "governor")), role
