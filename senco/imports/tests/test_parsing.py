import datetime
import io

import pytest

from senco.imports.parsing import (
    ImportFileError,
    RowError,
    decode_upload,
    parse_pupils,
    read_upload,
)
from senco.imports.tests.helpers import HEADINGS, csv_bytes, csv_text, row, upn

TODAY = datetime.date(2026, 1, 15)


def parse(text: str):
    return parse_pupils(text, today=TODAY)


def one(**overrides):
    """The values of a one-pupil file, or its errors."""
    parsed = parse(csv_text([row(1, **overrides)]))
    return parsed.rows[0].values if parsed.rows else parsed.errors


def error_of(**overrides) -> RowError:
    parsed = parse(csv_text([row(1, **overrides)]))
    assert parsed.rows == []
    assert len(parsed.errors) == 1, parsed.errors
    return parsed.errors[0]


def refusal(raw: bytes) -> str:
    with pytest.raises(ImportFileError) as caught:
        parse(decode_upload(raw))
    return str(caught.value)


# --- A good file ---------------------------------------------------------------------------


def test_it_reads_every_column_of_a_sims_export():
    values = one(**{"SEN Status": "K", "Primary Need": "SLCN", "Secondary Need": "SEMH"})
    assert values == {
        "upn": upn(1),
        "legal_surname": "Pupil1",
        "forename": "Sam",
        "date_of_birth": datetime.date(2013, 9, 1),
        "sex": "F",
        "year_group": 7,
        "reg_group": "7A",
        "pupil_premium": False,
        "eal": False,
        "looked_after": False,
        "sen_provision": "K",
        "primary_need": "SLCN",
        "secondary_need": "SEMH",
    }


def test_row_numbers_are_as_a_spreadsheet_shows_them():
    text = csv_text([row(1), row(2, DOB="nonsense"), row(3, Gender="X")])
    parsed = parse(text)
    assert [r.row for r in parsed.rows] == [2]
    assert [(e.row, e.column) for e in parsed.errors] == [(3, "DOB"), (4, "Gender")]
    assert parsed.row_count == 3


def test_blank_lines_are_skipped_but_still_counted_as_rows():
    text = csv_text([row(1)]) + "\r\n,,,\r\n" + csv_text([row(2, DOB="x")]).split("\r\n", 1)[1]
    parsed = parse(text)
    assert parsed.row_count == 2
    assert parsed.errors[0].row == 5  # heading, pupil, blank line, empty cells, pupil


def test_a_row_error_reads_as_row_column_value_and_message():
    error = error_of(DOB="31/02/2013")
    assert str(error).startswith("row 2, column DOB, value '31/02/2013': ")


# --- Headings ------------------------------------------------------------------------------

ALIASES = {
    "upn": ["UPN", "upn", " U.P.N "],
    "legal_surname": ["Legal Surname", "legal_surname", "Surname", "Family name", "SURNAME"],
    "forename": ["Forename", "Legal Forename", "First name", "first-name"],
    "date_of_birth": ["DOB", "Date of Birth", "Birth date", "date_of_birth"],
    "sex": ["Gender", "Sex"],
    "year_group": ["Year", "Year Group", "NC Year", "Curriculum Year"],
    "reg_group": ["Reg Group", "Reg", "Form", "Registration Group", "Tutor Group", "Class"],
    "pupil_premium": ["Pupil Premium", "PP", "FSM", "FSM Eligible", "Ever 6 FSM", "Disadvantaged"],
    "eal": ["EAL", "English as an Additional Language"],
    "looked_after": ["Looked After", "LAC", "CLA", "In Care"],
    "sen_provision": ["SEN Status", "SEN Provision", "SEN"],
    "primary_need": ["Primary Need", "SEN Primary Need", "Primary SEN Need", "Need 1"],
    "secondary_need": ["Secondary Need", "SEN Secondary Need", "Need 2"],
}
DEFAULT_HEADING = dict(zip(ALIASES, HEADINGS, strict=True))


@pytest.mark.parametrize(
    ("field", "heading"), [(f, h) for f, headings in ALIASES.items() for h in headings]
)
def test_it_recognises_the_headings_of_every_mis(field, heading):
    headings = [heading if h == DEFAULT_HEADING[field] else h for h in HEADINGS]
    values = row(1, **{"SEN Status": "K", "Primary Need": "ASD"})
    values[heading] = values.pop(DEFAULT_HEADING[field])
    parsed = parse(csv_text([values], headings))
    assert parsed.headings[field] == heading.strip()
    assert parsed.errors == []
    assert field in parsed.rows[0].values


