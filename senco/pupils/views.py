import csv
import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_POST

from senco.access import pupil_view, school_view
from senco.audit.actions import AuditAction
from senco.audit.forms import AuditFilterForm
from senco.audit.selectors import (
    pupil_audit_choices,
    pupil_audit_events,
    pupil_audit_page,
)
from senco.audit.services import audit_list, audit_record
from senco.lib.codes import BroadArea
from senco.lib.forms import PageForm, add_service_errors
from senco.lib.spreadsheet import safe_cell
from senco.lib.text import plural
from senco.pupils.forms import (
    AddPupilsForm,
    ContactSearchForm,
    SupportAssignmentForm,
    TeachingGroupForm,
)
from senco.pupils.models import Pupil, TeachingGroup
from senco.pupils.selectors import contact_search, groups_of, reg_groups
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
            "groups": groups_of(pupil),
            "broad_area_label": BroadArea(pupil.broad_area).label if pupil.broad_area else "",
            "header_panels": panels["header"],
            "panels": panels["main"],
        },
    )


AUDIT_PAGE_SIZE = 50


def _audit_filters(request, pupil) -> AuditFilterForm:
    people, actions = pupil_audit_choices(pupil=pupil)
    return AuditFilterForm(request.GET or None, people=people, actions=actions)


@pupil_view("manages_register")
def pupil_audit(request, pupil, scope):
    """Who has looked at or changed this pupil's record, by person, action and date."""
    # Recorded first, so that this look is in the list and its person in the filter.
    audit_record(actor=request.actor, pupil=pupil, action=AuditAction.PUPIL_AUDIT_VIEW)
    form = _audit_filters(request, pupil)
    filters = form.filters()
    page = pupil_audit_page(
        pupil=pupil, filters=filters, number=PageForm.number(request.GET), per_page=AUDIT_PAGE_SIZE
    )
    query = request.GET.copy()
    query.pop("page", None)
    response = render(
        request,
        "pupils/audit.html",
        {
            "scope": scope,
            "pupil": pupil,
            "form": form,
            "filtering": bool(filters.used() or form.errors),
            "page": page,
            "page_numbers": page.paginator.get_elided_page_range(
                page.number, on_each_side=2, on_ends=1
            ),
            "query": query.urlencode(),
        },
    )
    add_never_cache_headers(response)
    return response


@pupil_view("manages_register")
def pupil_audit_export(request, pupil, scope):
    """The rows of "who has looked" as filtered on screen, as CSV safe to open in a
    spreadsheet: for a subject access request or an investigation."""
    form = _audit_filters(request, pupil)
    if form.is_bound and not form.is_valid():
        # Never a download of more than was asked for: back to the page, with the errors.
        return redirect(f"{reverse('pupil_audit', args=[pupil.pk])}?{request.GET.urlencode()}")
    filters = form.filters()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = (
        f'attachment; filename="who-has-looked-{pupil.pk}-{stamp}.csv"'
    )
    add_never_cache_headers(response)
    response.write("\ufeff")  # so that Excel reads the names as UTF-8
    writer = csv.writer(response)
    writer.writerow(
        ["When", "Name", "Username", "What", "Action code", "Client address", "Details"]
    )
    rows = 0
    for e in pupil_audit_events(pupil=pupil, filters=filters).iterator(chunk_size=2000):
        user = e.user
        writer.writerow(
            [
                safe_cell(v)
                for v in (
                    timezone.localtime(e.at).isoformat(),
                    (user.get_full_name() or user.username) if user else "(nobody signed in)",
                    user.username if user else "",
                    e.action_label,
                    e.action,
                    e.ip_address or "",
                    json.dumps(e.detail, ensure_ascii=False, sort_keys=True) if e.detail else "",
                )
            ]
        )
        rows += 1
    audit_record(
        actor=request.actor,
        pupil=pupil,
        action=AuditAction.PUPIL_AUDIT_EXPORT,
        detail={"filters": filters.used(), "rows": rows},
    )
    return response


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
            add_service_errors(form, error)
        else:
            messages.success(
                request, f"{form.cleaned_data['staff']} now supports {pupil.full_name}."
            )
            return redirect("pupil_detail", pk=pupil.pk)
    # The error beside the field, on a page of its own.
    return render(
        request, "pupils/support_add.html", {"scope": scope, "pupil": pupil, "form": form}
    )


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
    form = TeachingGroupForm(
        request.POST or None, school=scope.school, reg_groups=reg_groups(scope=scope)
    )
    if request.method == "POST" and form.is_valid():
        group = teaching_group_save(actor=request.actor, school=scope.school, **form.cleaned_data)
        if group.follows_reg_group:
            messages.success(
                request,
                f"Group {group.name} created with the pupils of {group.follows_reg_group}.",
            )
        else:
            messages.success(request, f"Group {group.name} created. Now add its pupils.")
        return redirect("group_detail", urn=scope.school.urn, group_id=group.pk)
    return render(request, "pupils/group_form.html", {"scope": scope, "form": form})


