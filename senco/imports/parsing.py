"""Reading a CSV export of pupils from the school's MIS (SIMS, Arbor, Bromcom).

No database here: this turns bytes into checked values, or says what is wrong and what to
do about it. `senco.imports.services` compares the result with the register and writes it.
The browser and the `import_pupils` command both come through here.

Row numbers are the ones a spreadsheet shows: the heading row is row 1.
"""

import datetime
import re
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from senco.lib.cleaning import clean_text
from senco.lib.codes import LEGACY_PROVISION, YEAR_GROUPS, Need, Provision, Sex
from senco.lib.csvfile import (  # noqa: F401  (the generic CSV reading, kept importable here)
    DATE_FORMATS,
    DATE_SHAPE,
    MIDNIGHT,
    CellError,
    ImportFileError,
    RowError,
    csv_records,
    decode_upload,
    empty_file,
    heading_key,
    map_headings,
    parse_upn,
    read_upload,
)
from senco.lib.upn import normalise_upn

_records = csv_records  # the contacts import reads the records through this name

MAX_AGE_YEARS = 25
EMPTY = empty_file("the pupils")


@dataclass(frozen=True)
class Column:
    field: str
    label: str
    required: bool
    aliases: tuple[str, ...]


# "First Language" is deliberately not an alias of EAL: a pupil whose first language is
# recorded is not thereby EAL, and guessing would put wrong figures in the census.
# The headings of a SIMS pupil export, in its order: what the demo's and the benchmark's
# files (and the tests') are written with.
SIMS_HEADINGS = [
    "UPN",
    "Legal Surname",
    "Legal Forename",
    "DOB",
    "Gender",
    "Year",
    "Reg Group",
    "PP",
    "EAL",
    "LAC",
    "SEN Status",
    "Primary Need",
    "Secondary Need",
]

COLUMNS = (
    Column("upn", "UPN", True, ("upn", "uniquepupilnumber", "pupilupn")),
    Column(
        "legal_surname",
        "Surname",
        True,
        ("legalsurname", "surname", "familyname", "lastname"),
    ),
    Column(
        "forename",
        "Forename",
        True,
        ("forename", "legalforename", "firstname", "forenames", "legalforenames", "givenname"),
    ),
    Column("date_of_birth", "Date of birth", True, ("dob", "dateofbirth", "birthdate")),
    Column("sex", "Sex", True, ("sex", "gender")),
    Column(
        "year_group",
        "Year group",
        True,
        ("year", "yeargroup", "ncyear", "curriculumyear", "nationalcurriculumyear"),
    ),
    Column(
        "reg_group",
        "Registration group",
        False,
        ("reggroup", "reg", "form", "registrationgroup", "tutorgroup", "class", "formgroup"),
    ),
    Column(
        "pupil_premium",
        "Pupil premium",
        False,
        ("pupilpremium", "pp", "fsm", "fsmeligible", "ever6fsm", "disadvantaged"),
    ),
    Column("eal", "EAL", False, ("eal", "englishasanadditionallanguage")),
    Column(
        "looked_after",
        "Looked after",
        False,
        ("lookedafter", "lac", "cla", "incare", "childlookedafter", "lookedafterchild"),
    ),
    Column("sen_provision", "SEN provision", False, ("senstatus", "senprovision", "sen")),
    Column(
        "primary_need",
        "Primary need",
        False,
        ("primaryneed", "senprimaryneed", "primarysenneed", "need1"),
    ),
    Column(
        "secondary_need",
        "Secondary need",
        False,
        ("secondaryneed", "sensecondaryneed", "secondarysenneed", "need2"),
    ),
)
COLUMN_BY_FIELD = {c.field: c for c in COLUMNS}
FIELD_BY_ALIAS = {alias: c.field for c in COLUMNS for alias in c.aliases}
SEN_FIELDS = ("sen_provision", "primary_need", "secondary_need")


