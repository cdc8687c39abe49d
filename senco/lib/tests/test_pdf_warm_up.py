"""gunicorn's master makes one small PDF before it forks (senco/lib/pdf.py `warm_up`), so
that no worker's first PDF pays for loading the fonts."""

import gc
import io
import logging
import runpy
from pathlib import Path

import pikepdf
import pytest
from django.conf import settings

from senco.lib import pdf


def test_the_warm_up_is_a_tagged_pdf_in_the_pdfs_own_style_with_each_face_they_use():
    document = pikepdf.open(io.BytesIO(pdf.warm_up()))
    assert len(document.pages) == 1
    assert str(document.Root.Lang) == "en-GB"
    assert "/StructTreeRoot" in document.Root
    fonts = {
        str(font.BaseFont).split("+", 1)[1] for font in document.pages[0].Resources.Font.values()
    }
    # regular, bold and italic: every face the PDFs use is loaded, not only the first
    assert len(fonts) == 3
    assert any("Bold" in font for font in fonts)
    assert any("Oblique" in font or "Italic" in font for font in fonts)


@pytest.fixture(autouse=True)
def _unfrozen():
    """`when_ready` freezes the process's objects for the collector, as a master's: not
    this test process's, after the test."""
    yield
    gc.unfreeze()


def _when_ready():
    conf = runpy.run_path(str(Path(settings.BASE_DIR) / "deploy" / "gunicorn.conf.py"))
    return conf["when_ready"]


def test_the_master_makes_a_pdf_before_the_workers_fork(monkeypatch):
    made = []
    monkeypatch.setattr(pdf, "warm_up", lambda: made.append(True))
    _when_ready()(None)
    assert made == [True]


def test_a_failed_warm_up_is_logged_and_the_server_still_starts(monkeypatch, caplog):
    def broken():
        raise OSError("no fonts")

    monkeypatch.setattr(pdf, "warm_up", broken)
    with caplog.at_level(logging.ERROR, logger="gunicorn.error"):
        _when_ready()(None)  # does not raise
    assert "the PDF warm-up failed" in caplog.text
    assert "no fonts" in caplog.text
