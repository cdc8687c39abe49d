"""Two-factor sign-in: a code from an authenticator app (TOTP, django-otp) after the
password, and one-time recovery codes for a lost phone.

How a sign-in goes (SignInStepsMiddleware): when a person signs in with their password,
`sign_in_steps` decides what is still owed and keeps it in the session. Someone with an
authenticator app set up must enter a code from it (or a recovery code) before any other
page opens; someone whose school requires two-factor sign-in and who has none must set it
up first. Signing in again (a new session) asks again.

Who must use it: a school's SENCO may require it (`School.two_factor_required`) for its
SENCOs and senior leaders; the trust's SEND lead must use it when any school of the trust
requires it. Anyone else may turn it on for themselves.
"""

import base64
import secrets
from io import BytesIO

import qrcode
import qrcode.image.svg
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from senco.accounts.models import Membership, Role, TrustMembership, User
from senco.audit.actions import AuditAction
from senco.audit.actor import Actor
from senco.audit.services import audit_record

# The session key holding the step still owed after the password: VERIFY or SET_UP.
SESSION_KEY = "senco_sign_in_step"
VERIFY = "verify"
SET_UP = "set-up"

APP_DEVICE = "Authenticator app"
RECOVERY_DEVICE = "Recovery codes"
RECOVERY_CODES = 10
# No 0/o, 1/l/i: codes are read off paper.
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
REQUIRED_ROLES = (Role.SENCO, Role.LEADER)


def app_device(user: User) -> TOTPDevice | None:
    """The person's confirmed authenticator app, or None."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def has_two_factor(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def two_factor_required(user: User) -> bool:
    """Whether a school requires this person to sign in with two factors: a SENCO or leader
    at a school that requires it, or the SEND lead of a trust with such a school."""
    return (
        Membership.objects.filter(
            user=user,
            is_active=True,
            role__in=REQUIRED_ROLES,
            school__two_factor_required=True,
        ).exists()
        or TrustMembership.objects.filter(
            user=user, trust__schools__two_factor_required=True
        ).exists()
    )


def sign_in_steps(request, user: User) -> None:
    """Called as the password is accepted: what the person must still do this session."""
    if has_two_factor(user):
        request.session[SESSION_KEY] = VERIFY
    elif two_factor_required(user):
        request.session[SESSION_KEY] = SET_UP
    else:
        request.session.pop(SESSION_KEY, None)


def step_owed(request) -> str | None:
    return request.session.get(SESSION_KEY)


def step_done(request) -> None:
    request.session.pop(SESSION_KEY, None)
    request.session.cycle_key()  # a new session id once fully signed in


def normalise(code: str) -> str:
    """What a person typed: spaces and dashes dropped, lower case."""
    return "".join(code.split()).replace("-", "").lower()


def new_app_device(user: User) -> TOTPDevice:
    """The app being set up: one not yet confirmed, kept while the page is redrawn."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE, confirmed=False)
    return device


def secret_for_typing(device: TOTPDevice) -> str:
    """The device's key as a person types it into an app, in groups of four."""
    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def qr_code_data_uri(device: TOTPDevice) -> str:
    """The otpauth:// address as a QR code, an SVG image in a data: URI."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    buffer = BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def _recovery_codes(user: User) -> list[str]:
    """New recovery codes for the person, replacing any they had; shown once."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = ["".join(secrets.choice(_ALPHABET) for _ in range(10)) for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return [f"{code[:5]}-{code[5:]}" for code in codes]


@transaction.atomic
def two_factor_confirm(*, actor: Actor, device: TOTPDevice, code: str) -> list[str] | None:
    """Turn on the app being set up if `code` is one it shows now: any older app stops
    working and new recovery codes are made (returned, to show once). None if the code is
    wrong."""
    if not device.verify_token(normalise(code)):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    codes = _recovery_codes(device.user)
    audit_record(actor=actor, action=AuditAction.TWO_FACTOR_ON)
    return codes


@transaction.atomic
def recovery_codes_new(*, actor: Actor, user: User) -> list[str]:
    codes = _recovery_codes(user)
    audit_record(actor=actor, action=AuditAction.RECOVERY_CODES_NEW)
    return codes


def recovery_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__name=RECOVERY_DEVICE).count()


class CodeCheck:
    """The answer to a code typed at sign-in."""

    PASSED, RECOVERY, WRONG, WAIT = "passed", "recovery", "wrong", "wait"


def code_check(*, actor: Actor, user: User, code: str) -> str:
    """Check a code from the app, or a recovery code (which then stops working). Each
    device slows down guessing by itself (django-otp waits longer after each wrong code)."""
    code = normalise(code)
    app = app_device(user)
    if app is not None and len(code) == 6 and code.isdigit():
        allowed, _ = app.verify_is_allowed()
        if not allowed:
            audit_record(actor=actor, action=AuditAction.TWO_FACTOR_FAILED, detail={"wait": True})
            return CodeCheck.WAIT
        if app.verify_token(code):
            audit_record(actor=actor, action=AuditAction.TWO_FACTOR_PASSED)
            return CodeCheck.PASSED
    else:
        recovery = StaticDevice.objects.filter(user=user, name=RECOVERY_DEVICE).first()
        if recovery is not None:
            allowed, _ = recovery.verify_is_allowed()
            if not allowed:
                audit_record(
                    actor=actor, action=AuditAction.TWO_FACTOR_FAILED, detail={"wait": True}
                )
                return CodeCheck.WAIT
            if recovery.verify_token(code):  # deletes the code used
                audit_record(
                    actor=actor,
                    action=AuditAction.RECOVERY_CODE_USED,
                    detail={"left": recovery_codes_left(user)},
                )
                return CodeCheck.RECOVERY
    audit_record(actor=actor, action=AuditAction.TWO_FACTOR_FAILED)
    return CodeCheck.WRONG


@transaction.atomic
def two_factor_off(*, actor: Actor, user: User) -> None:
    """The person turns off their own two-factor sign-in (not allowed where required)."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    audit_record(actor=actor, action=AuditAction.TWO_FACTOR_OFF)


@transaction.atomic
def staff_two_factor_reset(*, actor: Actor, membership: Membership) -> None:
    """A SENCO removes a colleague's app and recovery codes (a lost phone): they sign in
    with their password next time, and set up an app again if the school requires it."""
    TOTPDevice.objects.filter(user=membership.user).delete()
    StaticDevice.objects.filter(user=membership.user).delete()
    audit_record(
        actor=actor,
        school=membership.school,
        action=AuditAction.STAFF_TWO_FACTOR_RESET,
        detail={"user": membership.user_id},
    )


def users_with_two_factor(users) -> set[int]:
    """The ids of those of `users` who have an authenticator app set up: one query."""
    return set(
        TOTPDevice.objects.filter(user__in=users, confirmed=True).values_list("user_id", flat=True)
    )
