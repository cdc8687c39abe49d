"""python manage.py import_pupils FILE --school URN [--contacts] [--dry-run] [--skip-invalid]"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from senco.audit.actor import Actor
from senco.imports.contacts import (
    ContactRowsError,
    contacts_apply,
    contacts_plan,
    contacts_summary,
)
from senco.imports.parsing import decode_upload, read_upload
from senco.imports.services import (
    ImportFileError,
    ImportPlan,
    ImportRowsError,
    import_apply,
    import_plan,
)
from senco.schools.models import School


def rows(number: int) -> str:
    return f"{number} row{'' if number == 1 else 's'}"


class Command(BaseCommand):
    help = (
        "Import pupils from a CSV export of the MIS (SIMS, Arbor, Bromcom). All or nothing: "
        "when a row is bad nothing is written, unless --skip-invalid is given. With "
        "--contacts, the file holds pupils' parents and carers (docs/parents.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the CSV file exported from the MIS")
        parser.add_argument("--school", required=True, help="the school's URN")
        parser.add_argument(
            "--contacts",
            action="store_true",
            help="the file holds parents' and carers' contacts, one row each, by pupil UPN",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="show what would change; write nothing"
        )
        parser.add_argument(
            "--skip-invalid",
            action="store_true",
            help="import the good rows and leave out the bad ones",
        )

    def handle(self, *args, file, school, contacts, dry_run, skip_invalid, **options):
        self.verbosity = options["verbosity"]
        found = School.objects.filter(urn=school).first()
        if found is None:
            raise CommandError(f"There is no school with URN {school}.")
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"There is no file {file}.")
        self.stdout.write(f"{path.name} into {found.name} (URN {found.urn})")
        try:
            with path.open("rb") as stream:
                text = decode_upload(read_upload(stream, size=path.stat().st_size))
            if contacts:
                return self.contacts(found, path.name, text, dry_run, skip_invalid)
            if dry_run:
                plan = import_plan(school=found, text=text)
            else:
                plan = import_apply(
                    school=found,
                    actor=Actor.system(),
                    text=text,
                    filename=path.name,
                    skip_invalid=skip_invalid,
                )
        except ImportFileError as error:
            raise CommandError(f"{path.name}: {error} Nothing was imported.") from None
        except ImportRowsError as error:
            self.report(error.plan)
            raise CommandError(self.refusal(error.plan)) from None
        self.report(plan)
        if dry_run:
            self.stdout.write("Dry run: nothing was written.")
            if plan.errors and not skip_invalid:
                raise CommandError(self.refusal(plan))
        elif plan.errors:
            self.stdout.write(f"Left out {rows(plan.bad_count)} with problems.")

    def contacts(self, school, filename, text, dry_run, skip_invalid) -> None:
        """The contacts file: the same checks and all-or-nothing rule as the web import."""
        try:
            if dry_run:
                plan = contacts_plan(school=school, text=text)
            else:
                plan = contacts_apply(
                    school=school,
                    actor=Actor.system(),
                    text=text,
                    filename=filename,
                    skip_invalid=skip_invalid,
                )
        except ContactRowsError as error:
            self.report_contacts(error.plan)
            raise CommandError(self.refusal(error.plan)) from None
        self.report_contacts(plan)
        if dry_run:
            self.stdout.write("Dry run: nothing was written.")
            if plan.errors and not skip_invalid:
                raise CommandError(self.refusal(plan))
            return
        self.stdout.write(contacts_summary(filename, plan))
        if plan.errors:
            self.stdout.write(f"Left out {rows(plan.bad_count)} with problems.")

    def report_contacts(self, plan) -> None:
        self.stdout.write(f"New contacts: {len(plan.create)}")
        self.stdout.write(f"Updated: {len(plan.update)}")
        self.stdout.write(f"Unchanged: {len(plan.unchanged)}")
        self.stdout.write(f"Errors: {len(plan.errors)} in {rows(plan.bad_count)}")
        for error in plan.errors:
            self.stdout.write(str(error))

    def report(self, plan: ImportPlan) -> None:
        self.stdout.write(f"Created: {len(plan.create)}")
        self.stdout.write(f"Updated: {len(plan.update)}")
        self.stdout.write(f"Unchanged: {len(plan.unchanged)}")
        self.stdout.write(f"Errors: {len(plan.errors)} in {rows(plan.bad_count)}")
        if self.verbosity >= 2:
            for item in plan.create:
                self.stdout.write(f"row {item.number}: new pupil {item.name} ({item.upn})")
            for item in plan.update:
                changes = "; ".join(f"{c.label} {c.old} -> {c.new}" for c in item.changes)
                self.stdout.write(f"row {item.number}: {item.name} ({item.upn}): {changes}")
        for error in plan.errors:
            self.stdout.write(str(error))

    @staticmethod
    def refusal(plan) -> str:
        return (
            f"Nothing was imported: {rows(plan.bad_count)} with problems. Correct them, or run "
            "again with --skip-invalid to import only the good rows."
        )
