"""Reading CSV exports of attendance, suspensions and results from SIMS, Arbor or Bromcom.

No database here: text in, checked values (or what is wrong, by row and column heading) out.
`senco.outcomes.import_services` matches the rows with the school's pupils and writes them.

Row numbers are the ones a spreadsheet shows. A SIMS report puts a title line (and sometimes
a blank line) above the headings: the heading row is the first row holding a UPN heading, and
rows are still numbered from the top of the file.
"""

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.conf import settings

from senco.lib.clock import academic_year_label, academic_year_of, school_terms
from senco.lib.csvfile import (
    DATE_FORMATS,
    DATE_SHAPE,
    MIDNIGHT,
    CellError,
    ImportFileError,
    RowError,
    csv_records,
    empty_file,
    heading_key,
    map_headings,
    parse_upn,
)
from senco.lib.upn import normalise_upn
from senco.outcomes.models import OutcomesImport, Period, Suspension

# How many rows above the headings may hold a report's title.
TITLE_ROWS = 10


@dataclass(frozen=True)
class Column:
    field: str
    label: str
    required: bool
    headings: tuple[str, ...]  # as SIMS, Arbor and Bromcom write them (and by hand)
    what: str = ""  # what to put in it, for the upload page and docs/outcomes.md

    @property
    def aliases(self) -> tuple[str, ...]:
        return tuple(heading_key(h) for h in self.headings)


UPN = Column("upn", "UPN", True, ("UPN", "Unique Pupil Number", "Pupil UPN", "Student UPN"))

ATTENDANCE_COLUMNS = (
    UPN,
    Column(
        "possible",
        "Possible sessions",
        True,
        ("Possible", "Possible Sessions", "Sessions Possible", "Possible Marks", "Poss"),
        "Sessions the pupil could have attended (a morning or an afternoon each)",
    ),
    Column(
        "attended",
        "Sessions attended",
        True,
        (
            "Present",
            "Attended",
            "Attended Sessions",
            "Sessions Attended",
            "Present Sessions",
            "Sessions Present",
            "Present Marks",
            "Attendance Marks",
        ),
        "Sessions present",
    ),
    Column(
        "aea",
        "Approved educational activity",
        False,
        ("AEA", "Approved Educational Activity", "AEA Sessions", "Approved Ed Activity"),
        "Sessions at an approved educational activity: counted as attended",
    ),
    Column(
        "authorised",
        "Authorised absence",
        True,
        (
            "Authorised Absences",
            "Authorised Absence",
            "Authorised",
            "Authorised Absence Sessions",
            "Auth Abs",
            "Authorised Absent Marks",
        ),
        "Sessions of authorised absence",
    ),
    Column(
        "unauthorised",
        "Unauthorised absence",
        True,
        (
            "Unauthorised Absences",
            "Unauthorised Absence",
            "Unauthorised",
            "Unauthorised Absence Sessions",
            "Unauth Abs",
            "Unauthorised Absent Marks",
        ),
        "Sessions of unauthorised absence",
    ),
    Column(
        "period",
        "Period",
        False,
        ("Period", "Period Name", "Term", "Half Term"),
        "The period of each row, as 'Autumn 1 2025/26', 'Spring term 2024/25' or "
        "'Year to date 2025/26'; leave the column out to choose the period on the form",
    ),
    Column(
        "starts",
        "Period start",
        False,
        ("Start Date", "Period Start", "From", "Date From", "From Date", "Start"),
        "The first day of each row's period (dd/mm/yyyy), with an end date",
    ),
    Column(
        "ends",
        "Period end",
        False,
        ("End Date", "Period End", "To", "Date To", "To Date", "End"),
        "The last day of each row's period (dd/mm/yyyy)",
    ),
)

