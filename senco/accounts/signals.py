"""Sign-ins, failed sign-ins, lockouts and sign-outs in the audit log.

Connected in AccountsConfig.ready. The rows name no pupil and no school; a failed sign-in
records the username that was tried and never the password.
"""

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from senco.accounts.two_factor import sign_in_steps
from senco.audit.actions import AuditAction
from senco.audit.actor import Actor, client_ip
from senco.audit.services import audit_record

# The username box of the sign-in form; Django hides the password in `credentials` anyway.
USERNAME = "username"


def _actor(request, user=None) -> Actor:
    return Actor(user, client_ip(request) if request is not None else None)


@receiver(user_logged_in, dispatch_uid="senco.audit_sign_in")
def audit_sign_in(sender, request, user, **kwargs):
    audit_record(actor=_actor(request, user), action=AuditAction.SIGN_IN)


@receiver(user_login_failed, dispatch_uid="senco.audit_sign_in_failed")
def audit_sign_in_failed(sender, credentials, request=None, **kwargs):
    detail = {"username": str(credentials.get(USERNAME, ""))[:150]}
    if getattr(request, "axes_locked_out", False):
        detail["locked_out"] = True
    audit_record(actor=_actor(request), action=AuditAction.SIGN_IN_FAILED, detail=detail)


@receiver(user_locked_out, dispatch_uid="senco.audit_locked_out")
def audit_locked_out(sender, request, username, ip_address, **kwargs):
    # axes sends this again for each attempt refused during the lockout; those are already
    # failed sign-ins marked `locked_out`. Only the attempt that caused the lockout counted.
    if getattr(request, "axes_failures_since_start", None) is None:
        return
    audit_record(
        actor=_actor(request),
        action=AuditAction.SIGN_IN_LOCKED_OUT,
        detail={"username": str(username or "")[:150]},
    )


@receiver(user_logged_out, dispatch_uid="senco.audit_sign_out")
def audit_sign_out(sender, request, user, **kwargs):
    if user is None:
        return  # signing out when not signed in: nothing happened
    audit_record(actor=_actor(request, user), action=AuditAction.SIGN_OUT)


@receiver(user_logged_in, dispatch_uid="senco.sign_in_steps")
def decide_sign_in_steps(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        sign_in_steps(request, user)