def test_first_language_is_not_eal():
    headings = [h for h in HEADINGS if h != "EAL"] + ["First Language"]
    parsed = parse(csv_text([row(1, **{"First Language": "Polish"})], headings))
    assert "eal" not in parsed.headings
    assert "eal" not in parsed.rows[0].values
    assert "First Language" in parsed.ignored


def test_unknown_columns_are_ignored_and_named():
    headings = HEADINGS + ["Admission Number", "Ethnicity"]
    parsed = parse(csv_text([row(1, **{"Admission Number": "001"})], headings))
    assert parsed.ignored == ["Admission Number", "Ethnicity"]
    assert parsed.errors == []


def test_a_second_column_for_the_same_thing_is_ignored():
    headings = HEADINGS + ["FSM"]
    parsed = parse(csv_text([row(1, PP="Y", FSM="N")], headings))
    assert parsed.rows[0].values["pupil_premium"] is True
    assert parsed.ignored == ["FSM"]


def test_only_the_required_columns_are_needed():
    headings = ["UPN", "Surname", "Forename", "DOB", "Sex", "Year"]
    values = {"UPN": upn(1), "Surname": "Ng", "Forename": "Al", "DOB": "2013-09-01"}
    parsed = parse(csv_text([values | {"Sex": "M", "Year": "Y7"}], headings))
    assert set(parsed.rows[0].values) == {
        "upn",
        "legal_surname",
        "forename",
        "date_of_birth",
        "sex",
        "year_group",
    }
    assert not parsed.has_sen
    assert "no SEN provision column" in parsed.notes[0]


def test_without_a_provision_column_the_need_columns_are_ignored():
    headings = [h for h in HEADINGS if h != "SEN Status"]
    parsed = parse(csv_text([row(1, **{"Primary Need": "ASD"})], headings))
    assert "primary_need" not in parsed.rows[0].values
    assert "Primary Need" in parsed.ignored
    assert "Secondary Need" in parsed.ignored


def test_without_a_secondary_need_column_the_secondary_need_is_blank():
    headings = [h for h in HEADINGS if h != "Secondary Need"]
    parsed = parse(csv_text([row(1, **{"SEN Status": "K", "Primary Need": "ASD"})], headings))
    assert parsed.rows[0].values["secondary_need"] == ""
    assert any("secondary need column" in note for note in parsed.notes)


def test_a_missing_required_column_is_named_with_the_headings_found():
    headings = ["UPN", "Surname", "Forename", "Gender"]
    message = refusal(csv_bytes([row(1)], headings))
    assert "no column for Date of birth and Year group" in message
    assert "'UPN', 'Surname', 'Forename', 'Gender'" in message


def test_a_file_without_a_heading_row_is_refused():
    message = refusal(b"A1234,Smith,John\nB1234,Jones,Ann\n")
    assert "cannot find a row of column headings" in message
    assert "'A1234', 'Smith', 'John'" in message


# --- Encodings and delimiters --------------------------------------------------------------


def test_it_reads_utf8_with_a_byte_order_mark():
    raw = "\ufeff".encode() + csv_bytes([row(1, **{"Legal Forename": "Zoë"})])
    parsed = parse(decode_upload(raw))
    assert parsed.headings["upn"] == "UPN"
    assert parsed.rows[0].values["forename"] == "Zoë"


def test_it_reads_windows_1252_with_accents():
    raw = csv_bytes(
        [row(1, **{"Legal Forename": "Zoë", "Legal Surname": "Beyoncé"})], encoding="cp1252"
    )
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    values = parse(decode_upload(raw)).rows[0].values
    assert (values["forename"], values["legal_surname"]) == ("Zoë", "Beyoncé")


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_it_reads_commas_semicolons_and_tabs(delimiter):
    rows = [row(1, **{"Legal Surname": "Smith, Jr"}), row(2)]
    parsed = parse(csv_text(rows, delimiter=delimiter))
    assert [r.values["legal_surname"] for r in parsed.rows] == ["Smith, Jr", "Pupil2"]


def test_a_semicolon_file_with_commas_in_names_is_read_by_semicolons():
    text = "UPN;Surname;Forename;DOB;Sex;Year\n" + f"{upn(1)};Smith, Jr;Al;01/09/2013;M;7\n"
    assert parse(text).rows[0].values["legal_surname"] == "Smith, Jr"


# --- Bad files -----------------------------------------------------------------------------


@pytest.mark.parametrize("raw", [b"", b"   \r\n", b"\xef\xbb\xbf", b"\r\n\r\n"])
def test_an_empty_file_is_refused(raw):
    with pytest.raises(ImportFileError, match="The file is empty"):
        parse(decode_upload(raw))


def test_a_file_with_only_headings_is_refused():
    assert "no pupils" in refusal(csv_bytes([]))


def test_an_xlsx_is_refused():
    assert "Excel workbook" in refusal(b"PK\x03\x04\x14\x00\x06\x00rest of a zip")