@dataclass
class PupilRow:
    """A good row: the values of the columns the file has, ready for the model."""

    row: int
    upn: str
    values: dict

    @property
    def name(self) -> str:
        return f"{self.values['forename']} {self.values['legal_surname']}"


@dataclass
class ParsedFile:
    headings: dict[str, str]  # model field -> heading as in the file
    ignored: list[str]  # headings senco does not read
    notes: list[str]
    rows: list[PupilRow]
    errors: list[RowError]
    row_count: int  # pupil rows in the file, good and bad

    @property
    def has_sen(self) -> bool:
        return "sen_provision" in self.headings

    @property
    def recognised(self) -> list[tuple[str, str]]:
        """(heading in the file, what senco reads it as), in the order of the file."""
        return [(heading, COLUMN_BY_FIELD[f].label) for f, heading in self.headings.items()]


# --- Reading the bytes -------------------------------------------------------------------


# --- Cells -------------------------------------------------------------------------------


def _key(value: str) -> str:
    return heading_key(value)


def parse_name(value: str, what: str) -> str:
    name = unicodedata.normalize("NFC", clean_text(value).strip())
    if not name:
        raise CellError(f"The {what} is blank. Add it in the MIS and export again.")
    if len(name) > 100:
        raise CellError(f"The {what} is longer than 100 characters. Check it in the MIS.")
    return name


def parse_date_of_birth(value: str, today: datetime.date) -> datetime.date:
    text = MIDNIGHT.sub("", value.strip())  # spreadsheets add a time to dates
    if not text:
        raise CellError("The date of birth is blank. Add it in the MIS and export again.")
    for fmt in DATE_FORMATS:
        try:
            born = datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
        break
    else:
        if DATE_SHAPE.fullmatch(text):
            raise CellError("There is no such date. Check the date of birth in the MIS.")
        raise CellError(
            "This is not a date senco can read. Write it as dd/mm/yyyy, for example 01/09/2013."
        )
    if born > today:
        raise CellError("The date of birth is in the future. Check it in the MIS.")
    try:
        oldest = today.replace(year=today.year - MAX_AGE_YEARS)
    except ValueError:  # 29 February
        oldest = today.replace(year=today.year - MAX_AGE_YEARS, day=28)
    if born < oldest:
        raise CellError(
            f"The date of birth is more than {MAX_AGE_YEARS} years ago. Check the year in the MIS."
        )
    return born


SEXES = {"m": Sex.MALE, "male": Sex.MALE, "f": Sex.FEMALE, "female": Sex.FEMALE}


def parse_sex(value: str) -> str:
    try:
        return SEXES[_key(value)].value
    except KeyError:
        raise CellError("Use M or F (or Male or Female).") from None


YEAR_GROUP_WORDS = {_key(label): value for value, label in YEAR_GROUPS}
YEAR_GROUP_WORDS.update({"r": 0, "rec": 0, "yr": 0, "yearr": 0, "nursery1": -2, "nursery2": -1})
YEAR_NUMBER = re.compile(r"(?:year|yr|y)?(\d{1,2})")
YEAR_NUMBERS = {value for value, _ in YEAR_GROUPS if value > 0}


def parse_year_group(value: str) -> int:
    key = _key(value)
    if key in YEAR_GROUP_WORDS:
        return YEAR_GROUP_WORDS[key]
    match = YEAR_NUMBER.fullmatch(key)
    if match and int(match.group(1)) in YEAR_NUMBERS:
        return int(match.group(1))
    raise CellError(
        "This is not a year group senco knows. Use N1, N2, R (Reception) or a year from "
        "1 to 14, for example 7 or Year 7."
    )


def parse_reg_group(value: str) -> str:
    text = value.strip()
    if len(text) > 30:
        raise CellError("The registration group is longer than 30 characters. Shorten it.")
    return text


TRUE_WORDS = {"y", "yes", "true", "t", "1"}
FALSE_WORDS = {"n", "no", "false", "f", "0", ""}


def parse_bool(value: str) -> bool:
    key = _key(value)
    if key in TRUE_WORDS:
        return True
    if key in FALSE_WORDS:
        return False
    raise CellError("Use Y or N (or Yes or No). A blank cell counts as No.")


