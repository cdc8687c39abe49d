"""Restore a backup: `python manage.py restore FILE` (or `--check FILE` to verify it only).

The database must be migrated and hold no records, as after `python manage.py migrate`,
and PRIVATE_MEDIA_ROOT empty. BACKUP_KEY (environment) is the key it was made with.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from senco.operations.backup import BackupError, key_from_environment, restore, size


class Command(BaseCommand):
    help = (
        "Bring back a backup made by `manage.py backup` into a database that has been "
        "migrated and holds no records, with the key in the environment variable BACKUP_KEY."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The backup file.")
        parser.add_argument(
            "--check",
            action="store_true",
            help="Only decrypt the file and verify everything in it; change nothing.",
        )
        parser.add_argument(
            "--database", default="default", help="The database to restore into (default: default)."
        )

    def handle(self, *args, **options):
        try:
            result = restore(
                options["file"],
                key=key_from_environment(),
                using=options["database"],
                check_only=options["check"],
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        vendor = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}[result.vendor]
        what = (
            f"{result.tables} tables, {result.rows:,} rows ({vendor}) and {result.files:,} "
            f"private files ({size(result.media_bytes)})"
        )
        made = f"made {when(result.made_at)} by senco {result.senco_version}, {size(result.bytes)}"
        if result.restored:
            self.stdout.write(
                f"Restored {result.path} ({made}): {what} into the database {result.database} "
                f"and {result.media_root}, in {result.seconds:.1f} s."
            )
        else:
            self.stdout.write(
                f"{result.path} ({made}) opens with BACKUP_KEY and every part of it checks out: "
                f"{what}. Checked in {result.seconds:.1f} s; nothing was restored."
            )


def when(iso: str) -> str:
    """2026-11-25T02:00:04+00:00 -> "25 November 2026 at 02:00" (London time)."""
    try:
        moment = timezone.localtime(datetime.datetime.fromisoformat(iso))
    except ValueError:
        return iso
    return f"{moment.day} {moment:%B %Y at %H:%M}"
