"""Scheduled jobs: each app declares its own (`Schedule` in senco/registry.py) and
`manage.py run_schedules`, started every few minutes by a timer, runs those that are due.

Safe to run twice at once: a job is claimed by one conditional UPDATE of its
`ScheduleRun` row (it must still show the start time this run read, and no live lease),
so of two schedulers only one runs it. A run that dies leaves a lease that expires after
LEASE, and the job runs again then.
"""

import datetime
import logging

from django.utils import timezone

from senco.operations.models import ScheduleRun
from senco.registry import Schedule, schedules

logger = logging.getLogger("senco.schedules")

LEASE = datetime.timedelta(hours=1)


def is_due(schedule: Schedule, run: ScheduleRun | None, now: datetime.datetime) -> bool:
    """Daily (or every N days) jobs are due once a calendar day, from `after` o'clock;
    shorter ones when `every` has passed since they last started."""
    local = timezone.localtime(now)
    if schedule.after is not None and local.time() < schedule.after:
        return False
    if run is None or run.last_started is None:
        return True
    if schedule.every >= datetime.timedelta(days=1):
        last_day = timezone.localtime(run.last_started).date()
        return (local.date() - last_day).days >= schedule.every.days
    return now - run.last_started >= schedule.every


def _claim(schedule: Schedule, run: ScheduleRun, now: datetime.datetime) -> bool:
    claimed = (
        ScheduleRun.objects.filter(name=schedule.name, last_started=run.last_started)
        .exclude(leased_until__gt=now)
        .update(leased_until=now + LEASE, last_started=now)
    )
    return claimed == 1


def run_one(schedule: Schedule, run: ScheduleRun, now: datetime.datetime) -> ScheduleRun | None:
    """Run a job this scheduler has claimed; None if another has it."""
    if not _claim(schedule, run, now):
        return None
    try:
        message, ok = schedule.run() or "", True
    except Exception as error:
        logger.exception("scheduled job %s failed", schedule.name)
        message, ok = f"{type(error).__name__}: {error}", False
    finished = timezone.now()
    fields = {
        "leased_until": None,
        "last_finished": finished,
        "last_ok": ok,
        "last_message": str(message)[:2000],
    }
    if ok:
        fields["last_success"] = finished
    ScheduleRun.objects.filter(name=schedule.name).update(**fields)
    return ScheduleRun.objects.get(name=schedule.name)


def run_due(now: datetime.datetime | None = None, *, only: str | None = None) -> list:
    """Run every job that is due (or just `only`, due or not). Returns (schedule, run) for
    each job this call ran."""
    now = now or timezone.now()
    ran = []
    for schedule in schedules():
        if only is not None and schedule.name != only:
            continue
        run, _ = ScheduleRun.objects.get_or_create(name=schedule.name)
        if only is None and not is_due(schedule, run, now):
            continue
        result = run_one(schedule, run, now)
        if result is not None:
            ran.append((schedule, result))
    return ran


def schedule_rows(now: datetime.datetime | None = None) -> list[dict]:
    """Each job with its last run, for the status page: one query."""
    now = now or timezone.now()
    runs = {r.name: r for r in ScheduleRun.objects.all()}
    return [
        {"schedule": s, "run": runs.get(s.name), "due": is_due(s, runs.get(s.name), now)}
        for s in schedules()
    ]
