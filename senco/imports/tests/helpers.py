"""Building CSV files as an MIS exports them."""

import csv
import io

from senco.imports.parsing import SIMS_HEADINGS as HEADINGS
from senco.lib.upn import make_upn


def upn(n: int) -> str:
    """A valid UPN, different for every n (a serial has three digits)."""
    return make_upn(202, 4001 + n // 1000, 15, n % 1000)


def row(n: int, **overrides) -> dict:
    values = {
        "UPN": upn(n),
        "Legal Surname": f"Pupil{n}",
        "Legal Forename": "Sam",
        "DOB": "01/09/2013",
        "Gender": "F",
        "Year": "7",
        "Reg Group": "7A",
        "PP": "N",
        "EAL": "N",
        "LAC": "N",
        "SEN Status": "N",
        "Primary Need": "",
        "Secondary Need": "",
    }
    values.update(overrides)
    return values


def csv_text(rows: list[dict], headings: list[str] | None = None, delimiter: str = ",") -> str:
    headings = headings or HEADINGS
    out = io.StringIO()
    writer = csv.DictWriter(
        out, fieldnames=headings, delimiter=delimiter, extrasaction="ignore", lineterminator="\r\n"
    )
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def csv_bytes(rows, headings=None, delimiter=",", encoding="utf-8") -> bytes:
    return csv_text(rows, headings, delimiter).encode(encoding)
