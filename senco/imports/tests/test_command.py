import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from senco.audit.models import AuditEvent
from senco.imports.tests.helpers import csv_bytes, row, upn
from senco.pupils.models import Pupil
from senco.register.models import RegisterChange


def run(path, *args):
    out = io.StringIO()
    call_command("import_pupils", str(path), *args, stdout=out)
    return out.getvalue()


def run_failing(path, *args):
    out = io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("import_pupils", str(path), *args, stdout=out)
    return out.getvalue(), str(caught.value)


@pytest.fixture
def export(tmp_path):
    def write(rows, name="sims.csv", **kwargs):
        path = tmp_path / name
        path.write_bytes(csv_bytes(rows, **kwargs))
        return path

    return write


def test_it_imports_and_prints_a_summary(school, pupil, export):
    path = export([row(1, **{"SEN Status": "K", "Primary Need": "ASD"}), row(2)])
    output = run(path, "--school", school.urn)
    assert "Created: 2" in output
    assert "Updated: 0" in output
    assert "Unchanged: 0" in output
    assert "Errors: 0 in 0 rows" in output
    assert Pupil.objects.filter(school=school, upn__in=[upn(1), upn(2)]).count() == 2
    change = RegisterChange.objects.get(pupil__upn=upn(1))
    assert change.changed_by is None
    assert change.reason == "imported from MIS"
    assert AuditEvent.objects.get(action="import.apply").detail["filename"] == "sims.csv"


def test_the_second_run_changes_nothing(school, export):
    path = export([row(1, **{"SEN Status": "K", "Primary Need": "ASD"})])
    run(path, "--school", school.urn)
    output = run(path, "--school", school.urn)
    assert "Created: 0" in output
    assert "Unchanged: 1" in output
    assert RegisterChange.objects.count() == 1


def test_a_dry_run_writes_nothing(school, export):
    output = run(export([row(1)]), "--school", school.urn, "--dry-run")
    assert "Created: 1" in output
    assert "Dry run: nothing was written." in output
    assert not Pupil.objects.exists()
    assert not AuditEvent.objects.exists()


def test_bad_rows_are_listed_and_nothing_is_written(school, export):
    path = export([row(1), row(2, DOB="31/02/2013")])
    output, message = run_failing(path, "--school", school.urn)
    assert "Errors: 1 in 1 row" in output
    assert "row 3, column DOB, value '31/02/2013': There is no such date" in output
    assert "Nothing was imported" in message
    assert "--skip-invalid" in message
    assert not Pupil.objects.exists()


def test_a_dry_run_with_bad_rows_fails_too(school, export):
    output, _ = run_failing(export([row(1, Gender="?")]), "--school", school.urn, "--dry-run")
    assert "row 2, column Gender, value '?'" in output


def test_skip_invalid_imports_the_good_rows(school, export):
    path = export([row(1), row(2, Year="99")])
    output = run(path, "--school", school.urn, "--skip-invalid")
    assert "Created: 1" in output
    assert "Left out 1 row with problems." in output
    assert list(Pupil.objects.values_list("upn", flat=True)) == [upn(1)]


def test_a_bad_file_is_one_message(school, tmp_path):
    path = tmp_path / "pupils.xlsx"
    path.write_bytes(b"PK\x03\x04 a workbook")
    _, message = run_failing(path, "--school", school.urn)
    assert message.startswith("pupils.xlsx: This is an Excel workbook")


def test_a_file_over_the_limit_is_refused(school, export, settings):
    settings.IMPORT_MAX_BYTES = 50
    _, message = run_failing(export([row(1)]), "--school", school.urn)
    assert "larger than" in message


def test_duplicate_upns_are_refused(school, export):
    _, message = run_failing(export([row(1), row(1)]), "--school", school.urn)
    assert f"{upn(1)} on rows 2 and 3" in message


def test_an_unknown_school_or_file(school, export, tmp_path):
    _, message = run_failing(export([row(1)]), "--school", "000000")
    assert "no school with URN 000000" in message
    _, message = run_failing(tmp_path / "missing.csv", "--school", school.urn)
    assert "There is no file" in message


def test_verbose_output_names_the_pupils(school, pupil, export):
    path = export([row(1)])
    out = io.StringIO()
    call_command("import_pupils", str(path), "--school", school.urn, verbosity=2, stdout=out)
    assert f"row 2: new pupil Sam Pupil1 ({upn(1)})" in out.getvalue()


# --- --contacts: a contacts file from the command line ----------------------------------------

CONTACTS = Path(__file__).parent / "data" / "sims_contacts.csv"


@pytest.fixture
def khan_and_nowak(school):
    from senco import factories as f

    return (
        f.PupilFactory(school=school, upn=upn(1), forename="Amira", legal_surname="Khan"),
        f.PupilFactory(school=school, upn=upn(2), forename="Kacper", legal_surname="Nowak"),
    )


def test_contacts_are_imported_from_the_command_line(school, khan_and_nowak):
    khan, nowak = khan_and_nowak
    output = run(CONTACTS, "--school", school.urn, "--contacts")
    assert "New contacts: 4" in output
    assert "Errors: 0 in 0 rows" in output
    assert "Imported sims_contacts.csv" in output
    assert sorted(khan.contacts.values_list("name", flat=True)) == ["Imran Khan", "Sana Khan"]
    assert nowak.contacts.count() == 2
    events = AuditEvent.objects.filter(action="contact.import")
    assert events.count() == 4
    assert {e.detail["filename"] for e in events} == {"sims_contacts.csv"}
    assert AuditEvent.objects.get(action="import.apply").detail["batch"] is None
    again = run(CONTACTS, "--school", school.urn, "--contacts")
    assert "New contacts: 0" in again
    assert "Unchanged: 4" in again


def test_a_contacts_dry_run_writes_nothing(school, khan_and_nowak):
    output = run(CONTACTS, "--school", school.urn, "--contacts", "--dry-run")
    assert "New contacts: 4" in output
    assert "Dry run: nothing was written." in output
    assert not khan_and_nowak[0].contacts.exists()


def test_a_bad_contacts_row_stops_the_whole_file(school, khan_and_nowak, tmp_path):
    path = tmp_path / "contacts.csv"
    text = CONTACTS.read_text()
    path.write_text(text + "X999999999999,Nobody,Here,Smith,Jo,Aunt,Y,1,,,N\n")
    output, refusal = run_failing(path, "--school", school.urn, "--contacts")
    assert "Errors: 1 in 1 row" in output
    assert "row 6" in output.lower()
    assert "Nothing was imported" in refusal
    assert not khan_and_nowak[0].contacts.exists()
    output = run(path, "--school", school.urn, "--contacts", "--skip-invalid")
    assert "Left out 1 row with problems." in output
    assert khan_and_nowak[0].contacts.count() == 2
