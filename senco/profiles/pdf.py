"""A4 PDFs of passports, profiles and class sheets, drawn by WeasyPrint from HTML templates.

The PDFs hold real text with headings, a language and a title, so a screen reader can
read them. Nothing is fetched from the network: the only resources a template may name
are pupils' photos, by `senco-photo:<key>`, which the fetcher reads from the private
media folder; every other URL is refused.
"""

from senco.access import Scope
from senco.lib.codes import year_group_label
from senco.lib.pdf import LocalFetcher, pdf_context, render_pdf_html
from senco.lib.pdf import html_to_pdf as _html_to_pdf
from senco.profiles.models import photo_path
from senco.profiles.selectors import class_sheet_groups

PHOTO_SCHEME = "senco-photo:"


def _photo(key: str) -> tuple[bytes, str]:
    return photo_path(key).read_bytes(), "image/jpeg"


PHOTOS = {PHOTO_SCHEME: _photo}


def PrivatePhotoFetcher() -> LocalFetcher:  # noqa: N802 (kept as the name tests know)
    """Serves `senco-photo:<key>` from the private media folder and nothing else."""
    return LocalFetcher(PHOTOS)


def html_to_pdf(html: str) -> bytes:
    return _html_to_pdf(html, PHOTOS)


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
