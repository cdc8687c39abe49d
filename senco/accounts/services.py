from datetime import timedelta

from axes.utils import reset as axes_reset
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from senco.accounts.models import Membership, Role, User
from senco.audit.actions import AuditAction
from senco.audit.actor import Actor
from senco.audit.models import AuditEvent
from senco.audit.services import audit_record
from senco.lib.versions import check_version


@transaction.atomic
def staff_add(
    *, actor: Actor, school, username, first_name, last_name, email, role, password
) -> Membership:
    """Create a staff account and its role at the school. There is no self-registration."""
    user = User(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=email,
        must_change_password=True,  # the SENCO chose it: they choose their own at first sign-in
    )
    user.set_password(password)
    user.full_clean()
    user.save()
    membership = Membership(user=user, school=school, role=role)
    membership.full_clean()
    membership.save()
    audit_record(
        actor=actor,
        school=school,
        action=AuditAction.STAFF_ADD,
        detail={"user": user.pk, "role": role},
    )
    return membership


def user_sync_active(*, user: User) -> None:
    """The account can sign in while one of its memberships, or a trust membership, is
    active; switching someone off at one school leaves their other schools alone."""
    active = user.memberships.filter(is_active=True).exists() or user.trust_memberships.exists()
    if user.is_active != active:
        user.is_active = active
        user.save(update_fields=["is_active"])


def membership_version(membership: Membership) -> str:
    """What the staff form edits, as it is saved now: its version (senco.lib.versions)."""
    return f"{membership.role}|{membership.is_active:d}|{membership.can_edit_passports:d}"


def membership_current(membership: Membership) -> list[tuple[str, str, object]]:
    return [
        ("role", "Role", membership.role),
        ("can_edit_passports", "May write passports", membership.can_edit_passports),
        ("is_active", "Can sign in at this school", membership.is_active),
    ]


@transaction.atomic
def staff_update(
    *,
    actor: Actor,
    membership: Membership,
    role: str,
    is_active: bool,
    can_edit_passports: bool = False,
    version: str | None = None,
) -> Membership:
    """Change a member of staff's role, or stop them signing in at this school. `version`
    is `membership_version` when the form was opened: a save from a form opened before
    someone else changed them is refused (`StaleVersion`)."""
    locked = Membership.objects.select_for_update().get(pk=membership.pk)
    check_version(version, membership_version(locked), theirs=lambda: membership_current(locked))
    membership.role, membership.is_active = locked.role, locked.is_active
    membership.can_edit_passports = locked.can_edit_passports
    if membership.user_id == actor.pk and (role != Role.SENCO or not is_active):
        raise ValidationError("You cannot remove your own SENCO access. Ask another SENCO.")
    before = {
        "role": membership.role,
        "is_active": membership.is_active,
        "can_edit_passports": membership.can_edit_passports,
    }
    membership.role = role
    membership.is_active = is_active
    membership.can_edit_passports = can_edit_passports and role == Role.TEACHER
    membership.full_clean()
    membership.save(update_fields=["role", "is_active", "can_edit_passports"])
    user_sync_active(user=membership.user)
    audit_record(
        actor=actor,
        school=membership.school,
        action=AuditAction.STAFF_UPDATE,
        detail={
            "user": membership.user_id,
            "before": before,
            "after": {
                "role": role,
                "is_active": is_active,
                "can_edit_passports": membership.can_edit_passports,
            },
        },
    )
    return membership


@transaction.atomic
def staff_unlock(*, actor: Actor, membership: Membership) -> int:
    """Let a colleague locked out by too many failed sign-ins try again now, from anywhere."""
    removed = axes_reset(username=membership.user.username)
    audit_record(
        actor=actor,
        school=membership.school,
        action=AuditAction.STAFF_UNLOCK,
        detail={"user": membership.user_id},
    )
    return removed


@transaction.atomic
def staff_password_set(*, actor: Actor, membership: Membership, password: str) -> User:
    """A SENCO gives a colleague a new password (forgotten, or given away). They must choose
    their own when they next sign in; any lockout for too many attempts ends."""
    user = membership.user
    user.set_password(password)
    user.must_change_password = True
    user.save(update_fields=["password", "must_change_password"])
    axes_reset(username=user.username)
    audit_record(
        actor=actor,
        school=membership.school,
        action=AuditAction.STAFF_PASSWORD_SET,
        detail={"user": user.pk},
    )
    return user


