"""Back up the database and the private media: `python manage.py backup FILE`.

BACKUP_KEY (environment) is the key; docs/backup.md says how to make and keep it.
"""

from django.core.management.base import BaseCommand, CommandError

from senco.operations.backup import BackupError, backup, key_from_environment, size


class Command(BaseCommand):
    help = (
        "Write one encrypted file holding the database and the private media (pupils' photos "
        "and documents), with the key in the environment variable BACKUP_KEY."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The backup file to write, e.g. senco-2026-11-25.backup")
        parser.add_argument(
            "--overwrite", action="store_true", help="Replace FILE if it already exists."
        )
        parser.add_argument(
            "--database", default="default", help="The database to back up (default: default)."
        )

    def handle(self, *args, **options):
        try:
            result = backup(
                options["file"],
                key=key_from_environment(),
                using=options["database"],
                overwrite=options["overwrite"],
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        vendor = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}[result.vendor]
        self.stdout.write(
            f"Backed up the database ({vendor}: {result.tables} tables, {result.rows:,} rows) "
            f"and {result.files:,} private files ({size(result.media_bytes)}) to {result.path}: "
            f"{size(result.bytes)}, encrypted, in {result.seconds:.1f} s.\n"
            "Keep BACKUP_KEY safe and apart from the backups: without it they cannot be opened."
        )
