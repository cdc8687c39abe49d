"""Reading reports, limited to what the scope may see: a draft is seen only by those who
may read drafts (the SENCO and leaders); to a governor or the trust's SEND lead a draft's
id is the same 404 as another school's report or one that does not exist."""

from django.db.models import QuerySet
from django.http import Http404

from senco.reports.models import Report, ReportSection


def reports_for(scope) -> QuerySet[Report]:
    """The school's reports this person may read, newest year first."""
    reports = Report.objects.filter(school=scope.school).select_related("issued_by")
    if not scope.reads_draft_reports:
        reports = reports.filter(issued_at__isnull=False)
    return reports.order_by("-academic_year", "kind")


def report_for(scope, report_id: int) -> Report:
    """One report of the scope's school that this person may read, or 404."""
    report = reports_for(scope).filter(pk=report_id).first()
    if report is None:
        raise Http404("Not found")
    return report


def report_of_year(school, kind: str, academic_year: int) -> Report | None:
    return Report.objects.filter(school=school, kind=kind, academic_year=academic_year).first()


def sections_of(report: Report) -> list[ReportSection]:
    return list(
        ReportSection.objects.filter(report=report)
        .select_related("updated_by")
        .order_by("position", "pk")
    )


def section_for(report: Report, key: str) -> ReportSection:
    """A section of the report, or 404."""
    section = ReportSection.objects.filter(report=report, key=key).first()
    if section is None:
        raise Http404("Not found")
    return section
