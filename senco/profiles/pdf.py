"""A4 PDFs of passports, profiles and class sheets, drawn by WeasyPrint from HTML templates.

The PDFs hold real text with headings, a language and a title, so a screen reader can
read them. Nothing is fetched from the network: the only resources a template may name
are pupils' photos, by `senco-photo:<key>`, which the fetcher reads from the private
media folder; every other URL is refused.
"""

from collections.abc import Callable

from django.utils.safestring import mark_safe

from senco.access import Scope, scope_at
from senco.audit.actor import Actor
from senco.audit.services import audit_record_many
from senco.lib.codes import year_group_label
from senco.lib.pdf import LocalFetcher, pdf_context, pdf_filename, render_pdf_html
from senco.lib.pdf import html_to_pdf as _html_to_pdf
from senco.lib.pdf import sections_to_pdf as _sections_to_pdf
from senco.operations.jobs import JobFailed, JobResult, Progress, background_job
from senco.profiles.audit import ProfilesAction
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


def class_sheets_sections(*, scope: Scope, groups, title: str) -> tuple[list[str], Callable]:
    """A section of HTML for each group (the first with the masthead and the title), and
    the document a run of them is laid out in (profiles/pdf/class_sheet.html)."""
    context = pdf_context(scope, title)
    sections = [
        render_pdf_html(
            "profiles/pdf/class_sheet_group.html",
            {**context, "g": g, "first": i == 0, "end": f"group-{i}-end"},
        )
        for i, g in enumerate(groups or [None])
    ]

    def document(body: str) -> str:
        # `body` is sections as rendered above (escaped by the template), joined.
        return render_pdf_html(
            "profiles/pdf/class_sheet.html",
            {**context, "body": mark_safe(body)},  # noqa: S308
        )

    return sections, document


def class_sheets_html(*, scope: Scope, groups, title: str) -> str:
    """The class sheets as one HTML document (as the PDF is laid out on one core)."""
    sections, document = class_sheets_sections(scope=scope, groups=groups, title=title)
    return document("".join(sections))


def sections_to_pdf(sections: list[str], document: Callable[[str], str]) -> bytes:
    return _sections_to_pdf(sections, document, PHOTOS)


def class_sheets_to_pdf(*, scope: Scope, groups, title: str) -> bytes:
    return sections_to_pdf(*class_sheets_sections(scope=scope, groups=groups, title=title))


def class_sheets_pdf(*, scope: Scope, year_group: int) -> bytes:
    """Every teaching group of a year group, each with its SEND pupils' essentials, in one
    PDF. Only groups the scope may print (all for the SENCO and leaders)."""
    groups = class_sheet_groups(scope=scope, year_group=year_group)
    return class_sheets_to_pdf(scope=scope, groups=groups, title=year_group_title(year_group))


WHOLE_SCHOOL = 0


def year_group_title(year_group: int) -> str:
    if year_group == WHOLE_SCHOOL:
        return "Class sheets: the whole school"
    return f"Class sheets: {year_group_label(year_group)}"


def class_sheets_printed(*, actor: Actor, scope: Scope, groups, title: str) -> bytes:
    """The class sheets of these groups as a PDF, with one audit row per pupil printed
    (naming the groups they were printed in; none for a TA's pupils), so that each
    pupil's log shows the sheet."""
    data = class_sheets_to_pdf(scope=scope, groups=groups, title=title)
    printed: dict[int, list[int]] = {}
    for g in groups:
        for p in g.pupils:
            in_groups = printed.setdefault(p.pk, [])
            if g.group is not None:
                in_groups.append(g.group.pk)
    audit_record_many(
        actor=actor,
        action=ProfilesAction.CLASS_SHEET_PDF,
        rows=[
            {"pupil": pk, "school": scope.school, "detail": {"groups": printed[pk]}}
            for pk in sorted(printed)
        ]
        or [{"school": scope.school, "detail": {"groups": []}}],
    )
    return data


@background_job
def class_sheets_job(progress: Progress, *, year: int) -> JobResult:
    """A year group's (or the whole school's) class sheets, in the background."""
    scope = scope_at(progress.user, progress.school) if progress.user else None
    if scope is None or not scope.may("prints_year_sheets"):
        raise JobFailed("You can no longer print this school's class sheets.")
    progress.step("Finding the teaching groups and their pupils with SEND")
    groups = class_sheet_groups(scope=scope, year_group=year or None)
    pupils = len({p.pk for g in groups for p in g.pupils})
    progress.step(f"Drawing the sheets of {len(groups)} groups and {pupils} pupils")
    title = year_group_title(year)
    data = class_sheets_printed(actor=progress.actor, scope=scope, groups=groups, title=title)
    label = "the whole school" if year == WHOLE_SCHOOL else year_group_label(year)
    return JobResult(
        file=data,
        name=pdf_filename("class sheets", label),
        type="application/pdf",
        message=f"{len(groups)} groups, {pupils} pupils with SEND.",
    )
