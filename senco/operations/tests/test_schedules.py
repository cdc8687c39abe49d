"""Scheduled jobs: run when due, once even with two schedulers, failures recorded, and a
page that shows the SENCO when each last ran."""

import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.urls import reverse

from senco import registry
from senco.operations import schedules
from senco.operations.models import Heartbeat, ScheduleRun
from senco.testing import answers, assert_valid_html, role_table

STATUS = role_table("schedule_status", answers(403, senco=200, parent=404, outsider=404))
LONDON = ZoneInfo("Europe/London")


def at(day: int, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(2026, 11, day, hour, minute, tzinfo=LONDON)


DAILY = registry.Schedule("test.daily", "Daily", lambda: "ok", after=datetime.time(7, 0))
HOURLY = registry.Schedule("test.hourly", "Hourly", lambda: "ok", every=datetime.timedelta(hours=1))


@pytest.mark.parametrize(("role", "status"), STATUS.items())
def test_each_role_on_the_page(role, status, cast, client_for, school):
    response = client_for(cast[role]).get(reverse("schedule_status", args=[school.urn]))
    assert response.status_code == status


def test_a_daily_job_runs_once_a_day_from_its_hour():
    assert not schedules.is_due(DAILY, None, at(26, 6, 59))
    assert schedules.is_due(DAILY, None, at(26, 7, 0))
    ran = ScheduleRun(name="test.daily", last_started=at(26, 7, 3))
    assert not schedules.is_due(DAILY, ran, at(26, 23, 0))
    assert not schedules.is_due(DAILY, ran, at(27, 6, 0))
    # The next morning, even a few minutes earlier than yesterday's run.
    assert schedules.is_due(DAILY, ran, at(27, 7, 0))


def test_an_hourly_job_runs_each_hour():
    ran = ScheduleRun(name="test.hourly", last_started=at(26, 9, 0))
    assert not schedules.is_due(HOURLY, ran, at(26, 9, 59))
    assert schedules.is_due(HOURLY, ran, at(26, 10, 0))


@pytest.fixture
def fake_schedules(monkeypatch):
    calls = []

    def good():
        calls.append("good")
        return "Did 3 things."

    def bad():
        calls.append("bad")
        raise RuntimeError("mail server down")

    found = [
        registry.Schedule("test.good", "Good", good, every=datetime.timedelta(minutes=5)),
        registry.Schedule("test.bad", "Bad", bad, every=datetime.timedelta(minutes=5)),
    ]
    monkeypatch.setattr(schedules, "schedules", lambda: found)
    monkeypatch.setattr(
        "senco.operations.management.commands.run_schedules.schedules", lambda: found
    )
    return calls


def test_due_jobs_run_and_failures_are_recorded(db, fake_schedules):
    ran = schedules.run_due(at(26, 9))
    assert [s.name for s, _ in ran] == ["test.good", "test.bad"]
    good, bad = ScheduleRun.objects.get(name="test.good"), ScheduleRun.objects.get(name="test.bad")
    assert (good.last_ok, good.last_message, good.leased_until) == (True, "Did 3 things.", None)
    assert good.last_success is not None
    assert (bad.last_ok, bad.last_message) == (False, "RuntimeError: mail server down")
    assert bad.last_success is None
    # Run again a minute later: nothing is due.
    assert schedules.run_due(at(26, 9, 1)) == []
    assert fake_schedules == ["good", "bad"]


def test_two_schedulers_at_once_run_a_job_once(db, fake_schedules):
    row, _ = ScheduleRun.objects.get_or_create(name="test.good")
    seen_by_second = ScheduleRun.objects.get(name="test.good")  # read before the first claims
    first = schedules.run_one(schedules.schedules()[0], row, at(26, 9))
    second = schedules.run_one(schedules.schedules()[0], seen_by_second, at(26, 9))
    assert first is not None and second is None
    assert fake_schedules == ["good"]


def test_a_job_left_running_is_not_started_again_until_its_lease_ends(db, fake_schedules):
    ScheduleRun.objects.create(name="test.good", last_started=at(26, 8), leased_until=at(26, 9, 30))
    schedules.run_due(at(26, 9))
    assert "good" not in fake_schedules
    schedules.run_due(at(26, 9, 31))
    assert "good" in fake_schedules


def test_the_command_runs_due_jobs_and_beats(db, fake_schedules):
    out = StringIO()
    call_command("run_schedules", stdout=out)
    assert "test.good: ok: Did 3 things." in out.getvalue()
    assert "test.bad: FAILED" in out.getvalue()
    # The scheduler and (through a queued task, run at once in the tests) the worker beat.
    assert set(Heartbeat.objects.values_list("name", flat=True)) == {"scheduler", "worker"}
    listing = StringIO()
    call_command("run_schedules", "--list", stdout=listing)
    assert "test.good" in listing.getvalue() and "FAILED" in listing.getvalue()


def test_the_real_schedules_are_declared_once_and_run(db):
    names = {s.name for s in registry.schedules()}
    assert {
        "imports.expire_imports",
        "plans.request_teacher_views",
        "operations.clean_up_jobs",
        "operations.prune_task_results",
    } <= names
    for name in sorted(names):
        ((_, run),) = schedules.run_due(only=name)
        assert run.last_ok, (name, run.last_message)


def test_the_page_shows_each_jobs_last_run(client_for, senco, school, fake_schedules):
    schedules.run_due(at(26, 9))
    page = client_for(senco).get(reverse("schedule_status", args=[school.urn]))
    assert_valid_html(page)
    html = page.content.decode()
    assert "Worked" in html and "Failed" in html and "mail server down" in html
