from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from senco.access import school_view
from senco.accounts.forms import StaffAddForm, StaffEditForm
from senco.accounts.models import Membership
from senco.accounts.services import staff_add as staff_add_service
from senco.accounts.services import staff_update
from senco.lib.forms import add_service_errors


@school_view("manages_register")
def staff_list(request, scope):
    memberships = (
        Membership.objects.filter(school=scope.school)
        .select_related("user")
        .order_by("role", "user__last_name", "user__first_name")
    )
    return render(request, "accounts/staff_list.html", {"scope": scope, "memberships": memberships})


@school_view("manages_register")
def staff_add(request, scope):
    form = StaffAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        membership = staff_add_service(
            actor=request.actor, school=scope.school, **form.cleaned_data
        )
        messages.success(
            request, f"{membership.user} can now sign in as {membership.get_role_display()}."
        )
        return redirect("staff_list", urn=scope.school.urn)
    return render(request, "accounts/staff_add.html", {"scope": scope, "form": form})


@school_view("manages_register")
def staff_edit(request, scope, membership_id):
    membership = get_object_or_404(
        Membership.objects.select_related("user"), pk=membership_id, school=scope.school
    )
    form = StaffEditForm(
        request.POST or None,
        initial={
            "role": membership.role,
            "is_active": membership.user.is_active,
            "can_edit_passports": membership.can_edit_passports,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            staff_update(actor=request.actor, membership=membership, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Saved the changes for {membership.user}.")
            return redirect("staff_list", urn=scope.school.urn)
    return render(
        request,
        "accounts/staff_edit.html",
        {"scope": scope, "form": form, "membership": membership},
    )
