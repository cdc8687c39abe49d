"""The census in the calendar, on the home page's "What needs doing", and as evidence."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from senco import factories as f
from senco import registry
from senco.access import Scope
from senco.accounts.models import Role
from senco.audit.actor import Actor
from senco.plans.services import cycle_start
from senco.testing import assert_valid_html
from senco.year.census_hooks import CENSUS_KIND, census_events, census_evidence, census_todo
from senco.year.models import CensusCheck

D = datetime.date


def _scope(user, school, role=Role.SENCO):
    return Scope(user, school, role)


def test_census_days_and_the_checks_before_them_are_in_the_calendar(senco, school):
    events = sorted(
        census_events(_scope(senco, school), D(2026, 9, 1), D(2027, 8, 31)), key=lambda e: e.date
    )
    url = reverse("year_census", args=[school.urn])
    days = [(e.date, e.title) for e in events]
    assert days == [
        (D(2026, 9, 17), "Check the register for the autumn census"),
        (D(2026, 10, 1), "Autumn census day"),
        (D(2027, 1, 7), "Check the register for the spring census"),
        (D(2027, 1, 21), "Spring census day"),
        (D(2027, 5, 6), "Check the register for the summer census"),
        (D(2027, 5, 20), "Summer census day"),
    ]
    assert all(e.kind == CENSUS_KIND and e.url == url for e in events)
    assert all("School census 2025 to 2026: guide" in e.source for e in events)
    assert events[1].rule == "the first Thursday of October"
    assert events[0].rule == "two weeks before each census day"
    assert len({e.uid for e in events}) == 6
    assert CENSUS_KIND in registry.event_kinds()


def test_a_check_two_weeks_ahead_is_in_the_days_asked_for_without_its_census(senco, school):
    events = list(census_events(_scope(senco, school), D(2027, 1, 1), D(2027, 1, 10)))
    assert [(e.date, e.title) for e in events] == [
        (D(2027, 1, 7), "Check the register for the spring census")
    ]


def test_only_those_who_run_the_check_see_census_days(teacher, leader, school):
    assert (
        list(census_events(_scope(teacher, school, Role.TEACHER), D(2026, 9, 1), D(2027, 8, 31)))
        == []
    )
    assert (
        len(list(census_events(_scope(leader, school, Role.LEADER), D(2026, 9, 1), D(2027, 8, 31))))
        == 6
    )


def test_the_calendar_page_shows_them(client_for, senco, school):
    response = client_for(senco).get(
        reverse("diary_calendar", args=[school.urn]), {"month": 1, "year": 2027}
    )
    assert response.status_code == 200
    assert b"Spring census day" in response.content
    assert b"Check the register for the spring census" in response.content


def test_the_reminder_shows_in_the_two_weeks_before_until_a_clean_check(senco, teacher, school):
    scope = _scope(senco, school)
    assert census_todo(scope, D(2027, 1, 6)) is None  # before the two weeks
    shown = census_todo(scope, D(2027, 1, 7))
    assert shown["census"].date == D(2027, 1, 21) and shown["last"] is None
    assert shown["days_to_go"] == 14
    assert census_todo(_scope(teacher, school, Role.TEACHER), D(2027, 1, 7)) is None
    at = timezone.make_aware(datetime.datetime(2027, 1, 8, 10, 0))
    # A check before the two weeks opened does not count.
    CensusCheck.objects.create(
        school=school,
        census_day=D(2027, 1, 21),
        run_at=at - datetime.timedelta(days=3),
        problems=0,
    )
    assert census_todo(scope, D(2027, 1, 9)) is not None
    CensusCheck.objects.create(school=school, census_day=D(2027, 1, 21), run_at=at, problems=3)
    found = census_todo(scope, D(2027, 1, 9))
    assert found["last"].problems == 3
    CensusCheck.objects.create(
        school=school,
        census_day=D(2027, 1, 21),
        run_at=at + datetime.timedelta(hours=1),
        problems=0,
    )
    assert census_todo(scope, D(2027, 1, 9)) is None
    # On the census day itself, still (if not clean); the day after, the next census's.
    assert census_todo(scope, D(2027, 1, 22)) is None


def test_the_home_page_shows_the_reminder(client_for, senco, school, monkeypatch):
    from senco.year import census_hooks

    today = D(2027, 1, 12)
    monkeypatch.setattr(timezone, "localdate", lambda *a: today)
    response = client_for(senco).get(reverse("home"))
    assert response.status_code == 200
    assert_valid_html(response)
    assert b"Check the register for the spring census" in response.content
    assert reverse("year_census", args=[school.urn]).encode() in response.content
    assert census_hooks.census_todo(_scope(senco, school), today) is not None


def test_the_home_page_links_to_the_check_for_those_who_run_it(client_for, senco, teacher, school):
    url = reverse("year_census", args=[school.urn]).encode()
    assert url in client_for(senco).get(reverse("home")).content
    assert url not in client_for(teacher).get(reverse("home")).content


@pytest.fixture
def problems(school, senco):
    """Six pupils at K with no plan in the last two terms, and one with no primary need."""
    lapsed = [f.SenPupilFactory(school=school) for _ in range(6)]
    no_primary = f.SenPupilFactory(school=school, primary_need="")
    cycle_start(actor=Actor(senco), pupil=no_primary, today=timezone.localdate())
    return lapsed, no_primary


def test_evidence_this_year_s_census_days_and_today_s_problems(school, senco, problems):
    today = D(2026, 11, 27)
    CensusCheck.objects.create(
        school=school,
        census_day=D(2026, 10, 1),
        run_at=timezone.make_aware(datetime.datetime(2026, 9, 22, 16, 0)),
        problems=7,
    )
    found = registry.evidence_for(["census"], school, today, suppress=False)["census"]
    values = {fig.label: fig.value for fig in found}
    assert (
        values["Autumn census, 1 October 2026"] == "checked on 22 September 2026: 7 problems found"
    )
    assert values["Spring census, 21 January 2027"] == "not checked yet"
    assert values["Summer census, 20 May 2027"] == "not checked yet"
    assert values["What the spring census would get wrong today"] == "7"
    assert values["At SEN support with no plan in the last two terms"] == "6"
    assert values["At SEN support or with an EHC plan, but no primary need"] == "1"
    assert all(fig.url == reverse("year_census", args=[school.urn]) for fig in found)
    assert all("School census" in fig.source for fig in found)


def test_evidence_for_governors_hides_small_numbers(school, senco, problems):
    today = D(2026, 11, 27)
    CensusCheck.objects.create(
        school=school,
        census_day=D(2026, 10, 1),
        run_at=timezone.make_aware(datetime.datetime(2026, 9, 22, 16, 0)),
        problems=3,
    )
    values = {fig.label: fig.value for fig in census_evidence(school, today, True)}
    assert (
        values["Autumn census, 1 October 2026"]
        == "checked on 22 September 2026: problems found: hidden"
    )
    assert values["At SEN support or with an EHC plan, but no primary need"] == "hidden"
    # 7 = 6 + 1: with the 1 hidden, the 6 (or the 7) must be hidden too.
    assert "hidden" in (
        values["At SEN support with no plan in the last two terms"],
        values["What the spring census would get wrong today"],
    )
    assert "1" not in values.values() and "3" not in " ".join(values.values())


def test_evidence_of_a_past_census_not_checked(school):
    values = {fig.label: fig.value for fig in census_evidence(school, D(2026, 11, 27), False)}
    assert values["Autumn census, 1 October 2026"] == "not checked"
    assert values["What the spring census would get wrong today"] == "0"


def test_the_year_page_links_to_the_check_for_those_who_run_it(client_for, senco, ta, school):
    url = reverse("year_census", args=[school.urn]).encode()
    year = reverse("year_tasks", args=[school.urn])
    assert url in client_for(senco).get(year).content
    assert url not in client_for(ta).get(year).content
