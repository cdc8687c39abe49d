from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from senco.access import MANAGES_REGISTER, SEES_PUPILS, pupil_view
from senco.audit.selectors import audit_events_for_pupil
from senco.audit.services import audit_record
from senco.lib.codes import BroadArea
from senco.pupils.forms import SupportAssignmentForm
from senco.pupils.services import support_assignment_add, support_assignment_remove
from senco.register.forms import ParentsToldForm


@pupil_view(*SEES_PUPILS)
def pupil_detail(request, pupil, scope):
    audit_record(user=request.user, request=request, pupil=pupil, action="pupil.view")
    changes = pupil.register_changes.select_related("changed_by")
    supporters = pupil.support_assignments.select_related("staff")
    return render(
        request,
        "pupils/detail.html",
        {
            "scope": scope,
            "pupil": pupil,
            "contacts": pupil.contacts.all(),
            "changes": changes,
            "groups": pupil.teaching_groups.all(),
            "broad_area_label": BroadArea(pupil.broad_area).label if pupil.broad_area else "",
            "told_form": ParentsToldForm(),
            "supporters": supporters,
            "support_form": SupportAssignmentForm(
                school=pupil.school, exclude=[a.staff_id for a in supporters]
            )
            if scope.manages_register
            else None,
        },
    )


@pupil_view(*MANAGES_REGISTER)
def pupil_audit(request, pupil, scope):
    """Who has looked at or changed this pupil's record."""
    events = audit_events_for_pupil(pupil=pupil)
    audit_record(user=request.user, request=request, pupil=pupil, action="pupil.audit.view")
    return render(request, "pupils/audit.html", {"scope": scope, "pupil": pupil, "events": events})


@require_POST
@pupil_view(*MANAGES_REGISTER)
def pupil_support_add(request, pupil, scope):
    form = SupportAssignmentForm(request.POST, school=pupil.school)
    if form.is_valid():
        try:
            support_assignment_add(
                request=request, by=request.user, pupil=pupil, staff=form.cleaned_data["staff"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, f"{form.cleaned_data['staff']} now supports {pupil.full_name}."
            )
    else:
        messages.error(request, "Choose a teaching assistant of this school.")
    return redirect("pupil_detail", pk=pupil.pk)


@require_POST
@pupil_view(*MANAGES_REGISTER)
def pupil_support_remove(request, pupil, scope, assignment_id):
    assignment = get_object_or_404(pupil.support_assignments, pk=assignment_id)
    support_assignment_remove(request=request, by=request.user, assignment=assignment)
    messages.success(request, f"{assignment.staff} no longer supports {pupil.full_name}.")
    return redirect("pupil_detail", pk=pupil.pk)
