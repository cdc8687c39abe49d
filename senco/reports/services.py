"""Writing reports: drafting one from kinds.py, the SENCO's words, issuing (the figures kept
as they were that day) and making an issued report a draft again. Every write is in a
transaction with its audit row; an edit is refused from an old version (no lost update).

A report goes to governors or the public, so no section may name a pupil: a save or an
issue whose words hold the full name of a pupil of the school is refused, saying which.
"""

import datetime
import re

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from senco.audit.actor import Actor
from senco.audit.services import audit_record
from senco.lib.clock import academic_year_label
from senco.lib.versions import check_version
from senco.pupils.models import Pupil
from senco.reports import figures as report_figures
from senco.reports.audit import ReportsAction
from senco.reports.kinds import KINDS
from senco.reports.models import Report, ReportSection

ISSUED_MESSAGE = "This report has been issued, so it can no longer be changed"


def title_for(kind: str, academic_year: int) -> str:
    return f"{KINDS[kind].label} {academic_year_label(academic_year)}"


def draft_fill(school, academic_year: int, person) -> dict[str, str]:
    """What a starting draft may name (kinds.py)."""
    name = (person.get_full_name() or person.get_username()) if person else ""
    return {
        "school": school.name,
        "year": academic_year_label(academic_year),
        "senco": name or "[name]",
    }


def _new_sections(report: Report, school, person) -> list[ReportSection]:
    fill = draft_fill(school, report.academic_year, person)
    return [
        ReportSection(
            report=report,
            key=s.key,
            heading=s.heading,
            words=s.draft.format(**fill),
            position=n,
        )
        for n, s in enumerate(KINDS[report.kind].sections)
    ]


def report_draft(*, actor: Actor, school, kind: str, academic_year: int) -> tuple[Report, bool]:
    """The school's report of this kind for the year, drafted with its sections from
    kinds.py if there is none yet: (report, whether it was made now). Asking twice gives
    the same report."""
    if kind not in KINDS:
        raise ValidationError({"kind": "Choose the kind of report"})
    existing = Report.objects.filter(school=school, kind=kind, academic_year=academic_year).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            report = Report.objects.create(
                school=school,
                kind=kind,
                academic_year=academic_year,
                title=title_for(kind, academic_year),
                created_by=actor.person,
            )
            ReportSection.objects.bulk_create(_new_sections(report, school, actor.person))
            audit_record(
                actor=actor,
                school=school,
                action=ReportsAction.REPORT_DRAFT,
                detail={"report_id": report.pk, "kind": kind, "academic_year": academic_year},
            )
    except IntegrityError:  # drafted a moment ago by someone else
        return Report.objects.get(school=school, kind=kind, academic_year=academic_year), False
    return report, True


# --- Names of pupils --------------------------------------------------------------------------


_WORD = re.compile(r"\w+")


def _words(text: str) -> tuple[str, ...]:
    """The words of a text, ignoring case, spacing and punctuation: "O'Brien-Łukasiewicz's"
    is o, brien, łukasiewicz, s."""
    return tuple(_WORD.findall(text.casefold()))


def names_in(school, texts: list[str]) -> list[str]:
    """The full names of the school's pupils (forename or preferred name, then surname)
    that appear in any of the texts, ignoring case, spacing and punctuation. One query;
    each name is looked up among the text's runs of words, so a long report and a large
    school take milliseconds, not a search of the text per pupil."""
    words = _words(" ".join(t for t in texts if t))
    if not words:
        return []
    candidates: dict[tuple[str, ...], str] = {}
    for forename, preferred, surname in Pupil.objects.filter(school=school).values_list(
        "forename", "preferred_name", "legal_surname"
    ):
        for first in {forename, preferred} - {""}:
            key = _words(f"{first} {surname}")
            if len(key) >= 2:
                candidates[key] = f"{first} {surname}"
    runs = {
        words[i : i + n]
        for n in {len(key) for key in candidates}
        for i in range(len(words) - n + 1)
    }
    return sorted({name for key, name in candidates.items() if key in runs})


def _refuse_names(school, texts: list[str], field: str | None = "words") -> None:
    names = names_in(school, texts)
    if names:
        message = (
            f"Take out the name{'s' if len(names) > 1 else ''} {', '.join(names)}: reports "
            "go to governors or the public, so they must not name a pupil"
        )
        raise ValidationError({field: message} if field else message)


# --- Sections ------------------------------------------------------------------------------


def section_current(section: ReportSection) -> list[tuple[str, str, object]]:
    return [("words", "What this section says", section.words)]


@transaction.atomic
def section_save(
    *, actor: Actor, section: ReportSection, version=None, words: str
) -> ReportSection:
    section = ReportSection.objects.select_for_update().select_related("report").get(pk=section.pk)
    report = section.report
    if report.is_issued:
        raise ValidationError(ISSUED_MESSAGE)
    check_version(version, section.version, theirs=lambda: section_current(section))
    _refuse_names(report.school, [words])
    now = timezone.now()
    section.words = words
    section.updated_by = actor.person
    section.updated_at = now
    section.version += 1
    section.save(update_fields=["words", "updated_by", "updated_at", "version"])
    # The report's version moves with its words, so that issuing from a page opened before
    # this change is refused (issue what you have read).
    Report.objects.filter(pk=report.pk).update(updated_at=now, version=F("version") + 1)
    audit_record(
        actor=actor,
        school=report.school,
        action=ReportsAction.SECTION_SAVE,
        detail={"report_id": report.pk, "section": section.key, "version": section.version},
    )
    return section


# --- Issuing ------------------------------------------------------------------------------


@transaction.atomic
def report_issue(*, actor: Actor, report: Report, version=None, today: datetime.date) -> Report:
    """Issue the report: its figures are kept as they are today (hidden as for governors),
    with who issued it and when; it can no longer be changed."""
    report = Report.objects.select_for_update().select_related("school").get(pk=report.pk)
    if report.is_issued:
        raise ValidationError("This report has already been issued")
    check_version(version, report.version)
    words = list(ReportSection.objects.filter(report=report).values_list("words", flat=True))
    _refuse_names(report.school, words, field=None)
    report.figures = report_figures.frozen(report_figures.live(report, today))
    report.issued_at = timezone.now()
    report.issued_by = actor.person
    report.updated_at = report.issued_at
    report.version += 1
    report.save(update_fields=["figures", "issued_at", "issued_by", "updated_at", "version"])
    audit_record(
        actor=actor,
        school=report.school,
        action=ReportsAction.REPORT_ISSUE,
        detail={
            "report_id": report.pk,
            "keys": sorted(report.figures),
            "figures": sum(len(rows) for rows in report.figures.values()),
        },
    )
    return report


@transaction.atomic
def report_reopen(*, actor: Actor, report: Report, version=None) -> Report:
    """Make an issued report a draft again, to correct it: its words are kept, its figures
    become today's again, and governors no longer see it until it is issued again."""
    report = Report.objects.select_for_update().select_related("school").get(pk=report.pk)
    if not report.is_issued:
        return report
    check_version(version, report.version)
    was = {
        "issued_at": report.issued_at.isoformat(),
        "issued_by": report.issued_by_id,
    }
    report.figures = {}
    report.issued_at = None
    report.issued_by = None
    report.updated_at = timezone.now()
    report.version += 1
    report.save(update_fields=["figures", "issued_at", "issued_by", "updated_at", "version"])
    audit_record(
        actor=actor,
        school=report.school,
        action=ReportsAction.REPORT_REOPEN,
        detail={"report_id": report.pk, "was": was},
    )
    return report
