"""A provision map as an Excel workbook (openpyxl) and as an A4 landscape PDF (WeasyPrint),
from one `Export`: the same facts in both. The workbook has a sheet for the map and one for
its totals, each headed by the school, the date it was made and the filters used; money is
a number with a £ format, so it adds up in Excel."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from io import BytesIO

from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from senco.lib import pdf
from senco.lib.text import long_date

MONEY_FORMAT = '"£"#,##0.00'
HOURS_FORMAT = "0.##"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Kinds of column: text, a whole number, hours (a decimal) or money.
TEXT, NUMBER, HOURS, MONEY = "text", "number", "hours", "money"


@dataclass(frozen=True)
class Column:
    header: str
    kind: str = TEXT
    width: int = 14


@dataclass
class Export:
    title: str
    school: str
    made_on: datetime.date
    filters: list[tuple[str, str]]
    columns: list[Column]
    rows: list[list]
    totals: list[tuple[str, object, str]]  # (label, value, kind)
    notes: list[str] = field(default_factory=list)

    def shown_rows(self) -> list[list[tuple[str, bool]]]:
        """Each cell as text, and whether it is a number (right-aligned), for the PDF."""
        return [
            [(shown(v, c.kind), c.kind != TEXT) for v, c in zip(row, self.columns, strict=True)]
            for row in self.rows
        ]

    def shown_totals(self) -> list[tuple[str, str]]:
        return [(label, shown(value, kind)) for label, value, kind in self.totals]

    def filename(self, extension: str) -> str:
        return f"{slugify(self.title)}-{self.made_on:%Y-%m-%d}.{extension}"


def shown(value, kind: str) -> str:
    if value is None:
        return ""
    if kind == MONEY:
        return f"£{Decimal(value):,.2f}"
    if isinstance(value, datetime.date):
        return long_date(value)
    return f"{value}"


def _heading(sheet, export: Export) -> int:
    """The title, school, date and filters at the top of a sheet; returns the next row."""
    sheet.cell(row=1, column=1, value=export.title).font = Font(bold=True, size=14)
    sheet.cell(row=2, column=1, value=export.school)
    sheet.cell(row=3, column=1, value="Made on")
    sheet.cell(row=3, column=2, value=export.made_on).number_format = "d mmmm yyyy"
    row = 4
    for label, value in export.filters:
        sheet.cell(row=row, column=1, value=label)
        sheet.cell(row=row, column=2, value=value)
        row += 1
    for note in export.notes:
        sheet.cell(row=row, column=1, value=note).font = Font(italic=True)
        row += 1
    return row + 1


def _value(value, kind: str):
    if value is None:
        return None
    if kind in (MONEY, HOURS) and isinstance(value, Decimal):
        return float(value)
    return value


def _format(cell, kind: str) -> None:
    if kind == MONEY:
        cell.number_format = MONEY_FORMAT
    elif kind == HOURS:
        cell.number_format = HOURS_FORMAT


def workbook(export: Export) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Provision map"
    top = _heading(sheet, export)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="F3F2F1")
    for n, column in enumerate(export.columns, start=1):
        cell = sheet.cell(row=top, column=n, value=column.header)
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[get_column_letter(n)].width = column.width
    sheet.freeze_panes = sheet.cell(row=top + 1, column=2)
    kinds = [c.kind for c in export.columns]
    for r, values in enumerate(export.rows, start=top + 1):
        for n, (value, kind) in enumerate(zip(values, kinds, strict=True), start=1):
            _format(sheet.cell(row=r, column=n, value=_value(value, kind)), kind)
    totals = book.create_sheet("Totals")
    row = _heading(totals, export)
    totals.column_dimensions["A"].width = 34
    totals.column_dimensions["B"].width = 18
    for label, value, kind in export.totals:
        totals.cell(row=row, column=1, value=label).font = bold
        _format(totals.cell(row=row, column=2, value=_value(value, kind)), kind)
        row += 1
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def workbook_response(export: Export) -> HttpResponse:
    response = HttpResponse(workbook(export), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{export.filename("xlsx")}"'
    patch_cache_control(response, private=True, no_store=True)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def pdf_bytes(scope, export: Export) -> bytes:
    html = pdf.render_pdf_html(
        "provision/maps/map_pdf.html", pdf.pdf_context(scope, export.title, export=export)
    )
    return pdf.html_to_pdf(html)


def pdf_response(scope, export: Export) -> HttpResponse:
    return pdf.pdf_response(pdf_bytes(scope, export), export.filename("pdf"))
