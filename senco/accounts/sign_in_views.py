"""Your account, two-factor sign-in and resetting a forgotten password by email."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.tokens import default_token_generator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.views.decorators.http import require_POST

from senco.access import public_view, school_view, signed_in_view
from senco.accounts import two_factor
from senco.accounts.forms import (
    NewPasswordForm,
    NextForm,
    PasswordConfirmForm,
    PasswordResetRequestForm,
    SchoolSignInForm,
    SecurityCodeForm,
)
from senco.accounts.models import Membership, User
from senco.accounts.services import (
    password_reset_complete,
    password_reset_request,
    school_sign_in_update,
    school_sign_in_version,
)
from senco.lib.forms import add_service_errors
from senco.lib.versions import StaleVersion

# Recovery codes just made, shown once on the next page and then forgotten.
CODES_KEY = "senco_new_recovery_codes"


@signed_in_view
def account(request):
    user = request.user
    device = two_factor.app_device(user)
    return render(
        request,
        "accounts/account.html",
        {
            "has_two_factor": device is not None,
            "required": two_factor.two_factor_required(user),
            "codes_left": two_factor.recovery_codes_left(user) if device else 0,
            "memberships": user.memberships.filter(is_active=True).select_related("school"),
        },
    )


@signed_in_view
def two_factor_setup(request):
    """Scan a QR code (or type the key) into an authenticator app, then enter its code."""
    device = two_factor.new_app_device(request.user)
    form = SecurityCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = two_factor.two_factor_confirm(
            actor=request.actor, device=device, code=form.cleaned_data["code"]
        )
        if codes is None:
            form.add_error(
                "code",
                "The security code is not right. Check the app shows senco, and enter the "
                "code it shows now",
            )
        else:
            if two_factor.step_owed(request) == two_factor.SET_UP:
                two_factor.step_done(request)
            request.session[CODES_KEY] = codes
            return redirect("two_factor_codes")
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "qr_code": two_factor.qr_code_data_uri(device),
            "secret": two_factor.secret_for_typing(device),
            "replacing": two_factor.has_two_factor(request.user),
            "required_now": two_factor.step_owed(request) == two_factor.SET_UP,
        },
    )


@signed_in_view
def two_factor_codes(request):
    """New recovery codes, once: leaving the page forgets them."""
    codes = request.session.pop(CODES_KEY, None)
    if not codes:
        return redirect("account")
    return render(request, "accounts/two_factor_codes.html", {"codes": codes})


@require_POST
@signed_in_view
def recovery_codes_new(request):
    if not two_factor.has_two_factor(request.user):
        return redirect("account")
    request.session[CODES_KEY] = two_factor.recovery_codes_new(
        actor=request.actor, user=request.user
    )
    return redirect("two_factor_codes")


@signed_in_view
def two_factor_verify(request):
    """The second step of signing in: a code from the app, or a recovery code."""
    next_url = NextForm.url(request)
    if two_factor.step_owed(request) != two_factor.VERIFY:
        return redirect(next_url or settings.LOGIN_REDIRECT_URL)
    form = SecurityCodeForm(request.POST or None, recovery=True)
    if request.method == "POST" and form.is_valid():
        result = two_factor.code_check(
            actor=request.actor, user=request.user, code=form.cleaned_data["code"]
        )
        if result in (two_factor.CodeCheck.PASSED, two_factor.CodeCheck.RECOVERY):
            two_factor.step_done(request)
            if result == two_factor.CodeCheck.RECOVERY:
                left = two_factor.recovery_codes_left(request.user)
                messages.warning(
                    request,
                    f"You signed in with a recovery code, which will not work again. You have "
                    f"{left} left. If you have lost your phone, set up your app again from "
                    "Your account.",
                )
            return redirect(next_url or settings.LOGIN_REDIRECT_URL)
        if result == two_factor.CodeCheck.WAIT:
            form.add_error(
                "code", "There have been too many wrong codes. Wait a minute, then try again"
            )
        else:
            form.add_error(
                "code",
                "The security code is not right. Enter the code your app shows now, "
                "or a recovery code",
            )
    return render(request, "accounts/two_factor_verify.html", {"form": form, "next": next_url})


@signed_in_view
def two_factor_off(request):
    """Turn off your own two-factor sign-in, with your password, where no school needs it."""
    if not two_factor.has_two_factor(request.user):
        return redirect("account")
    if two_factor.two_factor_required(request.user):
        messages.info(
            request,
            "Your school requires two-factor sign-in, so it cannot be turned off. To move "
            "to a new phone, set up your app again.",
        )
        return redirect("account")
    form = PasswordConfirmForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        two_factor.two_factor_off(actor=request.actor, user=request.user)
        messages.success(request, "Two-factor sign-in is off. You sign in with your password.")
        return redirect("account")
    return render(request, "accounts/two_factor_off.html", {"form": form})


@require_POST
@school_view("manages_register")
def staff_two_factor_reset(request, scope, membership_id):
    membership = get_object_or_404(
        Membership.objects.select_related("user"), pk=membership_id, school=scope.school
    )
    two_factor.staff_two_factor_reset(actor=request.actor, membership=membership)
    messages.success(
        request,
        f"{membership.user}'s authenticator app and recovery codes no longer work. They sign "
        "in with their password, and set up an app again if your school requires it.",
    )
    return redirect("staff_edit", urn=scope.school.urn, membership_id=membership.pk)


@school_view("manages_register")
def school_sign_in(request, scope):
    """The school's sign-in rules: whether the SENCO and leaders must use two factors."""
    school = scope.school
    form = SchoolSignInForm(
        request.POST or None,
        initial={"two_factor_required": school.two_factor_required},
        version=school_sign_in_version(school),
    )
    if request.method == "POST" and form.is_valid():
        try:
            school_sign_in_update(
                actor=request.actor,
                school=school,
                two_factor_required=form.cleaned_data["two_factor_required"],
                version=form.opened_version,
            )
        except StaleVersion as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Saved the sign-in rules.")
            return redirect("school_sign_in", urn=school.urn)
    people = (
        Membership.objects.filter(school=school, is_active=True, role__in=two_factor.REQUIRED_ROLES)
        .select_related("user")
        .order_by("user__last_name", "user__first_name")
    )
    with_app = two_factor.users_with_two_factor([m.user_id for m in people])
    return render(
        request,
        "accounts/school_sign_in.html",
        {"scope": scope, "form": form, "people": people, "with_app": with_app},
    )