SUSPENSION_COLUMNS = (
    UPN,
    Column(
        "starts",
        "Start date",
        True,
        (
            "Start Date",
            "Exclusion Start Date",
            "Suspension Start Date",
            "Date of Exclusion",
            "Exclusion Date",
            "Suspension Date",
            "Start",
            "Date",
        ),
        "The first day of the suspension or exclusion (dd/mm/yyyy)",
    ),
    Column(
        "kind",
        "Type",
        True,
        ("Type", "Exclusion Type", "Suspension Type", "Category", "Kind"),
        "Suspension, Fixed term, Fixed period (or FT, FP, F) or Permanent (P, PE)",
    ),
    Column(
        "days",
        "Length in days",
        False,
        ("Days", "Length", "Length (Days)", "Duration", "Duration (Days)", "Number of Days"),
        "School days, halves allowed (2.5); or give sessions instead",
    ),
    Column(
        "sessions",
        "Length in sessions",
        False,
        (
            "Sessions",
            "Length (Sessions)",
            "Number of Sessions",
            "Sessions Missed",
            "Total Sessions",
        ),
        "Sessions (a day is 2); not needed for a permanent exclusion",
    ),
    Column(
        "reason",
        "Reason",
        True,
        ("Reason", "Reason Code", "Exclusion Reason", "Reason for Exclusion", "Suspension Reason"),
        "The DfE's reason code (PP, PA, VP, VA, US, BU, RA, LG, DS, SM, DA, DM, TH, PD, MT, OT) "
        "or its words",
    ),
)

RESULT_COLUMNS = (
    UPN,
    Column(
        "subject",
        "Subject",
        True,
        ("Subject", "Subject Name", "Course", "Aspect"),
        "A subject the school keeps on its subjects page, as 'Maths' or 'English'",
    ),
    Column(
        "result",
        "Result",
        True,
        ("Result", "Grade", "Score", "Mark", "Value", "Assessment", "Outcome", "Working At"),
        "A grade of the scale chosen on the form",
    ),
    Column(
        "teacher",
        "Teacher",
        False,
        ("Teacher", "Teacher Name", "Class Teacher", "Staff", "Teachers"),
        "Who teaches the pupil this subject; without it, the teachers of their teaching group",
    ),
    Column(
        "group",
        "Class",
        False,
        ("Class", "Teaching Group", "Group", "Set", "Class Name"),
        "The class or set (read, not stored)",
    ),
)

COLUMNS = {
    OutcomesImport.Kind.ATTENDANCE: ATTENDANCE_COLUMNS,
    OutcomesImport.Kind.SUSPENSIONS: SUSPENSION_COLUMNS,
    OutcomesImport.Kind.RESULTS: RESULT_COLUMNS,
}
WHAT = {
    OutcomesImport.Kind.ATTENDANCE: "the attendance",
    OutcomesImport.Kind.SUSPENSIONS: "the suspensions and exclusions",
    OutcomesImport.Kind.RESULTS: "the results",
}


# --- The file ----------------------------------------------------------------------------


@dataclass
class Table:
    """The file's records under its heading row, and which column is which."""

    indexes: dict[str, int]
    headings: dict[str, str]  # field -> the heading as in the file
    ignored: list[str]
    body: list[tuple[int, list[str]]]  # (row number, record), blank rows left out

    def cell(self, record: list[str], name: str) -> str:
        index = self.indexes.get(name)
        if index is None or index >= len(record):
            return ""
        return record[index].strip()


def _show(headings: list[str], limit: int = 15) -> str:
    shown = [f"'{h[:40]}'" for h in headings[:limit]]
    more = len(headings) - limit
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


def _has_upn(record: list[str], columns) -> bool:
    return any(heading_key(h) in UPN.aliases for h in record)