PROVISIONS = {
    "": Provision.NONE,
    "n": Provision.NONE,
    "nosen": Provision.NONE,
    "k": Provision.SEN_SUPPORT,
    "sensupport": Provision.SEN_SUPPORT,
    "e": Provision.EHC_PLAN,
    "ehcp": Provision.EHC_PLAN,
    "ehcplan": Provision.EHC_PLAN,
    "educationhealthandcareplan": Provision.EHC_PLAN,
}
LEGACY_WORDS = {_key(code): code for code in LEGACY_PROVISION}
LEGACY_WORDS.update({"schoolaction": "A", "schoolactionplus": "P", "statement": "S"})


def parse_provision(value: str) -> str:
    key = _key(value)
    if key in PROVISIONS:
        return PROVISIONS[key].value
    if key in LEGACY_WORDS:
        raise CellError(
            f"This is an old code: {LEGACY_PROVISION[LEGACY_WORDS[key]]}. The census no "
            "longer accepts it. Recode the pupil in the MIS as N (no SEN), K (SEN support) "
            "or E (EHC plan) and export again."
        )
    raise CellError("Use N (no SEN), K (SEN support) or E (EHC plan).")


NEEDS = {_key(n.value): n.value for n in Need} | {_key(n.label): n.value for n in Need}


def parse_need(value: str) -> str:
    key = _key(value)
    if not key:
        return ""
    if key in NEEDS:
        return NEEDS[key]
    codes = ", ".join(n.value for n in Need)
    raise CellError(f"This is not a census type of need. Use one of {codes}, or leave it blank.")


# --- The file ----------------------------------------------------------------------------


def _show(headings: list[str], limit: int = 15) -> str:
    shown = [f"'{h[:40]}'" for h in headings[:limit]]
    more = len(headings) - limit
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _check_headings(record: list[str], indexes: dict[str, int]) -> None:
    found = [h.strip() for h in record if h.strip()]
    if not indexes:
        raise ImportFileError(
            "senco cannot find a row of column headings, so this may not be a CSV export of "
            "pupils. The first row must hold headings such as UPN, Surname, Forename, Date of "
            f"birth, Sex and Year group. The first row of this file has: {_show(found)}."
        )
    missing = [c.label for c in COLUMNS if c.required and c.field not in indexes]
    if missing:
        raise ImportFileError(
            f"The file has no column for {_and(missing)}, which senco needs. Add "
            f"{'it' if len(missing) == 1 else 'them'} to the export in the MIS and try again. "
            f"The headings in the file are: {_show(found)}."
        )


def _check_duplicates(upns: dict[str, list[int]]) -> None:
    repeated = [(upn, rows) for upn, rows in upns.items() if len(rows) > 1]
    if not repeated:
        return
    parts = [f"{upn} on rows {_and([str(r) for r in rows])}" for upn, rows in repeated[:10]]
    more = f", and {len(repeated) - 10} more" if len(repeated) > 10 else ""
    raise ImportFileError(
        f"Some UPNs appear more than once: {'; '.join(parts)}{more}. Each pupil must be in "
        "the file once. Remove the repeated rows and upload the file again."
    )


def _cell(record: list[str], index: int | None) -> str:
    if index is None or index >= len(record):
        return ""
    return record[index]


def _parse_row(number, record, indexes, headings, today, errors) -> PupilRow | None:
    values: dict = {}
    bad = False

    def take(name, parser, *args):
        nonlocal bad
        raw = _cell(record, indexes[name])
        try:
            values[name] = parser(raw, *args)
        except CellError as error:
            bad = True
            errors.append(RowError(number, headings[name], raw.strip(), str(error)))

    take("upn", parse_upn)
    take("legal_surname", parse_name, "surname")
    take("forename", parse_name, "forename")
    take("date_of_birth", parse_date_of_birth, today)
    take("sex", parse_sex)
    take("year_group", parse_year_group)
    if "reg_group" in indexes:
        take("reg_group", parse_reg_group)
    for name in ("pupil_premium", "eal", "looked_after"):
        if name in indexes:
            take(name, parse_bool)
    if "sen_provision" in indexes:
        take("sen_provision", parse_provision)
        for name in ("primary_need", "secondary_need"):
            if name in indexes:
                take(name, parse_need)
            else:
                values[name] = ""
        bad = _check_needs(number, record, indexes, headings, values, errors) or bad
    if bad:
        return None
    return PupilRow(row=number, upn=values["upn"], values=values)


