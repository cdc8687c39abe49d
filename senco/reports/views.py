"""Reports to governors and the SEN information report: drafted from what senco holds, the
SENCO's words around the figures, issued (figures kept as they were), downloaded as Word
and PDF.

Who: the SENCO drafts, writes, issues (`writes_reports`); leaders read drafts and issued
reports (`reads_draft_reports`); governors and the trust's SEND lead read issued reports
only, and a draft is a 404 to them (`senco.reports.selectors`). The figures of every report
are hidden as for governors, whoever reads it (`senco.reports.figures`).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_POST

from senco import registry
from senco.access import school_view
from senco.audit.services import audit_record
from senco.lib.clock import academic_year_label, academic_year_of
from senco.lib.forms import add_service_errors
from senco.reports import documents, selectors, services
from senco.reports import figures as report_figures
from senco.reports.audit import ReportsAction
from senco.reports.forms import ConfirmForm, NewReportForm, SectionForm
from senco.reports.kinds import KINDS


def _posted(request):
    return request.POST if request.method == "POST" else None


def _report_url(scope, report, anchor: str = "") -> str:
    url = reverse("reports_report", args=[scope.school.urn, report.pk])
    return f"{url}#{anchor}" if anchor else url


def _audit(request, scope, action, report, **detail) -> None:
    audit_record(
        actor=request.actor,
        school=scope.school,
        action=action,
        detail={"report_id": report.pk, **detail} if report is not None else detail,
    )


@school_view("reads_reports")
def reports_list(request, scope):
    today = timezone.localdate()
    reports = list(selectors.reports_for(scope))
    year = academic_year_of(today)
    by_year: dict[int, list] = {}
    for report in reports:
        by_year.setdefault(report.academic_year, []).append(report)
    this_year = {r.kind: r for r in by_year.get(year, [])}
    offers = [(kind, this_year.get(kind.key)) for kind in KINDS.values()]
    _audit(request, scope, ReportsAction.REPORTS_VIEW, None, shown=len(reports))
    return render(
        request,
        "reports/list.html",
        {
            "scope": scope,
            "years": [(academic_year_label(y), rs) for y, rs in by_year.items()],
            "offers": offers if scope.writes_reports else [],
            "year_label": academic_year_label(year),
        },
    )


@require_POST
@school_view("writes_reports")
def reports_new(request, scope):
    form = NewReportForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["kind"][0])
        return redirect("reports_list", urn=scope.school.urn)
    year = academic_year_of(timezone.localdate())
    report, made = services.report_draft(
        actor=request.actor, school=scope.school, kind=form.cleaned_data["kind"], academic_year=year
    )
    if made:
        messages.success(request, f"{report.title} has been drafted. Write each section below.")
    else:
        messages.info(request, f"{report.title} was drafted already: here it is.")
    return redirect(_report_url(scope, report))


@school_view("reads_reports")
def reports_report(request, scope, report_id):
    """The report as it will read: each section's words and its figures."""
    today = timezone.localdate()
    report = selectors.report_for(scope, report_id)
    data = documents.document_data(report, today)
    _audit(request, scope, ReportsAction.REPORT_VIEW, report, issued=report.is_issued)
    written = sum(1 for s in data.sections if s.written)
    return render(
        request,
        "reports/report.html",
        {
            "scope": scope,
            "report": report,
            "data": data,
            "may_write": scope.writes_reports and not report.is_issued,
            "links": scope.writes_reports and not report.is_issued,
            "written": written,
            "total": len(data.sections),
            "today": today,
        },
    )


@school_view("writes_reports")
def reports_section_edit(request, scope, report_id, key):
    report = selectors.report_for(scope, report_id)
    if report.is_issued:
        messages.info(request, f"{services.ISSUED_MESSAGE}. To correct it, make a new draft.")
        return redirect(_report_url(scope, report))
    section = selectors.section_for(report, key)
    kind = KINDS.get(report.kind)
    spec = kind.section(key) if kind else None
    form = SectionForm(
        _posted(request),
        initial={"words": section.words},
        version=section.version,
        prompt=spec.prompt if spec else "",
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.section_save(
                actor=request.actor,
                section=section,
                version=form.opened_version,
                words=form.cleaned_data["words"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{section.heading}: saved.")
            return redirect(_report_url(scope, report, f"section-{section.key}"))
    today = timezone.localdate()
    keys = spec.evidence if spec else ()
    found = registry.evidence_for(keys, scope.school, today, suppress=True) if keys else {}
    rows = [
        report_figures.Row(f.label, str(f.value), f.national, f.source, f.url)
        for k in keys
        for f in found.get(k, [])
    ]
    _audit(request, scope, ReportsAction.SECTION_FORM, report, section=section.key)
    return render(
        request,
        "reports/section_form.html",
        {
            "scope": scope,
            "report": report,
            "section": section,
            "spec": spec,
            "form": form,
            "rows": rows,
            "any_hidden": any(r.hidden for r in rows),
            "today": today,
        },
    )


@school_view("writes_reports")
def reports_issue(request, scope, report_id):
    """Issue the report, after a page that says what issuing does."""
    report = selectors.report_for(scope, report_id)
    if report.is_issued:
        messages.info(request, "This report has been issued already.")
        return redirect(_report_url(scope, report))
    form = ConfirmForm(_posted(request), version=report.version)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_issue(
                actor=request.actor,
                report=report,
                version=form.opened_version,
                today=timezone.localdate(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"{report.title} has been issued. Its figures are kept as they are today, "
                "and governors and the trust's SEND lead can now read it.",
            )
            return redirect(_report_url(scope, report))
    sections = selectors.sections_of(report)
    _audit(request, scope, ReportsAction.ISSUE_FORM, report)
    return render(
        request,
        "reports/issue.html",
        {
            "scope": scope,
            "report": report,
            "form": form,
            "unwritten": [s for s in sections if s.updated_by_id is None],
        },
    )


@school_view("writes_reports")
def reports_reopen(request, scope, report_id):
    """Make an issued report a draft again, to correct it."""
    report = selectors.report_for(scope, report_id)
    if not report.is_issued:
        return redirect(_report_url(scope, report))
    form = ConfirmForm(_posted(request), version=report.version)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_reopen(actor=request.actor, report=report, version=form.opened_version)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"{report.title} is a draft again. Governors will not see it until you issue "
                "it again.",
            )
            return redirect(_report_url(scope, report))
    _audit(request, scope, ReportsAction.REOPEN_FORM, report)
    return render(request, "reports/reopen.html", {"scope": scope, "report": report, "form": form})


def _download(content: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    patch_cache_control(response, private=True, no_store=True)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@school_view("reads_reports")
def reports_docx(request, scope, report_id):
    report = selectors.report_for(scope, report_id)
    data = documents.document_data(report, timezone.localdate())
    content = documents.build_docx(data)
    _audit(request, scope, ReportsAction.REPORT_DOCX, report, issued=report.is_issued)
    return _download(content, documents.DOCX_TYPE, documents.filename(data, ".docx"))


@school_view("reads_reports")
def reports_pdf(request, scope, report_id):
    report = selectors.report_for(scope, report_id)
    data = documents.document_data(report, timezone.localdate())
    content = documents.build_pdf(scope, data)
    _audit(request, scope, ReportsAction.REPORT_PDF, report, issued=report.is_issued)
    return _download(content, "application/pdf", documents.filename(data, ".pdf"))
