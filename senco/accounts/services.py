from django.core.exceptions import ValidationError
from django.db import transaction

from senco.accounts.models import Membership, Role, User
from senco.audit.actions import AuditAction
from senco.audit.actor import Actor
from senco.audit.services import audit_record


@transaction.atomic
def staff_add(
    *, actor: Actor, school, username, first_name, last_name, email, role, password
) -> Membership:
    """Create a staff account and its role at the school. There is no self-registration."""
    user = User(username=username, first_name=first_name, last_name=last_name, email=email)
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


@transaction.atomic
def staff_update(
    *,
    actor: Actor,
    membership: Membership,
    role: str,
    is_active: bool,
    can_edit_passports: bool = False,
) -> Membership:
    """Change a member of staff's role, or stop them signing in."""
    if membership.user_id == actor.pk and (role != Role.SENCO or not is_active):
        raise ValidationError("You cannot remove your own SENCO access. Ask another SENCO.")
    before = {
        "role": membership.role,
        "is_active": membership.user.is_active,
        "can_edit_passports": membership.can_edit_passports,
    }
    membership.role = role
    membership.can_edit_passports = can_edit_passports and role == Role.TEACHER
    membership.full_clean()
    membership.save(update_fields=["role", "can_edit_passports"])
    membership.user.is_active = is_active
    membership.user.save(update_fields=["is_active"])
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
