"""Reading a CSV file exported from a school's MIS: the bytes, the text, the records and
the cells every import shares (the pupil import, its contacts, and outcomes' attendance,
suspensions and results). No database here.
"""

import csv
import io
import re
import unicodedata
from dataclasses import dataclass

from django.conf import settings

from senco.lib.upn import normalise_upn, upn_problem

DELIMITERS = ",;\t"
SNIFF_CHARS = 64 * 1024


class ImportFileError(Exception):
    """The whole file cannot be used. One message; nothing is written."""


class CellError(ValueError):
    """One cell cannot be used: what is wrong and what to do."""


@dataclass(frozen=True)
class RowError:
    row: int
    column: str  # the heading as it is in the file
    value: str
    message: str  # what is wrong, then what to do

    def __str__(self) -> str:
        return f"row {self.row}, column {self.column}, value '{self.value}': {self.message}"


def heading_key(text: str) -> str:
    """A heading without case, spaces or punctuation: "Legal_Surname " -> "legalsurname"."""
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", text).casefold())


def map_headings(
    record: list[str], field_by_alias: dict[str, str]
) -> tuple[dict[str, int], dict[str, str], list[str]]:
    """The heading row read against the headings a file may use (`heading_key` of each
    alias -> the field): each field's column, each field's heading as the file wrote it,
    and the headings ignored (unknown, or a field given twice: the first column wins)."""
    indexes: dict[str, int] = {}
    headings: dict[str, str] = {}
    ignored: list[str] = []
    for index, raw in enumerate(record):
        heading = raw.strip()
        if not heading:
            continue
        found = field_by_alias.get(heading_key(heading))
        if found is None or found in indexes:
            ignored.append(heading)
            continue
        indexes[found] = index
        headings[found] = heading
    return indexes, headings, ignored


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB"


def read_upload(stream, *, size: int | None) -> bytes:
    """The file's bytes, refusing a file over the limit before reading it all."""
    limit = settings.IMPORT_MAX_BYTES
    too_big = ImportFileError(
        f"The file is larger than {_megabytes(limit)}. Export only the columns senco needs "
        "(see the list on the import page) and try again."
    )
    if size is not None and size > limit:
        raise too_big
    raw = stream.read(limit + 1)
    if len(raw) > limit:
        raise too_big
    return raw


def decode_upload(raw: bytes, *, what: str = "the pupils") -> str:
    """Text from UTF-8 (with or without BOM), else Windows-1252, or a clear refusal. `what`
    names what the file should hold, for the messages ("the pupils", "the attendance")."""
    if raw.startswith(b"PK\x03\x04") or raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFileError(
            "This is an Excel workbook, not a CSV file. Open it in Excel, choose Save As, "
            "pick 'CSV UTF-8 (comma delimited)', and upload that file."
        )
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportFileError(
            "This file is saved as 'Unicode text' (UTF-16), not CSV. Save it again as "
            "'CSV UTF-8 (comma delimited)' and upload that file."
        )
    if b"\x00" in raw:
        raise ImportFileError(
            f"This is not a CSV file: it contains binary data. Export {what} from the MIS "
            "as CSV and upload that file."
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = _decode_not_utf8(raw)
    if not text.strip():
        raise ImportFileError(empty_file(what))
    return text


def _decode_not_utf8(raw: bytes) -> str:
    """A file that is not all UTF-8: an older Windows export (Windows-1252) throughout, or
    refused when some lines are UTF-8 and others are not, since reading it either way
    would garble names ("Esmé" as "EsmÃ©") without a word."""
    utf8_lines, other_lines = [], []
    for number, line in enumerate(raw.split(b"\n"), start=1):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            other_lines.append(number)
        else:
            utf8_lines.append(number)
    if utf8_lines and other_lines:
        shown = ", ".join(str(n) for n in other_lines[:10])
        more = f" and {len(other_lines) - 10} more" if len(other_lines) > 10 else ""
        raise ImportFileError(
            f"Most of the file is UTF-8 but line{'s' if len(other_lines) > 1 else ''} "
            f"{shown}{more} {'are' if len(other_lines) > 1 else 'is'} not, so names there "
            "would be garbled. Correct those lines, or export the file again from the MIS as "
            "'CSV UTF-8', and upload it."
        )
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        raise ImportFileError(
            "The file could not be read as text. Save it again as 'CSV UTF-8' and upload that file."
        ) from None


def delimiter(text: str) -> str:
    first_line = text.lstrip("\r\n").splitlines()[0]
    try:
        delimiter = csv.Sniffer().sniff(text[:SNIFF_CHARS], delimiters=DELIMITERS).delimiter
    except csv.Error:
        return ","
    return delimiter if delimiter in first_line else ","


def csv_records(text: str) -> list[list[str]]:
    # Only the delimiter is sniffed; quoting stays Excel's, which every MIS writes.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter(text))
    records = []
    try:
        for record in reader:
            records.append(record)
    except csv.Error as error:
        raise ImportFileError(
            f"The file could not be read as CSV near row {len(records) + 1} ({error}). "
            "Export it from the MIS again as CSV."
        ) from None
    return records


def empty_file(what: str) -> str:
    return f"The file is empty. Export {what} from the MIS again and upload that file."


# --- Cells -------------------------------------------------------------------------------


def parse_upn(value: str) -> str:
    upn = normalise_upn(value.strip().upper())
    if not upn:
        raise CellError("The UPN is blank. Every pupil needs their UPN: add it in the MIS.")
    problem = upn_problem(upn)
    if problem:
        raise CellError(problem)
    return upn


DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d")
DATE_SHAPE = re.compile(r"\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{1,2}-\d{1,2}")
MIDNIGHT = re.compile(r"\s+0?0:00(:00)?$")