def test_an_old_xls_is_refused():
    assert "Excel workbook" in refusal(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")


def test_a_file_with_nul_bytes_is_refused():
    assert "binary data" in refusal(b"UPN,Surname\x00\x00,Forename\n")


def test_a_utf16_file_is_refused_with_advice():
    assert "UTF-16" in refusal("UPN,Surname\n".encode("utf-16"))


def test_bytes_that_are_not_text_are_refused():
    assert "could not be read as text" in refusal(b"UPN,\x81\x8d\x8f\x90\x9d\n")


def test_a_file_over_the_limit_is_refused_before_it_is_read(settings):
    settings.IMPORT_MAX_BYTES = 100

    class Unreadable(io.BytesIO):
        def read(self, *args):
            raise AssertionError("read a file known to be too big")

    with pytest.raises(ImportFileError, match="larger than"):
        read_upload(Unreadable(), size=101)


def test_a_file_over_the_limit_without_a_known_size_is_refused(settings):
    settings.IMPORT_MAX_BYTES = 100
    with pytest.raises(ImportFileError, match="larger than"):
        read_upload(io.BytesIO(b"x" * 101), size=None)
    assert read_upload(io.BytesIO(b"x" * 100), size=None) == b"x" * 100


def test_duplicate_upns_are_refused_naming_the_rows():
    rows = [row(1), row(2), row(1, **{"Legal Surname": "Again"}), row(3)]
    message = refusal(csv_bytes(rows))
    assert f"{upn(1)} on rows 2 and 4" in message
    assert "Remove the repeated rows" in message


def test_duplicates_are_found_whatever_the_case_and_spaces():
    rows = [row(1), row(2, UPN=" " + upn(1).lower() + " ")]
    assert f"{upn(1)} on rows 2 and 3" in refusal(csv_bytes(rows))


# --- UPNs ----------------------------------------------------------------------------------


def test_a_upn_is_uppercased_and_stripped():
    assert one(UPN=f"  {upn(1).lower()} ")["upn"] == upn(1)


def test_a_upn_with_the_wrong_check_letter_is_an_error():
    good = upn(1)
    wrong = ("B" if good[0] != "B" else "C") + good[1:]
    error = error_of(UPN=wrong)
    assert error.column == "UPN"
    assert error.value == wrong
    assert "check letter" in error.message


def test_a_blank_upn_is_an_error():
    assert "UPN is blank" in error_of(UPN="").message


def test_a_upn_of_the_wrong_length_is_an_error():
    assert "13 characters" in error_of(UPN="A12345").message


# --- Names ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["O'Brien-Łukasiewicz", "Zoë", "李", "Łukasz", "Nguyễn", "Smith Jones", "Ó Súilleabháin"],
)
def test_names_are_kept_exactly(name):
    values = one(**{"Legal Surname": name, "Legal Forename": name})
    assert values["legal_surname"] == name
    assert values["forename"] == name


def test_names_are_stripped_and_normalised_to_nfc():
    assert one(**{"Legal Forename": "  Zoe\u0308 "})["forename"] == "Zoë"


def test_a_blank_name_is_an_error():
    error = error_of(**{"Legal Surname": "  "})
    assert (error.column, error.message) == (
        "Legal Surname",
        "The surname is blank. Add it in the MIS and export again.",
    )


@pytest.mark.parametrize("value", ['=HYPERLINK("http://x")', "+44", "-7A", "@SUM(A1)", "=1+1"])
def test_formula_like_cells_are_kept_as_plain_text(value):
    values = one(**{"Legal Surname": value, "Reg Group": value})
    assert values["legal_surname"] == value
    assert values["reg_group"] == value


# --- Dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["01/09/2013", "1/9/2013", "2013-09-01", "01/09/2013 00:00", "01/09/2013 00:00:00"]
)
def test_dates_of_birth_in_either_format(text):
    assert one(DOB=text)["date_of_birth"] == datetime.date(2013, 9, 1)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("31/02/2013", "no such date"),
        ("2013-13-01", "no such date"),
        ("2013/09/01", "not a date"),
        ("09-01-2013", "not a date"),
        ("", "blank"),
        ("16/01/2026", "in the future"),
        ("14/01/2001", "more than 25 years ago"),
    ],
)
def test_bad_dates_of_birth(text, message):
    assert message in error_of(DOB=text).message


def test_a_date_of_birth_exactly_25_years_ago_is_fine():
    assert one(DOB="15/01/2001")["date_of_birth"] == datetime.date(2001, 1, 15)


# --- Codes ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"), [("M", "M"), ("f", "F"), ("Male", "M"), ("FEMALE", "F"), (" m ", "M")]
)
def test_sex(text, code):
    assert one(Gender=text)["sex"] == code


