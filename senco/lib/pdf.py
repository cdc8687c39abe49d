"""A4 PDFs drawn by WeasyPrint from HTML templates (which extend "pdf/base.html").

The PDFs hold real text with headings, a language and a title, so a screen reader can
read them. Nothing is fetched from the network: a template may name only resources of
the schemes the caller serves (profiles serves pupils' photos as `senco-photo:<key>`);
every other URL is refused.
"""

import datetime
import json
import logging
import os
import signal
import threading
from collections.abc import Callable, Mapping, Sequence

import pydyf
import weasyprint
from django.conf import settings
from django.http import HttpResponse
from django.template import engines
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.text import slugify
from weasyprint.urls import URLFetcher, URLFetcherResponse

from senco.lib.collector import fewer_collections
from senco.lib.pdf_join import Run, join_tagged

logger = logging.getLogger(__name__)


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


def _weasy(html: str, resources: Resources | None) -> weasyprint.HTML:
    return weasyprint.HTML(
        string=html, base_url=str(settings.BASE_DIR), url_fetcher=LocalFetcher(resources)
    )


# WeasyPrint makes millions of objects for a long PDF (a box for each piece of text, a line,
# a PDF object) and keeps most of them until the end: with the collector at its defaults,
# ~1 s of a year group's class sheets (~8 s, issue 13) went to collections that found
# nothing (senco/lib/collector.py).
def html_to_pdf(html: str, resources: Resources | None = None) -> bytes:
    with fewer_collections():
        return _weasy(html, resources).write_pdf(pdf_tags=True)


# A page in the PDFs' own style (pdf/base.html), with the faces they use: regular, bold,
# italic, a heading, a table, a running footer and page numbers.
_WARM_UP = (
    '{% extends "pdf/base.html" %}{% block content %}<h1>senco</h1><h2>Warm-up</h2>'
    "<p>Regular, <strong>bold</strong> and <em>italic</em>.</p>"
    '<table class="sheet"><caption>A table</caption><tr><th scope="row">A</th><td>1</td></tr>'
    "</table>{% endblock %}"
)


def warm_up() -> bytes:
    """Lay out one small PDF. A process's first PDF loads fontconfig's configuration,
    Pango's font map and the fonts, and costs ~0.13 s more than the next (a tiny PDF:
    ~0.19 s first, ~0.06 s after). gunicorn's master calls this before it forks
    (deploy/gunicorn.conf.py `when_ready`), so that no worker's first PDF pays for it,
    nor the processes a long PDF is laid out in, which are forked from a worker."""
    html = engines["django"].from_string(_WARM_UP).render({"title": "senco"})
    return html_to_pdf(html)


# --- One long PDF laid out on every core --------------------------------------------------

# At most this many processes lay out one PDF, however many cores there are.
PDF_PROCESSES_MAX = 4


def _run(html: str, resources: Resources | None) -> Run:
    """A run's PDF, with the level of each heading in its outline (senco/lib/pdf_join.py)."""
    document = _weasy(html, resources).render(pdf_tags=True)
    levels = [level for page in document.pages for level, *_ in page.bookmarks]
    return document.write_pdf(pdf_tags=True), levels


def _split(sections: Sequence[str], parts: int) -> list[list[str]]:
    """The sections in order, in at most `parts` runs of about the same length of HTML."""
    total = sum(len(section) for section in sections)
    runs: list[list[str]] = [[]]
    done = 0
    for section in sections:
        if runs[-1] and done >= total * len(runs) / parts:
            runs.append([])
        runs[-1].append(section)
        done += len(section)
    return runs


def pdf_processes(sections: int) -> int:
    """How many processes lay out a PDF of `sections` sections: one for each core this
    process may use (at most PDF_PROCESSES_MAX), and only one where a process cannot be
    forked safely (no fork, or other threads running, as under `runserver`: a thread
    holding a lock at the fork would leave it held in the child)."""
    if not hasattr(os, "fork") or threading.active_count() > 1:
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores = os.cpu_count() or 1
    return max(1, min(sections, cores, PDF_PROCESSES_MAX))


def _forked(html: str, resources: Resources | None) -> tuple[int, int]:
    """A child process that lays out this run and writes it down a pipe (the outline's
    levels as a line of JSON, then the PDF); returns its pid and the pipe's end. The child
    leaves by os._exit: it never runs the parent's clean-up (database connections,
    temporary files), whatever happens."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover (the child; its work is checked through its output)
        status = 1
        try:
            os.close(read_end)
            # The server's handlers are the parent's (gunicorn's worker waits for its
            # request on SIGTERM): a signal to stop stops the child at once.
            for number in (signal.SIGTERM, signal.SIGINT, signal.SIGQUIT):
                signal.signal(number, signal.SIG_DFL)
            data, levels = _run(html, resources)
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(json.dumps(levels).encode() + b"\n" + data)
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    return pid, read_end


def _collect(pid: int, read_end: int) -> Run | None:
    """The child's run, or None if it failed (its exit status is not 0)."""
    with os.fdopen(read_end, "rb") as pipe:
        output = pipe.read()
    _, status = os.waitpid(pid, 0)
    if status != 0 or b"\n" not in output:
        return None
    levels, data = output.split(b"\n", 1)
    return data, json.loads(levels)


def sections_to_pdf(
    sections: Sequence[str],
    document: Callable[[str], str],
    resources: Resources | None = None,
) -> bytes:
    """A long PDF made of sections (e.g. one for each teaching group), laid out side by
    side: `document(body)` is the whole HTML of a run of sections, whose HTML is `body`.

    Laying out is most of a long PDF's time (a year group's class sheets: ~8 s in one
    process, issue 13), so the sections are split into runs, one process a core, each
    run laid out as its own document, and the runs' tagged PDFs are joined
    (senco/lib/pdf_join.py). Whatever the page numbers show must therefore be counted
    within a section, not across the whole PDF. A run whose process fails is laid out
    again here, so that its error, if it has one, is raised where it can be seen."""
    runs = [document("".join(run)) for run in _split(sections, pdf_processes(len(sections)))]
    if len(runs) == 1:
        return html_to_pdf(runs[0], resources)
    with fewer_collections():
        children = []
        try:
            for run in runs[1:]:
                children.append(_forked(run, resources))
            done = [_run(runs[0], resources)]
            while children:
                pid, read_end = children.pop(0)
                done.append(_collect(pid, read_end) or _again(runs[len(done)], resources))
        finally:
            for pid, read_end in children:
                os.close(read_end)
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
    return join_tagged(done)


def _again(html: str, resources: Resources | None) -> Run:
    logger.warning("A run of a PDF failed in its own process; laying it out again here")
    return _run(html, resources)


def pdf_filename(*parts: str, day: datetime.date | None = None) -> str:
    day = day or timezone.localdate()
    return f"{slugify(' '.join(parts))}-{day:%Y-%m-%d}.pdf"


def pdf_response(data: bytes, filename: str) -> HttpResponse:
    """A PDF shown in the browser, never cached: it holds a pupil's record."""
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    patch_cache_control(response, private=True, no_store=True)
    return response
