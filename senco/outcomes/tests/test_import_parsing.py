"""Reading attendance, suspensions and results as SIMS, Arbor and Bromcom export them."""

import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from senco.lib.csvfile import CellError, ImportFileError, decode_upload
from senco.outcomes.import_parsing import (
    PeriodSpec,
    parse_attendance,
    parse_period,
    parse_results,
    parse_suspensions,
    period_spec,
)
from senco.outcomes.models import Period, Scale
from senco.outcomes.scales import grade_value

FILES = Path(__file__).parent / "files"
TODAY = datetime.date(2026, 3, 1)
U1, U2, U3 = "X202400115001", "L202400115002", "A202400115003"
AUTUMN_1 = period_spec("autumn1", 2025, [], today=TODAY)


def text(name: str) -> str:
    return decode_upload((FILES / name).read_bytes(), what="the attendance")


def attendance(body: str, period: PeriodSpec | None = AUTUMN_1):
    return parse_attendance(body, period=period, saved_terms=[], today=TODAY)


def only_error(parsed):
    assert len(parsed.errors) == 1, parsed.errors
    return parsed.errors[0]


HEAD = "UPN,Possible,Present,Authorised Absences,Unauthorised Absences\n"


# --- Each MIS's layout -----------------------------------------------------------------------


def test_sims_attendance_with_a_title_line_bom_and_windows_line_ends():
    parsed = attendance(text("sims_attendance.csv"))
    assert parsed.errors == []
    assert [r.upn for r in parsed.rows] == [U1, U2, U3]
    first = parsed.rows[0]
    # Rows are numbered as a spreadsheet shows them: the headings are on row 3.
    assert first.row == 4
    # Approved educational activity counts as attended.
    assert (first.possible, first.attended, first.authorised, first.unauthorised) == (70, 62, 6, 2)
    assert "Attendance %" in parsed.table.ignored


def test_arbor_attendance():
    parsed = attendance(text("arbor_attendance.csv"))
    assert parsed.errors == []
    assert [(r.upn, r.attended) for r in parsed.rows] == [(U1, 62), (U2, 70)]


def test_bromcom_attendance():
    parsed = attendance(text("bromcom_attendance.csv"))
    assert parsed.errors == []
    assert [(r.upn, r.possible, r.authorised) for r in parsed.rows] == [(U1, 70, 6), (U3, 68, 10)]


def test_three_years_of_history_in_one_file():
    parsed = attendance(text("history_attendance.csv"), period=None)
    assert parsed.errors == []
    periods = {r.period for r in parsed.rows}
    assert len(periods) == 9
    assert {p.academic_year for p in periods} == {2023, 2024, 2025}
    assert {p.kind for p in periods} == {Period.Kind.HALF_TERM}


def test_a_period_by_its_dates():
    parsed = attendance(
        "UPN,Start Date,End Date,Possible,Present,Authorised,Unauthorised\n"
        f"{U1},01/09/2025,24/10/2025,70,60,8,2\n",
        period=None,
    )
    assert parsed.errors == []
    assert parsed.rows[0].period.starts == datetime.date(2025, 9, 1)
    assert parsed.rows[0].period.academic_year == 2025


def test_period_names():
    spring = parse_period("Spring 2 2026", [], today=TODAY)
    assert (spring.academic_year, spring.label) == (2025, "Spring 2")
    assert parse_period("Year to date 2024/25", [], today=TODAY).kind == Period.Kind.TO_DATE
    assert parse_period("Autumn term 2024-2025", [], today=TODAY).kind == Period.Kind.TERM
    with pytest.raises(CellError):
        parse_period("Michaelmas 2025", [], today=TODAY)


def test_no_period_anywhere_is_refused():
    with pytest.raises(ImportFileError, match="Choose the period"):
        attendance(HEAD + f"{U1},70,60,8,2\n", period=None)


def test_a_missing_column_is_named():
    with pytest.raises(ImportFileError, match="Unauthorised absence"):
        attendance("UPN,Possible,Present,Authorised Absences\n" + f"{U1},70,60,8\n")


def test_no_upn_heading_is_refused():
    with pytest.raises(ImportFileError, match="UPN"):
        attendance("Name,Possible\nAnn,70\n")


# --- Bad attendance rows: each named by row and column ----------------------------------------


@pytest.mark.parametrize(
    "cells, column, words",
    [
        ("70,71,0,0", "Present", "more than the 70 possible"),
        ("70,60,8,5", "Possible", "add up to more than"),
        ("70,-1,0,0", "Present", "cannot be negative"),
        ("70,sixty,0,0", "Present", "must be a number"),
        ("70,60.5,0,0", "Present", "whole number"),
    ],
)
def test_bad_attendance(cells, column, words):
    parsed = attendance(HEAD + f"{U1},{cells}\n")
    error = only_error(parsed)
    assert (error.row, error.column) == (2, column)
    assert words in error.message
    assert parsed.rows == []


def test_a_pupil_twice_in_one_period():
    parsed = attendance(HEAD + f"{U1},70,60,8,2\n{U1},70,61,7,2\n")
    error = only_error(parsed)
    assert (error.row, error.column) == (3, "UPN")
    assert "row 2" in error.message