@pytest.mark.parametrize("text", ["X", "", "U", "Boy"])
def test_a_bad_sex(text):
    assert "Use M or F" in error_of(Gender=text).message


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("R", 0),
        ("Reception", 0),
        ("rec", 0),
        ("YR", 0),
        ("N1", -2),
        ("N2", -1),
        ("1", 1),
        ("7", 7),
        ("14", 14),
        ("Year 7", 7),
        ("Y7", 7),
        ("Yr 7", 7),
        ("year 11", 11),
        ("07", 7),
    ],
)
def test_year_groups(text, year):
    assert one(Year=text)["year_group"] == year


@pytest.mark.parametrize("text", ["0", "15", "X", "", "Year 15", "Nursery"])
def test_a_bad_year_group(text):
    assert "not a year group" in error_of(Year=text).message


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Y", True),
        ("yes", True),
        ("TRUE", True),
        ("1", True),
        ("T", True),
        ("N", False),
        ("No", False),
        ("false", False),
        ("0", False),
        ("f", False),
        ("", False),
    ],
)
def test_yes_and_no(text, value):
    values = one(PP=text, EAL=text, LAC=text)
    assert (values["pupil_premium"], values["eal"], values["looked_after"]) == (value,) * 3


def test_a_bad_yes_or_no():
    error = error_of(LAC="maybe")
    assert (error.column, error.value) == ("LAC", "maybe")
    assert "Use Y or N" in error.message


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("N", "N"),
        ("", "N"),
        ("No SEN", "N"),
        ("k", "K"),
        ("SEN Support", "K"),
        ("E", "E"),
        ("EHC Plan", "E"),
        ("EHCP", "E"),
    ],
)
def test_sen_provision(text, code):
    need = "" if code == "N" else "MLD"
    assert one(**{"SEN Status": text, "Primary Need": need})["sen_provision"] == code


@pytest.mark.parametrize(
    ("code", "words"),
    [("A", "School Action"), ("P", "School Action Plus"), ("S", "Statement")],
)
def test_legacy_provision_codes_must_be_recoded(code, words):
    error = error_of(**{"SEN Status": code, "Primary Need": "MLD"})
    assert error.column == "SEN Status"
    assert words in error.message
    assert "Recode the pupil in the MIS" in error.message


def test_a_bad_provision():
    assert "Use N (no SEN)" in error_of(**{"SEN Status": "Q"}).message


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("SLCN", "SLCN"),
        ("asd", "ASD"),
        ("SpLD", "SPLD"),
        ("semh", "SEMH"),
        ("NSA", "NSA"),
        ("Moderate learning difficulty", "MLD"),
        ("Social, emotional and mental health", "SEMH"),
    ],
)
def test_needs_by_code_or_label(text, code):
    values = one(**{"SEN Status": "K", "Primary Need": text})
    assert values["primary_need"] == code


def test_a_bad_need():
    error = error_of(**{"SEN Status": "K", "Primary Need": "ADHD"})
    assert error.column == "Primary Need"
    assert "not a census type of need" in error.message


@pytest.mark.parametrize("provision", ["K", "E"])
def test_sen_support_or_a_plan_without_a_primary_need_is_an_error(provision):
    error = error_of(**{"SEN Status": provision, "Secondary Need": "ASD"})
    assert error.column == "Primary Need"
    assert "must have a primary need" in error.message


def test_without_a_primary_need_column_the_error_is_on_the_provision_column():
    headings = [h for h in HEADINGS if h != "Primary Need"]
    parsed = parse(csv_text([row(1, **{"SEN Status": "K"})], headings))
    assert parsed.errors[0].column == "SEN Status"


def test_needs_of_a_pupil_without_sen_are_ignored():
    values = one(**{"SEN Status": "N", "Primary Need": "ASD", "Secondary Need": "HI"})
    assert (values["primary_need"], values["secondary_need"]) == ("", "")


def test_the_secondary_need_must_differ_from_the_primary():
    error = error_of(**{"SEN Status": "K", "Primary Need": "ASD", "Secondary Need": "asd"})
    assert error.column == "Secondary Need"


def test_every_problem_of_a_row_is_reported():
    parsed = parse(csv_text([row(1, DOB="x", Gender="x", Year="x")]))
    assert [e.column for e in parsed.errors] == ["DOB", "Gender", "Year"]
    assert {e.row for e in parsed.errors} == {2}


def test_a_short_row_counts_its_missing_cells_as_blank():
    text = "UPN,Surname,Forename,DOB,Sex,Year\n" + f"{upn(1)},Ng,Al\n"
    parsed = parse(text)
    assert [e.column for e in parsed.errors] == ["DOB", "Sex", "Year"]
