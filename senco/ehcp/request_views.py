"""Requests for an EHC needs assessment: one pupil's request, its form, and the school's list."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone

from senco.access import pupil_view, school_view
from senco.audit.services import audit_list, audit_record
from senco.ehcp import compliance, steps
from senco.ehcp.audit import EhcpAction
from senco.ehcp.models import AssessmentRequest, EHCPlan
from senco.ehcp.request_forms import RequestForm
from senco.ehcp.request_services import request_save
from senco.lib.codes import Provision
from senco.lib.forms import add_service_errors
from senco.schools.selectors import saved_closures


def _audit(request, pupil, action, **detail) -> None:
    audit_record(actor=request.actor, pupil=pupil, action=action, detail=detail)


def _form_page(request, scope, pupil, form, assessment):
    return render(
        request,
        "ehcp/requests/request_form.html",
        {"scope": scope, "pupil": pupil, "form": form, "assessment": assessment},
    )


@pupil_view("manages_ehc_plans")
def request_add(request, pupil, scope):
    """Record a request for an EHC needs assessment of the pupil."""
    form = RequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            saved = request_save(actor=request.actor, pupil=pupil, **form.request_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The request for an EHC needs assessment has been recorded.")
            return redirect("ehcp_request", pk=pupil.pk, request_id=saved.pk)
    _audit(request, pupil, EhcpAction.REQUEST_FORM_VIEW, request_id=None)
    return _form_page(request, scope, pupil, form, None)


@pupil_view("follows_ehc_work")
def request_detail(request, pupil, scope, request_id):
    """The request's steps, each with its deadline, its rule and its legal source."""
    assessment = compliance.request_for(pupil, request_id)
    today = timezone.localdate()
    closures = saved_closures(scope.school)
    found = steps.request_steps(assessment)
    is_open = compliance.is_open(assessment)
    waiting = steps.open_steps(found) if is_open else []
    rows = [
        (step, steps.urgency(step.deadline, today, closures=closures) if step in waiting else "")
        for step in found
    ]
    _audit(request, pupil, EhcpAction.REQUEST_VIEW, request_id=assessment.pk)
    return render(
        request,
        "ehcp/requests/request_detail.html",
        {
            "scope": scope,
            "pupil": pupil,
            "assessment": assessment,
            "rows": rows,
            "is_open": is_open,
            "offer_plan": (
                assessment.outcome == AssessmentRequest.Outcome.PLAN_ISSUED and not _has_plan(pupil)
            ),
            "at_e": pupil.sen_provision == Provision.EHC_PLAN,
        },
    )


def _has_plan(pupil) -> bool:
    """Whether the pupil has an EHC plan recorded (one query)."""
    return EHCPlan.objects.filter(pupil=pupil).exists()


@pupil_view("manages_ehc_plans")
def request_edit(request, pupil, scope, request_id):
    assessment = compliance.request_for(pupil, request_id)
    form = RequestForm(request.POST or None, instance=assessment, version=assessment.version)
    if request.method == "POST" and form.is_valid():
        try:
            request_save(
                actor=request.actor,
                pupil=pupil,
                request=assessment,
                version=form.opened_version,
                **form.request_fields(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The request for an EHC needs assessment has been saved.")
            return redirect("ehcp_request", pk=pupil.pk, request_id=assessment.pk)
    _audit(request, pupil, EhcpAction.REQUEST_FORM_VIEW, request_id=assessment.pk)
    return _form_page(request, scope, pupil, form, assessment)


@school_view("follows_ehc_work")
def request_list(request, scope):
    """Every open request of the school by its next deadline, and the closed ones below."""
    today = timezone.localdate()
    open_rows, closed = compliance.school_requests(scope, today)
    audit_list(
        actor=request.actor,
        action=EhcpAction.REQUESTS_LIST,
        school=scope.school,
        pupils=sorted({row.request.pupil_id for row in open_rows + closed}),
    )
    return render(
        request,
        "ehcp/requests/request_list.html",
        {"scope": scope, "open_rows": open_rows, "closed": closed, "today": today},
    )
