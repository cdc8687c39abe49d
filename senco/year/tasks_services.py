"""Writes of the SENCO's year: setting a year up from the phase's calendar or from last
year's repeating tasks, adding, changing, deleting and ticking off tasks. Each write is in
a transaction with its audit row; a change from an old version is refused (`StaleVersion`).
Never a task's title in the audit detail: the SENCO may have named a pupil in it."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from senco.audit.actor import Actor
from senco.audit.services import audit_record
from senco.lib.versions import check_version
from senco.schools.models import School
from senco.schools.selectors import saved_closures, saved_terms
from senco.year import calendars
from senco.year.audit import YearAction
from senco.year.models import YearTask
from senco.year.tasks_selectors import staff_of, tasks_in_year


def _lock_school(school) -> None:
    """Two presses of "set up the year" at once make the tasks once: the second waits here
    and then finds the first one's tasks."""
    list(School.objects.select_for_update().filter(pk=school.pk).values_list("pk"))


def _placer(school, academic_year: int) -> calendars.Placer:
    return calendars.Placer(saved_terms(school), academic_year, saved_closures(school))


@transaction.atomic
def year_setup_from_calendar(*, actor: Actor, school, academic_year: int) -> int:
    """Make the year's tasks from the calendar of the school's phase, each on the last
    school day of its week of the month. A calendar item the year has a task from already
    is left alone, so pressing twice makes nothing twice. Returns how many were made."""
    _lock_school(school)
    have = set(
        tasks_in_year(school, academic_year)
        .exclude(from_calendar="")
        .values_list("from_calendar", flat=True)
    )
    placer = _placer(school, academic_year)
    now = timezone.now()
    made = []
    for item in calendars.calendar_for(school.phase):
        due = placer.due(item.month, item.week)
        if item.key in have or due is None:
            continue
        made.append(
            YearTask(
                school=school,
                title=item.title,
                due=due,
                from_calendar=item.key,
                created_by=actor.person,
                created_at=now,
                updated_at=now,
            )
        )
    YearTask.objects.bulk_create(made)
    audit_record(
        actor=actor,
        school=school,
        action=YearAction.TASKS_SETUP,
        detail={"academic_year": academic_year, "from": school.phase, "made": len(made)},
    )
    return len(made)


def _same_task(task: YearTask) -> tuple[str, str]:
    return ("calendar", task.from_calendar) if task.from_calendar else ("title", task.title)


@transaction.atomic
def year_carry_forward(*, actor: Actor, school, academic_year: int) -> int:
    """Copy last year's repeating tasks into `academic_year`, on the same week of the same
    month, given to the same colleague when they are still on the staff, not done. A task
    the year has already (the same calendar item, or the same title) is not made again.
    Returns how many were made."""
    _lock_school(school)
    have = {_same_task(t) for t in tasks_in_year(school, academic_year)}
    last_year = list(tasks_in_year(school, academic_year - 1).filter(repeats=True))
    before = _placer(school, academic_year - 1)
    placer = _placer(school, academic_year)
    staff = set(staff_of(school).values_list("pk", flat=True))
    now = timezone.now()
    made = []
    for task in last_year:
        if _same_task(task) in have:
            continue
        have.add(_same_task(task))
        due = placer.due(task.due.month, before.week_of(task.due))
        if due is None:  # a task in August: the same day of the month next year
            due = _next_year(task.due)
        made.append(
            YearTask(
                school=school,
                title=task.title,
                details=task.details,
                due=due,
                assigned_to_id=task.assigned_to_id if task.assigned_to_id in staff else None,
                from_calendar=task.from_calendar,
                repeats=True,
                created_by=actor.person,
                created_at=now,
                updated_at=now,
            )
        )
    YearTask.objects.bulk_create(made)
    audit_record(
        actor=actor,
        school=school,
        action=YearAction.TASKS_CARRY,
        detail={"academic_year": academic_year, "made": len(made)},
    )
    return len(made)


def _next_year(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def _check_assignee(school, assigned_to) -> None:
    if assigned_to is not None and not staff_of(school).filter(pk=assigned_to.pk).exists():
        raise ValidationError({"assigned_to": "Choose someone on the school's staff"})


def _check_due(due) -> None:
    if due is None:
        raise ValidationError({"due": "Enter the date it is due"})
    if not datetime.date(2000, 1, 1) <= due <= datetime.date(2100, 12, 31):
        raise ValidationError({"due": "Date it is due must be between 2000 and 2100"})


@transaction.atomic
def task_add(
    *,
    actor: Actor,
    school,
    title: str,
    due: datetime.date,
    details: str = "",
    assigned_to=None,
    repeats: bool = True,
) -> YearTask:
    _check_due(due)
    _check_assignee(school, assigned_to)
    now = timezone.now()
    task = YearTask(
        school=school,
        title=title,
        details=details,
        due=due,
        assigned_to=assigned_to,
        repeats=repeats,
        created_by=actor.person,
        created_at=now,
        updated_at=now,
    )
    task.full_clean()
    task.save()
    audit_record(
        actor=actor,
        school=school,
        action=YearAction.TASK_ADD,
        detail={"task": task.pk, "due": due.isoformat(), "assigned_to": task.assigned_to_id},
    )
    return task


def _current(task: YearTask) -> list:
    return [
        ("title", "Task", task.title),
        ("details", "Details", task.details),
        ("due", "Date it is due", task.due),
        ("assigned_to", "Given to", task.assigned_to_id or ""),
        ("repeats", "Repeats next year", task.repeats),
    ]


@transaction.atomic
def task_save(
    *,
    actor: Actor,
    task: YearTask,
    version=None,
    title: str,
    due: datetime.date,
    details: str = "",
    assigned_to=None,
    repeats: bool = True,
) -> YearTask:
    locked = YearTask.objects.select_for_update().get(pk=task.pk)
    check_version(version, locked.version, theirs=lambda: _current(locked))
    _check_due(due)
    _check_assignee(locked.school, assigned_to)
    locked.title, locked.details, locked.due = title, details, due
    locked.assigned_to, locked.repeats = assigned_to, repeats
    locked.version += 1
    locked.updated_at = timezone.now()
    locked.full_clean()
    locked.save()
    audit_record(
        actor=actor,
        school=locked.school_id,
        action=YearAction.TASK_CHANGE,
        detail={
            "task": locked.pk,
            "due": due.isoformat(),
            "assigned_to": locked.assigned_to_id,
            "version": locked.version,
        },
    )
    return locked


@transaction.atomic
def task_delete(*, actor: Actor, task: YearTask) -> None:
    audit_record(
        actor=actor,
        school=task.school_id,
        action=YearAction.TASK_DELETE,
        detail={"task": task.pk, "due": task.due.isoformat(), "from_calendar": task.from_calendar},
    )
    YearTask.objects.filter(pk=task.pk).delete()


@transaction.atomic
def task_tick(*, actor: Actor, task: YearTask, done: bool) -> YearTask:
    """Tick a task off (`done`) or untick it. Ticking one done already changes nothing."""
    locked = YearTask.objects.select_for_update().get(pk=task.pk)
    if locked.is_done == done:
        return locked
    locked.done_at = timezone.now() if done else None
    locked.done_by = actor.person if done else None
    locked.version += 1
    locked.updated_at = timezone.now()
    locked.save()
    audit_record(
        actor=actor,
        school=locked.school_id,
        action=YearAction.TASK_DONE if done else YearAction.TASK_UNDONE,
        detail={"task": locked.pk},
    )
    return locked
