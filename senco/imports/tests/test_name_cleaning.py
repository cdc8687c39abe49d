"""Names read from an import file lose control characters and bidirectional overrides."""

import datetime

from senco.imports.parsing import parse_name, parse_pupils
from senco.imports.tests.helpers import csv_text, row


def test_a_name_cell_is_cleaned():
    assert parse_name("\u202eSam\u2069\x00 ", "forename") == "Sam"


def test_names_in_a_file_are_cleaned():
    text = csv_text(
        [row(1, **{"Legal Surname": "O\u2066Brien\u2069", "Legal Forename": "Ali\x1b"})]
    )
    parsed = parse_pupils(text, today=datetime.date(2026, 1, 15))
    assert parsed.errors == []
    values = parsed.rows[0].values
    assert (values["legal_surname"], values["forename"]) == ("OBrien", "Ali")


def test_a_name_of_nothing_but_controls_is_refused_as_empty():
    parsed = parse_pupils(
        csv_text([row(1, **{"Legal Forename": "\u202e\u202c"})]), today=datetime.date(2026, 1, 15)
    )
    assert parsed.rows == []
    assert parsed.errors[0].column == "Legal Forename"
