"""The report as Word and as PDF: the words, the figures as a table with England beside
them, the sources; hidden as for governors whoever downloads it; audited."""

import io

import docx
import pytest
from django.urls import reverse

from senco.audit.models import AuditEvent
from senco.profiles.tests.test_pdfs import pdf_text
from senco.reports import documents
from senco.reports.tests.conftest import LARGE, SMALL, TRAINING_SOURCE


def _docx(response) -> docx.Document:
    return docx.Document(io.BytesIO(response.content))


def test_the_word_document(client_for, governor, issued, school):
    response = client_for(governor).get(reverse("reports_docx", args=[school.urn, issued.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == documents.DOCX_TYPE
    assert response["Content-Disposition"] == (
        'attachment; filename="hillside-academy-annual-send-report-to-governors-'
        f'{issued.academic_year}-{(issued.academic_year + 1) % 100:02d}.docx"'
    )
    assert "no-store" in response["Cache-Control"]
    document = _docx(response)
    text = "\n".join(p.text for p in document.paragraphs)
    assert issued.title in text and school.name in text
    assert "Every teacher had training on autism." in text
    assert "Staff training and expertise" in text
    assert "Sources: " in text and TRAINING_SOURCE in text
    assert 'reads "hidden"' in text
    rows = [[c.text for c in row.cells] for t in document.tables for row in t.rows]
    assert ["Figure", school.name, "England"] in rows
    assert [LARGE, "120", "13.6% (DfE, 2025)"] in rows
    assert [SMALL, "hidden", "0.1% (DfE, 2025)"] in rows
    assert document.core_properties.title == issued.title
    event = AuditEvent.objects.get(action="reports.report.docx")
    assert event.user == governor and event.detail == {"report_id": issued.pk, "issued": True}


@pytest.fixture
def rendered(monkeypatch):
    pages = []
    original = documents.html_to_pdf

    def spy(html, resources=None):
        pages.append(html)
        return original(html)

    monkeypatch.setattr(documents, "html_to_pdf", spy)
    return pages


def test_the_pdf(client_for, senco, issued, school, rendered):
    response = client_for(senco).get(reverse("reports_pdf", args=[school.urn, issued.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert response["Content-Disposition"].startswith('attachment; filename="hillside-academy-')
    (html,) = rendered
    assert '<html lang="en-GB">' in html and "<h1>" in html
    text = " ".join(pdf_text(html).split())
    for expected in (
        issued.title,
        "Every teacher had training on autism.",
        LARGE,
        "120",
        "13.6% (DfE, 2025)",
        "SEND Regulations 2014" if issued.kind == "information" else "nasen",
        "For the governing board",
    ):
        assert expected in text, expected
    assert f"{SMALL} hidden" in text
    assert AuditEvent.objects.filter(action="reports.report.pdf", user=senco).count() == 1
