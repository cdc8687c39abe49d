"""The annual review report as Word and PDF, and the local authorities' own Word forms.

Who: the SENCO only (`manages_ehc_plans`). The report is a draft about one child, with
the family's and professionals' views, written for the local authority: special category
data that a leader reading the plan does not need in a file they can pass on.
"""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from senco.access import pupil_view, school_view
from senco.audit.services import audit_record
from senco.ehcp import report
from senco.ehcp.audit import EhcpAction
from senco.ehcp.models import ReportTemplate
from senco.ehcp.report_forms import ReportTemplateForm
from senco.ehcp.report_sandbox import PLACEHOLDERS, example_form
from senco.lib.pdf import html_to_pdf, pdf_context, pdf_filename, pdf_response, render_pdf_html


def _docx_response(data: bytes, filename: str) -> HttpResponse:
    """A Word document to save, never cached: it holds a pupil's record."""
    response = HttpResponse(data, content_type=report.DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    patch_cache_control(response, private=True, no_store=True)
    return response


def _filename(data: report.ReportData, suffix: str) -> str:
    name = slugify(f"annual review report {data.pupil.full_name}")
    return f"{name}-{data.prepared_on:%Y-%m-%d}{suffix}"


@pupil_view("manages_ehc_plans")
def report_docx(request, pupil, scope, review_id):
    """The report as Word: the local authority's own form when the school uploaded one for
    the plan's authority, else senco's layout."""
    review = report.review_for(pupil, review_id)
    data = report.report_data(review, prepared_by=request.user)
    form = report.form_for(data)
    layout = "senco"
    content = None
    if form is not None:
        try:
            content = report.fill_form(form.path, data)
            layout = "local_authority"
        except Exception:  # a form that cannot be filled in: senco's layout instead
            layout = "senco (the local authority's form could not be filled in)"
    if content is None:
        content = report.build_docx(data)
    audit_record(
        actor=request.actor,
        pupil=pupil,
        action=EhcpAction.REPORT_DOCX,
        detail={"review_id": review.pk, "layout": layout, "form_id": form.pk if form else None},
    )
    return _docx_response(content, _filename(data, ".docx"))


@pupil_view("manages_ehc_plans")
def report_pdf(request, pupil, scope, review_id):
    review = report.review_for(pupil, review_id)
    data = report.report_data(review, prepared_by=request.user)
    html = render_pdf_html(
        "ehcp/report/report_pdf.html",
        pdf_context(
            scope,
            data.title,
            pupil=pupil,
            data=data,
            context=report.form_context(data),
        ),
    )
    content = html_to_pdf(html)
    audit_record(
        actor=request.actor,
        pupil=pupil,
        action=EhcpAction.REPORT_PDF,
        detail={"review_id": review.pk},
    )
    return pdf_response(content, pdf_filename("annual review report", pupil.full_name))


# --- The local authorities' own forms ---------------------------------------------------------


@school_view("manages_ehc_plans")
def report_templates(request, scope):
    """The school's forms, one per local authority: upload, replace, remove; and the
    placeholders a form may use."""
    forms = list(
        ReportTemplate.objects.filter(school=scope.school)
        .select_related("uploaded_by")
        .order_by("la_code")
    )
    form = ReportTemplateForm(
        request.POST if request.method == "POST" else None, request.FILES or None
    )
    if request.method == "POST" and form.is_valid():
        template, replaced = report.report_template_save(
            actor=request.actor,
            school=scope.school,
            la_code=form.cleaned_data["la_code"],
            data=form.data_bytes,
            filename=form.cleaned_data["file"].name,
        )
        messages.success(
            request,
            f"{template.get_la_code_display()}'s form has been "
            f"{'replaced' if replaced else 'saved'}. Word downloads of the annual review "
            "report for its plans now fill it in.",
        )
        return redirect("ehcp_report_templates", urn=scope.school.urn)
    return render(
        request,
        "ehcp/report/templates.html",
        {
            "scope": scope,
            "form": form,
            "forms": forms,
            "placeholders": PLACEHOLDERS,
            "unknown": form.unknown,
        },
    )


@school_view("manages_ehc_plans")
def report_template_example(request, scope):
    """A Word form with every placeholder, to start from."""
    return _docx_response(example_form(), "annual-review-form-example.docx")


@require_POST
@school_view("manages_ehc_plans")
def report_template_remove(request, scope, template_id):
    template = ReportTemplate.objects.filter(pk=template_id, school=scope.school).first()
    if template is None:
        raise Http404("Not found")
    report.report_template_remove(actor=request.actor, template=template)
    messages.success(
        request,
        f"{template.get_la_code_display()}'s form has been removed. Word downloads of its "
        "plans' reports use senco's layout.",
    )
    return redirect("ehcp_report_templates", urn=scope.school.urn)
