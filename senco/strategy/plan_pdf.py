"""The SEND development plan on two sides of A4, landscape (WeasyPrint, senco/lib/pdf.py).

Seed 000 asks for 2-3 pages: the print is compact (one table per priority, small type) and
`page_count` lets a test hold it to two pages for the demo's plans."""

import datetime

import weasyprint
from django.conf import settings

from senco.lib import clock
from senco.lib.pdf import LocalFetcher, html_to_pdf, pdf_context, render_pdf_html
from senco.strategy import plan_selectors

TEMPLATE = "strategy/plan/pdf/plan.html"


def plan_html(scope, year: int, priorities, today: datetime.date) -> str:
    label = clock.academic_year_label(year)
    return render_pdf_html(
        TEMPLATE,
        pdf_context(
            scope,
            f"SEND development plan {label}",
            year_label=label,
            priorities=priorities,
            summary=plan_selectors.summarise(priorities, today),
            today=today,
            short_labels=plan_selectors.SHORT_LABELS,
        ),
    )


def plan_pdf(scope, year: int, priorities, today: datetime.date) -> bytes:
    return html_to_pdf(plan_html(scope, year, priorities, today))


def page_count(html: str) -> int:
    """How many pages the plan prints on."""
    document = weasyprint.HTML(
        string=html, base_url=str(settings.BASE_DIR), url_fetcher=LocalFetcher()
    ).render()
    return len(document.pages)
