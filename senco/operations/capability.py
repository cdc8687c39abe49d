"""What operations adds: its scheduled jobs and the Scheduled jobs page."""

import datetime

from django.conf import settings
from django.core.management import call_command

from senco.accounts.models import Role
from senco.audit.pending import move_pending
from senco.lib.text import plural
from senco.operations.jobs import jobs_clean_up
from senco.registry import SETTINGS, Capability, NavItem, Schedule, register


def _clean_up_jobs() -> str:
    return f"Removed {plural(jobs_clean_up(), 'finished job')} and their files."


def _move_audit_rows() -> str:
    return f"Moved {plural(move_pending(), 'audit row')} of list pages into the log."


def _prune_task_results() -> str:
    if settings.TASKS_IMMEDIATE:
        return "Nothing to remove: tasks run at once here, and leave no records."
    call_command("prune_db_task_results", min_age_days=7, verbosity=0)
    return "Removed the task queue's records of tasks finished over 7 days ago."


register(
    Capability(
        app="operations",
        nav=(
            NavItem(
                "Scheduled jobs",
                "schedule_status",
                ability="sees_schedules",
                order=90,
                group=SETTINGS,
                description="When each of senco's daily jobs last ran, and whether it worked.",
            ),
        ),
        abilities={"sees_schedules": {Role.SENCO}},
        schedules=(
            Schedule(
                "audit.move_pending",
                "Move list pages' audit rows into the log, ordered by pupil",
                _move_audit_rows,
                every=datetime.timedelta(minutes=5),
                order=10,
            ),
            Schedule(
                "operations.clean_up_jobs",
                "Remove background jobs and their files after a day",
                _clean_up_jobs,
                every=datetime.timedelta(hours=1),
            ),
            Schedule(
                "operations.prune_task_results",
                "Remove the task queue's records after a week",
                _prune_task_results,
                after=datetime.time(3, 0),
            ),
        ),
    )
)
