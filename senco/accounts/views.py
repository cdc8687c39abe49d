from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from senco.access import school_view, signed_in_view
from senco.accounts.forms import (
    LOCKED_OUT,
    PasswordChangeForm,
    StaffAddForm,
    StaffEditForm,
    StaffPasswordForm,
)
from senco.accounts.models import Membership
from senco.accounts.selectors import locked_out_usernames
from senco.accounts.services import membership_version, staff_password_set, staff_update
from senco.accounts.services import password_change as password_change_service
from senco.accounts.services import staff_add as staff_add_service
from senco.accounts.services import staff_unlock as staff_unlock_service
from senco.accounts.two_factor import has_two_factor
from senco.lib.forms import add_service_errors


@school_view("manages_register")
def staff_list(request, scope):
    memberships = (
        Membership.objects.filter(school=scope.school)
        .select_related("user")
        .order_by("role", "user__last_name", "user__first_name")
    )
    locked = locked_out_usernames(m.user.username for m in memberships)
    return render(
        request,
        "accounts/staff_list.html",
        {"scope": scope, "memberships": memberships, "locked": locked},
    )


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
            "is_active": membership.is_active,
            "can_edit_passports": membership.can_edit_passports,
        },
        version=membership_version(membership),
    )
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            staff_update(
                actor=request.actor,
                membership=membership,
                version=form.opened_version,
                **fields,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Saved the changes for {membership.user}.")
            return redirect("staff_list", urn=scope.school.urn)
    return render(
        request,
        "accounts/staff_edit.html",
        {
            "scope": scope,
            "form": form,
            "membership": membership,
            "locked_out": bool(locked_out_usernames([membership.user.username])),
            "has_two_factor": has_two_factor(membership.user),
        },
    )


@require_POST
@school_view("manages_register")
def staff_unlock(request, scope, membership_id):
    membership = get_object_or_404(
        Membership.objects.select_related("user"), pk=membership_id, school=scope.school
    )
    staff_unlock_service(actor=request.actor, membership=membership)
    messages.success(request, f"{membership.user} can try to sign in again now.")
    return redirect("staff_edit", urn=scope.school.urn, membership_id=membership.pk)


def sign_in_locked_out(request, original_response=None, credentials=None) -> HttpResponse:
    """django-axes' answer to a refused sign-in: the sign-in page as the form drew it, which
    says why (SignInForm), with 429 Too Many Requests."""
    if original_response is None:
        return HttpResponse(LOCKED_OUT, status=429, content_type="text/plain; charset=utf-8")
    original_response.status_code = 429
    return original_response


@school_view("manages_register")
def staff_password(request, scope, membership_id):
    """A SENCO gives a colleague a new password, to change when they next sign in."""
    membership = get_object_or_404(
        Membership.objects.select_related("user"), pk=membership_id, school=scope.school
    )
    form = StaffPasswordForm(request.POST or None, user=membership.user)
    if request.method == "POST" and form.is_valid():
        staff_password_set(
            actor=request.actor, membership=membership, password=form.cleaned_data["password"]
        )
        messages.success(
            request,
            f"{membership.user} has a new password. They will choose their own when they "
            "next sign in.",
        )
        return redirect("staff_edit", urn=scope.school.urn, membership_id=membership.pk)
    return render(
        request,
        "accounts/staff_password.html",
        {"scope": scope, "form": form, "membership": membership},
    )


@signed_in_view
def password_change(request):
    """Change your own password; the first page after signing in with one someone else set."""
    form = PasswordChangeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        password_change_service(
            actor=request.actor, user=request.user, password=form.cleaned_data["new_password"]
        )
        update_session_auth_hash(request, request.user)  # stay signed in
        messages.success(request, "Your password has been changed.")
        return redirect("home")
    return render(
        request,
        "registration/password_change.html",
        {"form": form, "required": request.user.must_change_password},
    )
