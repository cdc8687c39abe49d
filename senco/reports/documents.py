"""A report as Word (python-docx) and as an A4 PDF (WeasyPrint, tagged): the title, the
school, the year, each section's heading and the SENCO's words, its figures as a real table
with England's beside them, and their sources. Both are built from `document_data`, the same
figures the page shows (hidden as for governors, whoever downloads them)."""

import datetime
import io
from dataclasses import dataclass

import docx
from django.utils import timezone
from django.utils.text import slugify
from docx.shared import Pt

from senco.lib.clock import academic_year_label
from senco.lib.pdf import html_to_pdf, pdf_context, render_pdf_html
from senco.reports import figures as report_figures
from senco.reports import selectors
from senco.reports.kinds import KINDS
from senco.reports.models import Report

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
HIDDEN_NOTE = (
    "A figure of fewer than 5 pupils, and any figure from which one could be worked out, "
    'reads "hidden", so that no child can be identified.'
)


@dataclass(frozen=True)
class DocumentData:
    report: Report
    school_name: str
    year_label: str
    kind_label: str
    audience: str
    kind_source: str
    sections: list
    figures_on: datetime.date
    issued_by: str
    any_hidden: bool

    @property
    def status(self) -> str:
        if self.report.is_issued:
            return f"Issued on {self.figures_on:%-d %B %Y}" + (
                f" by {self.issued_by}" if self.issued_by else ""
            )
        return f"Draft: figures as senco held them on {self.figures_on:%-d %B %Y}"


def _person(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def document_data(report: Report, today: datetime.date) -> DocumentData:
    kind = KINDS.get(report.kind)
    views = report_figures.sections_with_figures(
        report, selectors.sections_of(report), report_figures.figures_of(report, today)
    )
    figures_on = timezone.localtime(report.issued_at).date() if report.is_issued else today
    return DocumentData(
        report=report,
        school_name=report.school.name,
        year_label=academic_year_label(report.academic_year),
        kind_label=kind.label if kind else report.get_kind_display(),
        audience=kind.audience if kind else "",
        kind_source=kind.source if kind else "",
        sections=views,
        figures_on=figures_on,
        issued_by=_person(report.issued_by),
        any_hidden=report_figures.any_hidden(views),
    )


def filename(data: DocumentData, suffix: str) -> str:
    # "2026/27" becomes "2026-27".
    return f"{slugify(f'{data.school_name} {data.report.title}'.replace('/', ' '))}{suffix}"


# --- Word -----------------------------------------------------------------------------------


def _table(document, rows, school_name: str, with_national: bool) -> None:
    headings = ["Figure", school_name] + (["England"] if with_national else [])
    table = document.add_table(rows=1, cols=len(headings))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headings, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in rows:
        values = [row.label, row.value] + (
            [row.national or "Not published"] if with_national else []
        )
        for cell, text in zip(table.add_row().cells, values, strict=True):
            cell.text = text


def build_docx(data: DocumentData) -> bytes:
    document = docx.Document()
    document.styles["Normal"].font.name = "Arial"
    document.styles["Normal"].font.size = Pt(11)
    document.core_properties.title = data.report.title
    document.core_properties.author = data.school_name
    document.core_properties.language = "en-GB"
    document.add_heading(data.report.title, level=1)
    document.add_paragraph(f"{data.school_name}. Academic year {data.year_label}.")
    document.add_paragraph(data.status + ".")
    if data.audience:
        document.add_paragraph(data.audience)
    for view in data.sections:
        document.add_heading(view.heading, level=2)
        if view.source:
            document.add_paragraph().add_run(f"Required by: {view.source}.").italic = True
        for paragraph in view.paragraphs or ["(Nothing written yet.)"]:
            document.add_paragraph(paragraph)
        if view.rows:
            document.add_paragraph(f"Figures from senco, {data.figures_on:%-d %B %Y}:")
            _table(document, view.rows, data.school_name, view.any_national)
            if view.figure_sources:
                document.add_paragraph("Sources: " + "; ".join(view.figure_sources) + ".")
    document.add_heading("About this report", level=2)
    document.add_paragraph(
        "The words are the school's own. The figures were drawn from the school's records "
        f"in senco on {data.figures_on:%-d %B %Y}."
    )
    if data.any_hidden:
        document.add_paragraph(HIDDEN_NOTE)
    if data.kind_source:
        document.add_paragraph(f"This report answers to: {data.kind_source}.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --- PDF -------------------------------------------------------------------------------------


def pdf_html(scope, data: DocumentData) -> str:
    return render_pdf_html(
        "reports/report_pdf.html",
        pdf_context(scope, data.report.title, data=data, hidden_note=HIDDEN_NOTE),
    )


def build_pdf(scope, data: DocumentData) -> bytes:
    return html_to_pdf(pdf_html(scope, data))