def _check_needs(number, record, indexes, headings, values, errors) -> bool:
    """The rules between provision and needs; True when the row is bad."""
    provision = values.get("sen_provision")
    if provision is None or values.get("primary_need") is None:
        return False  # already reported
    if provision == Provision.NONE:
        values["primary_need"] = ""  # a need without SEN provision means nothing
        values["secondary_need"] = ""
        return False
    if not values["primary_need"]:
        name = "primary_need" if "primary_need" in indexes else "sen_provision"
        errors.append(
            RowError(
                number,
                headings[name],
                _cell(record, indexes[name]).strip(),
                "A pupil at SEN support or with an EHC plan must have a primary need. Record "
                "it in the MIS (for example SLCN) and export again.",
            )
        )
        return True
    if values.get("secondary_need") and values["secondary_need"] == values["primary_need"]:
        errors.append(
            RowError(
                number,
                headings["secondary_need"],
                _cell(record, indexes["secondary_need"]).strip(),
                "The secondary need is the same as the primary need. Leave it blank or choose "
                "a different need.",
            )
        )
        return True
    return False


def parse_pupils(text: str, *, today: datetime.date | None = None) -> ParsedFile:
    """Check a whole file. Raises ImportFileError when the file cannot be used at all."""
    today = today or timezone.localdate()
    if not text.strip():
        raise ImportFileError(EMPTY)
    records = _records(text)
    numbered = [(n, r) for n, r in enumerate(records, start=1) if any(c.strip() for c in r)]
    if not numbered:
        raise ImportFileError(EMPTY)
    _, heading_record = numbered[0]
    indexes, headings, ignored = map_headings(heading_record, FIELD_BY_ALIAS)
    _check_headings(heading_record, indexes)
    body = numbered[1:]
    if not body:
        raise ImportFileError(
            "The file has column headings but no pupils. Check that the report in the MIS "
            "included the pupils, export it again and upload that file."
        )
    limit = settings.IMPORT_MAX_ROWS
    if len(body) > limit:
        raise ImportFileError(
            f"The file has {len(body):,} pupil rows, more than any one school has (senco "
            f"takes up to {limit:,}). Check that it is this school's export, not the whole "
            "trust's or a history of past pupils, and upload that file."
        )
    rows: list[PupilRow] = []
    errors: list[RowError] = []
    upns: dict[str, list[int]] = {}
    for number, record in body:
        upn = normalise_upn(_cell(record, indexes["upn"]).strip().upper())
        if upn:
            upns.setdefault(upn, []).append(number)
        row = _parse_row(number, record, indexes, headings, today, errors)
        if row is not None:
            rows.append(row)
    _check_duplicates(upns)
    notes = []
    if "sen_provision" not in headings:
        notes.append(
            "The file has no SEN provision column, so no pupil's SEN provision or needs will "
            "change."
        )
        for name in ("primary_need", "secondary_need"):
            if name in headings:
                ignored.append(headings.pop(name))
    else:
        if "primary_need" not in headings:
            notes.append(
                "The file has no primary need column, so pupils at SEN support or with an "
                "EHC plan in it cannot be imported."
            )
        if "secondary_need" not in headings:
            notes.append(
                "The file has no secondary need column, so every pupil in it will have no "
                "secondary need."
            )
    return ParsedFile(
        headings=headings,
        ignored=ignored,
        notes=notes,
        rows=rows,
        errors=errors,
        row_count=len(body),
    )
