"""What the year's tasks add to the shared pages: the calendar and its iCalendar feed (each
task a dated event of kind "SENCO's tasks") and the home page's "What needs doing"."""

import datetime

from django.urls import reverse

from senco.registry import DatedEvent
from senco.year.calendars import SOURCE_SHORT
from senco.year.tasks_selectors import TASKS_KIND, tasks_between, todo_tasks

# The most of each list the home page shows before "and N more".
TODO_SHOWN = 6


def task_events(scope, start: datetime.date, end: datetime.date):
    """The tasks the person may see, due between two days: the SENCO every task, anyone
    else the tasks given to them. One query. A task names no pupil (it is not about one)."""
    if not scope.has_year_tasks:
        return []
    # The page of each task: its form for the SENCO, the year page for the others.
    edit = year = None
    if scope.runs_year:
        edit = reverse("year_task_edit", args=[scope.school.urn, 0])
    else:
        year = reverse("year_tasks", args=[scope.school.urn])
    rows = tasks_between(scope, start, end)
    return [
        DatedEvent(
            date=due,
            title=f"Done: {title}" if done else title,
            url=year if edit is None else edit.replace("/0/", f"/{pk}/"),
            source=SOURCE_SHORT if from_calendar else "",
            kind=TASKS_KIND,
            uid=f"year.task.{pk}",
            owner_id=assigned_to or None,
        )
        for pk, title, due, from_calendar, assigned_to, done in rows
    ]


def todo_section(scope, today: datetime.date):
    """The person's own tasks overdue and due this week, for "What needs doing"."""
    if not scope.has_year_tasks:
        return None
    overdue, this_week = todo_tasks(scope, today)
    if not overdue and not this_week:
        return None
    return {
        "urn": scope.school.urn,
        "overdue": overdue[:TODO_SHOWN],
        "overdue_more": max(len(overdue) - TODO_SHOWN, 0),
        "this_week": this_week[:TODO_SHOWN],
        "this_week_more": max(len(this_week) - TODO_SHOWN, 0),
    }