@public_view
def password_reset(request):
    """Ask for a reset link by email. The answer is the same whether or not the address
    belongs to anyone."""
    form = PasswordResetRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():

        def link_for(user, token):
            uid = urlsafe_base64_encode(force_bytes(user.pk))
            return request.build_absolute_uri(reverse("password_reset_confirm", args=[uid, token]))

        password_reset_request(
            actor=request.actor, email=form.cleaned_data["email"], link_for=link_for
        )
        return redirect("password_reset_sent")
    return render(request, "registration/password_reset.html", {"form": form})


@public_view
def password_reset_sent(request):
    return render(request, "registration/password_reset_sent.html")


def _reset_user(uidb64: str, token: str) -> User | None:
    try:
        pk = int(force_str(urlsafe_base64_decode(uidb64)))
    except (TypeError, ValueError, OverflowError):
        return None
    user = User.objects.filter(pk=pk, is_active=True).first()
    if user is None or not default_token_generator.check_token(user, token):
        return None
    return user


@public_view
def password_reset_confirm(request, uidb64, token):
    """Choose a new password from the emailed link; used or expired links say so."""
    user = _reset_user(uidb64, token)
    if user is None:
        return render(request, "registration/password_reset_expired.html")
    form = NewPasswordForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        password_reset_complete(
            actor=request.actor, user=user, password=form.cleaned_data["new_password"]
        )
        return redirect("password_reset_done")
    return render(request, "registration/password_reset_confirm.html", {"form": form})


@public_view
def password_reset_done(request):
    return render(request, "registration/password_reset_done.html")