def read_table(text: str, kind: str) -> Table:
    """The file's heading row (the first with a UPN heading, under any title lines) and the
    rows beneath it. Raises ImportFileError when the file cannot be used at all."""
    what = WHAT[kind]
    columns = COLUMNS[kind]
    if not text.strip():
        raise ImportFileError(empty_file(what))
    numbered = [
        (n, r) for n, r in enumerate(csv_records(text), start=1) if any(c.strip() for c in r)
    ]
    if not numbered:
        raise ImportFileError(empty_file(what))
    heading_at = next(
        (i for i, (_n, record) in enumerate(numbered[:TITLE_ROWS]) if _has_upn(record, columns)),
        None,
    )
    if heading_at is None:
        found = [h.strip() for h in numbered[0][1] if h.strip()]
        raise ImportFileError(
            f"senco cannot find a row of column headings with a UPN column, so this may not be "
            f"an export of {what}. Add the UPN to the report in the MIS and export it again. "
            f"The first row of this file has: {_show(found)}."
        )
    indexes, headings, ignored = map_headings(
        numbered[heading_at][1], {alias: c.field for c in columns for alias in c.aliases}
    )
    missing = [c.label for c in columns if c.required and c.field not in indexes]
    if missing:
        words = missing[0] if len(missing) == 1 else ", ".join(missing[:-1]) + " and " + missing[-1]
        raise ImportFileError(
            f"The file has no column for {words}, which senco needs. Add "
            f"{'it' if len(missing) == 1 else 'them'} to the report in the MIS and export it "
            f"again. The headings in the file are: {_show(list(headings.values()) + ignored)}."
        )
    body = numbered[heading_at + 1 :]
    if not body:
        raise ImportFileError(
            f"The file has column headings but no rows under them. Check that the report in "
            f"the MIS included {what}, export it again and upload that file."
        )
    limit = settings.IMPORT_MAX_ROWS * 20  # many periods or subjects a pupil
    if len(body) > limit:
        raise ImportFileError(
            f"The file has {len(body):,} rows, more than senco takes at once ({limit:,}). "
            "Export fewer years or periods at a time."
        )
    return Table(indexes, headings, ignored, body)


# --- Cells -------------------------------------------------------------------------------


def parse_date(value: str, what: str) -> datetime.date:
    text = MIDNIGHT.sub("", value.strip())
    if not text:
        raise CellError(f"The {what} is blank. Add it as dd/mm/yyyy, for example 04/11/2025.")
    for fmt in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    if DATE_SHAPE.fullmatch(text):
        raise CellError(f"There is no such date. Check the {what} in the MIS.")
    raise CellError(
        f"This is not a date senco can read. Write the {what} as dd/mm/yyyy, for example "
        "04/11/2025."
    )


def parse_count(value: str, what: str, *, blank_zero: bool = False) -> int:
    """A whole number of sessions, 0 or more ("12", "12.0"; blank is 0 where allowed)."""
    text = value.strip().replace(",", "")
    if not text and blank_zero:
        return 0
    if not text:
        raise CellError(f"The {what} is blank. Give a number of sessions, 0 or more.")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise CellError(
            f"The {what} must be a number of sessions, such as 120. Check the report's columns."
        ) from None
    if number < 0:
        raise CellError(f"The {what} cannot be negative. Check it in the MIS.")
    if number != number.to_integral_value():
        raise CellError(f"The {what} must be a whole number of sessions. Check it in the MIS.")
    if number > 100_000:
        raise CellError(f"The {what} is far more sessions than a school year has. Check it.")
    return int(number)


# --- Periods -----------------------------------------------------------------------------

HALVES = ("autumn", "spring", "summer")
PERIOD_CHOICES = [
    ("autumn1", "Autumn 1"),
    ("autumn2", "Autumn 2"),
    ("spring1", "Spring 1"),
    ("spring2", "Spring 2"),
    ("summer1", "Summer 1"),
    ("summer2", "Summer 2"),
    ("autumn", "Autumn term"),
    ("spring", "Spring term"),
    ("summer", "Summer term"),
    ("to_date", "Year to date"),
]
PERIOD_LABELS = dict(PERIOD_CHOICES)


