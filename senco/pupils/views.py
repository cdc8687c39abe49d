from django.shortcuts import render

from senco.access import MANAGES_REGISTER, SEES_PUPILS, pupil_view
from senco.audit.selectors import audit_events_for_pupil
from senco.audit.services import audit_record
from senco.lib.codes import BroadArea
from senco.register.forms import ParentsToldForm


@pupil_view(*SEES_PUPILS)
def pupil_detail(request, pupil, scope):
    audit_record(user=request.user, request=request, pupil=pupil, action="pupil.view")
    changes = pupil.register_changes.select_related("changed_by")
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
        },
    )


@pupil_view(*MANAGES_REGISTER)
def pupil_audit(request, pupil, scope):
    """Who has looked at or changed this pupil's record."""
    events = audit_events_for_pupil(pupil=pupil)
    audit_record(user=request.user, request=request, pupil=pupil, action="pupil.audit.view")
    return render(request, "pupils/audit.html", {"scope": scope, "pupil": pupil, "events": events})
