"""A4 PDFs of passports, profiles and class sheets, drawn by WeasyPrint from HTML templates.

The PDFs hold real text with headings, a language and a title, so a screen reader can
read them. Nothing is fetched from the network: the only resources a template may name
are pupils' photos, by `senco-photo:<key>`, which the fetcher reads from the private
media folder; every other URL is refused.
"""

import datetime

import weasyprint
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from weasyprint.urls import URLFetcher, URLFetcherResponse

from senco.access import Scope
from senco.lib.codes import year_group_label
from senco.profiles.models import photo_path
from senco.profiles.selectors import class_sheet_groups

PHOTO_SCHEME = "senco-photo:"


class PrivatePhotoFetcher(URLFetcher):
    """Serves `senco-photo:<key>` from the private media folder and nothing else."""

    def __init__(self):
        super().__init__(allowed_protocols=set())

    def fetch(self, url, headers=None):
        if not url.startswith(PHOTO_SCHEME):
            raise ValueError("senco PDFs fetch nothing but pupils' photos")
        path = photo_path(url.removeprefix(PHOTO_SCHEME))
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": "image/jpeg"})


def pdf_context(scope: Scope, title: str, **extra) -> dict:
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


def html_to_pdf(html: str) -> bytes:
    return weasyprint.HTML(
        string=html,
        base_url=str(settings.BASE_DIR),
        url_fetcher=PrivatePhotoFetcher(),
    ).write_pdf(pdf_tags=True)


def class_sheets_html(*, scope: Scope, groups, title: str) -> str:
    return render_pdf_html(
        "profiles/pdf/class_sheet.html", pdf_context(scope, title, groups=groups)
    )


def class_sheets_pdf(*, scope: Scope, year_group: int) -> bytes:
    """Every teaching group of a year group, each with its SEND pupils' essentials, in one
    PDF. Only groups the scope may print (all for the SENCO and leaders)."""
    groups = class_sheet_groups(scope=scope, year_group=year_group)
    return html_to_pdf(
        class_sheets_html(scope=scope, groups=groups, title=year_group_title(year_group))
    )


def year_group_title(year_group: int) -> str:
    return f"Class sheets: {year_group_label(year_group)}"


def pdf_filename(*parts: str, day: datetime.date | None = None) -> str:
    day = day or timezone.localdate()
    return f"{slugify(' '.join(parts))}-{day:%Y-%m-%d}.pdf"
