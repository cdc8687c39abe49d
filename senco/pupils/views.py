from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from senco.access import pupil_view, school_view
from senco.audit.actions import AuditAction
from senco.audit.selectors import audit_events_for_pupil
from senco.audit.services import audit_record
from senco.lib.codes import BroadArea
from senco.lib.text import plural
from senco.pupils.forms import AddPupilsForm, SupportAssignmentForm, TeachingGroupForm
from senco.pupils.models import Pupil, TeachingGroup
from senco.pupils.selectors import reg_groups
from senco.pupils.services import (
    support_assignment_add,
    support_assignment_remove,
    teaching_group_add_pupils,
    teaching_group_remove_pupil,
    teaching_group_save,
)
from senco.registry import panels_for


@pupil_view("sees_pupils")
def pupil_detail(request, pupil, scope):
    """The pupil's facts, then what each part of senco adds (senco/registry.py)."""
    audit_record(actor=request.actor, pupil=pupil, action=AuditAction.PUPIL_VIEW)
    panels = panels_for(request, pupil, scope)
    return render(
        request,
        "pupils/detail.html",
        {
            "scope": scope,
            "pupil": pupil,
            "groups": pupil.teaching_groups.all(),
            "broad_area_label": BroadArea(pupil.broad_area).label if pupil.broad_area else "",
            "header_panels": panels["header"],
            "panels": panels["main"],
        },
    )


@pupil_view("manages_register")
def pupil_audit(request, pupil, scope):
    """Who has looked at or changed this pupil's record."""
    events = audit_events_for_pupil(pupil=pupil)
    audit_record(actor=request.actor, pupil=pupil, action=AuditAction.PUPIL_AUDIT_VIEW)
    return render(request, "pupils/audit.html", {"scope": scope, "pupil": pupil, "events": events})


@require_POST
@pupil_view("manages_register")
def pupil_support_add(request, pupil, scope):
    form = SupportAssignmentForm(request.POST, school=pupil.school)
    if form.is_valid():
        try:
            support_assignment_add(
                actor=request.actor, pupil=pupil, staff=form.cleaned_data["staff"]
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
@pupil_view("manages_register")
def pupil_support_remove(request, pupil, scope, assignment_id):
    assignment = get_object_or_404(pupil.support_assignments, pk=assignment_id)
    support_assignment_remove(actor=request.actor, assignment=assignment)
    messages.success(request, f"{assignment.staff} no longer supports {pupil.full_name}.")
    return redirect("pupil_detail", pk=pupil.pk)


# --- Teaching groups: who teaches whom, so teachers see only their pupils -------------------


@school_view("manages_register")
def group_list(request, scope):
    groups = (
        TeachingGroup.objects.filter(school=scope.school)
        .annotate(pupil_count=Count("pupils", distinct=True))
        .prefetch_related("teachers")
        .order_by("year_group", "name")
    )
    return render(request, "pupils/group_list.html", {"scope": scope, "groups": groups})


@school_view("manages_register")
def group_add(request, scope):
    form = TeachingGroupForm(request.POST or None, school=scope.school)
    if request.method == "POST" and form.is_valid():
        group = teaching_group_save(actor=request.actor, school=scope.school, **form.cleaned_data)
        messages.success(request, f"Group {group.name} created. Now add its pupils.")
        return redirect("group_detail", urn=scope.school.urn, group_id=group.pk)
    return render(request, "pupils/group_form.html", {"scope": scope, "form": form})


@school_view("manages_register")
def group_detail(request, scope, group_id):
    group = get_object_or_404(TeachingGroup, pk=group_id, school=scope.school)
    form = TeachingGroupForm(
        request.POST or None,
        school=scope.school,
        group=group,
        initial={
            "name": group.name,
            "subject": group.subject,
            "year_group": group.year_group,
            "teachers": list(group.teachers.all()),
        },
    )
    if request.method == "POST" and form.is_valid():
        teaching_group_save(
            actor=request.actor, school=scope.school, group=group, **form.cleaned_data
        )
        messages.success(request, f"Saved group {group.name}.")
        return redirect("group_detail", urn=scope.school.urn, group_id=group.pk)
    return render(
        request,
        "pupils/group_detail.html",
        {
            "scope": scope,
            "group": group,
            "form": form,
            "pupils": group.pupils.order_by("legal_surname", "forename"),
            "add_form": AddPupilsForm(reg_groups=reg_groups(scope=scope)),
        },
    )


@require_POST
@school_view("manages_register")
def group_add_pupils(request, scope, group_id):
    group = get_object_or_404(TeachingGroup, pk=group_id, school=scope.school)
    form = AddPupilsForm(request.POST, reg_groups=reg_groups(scope=scope))
    if not form.is_valid():
        messages.error(request, " ".join(form.non_field_errors()) or "Check what you entered.")
        return redirect("group_detail", urn=scope.school.urn, group_id=group.pk)
    school_pupils = Pupil.objects.filter(school=scope.school)
    chosen = list(school_pupils.filter(upn__in=form.cleaned_data["upn_list"]))
    if form.cleaned_data["reg_group"]:
        chosen += list(school_pupils.filter(reg_group=form.cleaned_data["reg_group"]))
    added = teaching_group_add_pupils(actor=request.actor, group=group, pupils=chosen)
    unknown = sorted(set(form.cleaned_data["upn_list"]) - {p.upn for p in chosen})
    messages.success(request, f"Added {plural(added, 'pupil')} to {group.name}.")
    if unknown:
        messages.error(
            request,
            f"No pupil of this school has the UPN {', '.join(unknown)}: check it against the MIS.",
        )
    return redirect("group_detail", urn=scope.school.urn, group_id=group.pk)


@require_POST
@school_view("manages_register")
def group_remove_pupil(request, scope, group_id, pupil_id):
    group = get_object_or_404(TeachingGroup, pk=group_id, school=scope.school)
    pupil = get_object_or_404(group.pupils, pk=pupil_id)
    teaching_group_remove_pupil(actor=request.actor, group=group, pupil=pupil)
    messages.success(request, f"Removed {pupil.full_name} from {group.name}.")
    return redirect("group_detail", urn=scope.school.urn, group_id=group.pk)


# --- Contacts: the office's way to reach families, with no SEN information ----------------

CONTACTS_PAGE_SIZE = 50


@school_view("sees_contacts")
def contact_list(request, scope):
    """Pupils and their contacts, by name, UPN or registration group. Nothing about SEN."""
    query = (request.GET.get("q") or "").strip()[:100]
    pupils = Pupil.objects.filter(school=scope.school).only(
        "pk", "upn", "legal_surname", "forename", "year_group", "reg_group"
    )
    if query:
        for word in query.split():
            pupils = pupils.filter(
                Q(legal_surname__icontains=word)
                | Q(forename__icontains=word)
                | Q(upn__iexact=word)
                | Q(reg_group__iexact=word)
            )
    page = Paginator(
        pupils.order_by("legal_surname", "forename", "pk").prefetch_related("contacts"),
        CONTACTS_PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    audit_record(
        actor=request.actor,
        school=scope.school,
        action=AuditAction.CONTACTS_VIEW,
        detail={"q": query, "pupils": [p.pk for p in page]},
    )
    return render(
        request, "pupils/contact_list.html", {"scope": scope, "page": page, "query": query}
    )
