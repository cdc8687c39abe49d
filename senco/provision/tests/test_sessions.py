"""Recording a session from a phone: the date, held or not, who came, a note; changing it
later without losing anyone's update; the list of sessions with attendance."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from senco import factories as f
from senco.audit.models import AuditEvent
from senco.provision.models import Attendance, GroupMember, Session
from senco.provision.tests.session_fixtures import *  # noqa: F403
from senco.provision.tests.session_fixtures import make_group, record, session_data
from senco.testing import assert_valid_html


def _add(group):
    return reverse("provision_session_add", args=[group.pk])


def _members(group):
    return {m.pupil.forename: m for m in group.members.select_related("pupil")}


def test_the_form_opens_on_today_with_everyone_ticked(client_for, ta, ta_group, today):
    response = client_for(ta).get(_add(ta_group))
    assert_valid_html(response)
    html = response.content.decode()
    assert f'value="{today.day}"' in html and f'value="{today.year}"' in html
    assert html.count('name="attended"') == 3
    assert html.count('name="attended" type="checkbox" value') == 3
    assert html.count(" checked>") >= 4  # the three pupils and "Yes, it was held"
    for name in ("Zoë", "Yusuf", "Chloe"):
        assert name in html
    assert AuditEvent.objects.filter(action="provision.session.form").count() == 3


def test_a_ta_records_a_session_with_one_absent(client_for, ta, ta_group, today):
    members = _members(ta_group)
    came = [members["Zoë"].pk, members["Yusuf"].pk]
    client = client_for(ta)
    response = client.post(
        _add(ta_group), session_data(today, attended=came, note="Read chapter 2 together")
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("provision_sessions", args=[ta_group.pk])
    session = Session.objects.get(group=ta_group)
    assert (session.date, session.held, session.note) == (today, True, "Read chapter 2 together")
    assert session.recorded_by == ta
    present = dict(Attendance.objects.filter(session=session).values_list("member_id", "present"))
    assert present == {
        members["Zoë"].pk: True,
        members["Yusuf"].pk: True,
        members["Chloe"].pk: False,
    }
    rows = AuditEvent.objects.filter(action="provision.session.add")
    assert {(e.pupil_id, e.detail["present"]) for e in rows} == {
        (members["Zoë"].pupil_id, True),
        (members["Yusuf"].pupil_id, True),
        (members["Chloe"].pupil_id, False),
    }
    page = client.get(response["Location"])
    assert_valid_html(page)
    html = page.content.decode()
    assert "is recorded: 2 of 3 came" in html
    assert "Yes: 2 of 3 came" in html
    assert "Baker" in html.split('id="session-table"')[1]


def test_a_session_not_held_says_why_and_records_no_attendance(client_for, ta, ta_group, today):
    client = client_for(ta)
    response = client.post(_add(ta_group), session_data(today, held="no"))
    assert response.status_code == 200
    assert "Choose why the session was not held" in response.content.decode()
    assert not Session.objects.exists()
    response = client.post(
        _add(ta_group), session_data(today, held="no", reason="staff_absent", attended=[])
    )
    assert response.status_code == 302
    session = Session.objects.get()
    assert (session.held, session.not_held_reason) == (False, "staff_absent")
    assert not Attendance.objects.exists()


@pytest.mark.parametrize(
    ("days", "message"),
    [
        (1, "Date of the session must be today or in the past"),
        (-61, "Date of the session must be between"),
    ],
)
def test_a_date_outside_the_group_or_in_the_future_is_refused(
    days, message, client_for, ta, ta_group, today
):
    day = today + datetime.timedelta(days=days)
    response = client_for(ta).post(_add(ta_group), session_data(day))
    assert response.status_code == 200
    assert_valid_html(response)
    html = response.content.decode()
    assert message in html
    assert 'href="#id_date-day"' in html  # the error summary links to the date
    assert not Session.objects.exists()


def test_a_date_that_is_not_a_date_is_refused(client_for, ta, ta_group):
    response = client_for(ta).post(_add(ta_group), session_data(("31", "2", "2026")))
    assert "Date of the session must be a real date" in response.content.decode()


def test_a_second_session_on_a_day_is_refused_with_a_link_to_the_first(
    client_for, ta, ta_group, today
):
    first = record(ta_group, today)
    response = client_for(ta).post(_add(ta_group), session_data(today))
    assert response.status_code == 200
    html = response.content.decode()
    assert "A session is already recorded for" in html
    assert reverse("provision_session_edit", args=[ta_group.pk, first.pk]) in html
    assert Session.objects.count() == 1
    # Opening the form on a day already recorded says so at once.
    html = client_for(ta).get(_add(ta_group)).content.decode()
    assert 'id="already-recorded"' in html


def test_only_the_members_on_the_day_are_listed_and_counted(
    client_for, ta, ta_group, school, today
):
    left = GroupMember.objects.get(group=ta_group, pupil__forename="Chloe")
    left.left_on = today - datetime.timedelta(days=10)
    left.save()
    newcomer = f.SenPupilFactory(school=school, forename="Newby")
    GroupMember.objects.create(group=ta_group, pupil=newcomer, joined_on=today)
    html = client_for(ta).get(_add(ta_group)).content.decode()
    assert "Newby" in html and "Chloe" not in html
    # A ticked pupil who had left by that day is refused.
    response = client_for(ta).post(_add(ta_group), session_data(today, attended=[left.pk]))
    assert "Choose who came" in response.content.decode()
    # A session of 20 days ago is for the members then: Chloe, not the newcomer.
    day = today - datetime.timedelta(days=20)
    response = client_for(ta).post(_add(ta_group), session_data(day, attended=[left.pk]))
    assert response.status_code == 302
    names = set(
        Attendance.objects.filter(session__date=day).values_list(
            "member__pupil__forename", "present"
        )
    )
    assert ("Chloe", True) in names and not any(n == "Newby" for n, _ in names)


def test_changing_a_session_rewrites_its_attendance(client_for, ta, ta_group, today):
    session = record(ta_group, today)
    members = _members(ta_group)
    url = reverse("provision_session_edit", args=[ta_group.pk, session.pk])
    html = client_for(ta).get(url).content.decode()
    assert_valid_html(client_for(ta).get(url))
    assert 'name="version" value="1"' in html
    response = client_for(ta).post(
        url, session_data(today, attended=[members["Chloe"].pk], note="Fire drill", version=1)
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert (session.version, session.note) == (2, "Fire drill")
    present = set(
        Attendance.objects.filter(session=session, present=True).values_list("member_id", flat=True)
    )
    assert present == {members["Chloe"].pk}
    assert AuditEvent.objects.filter(action="provision.session.save").count() == 3


def test_a_change_from_a_stale_form_is_refused_and_nothing_is_lost(
    client_for, ta, senco, ta_group, today
):
    session = record(ta_group, today)
    url = reverse("provision_session_edit", args=[ta_group.pk, session.pk])
    ok = client_for(senco).post(url, session_data(today, note="The SENCO's note", version=1))
    assert ok.status_code == 302
    response = client_for(ta).post(url, session_data(today, note="The TA's note", version=1))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Someone else changed this since you opened it" in html
    assert "The SENCO&#x27;s note" in html and "The TA&#x27;s note" in html
    session.refresh_from_db()
    assert session.note == "The SENCO's note"
    # Saving again from the form as it came back works.
    again = client_for(ta).post(url, session_data(today, note="Both notes", version=2))
    assert again.status_code == 302


def test_moving_a_session_onto_a_day_already_recorded_is_refused(client_for, ta, ta_group, today):
    record(ta_group, today)
    other = record(ta_group, today - datetime.timedelta(days=1))
    url = reverse("provision_session_edit", args=[ta_group.pk, other.pk])
    response = client_for(ta).post(url, session_data(today, version=1))
    assert "A session is already recorded for" in response.content.decode()


def _queries(client, url) -> int:
    client.get(url)  # the first request of a client writes its session row
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_the_sessions_list_queries_do_not_grow(client_for, ta, ta_group, school, today):
    client = client_for(ta)
    url = reverse("provision_sessions", args=[ta_group.pk])
    record(ta_group, today - datetime.timedelta(days=1))
    few = _queries(client, url)
    for _ in range(6):
        GroupMember.objects.create(
            group=ta_group, pupil=f.SenPupilFactory(school=school), joined_on=ta_group.starts_on
        )
    for n in range(2, 32):
        record(ta_group, today - datetime.timedelta(days=n), present=set())
    assert _queries(client, url) == few


def test_my_groups_queries_do_not_grow(client_for, ta, intervention, pupil, today):
    client = client_for(ta)
    url = reverse("provision_my_groups", args=[pupil.school.urn])
    record(make_group(intervention, ta, [pupil], name="Group 0", today=today), today)
    few = _queries(client, url)
    for n in range(1, 8):
        record(make_group(intervention, ta, [pupil], name=f"Group {n}", today=today), today)
    assert _queries(client, url) == few
    assert client.get(url).content.decode().count("Change today's session") == 8


def test_my_groups_puts_today_first(client_for, ta, intervention, pupil, today):
    other_day = str((today.weekday() + 1) % 7)
    make_group(intervention, ta, [pupil], name="Another day", today=today, days=other_day)
    make_group(intervention, ta, [pupil], name="Meets today", today=today)
    make_group(
        intervention,
        ta,
        [pupil],
        name="Next term",
        today=today,
        starts_on=today + datetime.timedelta(days=30),
    )
    response = client_for(ta).get(reverse("provision_my_groups", args=[pupil.school.urn]))
    assert_valid_html(response)
    html = response.content.decode()
    assert html.index("Meets today") < html.index("Another day") < html.index("Next term")
    assert "Record today's session" in html
    assert AuditEvent.objects.filter(action="provision.my_groups.view", pupil=None).count() == 1


def test_someone_who_delivers_nothing_is_told_so(client_for, other_teacher, school):
    response = client_for(other_teacher).get(reverse("provision_my_groups", args=[school.urn]))
    assert 'id="no-groups"' in response.content.decode()


def test_the_home_page_and_menu_lead_to_my_groups(client_for, ta, senco, school):
    html = client_for(ta).get(reverse("home")).content.decode()
    assert "My intervention groups" in html and "Withdrawn from lessons" in html
    assert reverse("provision_my_groups", args=[school.urn]) in html
    html = client_for(senco).get(reverse("home")).content.decode()
    assert "My intervention groups" in html


def test_the_group_page_links_to_recording_and_the_sessions(client_for, senco, ta_group, school):
    response = client_for(senco).get(
        reverse("provision_group_detail", args=[school.urn, ta_group.pk])
    )
    html = response.content.decode()
    assert reverse("provision_session_add", args=[ta_group.pk]) in html
    assert reverse("provision_sessions", args=[ta_group.pk]) in html


def test_a_form_sent_empty_says_what_is_missing(client_for, ta, ta_group):
    response = client_for(ta).post(
        _add(ta_group), {"date-day": "", "date-month": "", "date-year": ""}
    )
    assert response.status_code == 200
    assert_valid_html(response)
    html = response.content.decode()
    assert "There is a problem" in html
    assert 'href="#id_date-day">Enter the date of the session' in html
    assert 'href="#id_held">Choose whether the session was held' in html
    assert "This field is required" not in html
    assert not Session.objects.exists()
