"""Teachers see who is withdrawn when: on My pupils, each pupil's intervention groups running
now; and the "Withdrawn from lessons" page, day by day, for a class or every pupil the
person sees."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from senco import factories as f
from senco.access import school_scope
from senco.audit.models import AuditEvent
from senco.provision import for_teachers
from senco.provision.models import GroupMember, Intervention
from senco.provision.tests.session_fixtures import *  # noqa: F403
from senco.provision.tests.session_fixtures import make_group
from senco.testing import assert_valid_html


def _page(client, school, **query):
    response = client.get(reverse("provision_withdrawals", args=[school.urn]), query)
    assert response.status_code == 200
    assert_valid_html(response)
    return response.content.decode()


def _day_section(html, name):
    """The part of the page about one weekday."""
    start = html.index(f">{name} ")
    end = html.find("</section>", start)
    return html[start:end]


def test_a_teacher_sees_their_pupils_out_of_lessons_day_by_day(
    client_for, teacher, ta, ta_group, school, pupil
):
    html = _page(client_for(teacher), school)
    monday = _day_section(html, "Monday")
    assert escape(pupil.full_name) in monday
    assert "Toe by Toe" in monday and "9:10am" in monday and "the library" in monday
    assert ta.get_full_name() in monday
    # The other pupils of the group are not the teacher's.
    assert "Yusuf" not in html and "Chloe" not in html
    shown = AuditEvent.objects.filter(action="provision.withdrawals.view")
    assert set(shown.values_list("pupil_id", flat=True)) == {pupil.pk}


def test_only_the_days_a_group_meets(client_for, teacher, ta, school, pupil, today):
    lego = Intervention.objects.create(
        school=school, name="Lego therapy", area="SEMH", measure="rating"
    )
    make_group(lego, ta, [pupil], name="Lego", today=today, days="1")
    html = _page(client_for(teacher), school)
    assert "Lego therapy" in _day_section(html, "Tuesday")
    for day in ("Monday", "Wednesday", "Thursday", "Friday"):
        assert "Lego therapy" not in _day_section(html, day)


def test_someone_who_teaches_none_of_them_sees_nobody(client_for, other_teacher, ta_group, school):
    html = _page(client_for(other_teacher), school)
    assert "Toe by Toe" not in html
    assert html.count("Nobody is out of lessons") == 5
    event = AuditEvent.objects.get(action="provision.withdrawals.view")
    assert event.pupil_id is None


def test_the_senco_sees_the_whole_school_or_one_class(client_for, senco, teacher, ta_group, school):
    client = client_for(senco)
    html = _page(client, school)
    assert "The whole school" in html
    assert "Yusuf" in html and "Chloe" in html and "Zoë" in html
    group = teacher.teaching_groups.get()
    html = _page(client, school, group=str(group.pk))
    assert "Zoë" in html and "Yusuf" not in html


def test_a_class_not_theirs_is_refused_plainly(
    client_for, other_teacher, teacher, ta_group, school
):
    group = teacher.teaching_groups.get()
    html = _page(client_for(other_teacher), school, group=str(group.pk))
    assert "Choose a class from the list" in html


def test_next_week_leaves_out_a_group_that_has_ended(
    client_for, teacher, intervention, ta, school, pupil, today
):
    GroupMember.objects.all().delete()
    monday = today - datetime.timedelta(days=today.weekday())
    make_group(
        intervention,
        ta,
        [pupil],
        name="Ends Friday",
        today=today,
        ends_on=monday + datetime.timedelta(days=4),
    )
    client = client_for(teacher)
    assert "Toe by Toe" in _page(client, school)
    assert "Toe by Toe" not in _page(client, school, week="next")


def test_the_page_queries_do_not_grow(client_for, senco, intervention, ta, school, today):
    client = client_for(senco)
    url = reverse("provision_withdrawals", args=[school.urn])
    make_group(intervention, ta, [f.SenPupilFactory(school=school)], name="G0", today=today)
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    few = len(ctx.captured_queries)
    for n in range(1, 8):
        pupils = f.SenPupilFactory.create_batch(3, school=school)
        make_group(intervention, ta, pupils, name=f"G{n}", today=today)
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    assert len(ctx.captured_queries) == few


def test_my_pupils_shows_the_groups_a_pupil_is_in_now(client_for, teacher, ta, ta_group, school):
    response = client_for(teacher).get(reverse("my_pupils", args=[school.urn]))
    html = response.content.decode()
    assert for_teachers.TITLE in html
    days = "Monday, Tuesday, Wednesday, Thursday, Friday, Saturday and Sunday"
    assert f"Toe by Toe, {days} at 9:10am, with {ta.get_full_name()}, in the library" in html


def test_the_hook_costs_one_query_and_nothing_for_those_who_may_not(
    teacher, office, ta_group, school, pupil
):
    scope = school_scope(teacher, school.urn)
    with CaptureQueriesContext(connection) as ctx:
        found = for_teachers.withdrawn(scope, [pupil])
    assert len(ctx.captured_queries) == 1
    assert [s.title for s in found[pupil.pk]] == [for_teachers.TITLE]
    assert for_teachers.withdrawn(school_scope(office, school.urn), [pupil]) == {}


def test_a_group_that_has_ended_is_not_on_my_pupils(teacher, ta_group, school, pupil, today):
    ta_group.ends_on = today - datetime.timedelta(days=1)
    ta_group.save()
    assert for_teachers.withdrawn(school_scope(teacher, school.urn), [pupil]) == {}
