"""`python manage.py expire_imports [--days 7]`: run daily (cron), like request_teacher_views."""

from django.core.management.base import BaseCommand

from senco.imports.services import import_batches_expire
from senco.lib.text import plural


class Command(BaseCommand):
    help = "Cancel checked-but-never-imported uploads older than N days and clear their files."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=7, help="Age in days (default 7).")

    def handle(self, *args, days: int, **options):
        count = import_batches_expire(older_than_days=days)
        self.stdout.write(f"Expired {plural(count, 'upload')} older than {days} days.")