@transaction.atomic
def password_change(*, actor: Actor, user: User, password: str) -> User:
    """A person changes their own password; a password someone else set is then theirs."""
    user.set_password(password)
    user.must_change_password = False
    user.save(update_fields=["password", "must_change_password"])
    audit_record(actor=actor, action=AuditAction.PASSWORD_CHANGE)
    return user


def school_sign_in_version(school) -> str:
    return f"{school.two_factor_required:d}"


@transaction.atomic
def school_sign_in_update(
    *, actor: Actor, school, two_factor_required: bool, version: str | None = None
):
    """The SENCO requires (or stops requiring) two-factor sign-in for SENCOs and leaders."""
    locked = type(school).objects.select_for_update().get(pk=school.pk)
    check_version(
        version,
        school_sign_in_version(locked),
        theirs=lambda: [
            (
                "two_factor_required",
                "Require two-factor sign-in",
                locked.two_factor_required,
            )
        ],
    )
    before = locked.two_factor_required
    locked.two_factor_required = two_factor_required
    locked.save(update_fields=["two_factor_required"])
    school.two_factor_required = two_factor_required
    audit_record(
        actor=actor,
        school=school,
        action=AuditAction.SCHOOL_SIGN_IN,
        detail={"two_factor_required": [before, two_factor_required]},
    )
    return school


# At most this many reset emails to one person an hour, so nobody can flood their inbox.
RESET_EMAILS_AN_HOUR = 3


def password_reset_request(*, actor: Actor, email: str, link_for) -> int:
    """Email a reset link to each account that can sign in with this address; returns how
    many were sent. Says nothing to the asker about whether any account exists.

    `link_for(user)` gives the absolute link for that person (the view knows the host)."""
    since = timezone.now() - timedelta(hours=1)
    sent = 0
    users = User.objects.filter(email__iexact=email.strip(), is_active=True)
    for user in users:
        if not user.has_usable_password():
            continue
        recent = AuditEvent.objects.filter(
            action=AuditAction.PASSWORD_RESET_REQUESTED, at__gte=since, detail__user=user.pk
        ).count()
        if recent >= RESET_EMAILS_AN_HOUR:
            continue
        token = default_token_generator.make_token(user)
        context = {"user": user, "link": link_for(user, token)}
        send_mail(
            subject="Reset your senco password",
            message=render_to_string("accounts/email/password_reset.txt", context),
            from_email=None,
            recipient_list=[user.email],
        )
        audit_record(
            actor=actor, action=AuditAction.PASSWORD_RESET_REQUESTED, detail={"user": user.pk}
        )
        sent += 1
    return sent


@transaction.atomic
def password_reset_complete(*, actor: Actor, user: User, password: str) -> User:
    """A person chooses a new password from a reset link. The link then stops working (it
    was made from the old password) and any lockout for too many attempts ends."""
    user.set_password(password)
    user.must_change_password = False
    user.save(update_fields=["password", "must_change_password"])
    axes_reset(username=user.username)
    audit_record(actor=Actor(user, actor.ip_address), action=AuditAction.PASSWORD_RESET)
    return user


@transaction.atomic
def school_set_up(
    *,
    actor: Actor,
    trust_name: str,
    name: str,
    urn: str,
    phase: str,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    password: str,
):
    """A new school (in its trust, made if new) with its first SENCO, who chooses their own
    password at first sign-in and adds everyone else from the Staff page. All or nothing."""
    from senco.schools.models import School, Trust

    trust = Trust.objects.filter(name=trust_name).first() or Trust(name=trust_name)
    trust.full_clean()
    trust.save()
    school = School(trust=trust, name=name, urn=urn, phase=phase)
    school.full_clean()
    school.save()
    membership = staff_add(
        actor=actor,
        school=school,
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=email,
        role=Role.SENCO,
        password=password,
    )
    audit_record(
        actor=actor,
        school=school,
        action=AuditAction.SCHOOL_ADD,
        detail={"urn": urn, "senco": membership.user_id},
    )
    return school, membership