@dataclass(frozen=True)
class PeriodSpec:
    """A period as a file or the form names it, before it is a Period row."""

    academic_year: int
    kind: str  # Period.Kind
    label: str
    starts: datetime.date
    ends: datetime.date

    def __str__(self) -> str:
        return f"{self.label} {academic_year_label(self.academic_year)}"

    def as_json(self) -> dict:
        return {
            "academic_year": self.academic_year,
            "kind": self.kind,
            "label": self.label,
            "starts": self.starts.isoformat(),
            "ends": self.ends.isoformat(),
        }

    @classmethod
    def from_json(cls, data: dict) -> "PeriodSpec":
        return cls(
            data["academic_year"],
            data["kind"],
            data["label"],
            datetime.date.fromisoformat(data["starts"]),
            datetime.date.fromisoformat(data["ends"]),
        )


def period_dates(
    choice: str, academic_year: int, saved_terms, *, today: datetime.date
) -> tuple[datetime.date, datetime.date]:
    """A period's first and last days from the school's term dates: a half term is its term
    split in two at the middle (to the day, as a default the SENCO may change)."""
    terms = {t.name: t for t in school_terms(saved_terms, academic_year)}
    if choice == "to_date":
        last = terms["summer"].ends_on
        return terms["autumn"].starts_on, min(last, max(today, terms["autumn"].starts_on))
    term = terms[choice.rstrip("12")]
    if choice in HALVES:
        return term.starts_on, term.ends_on
    middle = term.starts_on + (term.ends_on - term.starts_on) / 2
    if choice.endswith("1"):
        return term.starts_on, middle
    return middle + datetime.timedelta(days=1), term.ends_on


def period_spec(
    choice: str,
    academic_year: int,
    saved_terms,
    *,
    today: datetime.date,
    starts: datetime.date | None = None,
    ends: datetime.date | None = None,
) -> PeriodSpec:
    default_starts, default_ends = period_dates(choice, academic_year, saved_terms, today=today)
    if choice == "to_date":
        kind = Period.Kind.TO_DATE
    elif choice in HALVES:
        kind = Period.Kind.TERM
    else:
        kind = Period.Kind.HALF_TERM
    return PeriodSpec(
        academic_year, kind, PERIOD_LABELS[choice], starts or default_starts, ends or default_ends
    )


PERIOD_WORDS = {heading_key(label): choice for choice, label in PERIOD_CHOICES}
PERIOD_WORDS.update(
    {
        "autumnterm": "autumn",
        "springterm": "spring",
        "summerterm": "summer",
        "aut1": "autumn1",
        "aut2": "autumn2",
        "spr1": "spring1",
        "spr2": "spring2",
        "sum1": "summer1",
        "sum2": "summer2",
        "ytd": "to_date",
        "wholeyear": "to_date",
        "year": "to_date",
    }
)
PERIOD_NAME = re.compile(r"(?P<name>.*?)\s*(?P<year>\d{4})(?:\s*[/-]\s*(?P<next>\d{2}|\d{4}))?$")


def parse_period(value: str, saved_terms, *, today: datetime.date) -> PeriodSpec:
    match = PERIOD_NAME.match(value.strip())
    choice = PERIOD_WORDS.get(heading_key(match.group("name"))) if match else None
    if not match or choice is None:
        raise CellError(
            "senco cannot read this period. Write it as a half term, a term or 'Year to date' "
            "and the academic year, for example 'Autumn 1 2025/26' or 'Spring term 2024/25'."
        )
    year = int(match.group("year"))
    if match.group("next") is None and choice.startswith(("spring", "summer")):
        year -= 1  # "Spring 2 2026" is in 2025/26
    return period_spec(choice, year, saved_terms, today=today)


def spec_from_dates(starts: datetime.date, ends: datetime.date) -> PeriodSpec:
    year = academic_year_of(starts)
    label = f"{starts:%-d %b %Y} to {ends:%-d %b %Y}"
    return PeriodSpec(year, Period.Kind.TO_DATE, label[:60], starts, ends)


# --- Attendance --------------------------------------------------------------------------


