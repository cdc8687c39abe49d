"""The demo trust's SENCO's year: a year in progress in every school.

Registered as `DemoBuilder("year.tasks", build_tasks_demo, order=60)`. Each school's year
is set up from its phase's calendar (senco/year/calendars.py), last year's and this year's,
with two tasks of the SENCO's own each year (repeating). Last year's tasks are all there
and nearly all done; this year's tasks due before the demo's today are mostly done, a few
overdue; a few are given to a senior leader or a teaching assistant. Drawn from each
school's `rng` only; written with bulk_create (a few hundred rows a school)."""

import datetime

from senco.accounts.models import Role
from senco.lib.clock import academic_year_of
from senco.schools.selectors import saved_closures
from senco.year import calendars
from senco.year.models import YearTask

# The SENCO's own tasks, added by hand: (month, week, title, details).
OWN_TASKS = (
    (
        9,
        3,
        "Book the educational psychologist's visits for the year",
        "Ask for the dates of all three terms.",
    ),
    (1, 2, "Renew the SEND section of the staff handbook", ""),
)
# Of this year's tasks due before today: how many are left undone (overdue).
OVERDUE_SHARE = 0.12
# Of last year's tasks: how many were never ticked off.
LAST_YEAR_UNDONE_SHARE = 0.05
# Of each year's calendar tasks: how many are given to a leader or a TA.
GIVEN_SHARE = 0.08


def _tasks_for(ds, academic_year: int, closures) -> list[YearTask]:
    placer = calendars.Placer(ds.terms, academic_year, closures)
    senco = ds.senco
    others = ds.staff.get(Role.LEADER, [])[:1] + ds.staff.get(Role.TA, [])[:2]
    created = ds.moment(placer.due(9, 1) - datetime.timedelta(days=3))
    tasks = []
    for item in calendars.calendar_for(ds.phase):
        due = placer.due(item.month, item.week)
        if due is None:
            continue
        given = ds.rng.choice(others) if others and ds.rng.random() < GIVEN_SHARE else None
        tasks.append(
            YearTask(
                school=ds.school,
                title=item.title,
                due=due,
                from_calendar=item.key,
                assigned_to=given,
                created_by=senco,
                created_at=created,
                updated_at=created,
            )
        )
    for month, week, title, details in OWN_TASKS:
        due = placer.due(month, week)
        tasks.append(
            YearTask(
                school=ds.school,
                title=title,
                details=details,
                due=due,
                created_by=senco,
                created_at=created,
                updated_at=created,
            )
        )
    return tasks


def _tick(ds, task: YearTask, today: datetime.date, undone_share: float) -> None:
    if task.due >= today or ds.rng.random() < undone_share:
        return
    # Done on the day, or a few days either side (never after today).
    day = min(task.due + datetime.timedelta(days=ds.rng.randint(-4, 3)), today)
    task.done_at = ds.moment(day)
    task.done_by = task.assigned_to or ds.senco
    task.updated_at = task.done_at
    task.version = 2


def build_tasks_demo(demo) -> None:
    today = demo.today
    this_year = academic_year_of(today)
    rows = []
    for ds in demo.schools:
        closures = saved_closures(ds.school)
        for year, undone in ((this_year - 1, LAST_YEAR_UNDONE_SHARE), (this_year, OVERDUE_SHARE)):
            for task in _tasks_for(ds, year, closures):
                _tick(ds, task, today, undone)
                rows.append(task)
    YearTask.objects.bulk_create(rows, batch_size=500)
