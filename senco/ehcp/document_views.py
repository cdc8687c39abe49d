"""The EHC plan as the local authority issued it (a PDF): upload, replace, remove, open."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control

from senco.access import pupil_view
from senco.audit.services import audit_record
from senco.ehcp import document_services, selectors
from senco.ehcp.audit import EhcpAction
from senco.ehcp.document_forms import ConfirmForm, DocumentForm
from senco.ehcp.document_services import document_version, download_filename
from senco.lib.forms import add_service_errors


def _plan_or_404(pupil):
    plan = selectors.plan_for(pupil)
    if plan is None:
        raise Http404("Not found")
    return plan


@pupil_view("reads_ehc_plans")
def document_download(request, pupil, scope):
    """The plan's PDF, to those who read the plan; saved by the browser, never kept by a
    shared cache, never sniffed as anything but a PDF."""
    plan = _plan_or_404(pupil)
    document = selectors.document_of(plan)
    if document is None or not document.path.is_file():
        raise Http404("Not found")
    audit_record(
        actor=request.actor,
        pupil=pupil,
        action=EhcpAction.DOCUMENT_VIEW,
        detail={"plan_id": plan.pk, "document": str(document.key)},
    )
    plan.pupil = pupil
    response = FileResponse(
        document.path.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=download_filename(plan),
    )
    patch_cache_control(response, private=True, no_store=True)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@pupil_view("manages_ehc_plans")
def document_upload(request, pupil, scope):
    """Upload the plan's PDF, or replace the one kept."""
    plan = _plan_or_404(pupil)
    document = selectors.document_of(plan)
    posted = request.method == "POST"
    form = DocumentForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        version=document_version(document),
    )
    if posted and form.is_valid():
        try:
            document_services.document_replace(
                actor=request.actor,
                plan=plan,
                upload=form.cleaned_data["file"],
                version=form.opened_version,
            )
        except ValidationError as error:
            add_service_errors(form, error)
            document = selectors.document_of(plan)
        else:
            messages.success(
                request,
                "The EHC plan's PDF has been replaced."
                if document
                else "The EHC plan's PDF has been uploaded.",
            )
            return redirect("ehcp_plan", pk=pupil.pk)
    audit_record(
        actor=request.actor,
        pupil=pupil,
        action=EhcpAction.DOCUMENT_FORM_VIEW,
        detail={"plan_id": plan.pk},
    )
    return render(
        request,
        "ehcp/document/upload.html",
        {"scope": scope, "pupil": pupil, "plan": plan, "document": document, "form": form},
    )


@pupil_view("manages_ehc_plans")
def document_remove(request, pupil, scope):
    """ "Are you sure?", then remove the plan's PDF."""
    plan = _plan_or_404(pupil)
    document = selectors.document_of(plan)
    if document is None:
        raise Http404("Not found")
    form = ConfirmForm(
        request.POST if request.method == "POST" else None, version=document_version(document)
    )
    if request.method == "POST" and form.is_valid():
        try:
            document_services.document_remove(
                actor=request.actor, plan=plan, version=form.opened_version
            )
        except ValidationError as error:
            add_service_errors(form, error)
            document = selectors.document_of(plan)
            if document is None:
                messages.info(request, "Someone else has already removed the EHC plan's PDF.")
                return redirect("ehcp_plan", pk=pupil.pk)
        else:
            messages.success(request, "The EHC plan's PDF has been removed.")
            return redirect("ehcp_plan", pk=pupil.pk)
    audit_record(
        actor=request.actor,
        pupil=pupil,
        action=EhcpAction.DOCUMENT_FORM_VIEW,
        detail={"plan_id": plan.pk, "remove": True},
    )
    return render(
        request,
        "ehcp/document/remove.html",
        {"scope": scope, "pupil": pupil, "plan": plan, "document": document, "form": form},
    )