@dataclass
class AttendanceRow:
    row: int
    upn: str
    period: PeriodSpec
    possible: int
    attended: int
    authorised: int
    unauthorised: int


@dataclass
class Parsed:
    kind: str
    table: Table
    rows: list = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def row_count(self) -> int:
        return len(self.table.body)

    @property
    def recognised(self) -> list[tuple[str, str]]:
        labels = {c.field: c.label for c in COLUMNS[self.kind]}
        return [(heading, labels[f]) for f, heading in self.table.headings.items()]


class _Row:
    """Reads one record's cells, collecting each cell's error by its heading."""

    def __init__(self, number: int, record: list[str], table: Table, errors: list[RowError]):
        self.number, self.record, self.table, self.errors = number, record, table, errors
        self.bad = False

    def raw(self, name: str) -> str:
        return self.table.cell(self.record, name)

    def take(self, name: str, parser, *args, **kwargs):
        raw = self.raw(name)
        try:
            return parser(raw, *args, **kwargs)
        except CellError as error:
            self.fail(name, str(error))
            return None

    def fail(self, name: str, message: str) -> None:
        self.bad = True
        heading = self.table.headings.get(name, name)
        self.errors.append(RowError(self.number, heading, self.raw(name)[:60], message))


def parse_attendance(
    text: str, *, period: PeriodSpec | None, saved_terms=(), today: datetime.date
) -> Parsed:
    """An attendance file. `period` is the one chosen on the form; a file with a period
    column, or start and end date columns, gives each row its own."""
    table = read_table(text, OutcomesImport.Kind.ATTENDANCE)
    has = table.indexes
    if period is None and "period" not in has and not ("starts" in has and "ends" in has):
        raise ImportFileError(
            "The file has no period column, and no start and end date columns, so senco does "
            "not know which period it is for. Choose the period on the form, or add the "
            "columns to the report."
        )
    parsed = Parsed(OutcomesImport.Kind.ATTENDANCE, table)
    seen: dict[tuple[str, datetime.date, datetime.date], int] = {}
    for number, record in table.body:
        r = _Row(number, record, table, parsed.errors)
        upn = r.take("upn", parse_upn)
        spec = period
        if "period" in has and r.raw("period"):
            spec = r.take("period", parse_period, saved_terms, today=today)
        elif "starts" in has and "ends" in has and (r.raw("starts") or period is None):
            starts = r.take("starts", parse_date, "period's start date")
            ends = r.take("ends", parse_date, "period's end date")
            spec = None
            if starts and ends:
                if ends < starts:
                    r.fail("ends", "The period ends before it starts. Check the two dates.")
                else:
                    spec = spec_from_dates(starts, ends)
        elif spec is None:
            r.fail("period", "The period is blank. Give each row its period, or choose one.")
        if spec is not None and spec.starts > today:
            r.fail(
                "period" if "period" in has else "upn",
                f"{spec} has not started yet. Attendance can only be imported for the past.",
            )
        possible = r.take("possible", parse_count, "number of possible sessions")
        attended = r.take("attended", parse_count, "number of sessions attended")
        aea = (
            r.take(
                "aea",
                parse_count,
                "number of approved educational activity sessions",
                blank_zero=True,
            )
            if "aea" in has
            else 0
        )
        authorised = r.take("authorised", parse_count, "authorised absence", blank_zero=True)
        unauthorised = r.take("unauthorised", parse_count, "unauthorised absence", blank_zero=True)
        if None not in (possible, attended, aea):
            attended += aea
            if attended > possible:
                r.fail(
                    "attended",
                    f"{attended} sessions attended is more than the {possible} possible. "
                    "Check the pupil's figures in the MIS.",
                )
            elif None not in (authorised, unauthorised) and (
                attended + authorised + unauthorised > possible
            ):
                r.fail(
                    "possible",
                    f"Attended ({attended}), authorised ({authorised}) and unauthorised "
                    f"({unauthorised}) add up to more than the {possible} possible sessions. "
                    "Check the pupil's figures in the MIS.",
                )
        if upn and spec is not None:
            key = (upn, spec.starts, spec.ends)
            if key in seen:
                r.fail(
                    "upn",
                    f"This pupil is already on row {seen[key]} for {spec}. Each pupil can be "
                    "in a period once: remove one of the rows.",
                )
            else:
                seen[key] = number
        if not r.bad:
            parsed.rows.append(
                AttendanceRow(number, upn, spec, possible, attended, authorised, unauthorised)
            )
    parsed.errors.sort(key=lambda e: e.row)
    return parsed


