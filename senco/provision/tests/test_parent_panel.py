"""The interventions a child attends, on a parent's page about their own child."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from senco import factories as f
from senco.provision.models import Attendance, GroupMember, Session
from senco.provision.parent_panel import days_in_words, interventions_panel
from senco.provision.tests.session_fixtures import *  # noqa: F403
from senco.provision.tests.session_fixtures import make_group
from senco.testing import assert_valid_html
from senco.tests.parent_panels import (
    assert_valid_panel,
    link_parent,
    panel_context,
    render_panel,
)

TEMPLATE = "provision/parent/_interventions.html"
MARK = "STAFF-ONLY-a77c"
# A Wednesday in the autumn term (England's usual dates; the school has set none).
DAY = datetime.date(2026, 11, 18)


@pytest.fixture
def contacts(parent, pupil):
    return [link_parent(parent, pupil)]


@pytest.fixture
def others(school):
    return [
        f.SenPupilFactory(school=school, legal_surname="Ahmed", forename="Yusuf"),
        f.SenPupilFactory(school=school, legal_surname="Baker", forename="Chloe"),
    ]


@pytest.fixture
def group(intervention, ta, pupil, others):
    intervention.description = "Reading practice, one word at a time"
    intervention.save()
    ta.first_name, ta.last_name = "Tessa", "Aylward"
    ta.save()
    return make_group(
        intervention,
        ta,
        [pupil, *others],
        name="Year 7 readers",
        today=DAY,
        days="02",
        starts_on=datetime.date(2026, 9, 14),
    )


def _session(group, day, present, *, note=""):
    session = Session.objects.create(group=group, date=day, note=note)
    for member in group.members.all():
        Attendance.objects.create(
            session=session, member=member, present=member.pupil_id in present
        )
    return session


def test_the_panel_shows_the_groups_and_this_terms_attendance(
    group, pupil, others, contacts, django_assert_max_num_queries
):
    _session(group, DAY - datetime.timedelta(days=2), {pupil.pk}, note=f"{MARK} note")
    _session(group, DAY - datetime.timedelta(days=7), {pupil.pk, others[0].pk})
    _session(group, DAY - datetime.timedelta(days=9), {others[0].pk})
    _session(group, DAY - datetime.timedelta(days=14), {pupil.pk})
    # Last term's session does not count.
    _session(group, datetime.date(2026, 7, 1), set())
    with django_assert_max_num_queries(2):
        context = interventions_panel(pupil, contacts, DAY)
    [g] = context["groups"]
    assert (g["present"], g["held"], g["percent"]) == (3, 4, 75)
    assert context["term"] == "Autumn term 2026/27"
    html = render_panel(TEMPLATE, context)
    assert_valid_panel(html)
    for text in (
        "Toe by Toe",
        "Reading practice, one word at a time",
        "Cognition and learning",
        "Monday and Wednesday at 9:10 a.m.",
        "20 minutes",
        "A teaching assistant",
        "14 September 2026",
        "75%: came to 3 of 4 sessions",
    ):
        assert text in html
    for hidden in (MARK, "Tessa", "Aylward", "Yusuf", "Chloe", "Year 7 readers", "£", "score"):
        assert hidden not in html


def test_days_in_words():
    assert days_in_words("024") == "Monday, Wednesday and Friday"
    assert days_in_words("3") == "Thursday"
    assert days_in_words("0123456") == "Every school day"


def test_a_group_with_no_sessions_yet(group, pupil, contacts):
    html = render_panel(TEMPLATE, interventions_panel(pupil, contacts, DAY))
    assert_valid_panel(html)
    assert "No sessions recorded yet this term" in html


def test_a_group_that_has_not_started_says_when_it_starts(
    intervention,
    ta,
    pupil,
    contacts,
):
    make_group(
        intervention, ta, [pupil], name="Spring", today=DAY, starts_on=datetime.date(2027, 1, 11)
    )
    html = render_panel(TEMPLATE, interventions_panel(pupil, contacts, DAY))
    assert "Starts" in html
    assert "11 January 2027" in html
    assert "Attendance" not in html


def test_nothing_for_a_pupil_in_no_group_now(
    intervention,
    ta,
    pupil,
    contacts,
):
    assert interventions_panel(pupil, contacts, DAY) is None
    assert panel_context(TEMPLATE, pupil, contacts, DAY) is None
    # A group that ended, and one the pupil left, are not "now".
    make_group(
        intervention,
        ta,
        [pupil],
        name="Ended",
        today=DAY,
        starts_on=datetime.date(2026, 4, 20),
        ends_on=datetime.date(2026, 7, 10),
    )
    left = make_group(intervention, ta, [pupil], name="Left", today=DAY)
    GroupMember.objects.filter(group=left).update(left_on=DAY - datetime.timedelta(days=3))
    assert interventions_panel(pupil, contacts, DAY) is None


def test_another_pupils_groups_are_not_shown(
    intervention,
    ta,
    pupil,
    others,
    contacts,
):
    make_group(intervention, ta, others, name="Theirs", today=DAY)
    assert interventions_panel(pupil, contacts, DAY) is None


def test_the_query_count_does_not_grow_with_groups_or_sessions(
    intervention,
    ta,
    pupil,
    others,
    contacts,
    django_assert_max_num_queries,
):
    for n in range(4):
        g = make_group(intervention, ta, [pupil, *others], name=f"Group {n}", today=DAY)
        for d in range(3):
            _session(g, DAY - datetime.timedelta(days=d + 1), {pupil.pk})
    with django_assert_max_num_queries(2):
        context = interventions_panel(pupil, contacts, DAY)
    assert len(context["groups"]) == 4
    assert all(g["percent"] == 100 for g in context["groups"])


def test_the_parent_reads_it_on_their_childs_page(
    parent, intervention, ta, pupil, others, contacts, client_for
):
    today = timezone.localdate()
    group = make_group(intervention, ta, [pupil, *others], name="Year 7 readers", today=today)
    _session(group, today, {pupil.pk}, note=f"{MARK} note")
    response = client_for(parent).get(reverse("parent_child", args=[pupil.pk]))
    assert response.status_code == 200
    assert_valid_html(response)
    html = response.content.decode()
    assert 'id="parent-interventions"' in html
    assert "Toe by Toe" in html
    for hidden in (MARK, "Year 7 readers", "Yusuf", "Chloe", ta.last_name):
        assert hidden not in html