def test_a_bad_upn():
    error = only_error(attendance(HEAD + "X202400115009,70,60,8,2\n"))
    assert (error.row, error.column) == (2, "UPN")


# --- Suspensions --------------------------------------------------------------------------


def test_sims_suspensions():
    parsed = parse_suspensions(text("sims_suspensions.csv"), today=TODAY)
    assert parsed.errors == []
    kinds = [(r.upn, r.kind, r.sessions, r.reason) for r in parsed.rows]
    assert kinds == [(U1, "S", 4, "PD"), (U2, "S", 1, "VA"), (U3, "P", None, "PA")]
    assert parsed.rows[0].row == 3


def test_arbor_suspensions_in_days():
    parsed = parse_suspensions(text("arbor_suspensions.csv"), today=TODAY)
    assert parsed.errors == []
    assert [r.sessions for r in parsed.rows] == [4, 1]


SUSPENSION_HEAD = "UPN,Type,Start Date,Days,Reason\n"


@pytest.mark.parametrize(
    "cells, column, words",
    [
        ("Fixed,02/03/2026,1,PD", "Start Date", "in the future"),
        ("Fixed,01/02/2026,1,XX", "Reason", "not one of the DfE's reasons"),
        ("Sent home,01/02/2026,1,PD", "Type", "Use Suspension"),
        ("Fixed,01/02/2026,0.3,PD", "Days", "half days"),
        ("Fixed,01/02/2026,,PD", "Days", "length is blank"),
        ("Fixed,31/02/2026,1,PD", "Start Date", "no such date"),
    ],
)
def test_bad_suspensions(cells, column, words):
    parsed = parse_suspensions(SUSPENSION_HEAD + f"{U1},{cells}\n", today=TODAY)
    error = only_error(parsed)
    assert (error.row, error.column) == (2, column)
    assert words in error.message


def test_a_permanent_exclusion_with_a_length_is_fine():
    parsed = parse_suspensions(SUSPENSION_HEAD + f"{U1},Permanent,01/02/2026,5,PA\n", today=TODAY)
    assert parsed.errors == []
    assert parsed.rows[0].sessions is None


# --- Results ------------------------------------------------------------------------------


def ta_scale():
    return Scale(name="Teacher assessment", kind=Scale.Kind.TEACHER_ASSESSMENT, expected=2)


def results(body, scale=None, subjects=None):
    scale = scale or ta_scale()
    return parse_results(
        body,
        subjects=subjects or {"english": "English", "maths": "Maths"},
        value_of=lambda value: grade_value(scale, value, grades={}),
    )


def test_results_as_exported():
    parsed = results(decode_upload((FILES / "results_ta.csv").read_bytes()))
    assert parsed.errors == []
    assert [(r.subject_key, r.grade, r.value, r.teacher) for r in parsed.rows] == [
        ("english", "EXS", 2, ""),
        ("maths", "WTS", 1, "Mr Patel"),
        ("english", "GDS", 3, "Ms Jones"),
        ("maths", "exs", 2, "Mr Patel"),
    ]


def test_a_grade_the_scale_does_not_hold_names_the_grades_it_does():
    error = only_error(results(f"UPN,Subject,Grade\n{U1},English,Secure\n"))
    assert (error.row, error.column) == (2, "Grade")
    assert "WTS" in error.message and "GDS" in error.message


def test_a_subject_the_school_does_not_teach():
    error = only_error(results(f"UPN,Subject,Grade\n{U1},Latin,EXS\n"))
    assert (error.row, error.column) == (2, "Subject")
    assert "subjects page" in error.message


def test_a_pupil_twice_for_one_subject():
    error = only_error(results(f"UPN,Subject,Grade\n{U1},English,EXS\n{U1},english,GDS\n"))
    assert (error.row, error.column) == (3, "UPN")


@pytest.mark.parametrize(
    "kind, grade, value",
    [
        (Scale.Kind.GCSE, "U", Decimal(0)),
        (Scale.Kind.GCSE, "9", Decimal(9)),
        (Scale.Kind.GCSE, "4-", Decimal("3.67")),
        (Scale.Kind.SCALED_SCORE, "104", Decimal(104)),
        (Scale.Kind.TEACHER_ASSESSMENT, "Greater depth", Decimal(3)),
    ],
)
def test_built_in_grades(kind, grade, value):
    scale = Scale(name="s", kind=kind, expected=0)
    assert grade_value(scale, grade, grades={}) == value


@pytest.mark.parametrize(
    "kind, grade",
    [(Scale.Kind.GCSE, "10"), (Scale.Kind.SCALED_SCORE, "79"), (Scale.Kind.GCSE, "U+")],
)
def test_grades_out_of_a_built_in_scale(kind, grade):
    with pytest.raises(CellError):
        grade_value(Scale(name="s", kind=kind, expected=0), grade, grades={})


def test_a_schools_own_grades():
    scale = Scale(name="Steps", kind=Scale.Kind.OWN, expected=3)
    grades = {"emerging": Decimal(1), "secure": Decimal(3)}
    assert grade_value(scale, " Secure ", grades=grades) == 3
    with pytest.raises(CellError, match="Emerging, Secure"):
        grade_value(scale, "Mastered", grades=grades, labels=["Emerging", "Secure"])