# --- Suspensions -------------------------------------------------------------------------

KINDS = {
    "suspension": Suspension.Kind.SUSPENSION,
    "suspended": Suspension.Kind.SUSPENSION,
    "s": Suspension.Kind.SUSPENSION,
    "fixed": Suspension.Kind.SUSPENSION,
    "f": Suspension.Kind.SUSPENSION,
    "fixedterm": Suspension.Kind.SUSPENSION,
    "fixedtermexclusion": Suspension.Kind.SUSPENSION,
    "ft": Suspension.Kind.SUSPENSION,
    "fte": Suspension.Kind.SUSPENSION,
    "fixedperiod": Suspension.Kind.SUSPENSION,
    "fixedperiodexclusion": Suspension.Kind.SUSPENSION,
    "fp": Suspension.Kind.SUSPENSION,
    "fpe": Suspension.Kind.SUSPENSION,
    "lunchtime": Suspension.Kind.SUSPENSION,
    "lunchtimeexclusion": Suspension.Kind.SUSPENSION,
    "l": Suspension.Kind.SUSPENSION,
    "permanent": Suspension.Kind.PERMANENT,
    "permanentexclusion": Suspension.Kind.PERMANENT,
    "perm": Suspension.Kind.PERMANENT,
    "p": Suspension.Kind.PERMANENT,
    "pe": Suspension.Kind.PERMANENT,
    "pex": Suspension.Kind.PERMANENT,
}
REASONS = {heading_key(r.value): r.value for r in Suspension.Reason} | {
    heading_key(r.label): r.value for r in Suspension.Reason
}
REASONS.update(
    {
        "physicalassaultagainstpupil": "PP",
        "physicalassaultagainstadult": "PA",
        "verbalabusethreateningbehaviouragainstpupil": "VP",
        "verbalabusethreateningbehaviouragainstadult": "VA",
        "persistentdisruptivebehaviour": "PD",
        "drugandalcoholrelated": "DA",
        "other": "OT",
    }
)


@dataclass
class SuspensionRow:
    row: int
    upn: str
    kind: str
    starts: datetime.date
    sessions: int | None
    reason: str


def parse_kind(value: str) -> str:
    found = KINDS.get(heading_key(value))
    if found is None:
        raise CellError(
            "Use Suspension (also Fixed term, Fixed period, FT or FP) or Permanent exclusion "
            "(P or PE)."
        )
    return found


def parse_reason(value: str) -> str:
    found = REASONS.get(heading_key(value))
    if found is None:
        codes = ", ".join(r.value for r in Suspension.Reason)
        raise CellError(
            f"This is not one of the DfE's reasons. Use a code ({codes}) or its words, such as "
            "'Persistent or general disruptive behaviour'."
        )
    return found


def parse_days(value: str) -> int | None:
    """Days (halves allowed) as sessions: 2.5 days is 5 sessions."""
    text = value.strip()
    if not text:
        return None
    try:
        days = Decimal(text)
    except InvalidOperation:
        raise CellError("The length must be a number of days, such as 2 or 0.5.") from None
    sessions = days * 2
    if days <= 0 or sessions != sessions.to_integral_value():
        raise CellError("The length must be more than 0 days, in whole or half days (2.5).")
    if sessions > 200:
        raise CellError("A suspension is at most 45 days in a school year. Check the length.")
    return int(sessions)


