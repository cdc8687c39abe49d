from django.core.exceptions import ValidationError
from django.db import transaction

from senco.accounts.models import Membership, Role
from senco.audit.actions import AuditAction
from senco.audit.actor import Actor
from senco.audit.services import audit_record
from senco.pupils.models import Pupil, SupportAssignment


@transaction.atomic
def support_assignment_add(*, actor: Actor, pupil: Pupil, staff) -> SupportAssignment:
    """Assign a teaching assistant of the pupil's school to support the pupil."""
    if not Membership.objects.filter(user=staff, school=pupil.school_id, role=Role.TA).exists():
        raise ValidationError("Choose a teaching assistant of this school.")
    assignment, created = SupportAssignment.objects.get_or_create(staff=staff, pupil=pupil)
    if created:
        audit_record(
            actor=actor, pupil=pupil, action=AuditAction.SUPPORT_ADD, detail={"staff": staff.pk}
        )
    return assignment


@transaction.atomic
def support_assignment_remove(*, actor: Actor, assignment: SupportAssignment) -> None:
    pupil = assignment.pupil
    staff_id = assignment.staff_id
    assignment.delete()
    audit_record(
        actor=actor, pupil=pupil, action=AuditAction.SUPPORT_REMOVE, detail={"staff": staff_id}
    )


@transaction.atomic
def teaching_group_save(
    *, actor: Actor, school, group=None, name: str, subject: str, year_group, teachers
):
    """Create or change a teaching group and who teaches it."""
    from senco.pupils.models import TeachingGroup

    group = group or TeachingGroup(school=school)
    created = group.pk is None
    group.name = name.strip()
    group.subject = subject.strip()
    group.year_group = year_group
    group.full_clean()
    group.save()
    allowed = set(
        Membership.objects.filter(school=school, role=Role.TEACHER).values_list(
            "user_id", flat=True
        )
    )
    group.teachers.set([t for t in teachers if t.pk in allowed])
    audit_record(
        actor=actor,
        school=school,
        action=AuditAction.GROUP_CREATE if created else AuditAction.GROUP_UPDATE,
        detail={"group": group.pk, "teachers": sorted(t.pk for t in group.teachers.all())},
    )
    return group


@transaction.atomic
def teaching_group_add_pupils(*, actor: Actor, group, pupils) -> int:
    """Add pupils of the group's school to the group; returns how many were new to it."""
    pupils = [p for p in pupils if p.school_id == group.school_id]
    before = set(group.pupils.values_list("pk", flat=True))
    new = [p for p in pupils if p.pk not in before]
    group.pupils.add(*new)
    if new:
        audit_record(
            actor=actor,
            school=group.school,
            action=AuditAction.GROUP_ADD_PUPILS,
            detail={"group": group.pk, "pupils": [p.pk for p in new]},
        )
    return len(new)


@transaction.atomic
def teaching_group_remove_pupil(*, actor: Actor, group, pupil) -> None:
    group.pupils.remove(pupil)
    audit_record(
        actor=actor,
        pupil=pupil,
        action=AuditAction.GROUP_REMOVE_PUPIL,
        detail={"group": group.pk},
    )
