"""A PDF is made with Python's garbage collector run less often, and only while it is made."""

import gc

import pytest
import weasyprint

from senco.lib.collector import FEWER_THRESHOLD
from senco.lib.pdf import html_to_pdf


def test_the_collector_runs_less_often_while_a_pdf_is_made(monkeypatch):
    seen = []
    write = weasyprint.HTML.write_pdf

    def watched(self, *args, **kwargs):
        seen.append(gc.get_threshold()[0])
        return write(self, *args, **kwargs)

    monkeypatch.setattr(weasyprint.HTML, "write_pdf", watched)
    before = gc.get_threshold()
    data = html_to_pdf("<!DOCTYPE html><html lang='en-GB'><title>T</title><p>Hello</p>")
    assert data.startswith(b"%PDF")
    assert seen == [FEWER_THRESHOLD]
    assert gc.get_threshold() == before


def test_the_thresholds_come_back_when_the_pdf_fails(monkeypatch):
    def broken(self, *args, **kwargs):
        raise RuntimeError("layout failed")

    monkeypatch.setattr(weasyprint.HTML, "write_pdf", broken)
    before = gc.get_threshold()
    with pytest.raises(RuntimeError):
        html_to_pdf("<p>x</p>")
    assert gc.get_threshold() == before
