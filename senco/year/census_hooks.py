"""What the census check adds to the shared pages through the registry (capability.py):
census days and "check the register" in the calendar, a reminder on the home page in the
two weeks before each census day, and the "census" evidence for self-evaluation, meetings
and reports."""

import datetime

from django.urls import reverse
from django.utils import timezone

from senco.lib import disclosure
from senco.lib.clock import academic_year_of
from senco.lib.figures import HIDDEN, shown_count
from senco.pupils.models import Pupil
from senco.registry import DatedEvent, Figure
from senco.year.census import (
    CHECK_WINDOW,
    SOURCE,
    census_days,
    census_days_between,
    next_census_day,
)
from senco.year.census_selectors import PROBLEMS, census_problems, last_check_since, latest_checks

CENSUS_KIND = "Census"
CHECK_RULE = "two weeks before each census day"


def _url(school) -> str:
    return reverse("year_census", args=[school.urn])


def census_events(scope, start: datetime.date, end: datetime.date):
    """Each census day between two days, and the day two weeks before it when the register
    is checked, for those who run the check. No query."""
    if not scope.checks_census:
        return
    url = _url(scope.school)
    for census in census_days_between(start, end + CHECK_WINDOW):
        if census.date <= end:
            yield DatedEvent(
                date=census.date,
                title=f"{census.name} day",
                url=url,
                rule=census.rule,
                source=SOURCE,
                kind=CENSUS_KIND,
                uid=f"year.census.{census.date.isoformat()}",
            )
        if start <= census.check_from <= end:
            yield DatedEvent(
                date=census.check_from,
                title=f"Check the register for the {census.name.lower()}",
                url=url,
                rule=CHECK_RULE,
                source=SOURCE,
                kind=CENSUS_KIND,
                uid=f"year.census.{census.date.isoformat()}.check",
            )


def census_todo(scope, today: datetime.date) -> dict | None:
    """From two weeks before a census day until the day: "check the register", while no
    check has been run since then or the last one found something. One query, whatever the
    day (so that the home page costs the same all year)."""
    if not scope.checks_census:
        return None
    census = next_census_day(today)
    opened = timezone.make_aware(datetime.datetime.combine(census.check_from, datetime.time.min))
    last = last_check_since(scope.school, opened)
    if today < census.check_from or (last is not None and last.problems == 0):
        return None
    return {
        "census": census,
        "days_to_go": census.days_from(today),
        "last": last,
        "url": _url(scope.school),
    }


def _problems_found(count: int, suppress: bool) -> str:
    if suppress and disclosure.is_small(count):
        return f"problems found: {HIDDEN}"
    if count == 0:
        return "no problems found"
    return f"{count} problem{'' if count == 1 else 's'} found"


def census_evidence(school, today: datetime.date, suppress: bool) -> list[Figure]:
    """This school year's census days, each with its last check ("checked on 22 September
    2026: 3 problems found", or "not checked"), and what the census would get wrong today,
    by problem. With `suppress`, counts from 1 to 4, and any that would give one away, read
    "hidden". Seven queries."""
    url = _url(school)
    days = census_days(academic_year_of(today))
    checks = latest_checks(school, [c.date for c in days])
    figures = []
    for census in days:
        check = checks.get(census.date)
        if check is not None:
            run_on = timezone.localtime(check.run_at).date()
            value = f"checked on {run_on:%-d %B %Y}: {_problems_found(check.problems, suppress)}"
        elif census.date < today:
            value = "not checked"
        else:
            value = "not checked yet"
        figures.append(
            Figure(
                label=f"{census.name}, {census.date:%-d %B %Y}",
                value=value,
                url=url,
                source=f"{SOURCE}: {census.rule}",
            )
        )
    problems = census_problems(school, Pupil.objects.filter(school=school), today)
    counts = problems.counts()
    hidden: frozenset = frozenset()
    if suppress:
        values = {**counts, "total": problems.total}
        sums = [disclosure.Sum("total", tuple(counts))]
        hidden = disclosure.protect(values, sums).hidden
    figures.append(
        Figure(
            label=f"What the {problems.census.name.lower()} would get wrong today",
            value=shown_count(problems.total, "total" in hidden),
            url=url,
            source=SOURCE,
        )
    )
    for problem in PROBLEMS:
        if counts[problem.key]:
            figures.append(
                Figure(
                    label=problem.heading,
                    value=shown_count(counts[problem.key], problem.key in hidden),
                    url=url,
                    source=SOURCE,
                )
            )
    return figures
