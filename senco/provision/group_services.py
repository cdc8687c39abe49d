"""Writes of intervention groups and their members. Each is one transaction and writes an
audit row (one for each pupil a write touches)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from senco.audit.actor import Actor
from senco.audit.services import audit_record
from senco.lib.versions import check_version
from senco.provision.audit import ProvisionAction
from senco.provision.models import GroupMember, InterventionGroup

GROUP_FIELDS = (
    ("intervention", "Intervention"),
    ("name", "Name of the group"),
    ("staff", "Who delivers it"),
    ("staff_name", "Who delivers it, if not a member of staff here"),
    ("days", "Days"),
    ("time", "Time"),
    ("place", "Where"),
    ("starts_on", "Starts on"),
    ("ends_on", "Ends on"),
)
MEMBER_FIELDS = (
    ("joined_on", "Joined on"),
    ("left_on", "Left on"),
    ("baseline_score", "Score at entry"),
    ("baseline_on", "Entry score taken on"),
    ("exit_score", "Score at exit"),
    ("exit_on", "Exit score taken on"),
    ("parents_told_joining", "Parents told they joined on"),
    ("parents_told_leaving", "Parents told they left on"),
)


def _d(day: datetime.date) -> str:
    return f"{day:%-d %B %Y}"


def group_dates_errors(starts_on, ends_on) -> dict[str, str]:
    if starts_on and ends_on and ends_on < starts_on:
        return {"ends_on": "Ends on must be the same as or after the date it starts"}
    return {}


def group_current(group: InterventionGroup) -> list[tuple[str, str, object]]:
    values = {name: getattr(group, name) for name, _ in GROUP_FIELDS}
    values["intervention"] = group.intervention_id
    values["staff"] = group.staff_id
    values["days"] = list(group.days)
    return [(name, label, values[name]) for name, label in GROUP_FIELDS]


def _group_check(school, group: InterventionGroup | None, fields: dict, staff_ids) -> None:
    errors = group_dates_errors(fields.get("starts_on"), fields.get("ends_on"))
    intervention = fields.get("intervention")
    if intervention is not None and intervention.school_id != school.pk:
        errors["intervention"] = "Choose an intervention of the school's offer"
    staff = fields.get("staff")
    if staff is not None and staff.pk not in staff_ids:
        errors["staff"] = "Choose a member of staff of the school"
    if staff is None and not (fields.get("staff_name") or "").strip():
        errors["staff"] = "Choose who delivers it, or enter their name"
    if not fields.get("days"):
        errors["days"] = "Choose the days it runs"
    if group is not None and group.pk and "starts_on" not in errors:
        members = group.members.order_by("joined_on").values_list("joined_on", flat=True)
        first = members.first()
        last = group.members.order_by("-joined_on").values_list("joined_on", flat=True).first()
        if first and fields.get("starts_on") and first < fields["starts_on"]:
            errors["starts_on"] = (
                f"Starts on must be on or before {_d(first)}, when the first member joined"
            )
        if last and fields.get("ends_on") and last > fields["ends_on"]:
            errors.setdefault(
                "ends_on", f"Ends on must be on or after {_d(last)}, when the last member joined"
            )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def group_save(
    *,
    actor: Actor,
    school,
    staff_ids,
    group: InterventionGroup | None = None,
    version=None,
    **fields,
) -> InterventionGroup:
    """Set up a group, or change one (from the `version` its form was opened at).
    `staff_ids` are the ids of the school's staff who may deliver it."""
    unknown = set(fields) - {name for name, _ in GROUP_FIELDS}
    if unknown:
        raise TypeError(f"Not fields of a group: {sorted(unknown)}")
    if group is None:
        group = InterventionGroup(school=school, created_by=actor.user)
        action = ProvisionAction.GROUP_ADD
    else:
        group = InterventionGroup.objects.select_for_update().get(pk=group.pk, school=school)
        check_version(version, group.version, theirs=lambda: group_current(group))
        group.version += 1
        action = ProvisionAction.GROUP_SAVE
    _group_check(school, group, fields, set(staff_ids))
    for name, value in fields.items():
        setattr(group, name, value)
    if group.staff_id:
        group.staff_name = ""
    group.full_clean(exclude=["created_by"])
    group.save()
    audit_record(
        actor=actor,
        school=school,
        action=action,
        detail={"group_id": group.pk, "version": group.version},
    )
    return group


