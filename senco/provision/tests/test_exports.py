"""The provision maps' Excel workbooks and PDFs: the same facts, headed by the school, the
date and the filters, money as numbers with a £ format, and audited."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from senco.audit.models import AuditEvent
from senco.provision.tests.map_fixtures import map_offer  # noqa: F401

pytestmark = pytest.mark.django_db


def _book(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    return load_workbook(BytesIO(response.content))


def test_the_whole_school_workbook(client_for, senco, school, map_offer):  # noqa: F811
    url = reverse("provision_map_download", args=[school.urn, "xlsx"])
    book = _book(client_for(senco).get(url, {"by": "year", "area": "CL"}))
    assert book.sheetnames == ["Provision map", "Totals"]
    sheet = book["Provision map"]
    cells = [c for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert "Hillside Academy" in cells and "Provision map" in cells
    assert "Cognition and learning" in cells  # the filter, at the top
    assert "Lexia" in cells and "Zones of Regulation" not in cells
    money = [c for row in sheet.iter_rows() for c in row if c.value == 120]
    assert money and money[0].number_format == '"£"#,##0.00'
    assert sheet.column_dimensions["A"].width == 30
    totals = {r[0]: r[1] for r in book["Totals"].iter_rows(values_only=True) if r[0]}
    assert totals["Cost"] == 120 and totals["Pupils"] == 4
    assert totals["Year group Year 8: cost"] == 90
    rows = AuditEvent.objects.filter(action="provision.map.export")
    assert rows.count() == 4 and rows.first().detail["format"] == "xlsx"


def test_a_pupils_workbook_and_pdf(client_for, senco, pupil, map_offer):  # noqa: F811
    client = client_for(senco)
    book = _book(client.get(reverse("provision_map_pupil_download", args=[pupil.pk, "xlsx"])))
    cells = [c for row in book.active.iter_rows(values_only=True) for c in row if c is not None]
    assert pupil.full_name in cells and "Lexia Y7 Monday" in cells and 30 in cells
    response = client.get(reverse("provision_map_pupil_download", args=[pupil.pk, "pdf"]))
    assert response.content.startswith(b"%PDF-")
    assert AuditEvent.objects.filter(action="provision.map.pupil_export", pupil=pupil).count() == 2


def test_an_unknown_format_is_not_found(client_for, senco, school, map_offer):  # noqa: F811
    response = client_for(senco).get(f"/school/{school.urn}/provision-map/download.csv")
    assert response.status_code == 404
