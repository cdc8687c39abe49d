"""Attendance rates: sessions attended of the sessions held while a pupil was in the group,
per member and per group, in one query whatever the number of groups."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from senco.provision.models import GroupMember
from senco.provision.session_selectors import (
    attendance_by_group,
    attendance_by_member,
    rate_text,
)
from senco.provision.tests.session_fixtures import *  # noqa: F403
from senco.provision.tests.session_fixtures import record


def _day(today, n):
    return today - datetime.timedelta(days=n)


def test_rates_count_only_sessions_held_while_a_member(ta_group, teacher_group, today):
    members = {m.pupil.forename: m for m in ta_group.members.select_related("pupil")}
    late = members["Chloe"]
    late.joined_on = _day(today, 5)
    late.save()
    record(ta_group, _day(today, 10), present={members["Zoë"].pk})  # before Chloe joined
    record(ta_group, _day(today, 4))  # everyone came
    record(ta_group, _day(today, 3), present={members["Yusuf"].pk})
    record(ta_group, _day(today, 2), held=False, reason="trip")  # not held: not counted
    with CaptureQueriesContext(connection) as ctx:
        by_member = attendance_by_member([ta_group.pk, teacher_group.pk])
    assert len(ctx.captured_queries) == 1
    assert by_member[members["Zoë"].pk] == (2, 3)
    assert by_member[members["Yusuf"].pk] == (2, 3)
    assert by_member[members["Chloe"].pk] == (1, 2)
    only = teacher_group.members.get()
    assert by_member[only.pk] == (0, 0)
    with CaptureQueriesContext(connection) as ctx:
        by_group = attendance_by_group([ta_group.pk, teacher_group.pk])
    assert len(ctx.captured_queries) == 1
    assert by_group == {ta_group.pk: (5, 8), teacher_group.pk: (0, 0)}


def test_a_member_who_left_is_not_counted_after(ta_group, today):
    zoe = ta_group.members.get(pupil__forename="Zoë")
    record(ta_group, _day(today, 6))
    GroupMember.objects.filter(pk=zoe.pk).update(left_on=_day(today, 5))
    record(ta_group, _day(today, 4))
    assert attendance_by_member([ta_group.pk])[zoe.pk] == (1, 1)


def test_rates_read_plainly():
    assert rate_text(8, 10) == "8 of 10 sessions (80%)"
    assert rate_text(1, 1) == "1 of 1 session (100%)"
    assert rate_text(0, 0) == "No sessions held yet"


def test_the_sessions_list_shows_the_rates(client_for, senco, ta_group, today):
    zoe = ta_group.members.get(pupil__forename="Zoë")
    record(ta_group, _day(today, 2), present={zoe.pk})
    response = client_for(senco).get(reverse("provision_sessions", args=[ta_group.pk]))
    html = response.content.decode()
    assert "1 of 1 session (100%)" in html  # Zoë
    assert "0 of 1 session (0%)" in html  # the others
    assert "1 of 3 sessions (33%)" in html  # the group
    assert "Too few pupils to judge" in html