def parse_sessions(value: str) -> int | None:
    if not value.strip():
        return None
    sessions = parse_count(value, "length in sessions")
    if sessions == 0:
        raise CellError("The length must be at least 1 session (half a day).")
    return sessions


def parse_suspensions(text: str, *, today: datetime.date) -> Parsed:
    table = read_table(text, OutcomesImport.Kind.SUSPENSIONS)
    has = table.indexes
    if "days" not in has and "sessions" not in has:
        raise ImportFileError(
            "The file has no column for the length (in days or in sessions), which senco needs "
            "for suspensions. Add it to the report in the MIS and export it again."
        )
    parsed = Parsed(OutcomesImport.Kind.SUSPENSIONS, table)
    seen: dict[tuple, int] = {}
    for number, record in table.body:
        r = _Row(number, record, table, parsed.errors)
        upn = r.take("upn", parse_upn)
        starts = r.take("starts", parse_date, "start date")
        if starts and starts > today:
            r.fail("starts", "The start date is in the future. Import a suspension once it starts.")
        kind = r.take("kind", parse_kind)
        reason = r.take("reason", parse_reason)
        sessions = None
        if kind == Suspension.Kind.SUSPENSION:
            if "sessions" in has and r.raw("sessions"):
                sessions = r.take("sessions", parse_sessions)
            elif "days" in has and r.raw("days"):
                sessions = r.take("days", parse_days)
            else:
                r.fail(
                    "days" if "days" in has else "sessions",
                    "The length is blank. Give the suspension's length in days or sessions.",
                )
        # A permanent exclusion has no length: whatever the file says is left out.
        if upn and kind and starts:
            key = (upn, kind, starts)
            if key in seen:
                r.fail(
                    "upn",
                    f"This pupil's {Suspension.Kind(kind).label.lower()} from "
                    f"{starts:%d/%m/%Y} is already on row {seen[key]}. Remove one of the rows.",
                )
            else:
                seen[key] = number
        if not r.bad:
            parsed.rows.append(SuspensionRow(number, upn, kind, starts, sessions, reason))
    parsed.errors.sort(key=lambda e: e.row)
    return parsed


# --- Results -----------------------------------------------------------------------------


@dataclass
class ResultRow:
    row: int
    upn: str
    subject_key: str
    subject: str  # as the file writes it
    grade: str
    value: Decimal
    teacher: str


def parse_results(text: str, *, subjects: dict[str, str], value_of) -> Parsed:
    """A data drop's results. `subjects` are the school's subjects (key -> name);
    `value_of(text)` is the scale's grade reader (senco.outcomes.scales.grade_value)."""
    table = read_table(text, OutcomesImport.Kind.RESULTS)
    parsed = Parsed(OutcomesImport.Kind.RESULTS, table)
    seen: dict[tuple[str, str], int] = {}
    for number, record in table.body:
        r = _Row(number, record, table, parsed.errors)
        upn = r.take("upn", parse_upn)
        subject = r.raw("subject")
        key = heading_key(subject)
        if not key:
            r.fail("subject", "The subject is blank. Give the subject of the result.")
        elif key not in subjects:
            r.fail(
                "subject",
                f"'{subject[:40]}' is not a subject the school teaches in senco. Add it on the "
                "subjects page, or correct the name in the file.",
            )
        grade = r.raw("result")
        value = r.take("result", value_of)
        teacher = r.raw("teacher")[:100]
        if upn and key in subjects:
            pair = (upn, key)
            if pair in seen:
                r.fail(
                    "upn",
                    f"This pupil already has a result in {subjects[key]} on row {seen[pair]}. "
                    "Each pupil can have one result a subject at a data drop: remove one.",
                )
            else:
                seen[pair] = number
        if not r.bad:
            parsed.rows.append(ResultRow(number, upn, key, subject, grade[:30], value, teacher))
    parsed.errors.sort(key=lambda e: e.row)
    return parsed


def upn_key(value: str) -> str:
    return normalise_upn(value.strip().upper())
