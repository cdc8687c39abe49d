"""A file is read as one encoding or refused, naming the lines; never garbled. A file with
more rows than a school could have is refused."""

import pytest

from senco.imports.parsing import ImportFileError, decode_upload, parse_pupils
from senco.imports.tests.helpers import csv_text, row


def test_a_stray_windows_byte_in_a_utf8_file_is_refused_naming_its_line():
    text = csv_text([row(1, **{"Legal Forename": "Esmé"}), row(2, **{"Legal Forename": "Zoë"})])
    raw = text.encode("utf-8")
    lines = raw.split(b"\n")
    lines[2] = lines[2].replace("Zoë".encode(), "Zoë".encode("cp1252"))
    with pytest.raises(ImportFileError, match=r"line 3 is not"):
        decode_upload(b"\n".join(lines))


def test_a_whole_windows_file_is_read_as_windows():
    raw = csv_text([row(1, **{"Legal Forename": "Esmé"})]).encode("cp1252")
    assert "Esmé" in decode_upload(raw)


def test_a_utf8_file_is_read_as_utf8():
    raw = csv_text([row(1, **{"Legal Forename": "Łucja"})]).encode("utf-8-sig")
    assert "Łucja" in decode_upload(raw)


def test_more_rows_than_a_school_has_is_refused(settings):
    settings.IMPORT_MAX_ROWS = 3
    with pytest.raises(ImportFileError, match="4 pupil rows, more than any one school"):
        parse_pupils(csv_text([row(n) for n in range(1, 5)]))
    assert parse_pupils(csv_text([row(n) for n in range(1, 4)])).row_count == 3
