"""Intervention groups and their members: the list, a group's page, setting one up, adding
pupils, their dates and scores, and the parents not yet told."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from senco.access import pupils_visible_to, school_view
from senco.accounts.models import Membership
from senco.audit.services import audit_list, audit_record
from senco.lib.forms import add_service_errors
from senco.provision import group_selectors, group_services
from senco.provision.audit import ProvisionAction
from senco.provision.group_forms import (
    GroupFilterForm,
    GroupForm,
    MemberAddForm,
    MemberForm,
    ParentsToldForm,
    PupilSearchForm,
    QuickAddForm,
    today_or_start,
)
from senco.provision.models import Score
from senco.provision.offer_selectors import interventions_of
from senco.pupils.selectors import pupil_name_or_upn
from senco.schools.selectors import saved_closures

SEARCH_LIMIT = 20


def _staff_queryset(school):
    """The school's staff who may deliver a group, as a queryset for the forms' choices."""
    ids = Membership.objects.filter(
        school=school, is_active=True, role__in=group_selectors.DELIVERING_ROLES
    ).values("user_id")
    return get_user_model().objects.filter(pk__in=ids).order_by("last_name", "first_name", "pk")


def _to_group(scope, group):
    return redirect("provision_group_detail", urn=scope.school.urn, group_id=group.pk)


@school_view("reads_provision")
def group_list(request, scope):
    """Running now, planned and ended, filtered by intervention and staff. Names no pupil."""
    today = timezone.localdate()
    interventions = interventions_of(scope.school)
    staff = _staff_queryset(scope.school)
    form = GroupFilterForm(request.GET or None, interventions=interventions, staff=staff)
    chosen = form.chosen()
    groups = group_selectors.groups_listed(scope.school, today, **chosen)
    return render(
        request,
        "provision/groups/list.html",
        {
            "scope": scope,
            "form": form,
            "groups": groups,
            "filtered": bool(chosen),
            "sections": [
                ("running", "Running now"),
                ("planned", "Planned"),
                ("ended", "Ended"),
            ],
        },
    )


def _group_form(request, scope, group):
    interventions = interventions_of(scope.school)
    if group is None:
        interventions = interventions.filter(active=True)
    staff = _staff_queryset(scope.school)
    initial = {}
    if group is None and request.GET.get("intervention", "").isdigit():
        initial["intervention"] = request.GET["intervention"]
    form = GroupForm(
        request.POST or None,
        instance=group,
        version=group.version if group else None,
        interventions=interventions,
        staff=staff,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = group_services.group_save(
                actor=request.actor,
                school=scope.school,
                staff_ids={u.pk for u in staff},
                group=group,
                version=form.opened_version,
                **form.group_fields(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{saved.name} has been saved.")
            return _to_group(scope, saved)
    return render(
        request, "provision/groups/form.html", {"scope": scope, "form": form, "group": group}
    )


@school_view("manages_interventions")
def group_add(request, scope):
    return _group_form(request, scope, None)


@school_view("manages_interventions")
def group_edit(request, scope, group_id):
    return _group_form(request, scope, group_selectors.group_for(scope, group_id))


@school_view("reads_provision")
def group_detail(request, scope, group_id):
    """A group: when and who, its members with their scores and whether they have met the
    exit criteria, how many sessions and what it costs."""
    group = group_selectors.group_for(scope, group_id)
    rows = group_selectors.member_rows(group)
    current = [r for r in rows if r.member.left_on is None]
    cost = group_selectors.group_cost(group, len(current), saved_closures(scope.school))
    audit_list(
        actor=request.actor,
        action=ProvisionAction.GROUP_VIEW,
        school=scope.school,
        pupils=[r.member.pupil_id for r in rows],
        detail={"group_id": group.pk},
    )
    return render(
        request,
        "provision/groups/detail.html",
        {
            "scope": scope,
            "group": group,
            "rows": rows,
            "current": len(current),
            "cost": cost,
            "status": group_selectors.status_of(group, timezone.localdate()),
            "days": group_selectors.days_label(group.days),
        },
    )


@school_view("manages_interventions")
def member_add(request, scope, group_id):
    """Find a pupil by name, then add them with the date they joined and their score at
    entry."""
    group = group_selectors.group_for(scope, group_id)
    search = PupilSearchForm(request.GET or None)
    query = search.cleaned_data.get("q", "") if search.is_valid() else ""
    visible = pupils_visible_to(scope)
    matches = []
    if query:
        matches = list(
            visible.filter(pupil_name_or_upn(query)).order_by("surname_key", "forename_key", "pk")[
                :SEARCH_LIMIT
            ]
        )
    form = MemberAddForm(
        request.POST or None,
        group=group,
        pupils=visible,
        initial={"joined_on": today_or_start(group)},
    )
    if request.method == "POST" and form.is_valid():
        pupil = form.cleaned_data["pupil"]
        try:
            group_services.member_add(
                actor=request.actor, group=group, pupil=pupil, **form.member_fields()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{pupil.full_name} has been added to {group.name}.")
            return _to_group(scope, group)
    if request.method == "POST" and not matches and form["pupil"].value():
        matches = list(visible.filter(pk=form["pupil"].value()))
    audit_list(
        actor=request.actor,
        action=ProvisionAction.MEMBER_FORM_VIEW,
        school=scope.school,
        pupils=[p.pk for p in matches],
        detail={"group_id": group.pk, "search": bool(query)},
    )
    return render(
        request,
        "provision/groups/member_add.html",
        {
            "scope": scope,
            "group": group,
            "search": search,
            "query": query,
            "matches": matches,
            "form": form,
            "chosen": str(form["pupil"].value() or ""),
        },
    )


@school_view("manages_interventions")
def member_quick_add(request, scope, group_id):
    """One click from an intervention's suggestions: the pupil joins today (or when the group
    starts), their latest score on its measure as the score at entry."""
    if request.method != "POST":
        raise Http404("Not found")
    group = group_selectors.group_for(scope, group_id)
    form = QuickAddForm(request.POST)
    pupil = None
    if form.is_valid():
        pupil = pupils_visible_to(scope).filter(pk=form.cleaned_data["pupil"]).first()
    if pupil is None:
        raise Http404("Not found")
    latest = (
        Score.objects.filter(pupil=pupil, measure=group.intervention.measure)
        .order_by("-taken_on", "-pk")
        .first()
    )
    try:
        group_services.member_add(
            actor=request.actor,
            group=group,
            pupil=pupil,
            joined_on=today_or_start(group),
            baseline_score=latest.value if latest else None,
            baseline_on=latest.taken_on if latest else None,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{pupil.full_name} has been added to {group.name}.")
    return redirect(
        "provision_offer_detail", urn=scope.school.urn, intervention_id=group.intervention_id
    )


@school_view("manages_interventions")
def member_edit(request, scope, group_id, member_id):
    group = group_selectors.group_for(scope, group_id)
    member = group_selectors.member_for(group, member_id)
    form = MemberForm(request.POST or None, instance=member, version=member.version)
    if request.method == "POST" and form.is_valid():
        try:
            group_services.member_save(
                actor=request.actor,
                member=member,
                version=form.opened_version,
                **form.member_fields(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{member.pupil.full_name}'s place has been saved.")
            return _to_group(scope, group)
    audit_record(
        actor=request.actor,
        pupil=member.pupil,
        action=ProvisionAction.MEMBER_FORM_VIEW,
        detail={"group_id": group.pk, "member_id": member.pk},
    )
    return render(
        request,
        "provision/groups/member_form.html",
        {"scope": scope, "group": group, "member": member, "form": form},
    )


@school_view("reads_provision")
def parents_list(request, scope):
    """Members whose parents have not been told that they joined, or that they left."""
    rows = list(group_selectors.parents_not_told(scope))
    audit_list(
        actor=request.actor,
        action=ProvisionAction.PARENTS_LIST_VIEW,
        school=scope.school,
        pupils=sorted({m.pupil_id for m in rows}),
    )
    return render(request, "provision/groups/parents.html", {"scope": scope, "rows": rows})


@school_view("manages_interventions")
def parents_told(request, scope, group_id, member_id):
    group = group_selectors.group_for(scope, group_id)
    member = group_selectors.member_for(group, member_id)
    which = "joining" if member.parents_told_joining is None else "leaving"
    form = ParentsToldForm(
        request.POST or None, version=member.version, initial={"told_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            group_services.parents_told(
                actor=request.actor,
                member=member,
                on=form.cleaned_data["told_on"],
                version=form.opened_version,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, f"Recorded that {member.pupil.full_name}'s parents were told."
            )
            return redirect("provision_group_parents", urn=scope.school.urn)
    audit_record(
        actor=request.actor,
        pupil=member.pupil,
        action=ProvisionAction.MEMBER_FORM_VIEW,
        detail={"group_id": group.pk, "member_id": member.pk, "parents_told": which},
    )
    return render(
        request,
        "provision/groups/parents_told.html",
        {"scope": scope, "group": group, "member": member, "form": form, "which": which},
    )
