from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from senco.accounts.models import Membership, Role
from senco.audit.actions import AuditAction
from senco.audit.actor import Actor
from senco.audit.services import audit_record, audit_record_many
from senco.pupils.models import Pupil, SupportAssignment, TeachingGroup


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
    *,
    actor: Actor,
    school,
    group=None,
    name: str,
    subject: str,
    year_group,
    teachers,
    follows_reg_group: str = "",
):
    """Create or change a teaching group and who teaches it. A group that follows a
    registration group takes that group's pupils now, and after every import."""
    group = group or TeachingGroup(school=school)
    created = group.pk is None
    group.name = name.strip()
    group.subject = subject.strip()
    group.year_group = year_group
    group.follows_reg_group = follows_reg_group.strip()
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
        detail={
            "group": group.pk,
            "teachers": sorted(t.pk for t in group.teachers.all()),
            "follows_reg_group": group.follows_reg_group,
        },
    )
    if group.follows_reg_group:
        teaching_groups_follow_reg_groups(actor=actor, school=school, groups=[group])
    return group


@dataclass(frozen=True)
class GroupChange:
    """Who joined and who left a teaching group that follows a registration group."""

    group: TeachingGroup
    joined: list
    left: list


def teaching_groups_follow_reg_groups(*, actor: Actor, school, groups=None) -> list[GroupChange]:
    """Make each group that follows a registration group hold exactly that registration
    group's pupils: new pupils join, pupils who moved or left go. Audited per pupil. Returns
    the groups that changed."""
    if groups is None:
        groups = TeachingGroup.objects.filter(school=school).exclude(follows_reg_group="")
    groups = [g for g in groups if g.follows_reg_group]
    if not groups:
        return []
    wanted: dict[str, dict[int, Pupil]] = {g.follows_reg_group: {} for g in groups}
    for pupil in Pupil.objects.filter(school=school, reg_group__in=list(wanted)):
        wanted[pupil.reg_group][pupil.pk] = pupil
    through = TeachingGroup.pupils.through
    now: dict[int, set[int]] = {g.pk: set() for g in groups}
    for group_id, pupil_id in through.objects.filter(teachinggroup__in=groups).values_list(
        "teachinggroup_id", "pupil_id"
    ):
        now[group_id].add(pupil_id)
    changes, joins = [], []
    for group in groups:
        target = wanted[group.follows_reg_group]
        joined = [target[pk] for pk in sorted(set(target) - now[group.pk])]
        left_ids = sorted(now[group.pk] - set(target))
        if not joined and not left_ids:
            continue
        joins += [through(teachinggroup_id=group.pk, pupil_id=p.pk) for p in joined]
        left = list(Pupil.objects.filter(pk__in=left_ids)) if left_ids else []
        changes.append(GroupChange(group, joined, left))
    through.objects.bulk_create(joins)
    # Who left each group, by the group (an import moves hundreds), 500 ids a statement.
    for change in changes:
        left_ids = [p.pk for p in change.left]
        for start in range(0, len(left_ids), 500):
            through.objects.filter(
                teachinggroup_id=change.group.pk, pupil_id__in=left_ids[start : start + 500]
            ).delete()
    for action, moved in (
        (AuditAction.GROUP_ADD_PUPILS, lambda c: c.joined),
        (AuditAction.GROUP_REMOVE_PUPIL, lambda c: c.left),
    ):
        audit_record_many(
            actor=actor,
            action=action,
            rows=(
                {"pupil": p, "detail": {"group": c.group.pk, "follows": c.group.follows_reg_group}}
                for c in changes
                for p in moved(c)
            ),
        )
    return changes


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