def member_errors(group: InterventionGroup, fields: dict, today: datetime.date) -> dict:
    """What is wrong with a member's dates and scores, by field (shared with the forms)."""
    errors: dict[str, str] = {}
    joined = fields.get("joined_on")
    if joined and not group.starts_on <= joined <= group.ends_on:
        errors["joined_on"] = (
            f"Joined on must be within the group's dates, {_d(group.starts_on)} to "
            f"{_d(group.ends_on)}"
        )
    left = fields.get("left_on")
    if left and joined and left < joined:
        errors["left_on"] = "Left on must be the same as or after the date they joined"
    for score, on, label in (
        ("baseline_score", "baseline_on", "entry"),
        ("exit_score", "exit_on", "exit"),
    ):
        if fields.get(score) is not None and not fields.get(on):
            errors[on] = f"Enter the date the {label} score was taken"
        if fields.get(on) and fields.get(score) is None:
            errors[score] = f"Enter the score at {label}, or clear the date it was taken"
        if fields.get(on) and fields[on] > today:
            errors[on] = f"Date the {label} score was taken must be today or in the past"
        if fields.get(score) is not None and fields[score] < 0:
            errors[score] = f"Score at {label} must be 0 or more"
    baseline_on, exit_on = fields.get("baseline_on"), fields.get("exit_on")
    if exit_on and baseline_on and exit_on < baseline_on and "exit_on" not in errors:
        errors["exit_on"] = (
            f"Exit score taken on must be on or after the entry score's date, {_d(baseline_on)}"
        )
    if exit_on and not baseline_on and "exit_on" not in errors:
        errors["exit_on"] = "Record the score at entry before the score at exit"
    for name, label in (
        ("parents_told_joining", "Parents told they joined on"),
        ("parents_told_leaving", "Parents told they left on"),
    ):
        if fields.get(name) and fields[name] > today:
            errors[name] = f"{label} must be today or in the past"
    if fields.get("parents_told_leaving") and not left and "left_on" not in errors:
        errors["parents_told_leaving"] = (
            "Enter the date they left before the date their parents were told"
        )
    return errors


@transaction.atomic
def member_add(
    *, actor: Actor, group: InterventionGroup, pupil, today=None, **fields
) -> GroupMember:
    """Add a pupil of the school to a group. A pupil already in it is refused."""
    today = today or timezone.localdate()
    group = InterventionGroup.objects.select_for_update().get(pk=group.pk)
    if pupil.school_id != group.school_id:
        raise ValidationError({"pupil": "Choose a pupil of the school"})
    if group.members.filter(pupil=pupil).exists():
        raise ValidationError({"pupil": f"{pupil.full_name} is already in {group.name}"})
    errors = member_errors(group, fields, today)
    if errors:
        raise ValidationError(errors)
    member = GroupMember(group=group, pupil=pupil, **fields)
    member.full_clean()
    member.save()
    audit_record(
        actor=actor,
        pupil=pupil,
        action=ProvisionAction.MEMBER_ADD,
        detail={"group_id": group.pk, "member_id": member.pk},
    )
    return member


def member_current(member: GroupMember) -> list[tuple[str, str, object]]:
    return [(name, label, getattr(member, name)) for name, label in MEMBER_FIELDS]


@transaction.atomic
def member_save(
    *, actor: Actor, member: GroupMember, version=None, today=None, **fields
) -> GroupMember:
    """Change a member's dates and scores (from the `version` the form was opened at).
    Fields not given are kept."""
    today = today or timezone.localdate()
    unknown = set(fields) - {name for name, _ in MEMBER_FIELDS}
    if unknown:
        raise TypeError(f"Not fields of a member: {sorted(unknown)}")
    member = (
        GroupMember.objects.select_for_update().select_related("group", "pupil").get(pk=member.pk)
    )
    check_version(version, member.version, theirs=lambda: member_current(member))
    merged = {name: getattr(member, name) for name, _ in MEMBER_FIELDS} | fields
    errors = member_errors(member.group, merged, today)
    if errors:
        raise ValidationError(errors)
    for name, value in fields.items():
        setattr(member, name, value)
    member.version += 1
    member.full_clean()
    member.save()
    audit_record(
        actor=actor,
        pupil=member.pupil,
        action=ProvisionAction.MEMBER_SAVE,
        detail={"group_id": member.group_id, "member_id": member.pk, "version": member.version},
    )
    return member


@transaction.atomic
def parents_told(
    *, actor: Actor, member: GroupMember, on: datetime.date, version=None, today=None
) -> str:
    """Record the day the parents were told: that the pupil joined, or, once that is
    recorded and the pupil has left, that they left. Returns "joining" or "leaving"."""
    today = today or timezone.localdate()
    member = (
        GroupMember.objects.select_for_update().select_related("group", "pupil").get(pk=member.pk)
    )
    check_version(version, member.version, theirs=lambda: member_current(member))
    if member.parents_told_joining is None:
        which = "joining"
    elif member.left_on is not None and member.parents_told_leaving is None:
        which = "leaving"
    else:
        raise ValidationError("Their parents have already been told")
    if on > today:
        raise ValidationError(
            {"told_on": "Date the parents were told must be today or in the past"}
        )
    setattr(member, f"parents_told_{which}", on)
    member.version += 1
    member.save(update_fields=[f"parents_told_{which}", "version"])
    audit_record(
        actor=actor,
        pupil=member.pupil,
        action=ProvisionAction.PARENTS_TOLD,
        detail={"group_id": member.group_id, "member_id": member.pk, "which": which},
    )
    return which
