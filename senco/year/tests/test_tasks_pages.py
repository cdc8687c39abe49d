"""The SENCO's year: each role's answer on every page, setting the year up, changing and
ticking off tasks, the calendar and feed, the home page, the audit and the query counts."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from senco import factories as f
from senco.audit.actor import Actor
from senco.audit.models import AuditEvent
from senco.lib.clock import academic_year_of
from senco.lib.forms import date_data
from senco.registry import event_kinds, events_for
from senco.testing import (
    ROLES,
    SENCO_ONLY_SCHOOL_ACTION,
    SENCO_ONLY_SCHOOL_PAGE,
    answers,
    assert_valid_html,
    role_tables,
)
from senco.year import calendars
from senco.year import tasks_services as services
from senco.year.models import YearTask
from senco.year.tasks_selectors import TASKS_KIND

YEAR_READERS = answers(
    403,
    senco=200,
    leader=200,
    teacher=200,
    other_teacher=200,
    ta=200,
    office=200,
    parent=404,
    outsider=404,
)
# The task of these tables is given to the TA: only they and the SENCO may tick it; anyone
# else who has tasks does not see it (404), those who have none may not tick (403).
TICKERS = answers(404, senco=302, ta=302, governor=403, trust_lead=403, parent=404, outsider=404)

GETS = role_tables(
    {
        "year_tasks": YEAR_READERS,
        "year_task_add": SENCO_ONLY_SCHOOL_PAGE,
        "year_task_edit": SENCO_ONLY_SCHOOL_PAGE,
        "year_task_delete": SENCO_ONLY_SCHOOL_PAGE,
    }
)
POSTS = role_tables(
    {
        "year_setup": SENCO_ONLY_SCHOOL_ACTION,
        "year_task_add": SENCO_ONLY_SCHOOL_ACTION,
        "year_task_edit": SENCO_ONLY_SCHOOL_ACTION,
        "year_task_delete": SENCO_ONLY_SCHOOL_ACTION,
        "year_task_done": TICKERS,
    },
    method="POST",
)


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def task(school, senco, ta, today):
    return services.task_add(
        actor=Actor(senco),
        school=school,
        title="Book the EP visits",
        due=today + datetime.timedelta(days=1),
        assigned_to=ta,
    )


def _args(name, school, task):
    if name in ("year_task_edit", "year_task_delete", "year_task_done"):
        return [school.urn, task.pk]
    return [school.urn]


def _task_data(**extra):
    due = timezone.localdate() + datetime.timedelta(days=10)
    return {"title": "Check the provision map", **date_data("due", due), "repeats": "on", **extra}


@pytest.mark.parametrize("name", sorted(GETS))
@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_the_right_answer(name, role, cast, client_for, school, task):
    response = client_for(cast[role]).get(reverse(name, args=_args(name, school, task)))
    assert response.status_code == GETS[name][role]
    assert_valid_html(response)
    if response.status_code == 200:
        assert AuditEvent.objects.filter(
            user=cast[role], school=school, action__startswith="year.task"
        ).exists()


@pytest.mark.parametrize("role", ROLES)
def test_who_may_set_up_the_year(role, cast, client_for, school, today):
    url = reverse("year_setup", args=[school.urn])
    data = {"academic_year": academic_year_of(today), "source": "calendar"}
    response = client_for(cast[role]).post(url, data)
    assert response.status_code == POSTS["year_setup"][role]
    assert YearTask.objects.filter(school=school).exists() == (response.status_code == 302)


@pytest.mark.parametrize("role", ROLES)
def test_who_may_add_a_task(role, cast, client_for, school):
    url = reverse("year_task_add", args=[school.urn])
    response = client_for(cast[role]).post(url, _task_data())
    assert response.status_code == POSTS["year_task_add"][role]
    made = YearTask.objects.filter(school=school, title="Check the provision map").exists()
    assert made == (response.status_code == 302)


@pytest.mark.parametrize("role", ROLES)
def test_who_may_change_a_task(role, cast, client_for, school, task):
    url = reverse("year_task_edit", args=[school.urn, task.pk])
    data = _task_data(title=f"Changed by {role}", version=str(task.version))
    response = client_for(cast[role]).post(url, data)
    assert response.status_code == POSTS["year_task_edit"][role]
    task.refresh_from_db()
    assert (task.title == f"Changed by {role}") == (response.status_code == 302)


@pytest.mark.parametrize("role", ROLES)
def test_who_may_delete_a_task(role, cast, client_for, school, task):
    url = reverse("year_task_delete", args=[school.urn, task.pk])
    response = client_for(cast[role]).post(url)
    assert response.status_code == POSTS["year_task_delete"][role]
    assert YearTask.objects.filter(pk=task.pk).exists() == (response.status_code != 302)


@pytest.mark.parametrize("role", ROLES)
def test_who_may_tick_a_task_off(role, cast, client_for, school, task):
    url = reverse("year_task_done", args=[school.urn, task.pk])
    response = client_for(cast[role]).post(url, {"done": "1"})
    assert response.status_code == POSTS["year_task_done"][role]
    task.refresh_from_db()
    assert task.is_done == (response.status_code == 302)


def test_another_schools_task_is_not_found(client_for, outsider, other_school, school, task):
    # The outsider is the SENCO of other_school: the task's id under their school is a 404.
    client = client_for(outsider)
    for name in ("year_task_edit", "year_task_delete"):
        url = reverse(name, args=[other_school.urn, task.pk])
        assert client.get(url).status_code == 404
    url = reverse("year_task_done", args=[other_school.urn, task.pk])
    assert client.post(url, {"done": "1"}).status_code == 404
    task.refresh_from_db()
    assert not task.is_done


# --- Setting the year up ------------------------------------------------------------------


def test_setting_up_from_the_calendar_twice_makes_each_task_once(client_for, senco, school, today):
    year = academic_year_of(today)
    url = reverse("year_setup", args=[school.urn])
    client = client_for(senco)
    page = client.get(reverse("year_tasks", args=[school.urn]))
    label = f"{year}/{(year + 1) % 100:02d}"
    assert f"Set up {label} from the secondary SENCO" in page.content.decode()
    response = client.post(url, {"academic_year": year, "source": "calendar"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"/year/?year={year}")
    made = YearTask.objects.filter(school=school)
    assert made.count() == len(calendars.calendar_for("secondary"))
    client.post(url, {"academic_year": year, "source": "calendar"})
    assert made.count() == len(calendars.calendar_for("secondary"))
    census = made.get(from_calendar="secondary.sep.census")
    assert census.due == calendars.Placer([], year).due(9, 4)
    assert AuditEvent.objects.filter(action="year.tasks.setup", school=school).count() == 2
    # Set up, the year offers it no more.
    page = client.get(reverse("year_tasks", args=[school.urn]))
    assert "year-setup" not in page.content.decode()


def test_a_primary_school_gets_the_primary_calendar(client_for, sister_school, today):
    senco = f.MembershipFactory(school=sister_school, role="senco").user
    url = reverse("year_setup", args=[sister_school.urn])
    client_for(senco).post(url, {"academic_year": academic_year_of(today), "source": "calendar"})
    keys = set(
        YearTask.objects.filter(school=sister_school).values_list("from_calendar", flat=True)
    )
    assert keys == {i.key for i in calendars.PRIMARY}


def test_only_this_year_or_next_may_be_set_up(client_for, senco, school, today):
    url = reverse("year_setup", args=[school.urn])
    client = client_for(senco)
    for year in (academic_year_of(today) - 1, academic_year_of(today) + 2, "x"):
        response = client.post(url, {"academic_year": year, "source": "calendar"})
        assert response.status_code == 302
    response = client.post(url, {"academic_year": academic_year_of(today), "source": "what"})
    assert response.status_code == 302
    assert not YearTask.objects.filter(school=school).exists()


def test_last_years_repeating_tasks_are_carried_forward_once(
    client_for, senco, leader, school, today
):
    year = academic_year_of(today)
    actor = Actor(senco)
    services.year_setup_from_calendar(actor=actor, school=school, academic_year=year - 1)
    last = calendars.Placer([], year - 1)
    own = services.task_add(
        actor=actor,
        school=school,
        title="Renew the SEND handbook",
        due=last.due(1, 2),
        assigned_to=leader,
    )
    services.task_add(
        actor=actor, school=school, title="Once only", due=last.due(2, 1), repeats=False
    )
    page = client_for(senco).get(reverse("year_tasks", args=[school.urn]))
    carry = len(calendars.calendar_for("secondary")) + 1
    assert f"{carry} repeating tasks forward" in page.content.decode()
    url = reverse("year_setup", args=[school.urn])
    client_for(senco).post(url, {"academic_year": year, "source": "carry"})
    this_year = YearTask.objects.filter(school=school, due__gte=datetime.date(year, 9, 1))
    assert this_year.count() == carry
    copy = this_year.get(title="Renew the SEND handbook")
    assert copy.assigned_to == leader and not copy.is_done and copy.repeats
    assert copy.due == calendars.Placer([], year).due(1, 2) != own.due
    assert not this_year.filter(title="Once only").exists()
    # Again, or from the calendar after it: nothing twice.
    client_for(senco).post(url, {"academic_year": year, "source": "carry"})
    services.year_setup_from_calendar(actor=actor, school=school, academic_year=year)
    assert this_year.count() == carry


# --- Changing and ticking off ---------------------------------------------------------------


def test_the_senco_changes_a_task_and_gives_it_to_a_colleague(
    client_for, senco, leader, school, task
):
    url = reverse("year_task_edit", args=[school.urn, task.pk])
    data = _task_data(title="Book the EP", assigned_to=leader.pk, version=str(task.version))
    response = client_for(senco).post(url, data)
    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.title, task.assigned_to, task.version) == ("Book the EP", leader, 2)
    event = AuditEvent.objects.get(action="year.task.change")
    assert "Book" not in str(event.detail)


def test_a_change_from_an_old_version_is_refused(client_for, senco, school, task):
    url = reverse("year_task_edit", args=[school.urn, task.pk])
    client = client_for(senco)
    client.post(url, _task_data(title="First", version="1"))
    response = client.post(url, _task_data(title="Second", version="1"))
    assert response.status_code == 200
    assert "Someone else changed this since you opened it" in response.content.decode()
    assert "their-changes" in response.content.decode()
    task.refresh_from_db()
    assert task.title == "First"


def test_a_task_cannot_be_given_to_someone_outside_the_staff(
    client_for, senco, school, task, governor, outsider
):
    url = reverse("year_task_edit", args=[school.urn, task.pk])
    for person in (governor, outsider):
        data = _task_data(assigned_to=person.pk, version=str(task.version))
        response = client_for(senco).post(url, data)
        assert response.status_code == 200
        assert "Choose someone on the school" in response.content.decode()


def test_the_form_says_what_is_wrong(client_for, senco, school):
    url = reverse("year_task_add", args=[school.urn])
    response = client_for(senco).post(url, {**date_data("due", ("31", "2", "2026"))})
    page = response.content.decode()
    assert "There is a problem" in page and "Enter the task" in page
    assert "Date it is due must be a real date" in page
    assert_valid_html(response)


def test_ticking_off_and_unticking(client_for, ta, school, task):
    url = reverse("year_task_done", args=[school.urn, task.pk])
    back = reverse("year_tasks", args=[school.urn]) + "?who=mine"
    response = client_for(ta).post(url, {"done": "1", "next": back})
    assert response["Location"] == back
    task.refresh_from_db()
    assert task.is_done and task.done_by == ta
    response = client_for(ta).post(url, {"done": "0", "next": "https://evil.example/"})
    assert response["Location"].startswith(reverse("year_tasks", args=[school.urn]))
    task.refresh_from_db()
    assert not task.is_done
    actions = list(
        AuditEvent.objects.filter(action__startswith="year.task.").values_list("action", flat=True)
    )
    assert "year.task.done" in actions and "year.task.undone" in actions


def test_deleting_asks_first(client_for, senco, school, task):
    url = reverse("year_task_delete", args=[school.urn, task.pk])
    page = client_for(senco).get(url)
    assert "Are you sure you want to delete this task?" in page.content.decode()
    assert YearTask.objects.filter(pk=task.pk).exists()
    client_for(senco).post(url)
    assert not YearTask.objects.filter(pk=task.pk).exists()
    assert AuditEvent.objects.filter(action="year.task.delete").exists()


# --- The year page --------------------------------------------------------------------------


@pytest.fixture
def year_of_tasks(school, senco, ta, today):
    actor = Actor(senco)
    overdue = services.task_add(
        actor=actor, school=school, title="Overdue one", due=today - datetime.timedelta(days=3)
    )
    done = services.task_add(
        actor=actor, school=school, title="Done one", due=today - datetime.timedelta(days=4)
    )
    services.task_tick(actor=actor, task=done, done=True)
    week_end = today + datetime.timedelta(days=6 - today.weekday())
    this_week = services.task_add(actor=actor, school=school, title="This week one", due=week_end)
    given = services.task_add(
        actor=actor, school=school, title="Given to the TA", due=today, assigned_to=ta
    )
    return {"overdue": overdue, "done": done, "this_week": this_week, "given": given}


def test_the_year_page_has_the_to_do_view_and_every_month(
    client_for, senco, school, year_of_tasks, today
):
    response = client_for(senco).get(reverse("year_tasks", args=[school.urn]))
    assert response.status_code == 200
    view = response.context["view"]
    assert [r.title for r in view.overdue] == ["Overdue one"]
    assert {r.title for r in view.this_week} == {"This week one", "Given to the TA"}
    assert len(view.months) == 12 and view.months[0].first.month == 9
    page = response.content.decode()
    assert "Given to ta" in page or "Given to " in page
    assert "Mark as done" in page and "Mark as not done" in page
    assert_valid_html(response)


def test_a_colleague_sees_only_the_tasks_given_to_them(
    client_for, ta, leader, school, year_of_tasks
):
    response = client_for(ta).get(reverse("year_tasks", args=[school.urn]))
    titles = {
        r.title for m in response.context["view"].months for r in m.rows if r.task_id is not None
    }
    assert titles == {"Given to the TA"}
    response = client_for(leader).get(reverse("year_tasks", args=[school.urn]))
    titles = {
        r.title for m in response.context["view"].months for r in m.rows if r.task_id is not None
    }
    assert titles == set()


def test_mine_and_kind_filter_the_year(client_for, senco, school, year_of_tasks):
    url = reverse("year_tasks", args=[school.urn])
    response = client_for(senco).get(url, {"who": "mine"})
    titles = {
        r.title for m in response.context["view"].months for r in m.rows if r.task_id is not None
    }
    assert "Given to the TA" not in titles and "Overdue one" in titles
    response = client_for(senco).get(url, {"kind": "Annual reviews"})
    assert not [r for m in response.context["view"].months for r in m.rows if r.task_id is not None]


def test_the_filter_form_shows_what_was_asked_each_time(client_for, senco, school):
    """The filter form's HTML is kept for the process by all that decides it (tasks_views):
    asking for something else draws it again, asking again draws the same."""
    url = reverse("year_tasks", args=[school.urn])
    client = client_for(senco)
    mine = '<option value="mine" selected>'
    assert mine not in client.get(url).content.decode()
    assert mine in client.get(url, {"who": "mine"}).content.decode()
    assert mine not in client.get(url).content.decode()
    assert mine in client.get(url, {"who": "mine"}).content.decode()
    page = client.get(url, {"who": "nobody"}).content.decode()
    assert "Choose everyone&#x27;s or yours" in page and mine not in page


@pytest.mark.parametrize("value", ["abc", "1900", "9" * 30, "\u202e", "2026-27"])
def test_a_year_that_is_not_offered_is_an_error_not_a_500(client_for, senco, school, value, today):
    url = reverse("year_tasks", args=[school.urn])
    response = client_for(senco).get(url, {"year": value, "who": value, "kind": value})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Choose an academic year from the list" in page
    assert response.context["view"].academic_year == academic_year_of(today)
    assert_valid_html(response)


def test_last_year_is_shown_without_the_to_do_view(client_for, senco, school, today):
    year = academic_year_of(today) - 1
    services.year_setup_from_calendar(actor=Actor(senco), school=school, academic_year=year)
    response = client_for(senco).get(reverse("year_tasks", args=[school.urn]), {"year": year})
    assert not response.context["view"].is_current
    assert response.context["view"].task_count == len(calendars.calendar_for("secondary"))
    assert 'id="todo"' not in response.content.decode()


def test_other_capabilities_dated_events_are_merged_in(
    client_for, senco, school, pupil, today, monkeypatch
):
    from senco.registry import DatedEvent

    def fake_events(scope, start, end, *, skip=()):
        from senco.year.tasks_hooks import task_events

        assert task_events in skip  # the page's own tasks are not read twice
        return [
            DatedEvent(
                date=today + datetime.timedelta(days=2),
                title=f"Annual review: {pupil.full_name}",
                url="/somewhere/",
                pupil_id=pupil.pk,
                kind="Annual reviews",
                uid="x.1",
            )
        ]

    monkeypatch.setattr("senco.year.tasks_selectors.events_for", fake_events)
    response = client_for(senco).get(reverse("year_tasks", args=[school.urn]))
    rows = [r for m in response.context["view"].months for r in m.rows]
    assert [r.kind for r in rows] == ["Annual reviews"]
    assert AuditEvent.objects.filter(action="year.tasks.view", pupil=pupil).count() == 1


def test_the_year_page_is_audited_once_for_the_school_with_no_pupil(client_for, senco, school):
    client_for(senco).get(reverse("year_tasks", args=[school.urn]))
    assert AuditEvent.objects.filter(action="year.tasks.view", school=school).count() == 1


def test_the_year_pages_queries_do_not_grow_with_tasks(
    client_for, senco, school, today, django_assert_max_num_queries
):
    url = reverse("year_tasks", args=[school.urn])
    client = client_for(senco)
    actor = Actor(senco)
    services.year_setup_from_calendar(
        actor=actor, school=school, academic_year=academic_year_of(today)
    )
    client.get(url)
    # 17 with the capabilities of issue 15: the session, user, school and membership, the
    # tasks, each source of dated events, the terms, overdue tasks of past years, the audit.
    with django_assert_max_num_queries(22) as few:
        client.get(url)
    services.year_setup_from_calendar(
        actor=actor, school=school, academic_year=academic_year_of(today) - 1
    )
    YearTask.objects.filter(school=school).update(assigned_to=senco)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


# --- The calendar, its feed and the home page ---------------------------------------------------


def test_tasks_are_dated_events_of_their_kind(senco, ta, leader, school, task, today):
    from senco.access import scope_at

    assert TASKS_KIND in event_kinds()
    end = today + datetime.timedelta(days=30)
    seen = [e for e in events_for(scope_at(senco, school), today, end) if e.kind == TASKS_KIND]
    assert [e.uid for e in seen] == [f"year.task.{task.pk}"]
    assert seen[0].url == reverse("year_task_edit", args=[school.urn, task.pk])
    mine = [e for e in events_for(scope_at(ta, school), today, end) if e.kind == TASKS_KIND]
    assert [e.title for e in mine] == ["Book the EP visits"]
    assert mine[0].url == reverse("year_tasks", args=[school.urn])
    theirs = [e for e in events_for(scope_at(leader, school), today, end) if e.kind == TASKS_KIND]
    assert theirs == []


def test_each_task_is_an_event_as_the_person_sees_it_in_one_query(
    senco, ta, leader, school, year_of_tasks, today, django_assert_num_queries
):
    """The SENCO's events link each task's form, a done task says so, one from the toolkit's
    calendar names it and each has its owner; anyone else sees only their own tasks, linked
    to the year page. One query each, with SQL written once (senco/lib/prepared.py)."""
    from senco.access import scope_at
    from senco.year import tasks_hooks, tasks_selectors
    from senco.year.calendars import SOURCE_SHORT

    YearTask.objects.filter(pk=year_of_tasks["overdue"].pk).update(from_calendar="census")
    start, end = today - datetime.timedelta(days=30), today + datetime.timedelta(days=30)
    tasks_selectors._tasks_between.forget()
    scopes = {user: scope_at(user, school) for user in (senco, ta, leader)}
    with django_assert_num_queries(1):
        seen = tasks_hooks.task_events(scopes[senco], start, end)
    tasks = sorted(year_of_tasks.values(), key=lambda t: (t.due, t.pk))
    assert [(e.uid, e.date) for e in seen] == [(f"year.task.{t.pk}", t.due) for t in tasks]
    by_title = {e.title: e for e in seen}
    assert set(by_title) == {"Overdue one", "Done: Done one", "This week one", "Given to the TA"}
    given = year_of_tasks["given"]
    assert by_title["Given to the TA"].url == reverse("year_task_edit", args=[school.urn, given.pk])
    assert by_title["Given to the TA"].owner_id == ta.pk
    assert by_title["Overdue one"].owner_id is None
    assert by_title["Overdue one"].source == SOURCE_SHORT
    assert by_title["This week one"].source == ""
    with django_assert_num_queries(1):
        mine = tasks_hooks.task_events(scopes[ta], start, end)
    assert [(e.title, e.url) for e in mine] == [
        ("Given to the TA", reverse("year_tasks", args=[school.urn]))
    ]
    assert tasks_hooks.task_events(scopes[leader], start, end) == []
    assert len(tasks_selectors._tasks_between._plans) == 2  # the SENCO's shape and the TA's
    assert not tasks_selectors._tasks_between.refused()


def test_the_calendar_links_to_the_year(client_for, senco, school):
    page = client_for(senco).get(reverse("diary_calendar", args=[school.urn])).content.decode()
    assert reverse("year_tasks", args=[school.urn]) in page


def test_the_home_page_lists_my_overdue_and_this_weeks_tasks(
    client_for, senco, ta, school, year_of_tasks
):
    page = client_for(senco).get("/").content.decode()
    assert "Tasks of the SENCO's year overdue or due this week" in page
    assert "Overdue one" in page and "This week one" in page and "Given to the TA" not in page
    assert "The SENCO&#x27;s year" in page
    page = client_for(ta).get("/").content.decode()
    assert "Given to the TA" in page and "Overdue one" not in page


def test_the_feed_has_the_tasks_with_their_uid(senco, ta, leader, school, task):
    from django.test import Client

    from senco.access import scope_at
    from senco.diary.services import feed_create

    for person, sees in ((senco, True), (ta, True), (leader, False)):
        token = feed_create(actor=Actor(person), scope=scope_at(person, school), full_names=False)
        body = Client().get(reverse("diary_feed", args=[token])).content.decode()
        assert (f"UID:year.task.{task.pk}@" in body) == sees
        assert ("SUMMARY:Book the EP visits" in body) == sees
