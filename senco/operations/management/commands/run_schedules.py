"""`python manage.py run_schedules`: run every scheduled job that is due. Start it every
five minutes (deploy/systemd/senco-schedules.timer, or cron); it is safe to run twice at
once. `--list` shows the jobs and when each last ran; `--now NAME` runs one at once."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from senco.operations.jobs import beat, worker_beat
from senco.operations.schedules import run_due, schedule_rows
from senco.registry import schedules


class Command(BaseCommand):
    help = "Run the scheduled jobs that are due (safe to run every few minutes)."

    def add_arguments(self, parser):
        parser.add_argument("--list", action="store_true", help="List the jobs; run nothing.")
        parser.add_argument("--now", metavar="NAME", help="Run this job now, due or not.")

    def handle(self, *args, list: bool, now: str | None, **options):
        if list:
            for row in schedule_rows():
                run = row["run"]
                last = (
                    timezone.localtime(run.last_started).strftime("%Y-%m-%d %H:%M")
                    if run and run.last_started
                    else "never"
                )
                state = (
                    "" if not run or run.last_ok is None else ("ok" if run.last_ok else "FAILED")
                )
                due = "due" if row["due"] else ""
                self.stdout.write(f"{row['schedule'].name:40} {last:17} {state:7} {due}")
            return
        if now is not None and now not in {s.name for s in schedules()}:
            raise CommandError(f"No scheduled job is called {now!r}: see --list.")
        beat("scheduler")
        worker_beat.enqueue()  # the worker records it is alive when it runs this
        for schedule, run in run_due(only=now):
            state = "ok" if run.last_ok else "FAILED"
            self.stdout.write(f"{schedule.name}: {state}: {run.last_message}")
