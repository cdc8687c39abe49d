"""A4 PDFs drawn by WeasyPrint from HTML templates (which extend "pdf/base.html").

The PDFs hold real text with headings, a language and a title, so a screen reader can
read them. Nothing is fetched from the network: a template may name only resources of
the schemes the caller serves (profiles serves pupils' photos as `senco-photo:<key>`);
every other URL is refused.
"""

import datetime
import gc
from collections.abc import Callable, Mapping
from contextlib import contextmanager

import pydyf
import weasyprint
from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.text import slugify
from weasyprint.urls import URLFetcher, URLFetcherResponse


def _page_references(pdf) -> tuple[bytes, ...]:
    """pydyf's `PDF.page_references`, kept until a page is added. pydyf builds the whole
    tuple again each time it is read, and WeasyPrint reads it once for every tagged element
    of a tagged PDF: on a year group's class sheets (95 pages, ~14,000 tags) that was 1.2
    million references built, a second of the 8 (issue 13). Pages are only ever added to
    "Kids", so its length says whether the tuple kept is still the whole list."""
    kids = pdf.pages["Kids"]
    kept = pdf.__dict__.get("_senco_page_references")
    if kept is None or kept[0] != len(kids):
        kept = (len(kids), tuple(f"{number} 0 R".encode("ascii") for number in kids[::3]))
        pdf.__dict__["_senco_page_references"] = kept
    return kept[1]


pydyf.PDF.page_references = property(_page_references)

# scheme (e.g. "senco-photo:") -> a function from the rest of the URL to (bytes, MIME type)
Resources = Mapping[str, Callable[[str], tuple[bytes, str]]]


class LocalFetcher(URLFetcher):
    """Serves the given schemes and nothing else: no network, no files."""

    def __init__(self, resources: Resources | None = None):
        super().__init__(allowed_protocols=set())
        self.resources = dict(resources or {})

    def fetch(self, url, headers=None):
        for scheme, read in self.resources.items():
            if url.startswith(scheme):
                data, mime = read(url.removeprefix(scheme))
                return URLFetcherResponse(url, data, {"Content-Type": mime})
        raise ValueError("senco PDFs fetch nothing from outside")


def pdf_context(scope, title: str, **extra) -> dict:
    """What pdf/base.html needs: the school, the title, who printed it and when."""
    return {
        "scope": scope,
        "school": scope.school,
        "title": title,
        "printed_on": timezone.localdate(),
        "printed_at": timezone.localtime(),
        **extra,
    }


def render_pdf_html(template: str, context: dict) -> str:
    return render_to_string(template, context)


# New objects between two collections of Python's youngest generation while a PDF is made
# (Python's default is 700).
PDF_GC_THRESHOLD = 100_000


@contextmanager
def fewer_collections():
    """Python's cyclic garbage collector less often, for the length of the block.

    WeasyPrint makes millions of objects for a long PDF (a box for each piece of text, a
    line, a PDF object) and keeps most of them until the end. The collector looks at the
    youngest objects after every 700 made, and now and then at every object the process
    holds: ~1 s of a year group's class sheets (~8 s, issue 13). Made less often, it finds
    the same garbage; the thresholds are as they were afterwards, whatever happens."""
    before = gc.get_threshold()
    gc.set_threshold(PDF_GC_THRESHOLD, *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


def html_to_pdf(html: str, resources: Resources | None = None) -> bytes:
    with fewer_collections():
        return weasyprint.HTML(
            string=html, base_url=str(settings.BASE_DIR), url_fetcher=LocalFetcher(resources)
        ).write_pdf(pdf_tags=True)


def pdf_filename(*parts: str, day: datetime.date | None = None) -> str:
    day = day or timezone.localdate()
    return f"{slugify(' '.join(parts))}-{day:%Y-%m-%d}.pdf"


def pdf_response(data: bytes, filename: str) -> HttpResponse:
    """A PDF shown in the browser, never cached: it holds a pupil's record."""
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    patch_cache_control(response, private=True, no_store=True)
    return response