@school_view("manages_register")
def group_detail(request, scope, group_id):
    group = get_object_or_404(TeachingGroup, pk=group_id, school=scope.school)
    form = _group_form(scope, group, request.POST or None)
    if request.method == "POST" and form.is_valid():
        teaching_group_save(
            actor=request.actor, school=scope.school, group=group, **form.cleaned_data
        )
        messages.success(request, f"Saved group {group.name}.")
        return redirect("group_detail", urn=scope.school.urn, group_id=group.pk)
    return _group_page(request, scope, group, form=form)


def _group_form(scope, group, data=None) -> TeachingGroupForm:
    return TeachingGroupForm(
        data,
        school=scope.school,
        group=group,
        reg_groups=reg_groups(scope=scope),
        initial={
            "name": group.name,
            "subject": group.subject,
            "year_group": group.year_group,
            "follows_reg_group": group.follows_reg_group,
            "teachers": list(group.teachers.all()),
        },
    )


def _group_page(request, scope, group, *, form=None, add_form=None):
    """A group's page; either form may come back with its errors and what was typed."""
    return render(
        request,
        "pupils/group_detail.html",
        {
            "scope": scope,
            "group": group,
            "form": form or _group_form(scope, group),
            "pupils": group.pupils.order_by("surname_key", "forename_key"),
            "add_form": add_form or AddPupilsForm(reg_groups=reg_groups(scope=scope)),
        },
    )


@require_POST
@school_view("manages_register")
def group_add_pupils(request, scope, group_id):
    group = get_object_or_404(TeachingGroup, pk=group_id, school=scope.school)
    if group.follows_reg_group:
        messages.error(
            request,
            f"{group.name} follows registration group {group.follows_reg_group}: its pupils "
            "change with each import. To choose them by hand, set Pupils to Chosen by hand.",
        )
        return redirect("group_detail", urn=scope.school.urn, group_id=group.pk)
    form = AddPupilsForm(request.POST, reg_groups=reg_groups(scope=scope))
    if not form.is_valid():
        return _group_page(request, scope, group, add_form=form)
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
    if group.follows_reg_group:
        messages.error(
            request,
            f"{group.name} follows registration group {group.follows_reg_group}: its pupils "
            "change with each import. To choose them by hand, set Pupils to Chosen by hand.",
        )
        return redirect("group_detail", urn=scope.school.urn, group_id=group.pk)

    teaching_group_remove_pupil(actor=request.actor, group=group, pupil=pupil)
    messages.success(request, f"Removed {pupil.full_name} from {group.name}.")
    return redirect("group_detail", urn=scope.school.urn, group_id=group.pk)


# --- Contacts: the office's way to reach families, with no SEN information ----------------

CONTACTS_PAGE_SIZE = 50


@school_view("sees_contacts")
def contact_list(request, scope):
    """Pupils and their contacts, by the pupil's name, UPN or registration group, or a
    parent's or carer's name or phone number. Nothing about SEN."""
    query = ContactSearchForm.query(request.GET)
    pupils = contact_search(school=scope.school, query=query).only(
        "pk", "upn", "legal_surname", "forename", "year_group", "reg_group"
    )
    page = Paginator(
        pupils.order_by("surname_key", "forename_key", "pk").prefetch_related("contacts"),
        CONTACTS_PAGE_SIZE,
    ).get_page(PageForm.number(request.GET))
    # One row per pupil on the page, so that each pupil's log shows their contacts were seen.
    audit_list(
        actor=request.actor,
        action=AuditAction.CONTACTS_VIEW,
        school=scope.school,
        pupils=page,
        detail={"q": query},
    )
    return render(
        request, "pupils/contact_list.html", {"scope": scope, "page": page, "query": query}
    )
