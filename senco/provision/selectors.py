"""What other apps may read of intervention groups (senco/import_graph.py: a capability
reaches another only through its `selectors` and `services`). Letters to families use it."""

import datetime
from dataclasses import dataclass

from senco.provision.group_selectors import days_label
from senco.provision.models import GroupMember, InterventionGroup


@dataclass(frozen=True)
class GroupFacts:
    """A group as a letter to a family describes it."""

    id: int
    name: str
    intervention: str
    how_often: str


def _how_often(group: InterventionGroup) -> str:
    """ "on Monday, Wednesday at 9:15am, 30 minutes a session, from 3 November 2026"."""
    parts = []
    days = days_label(group.days)
    if days:
        parts.append(f"on {days}")
    if group.time is not None:
        parts.append(f"at {group.time:%-I:%M%p}".replace("AM", "am").replace("PM", "pm"))
    text = " ".join(parts) or "during the school day"
    minutes = group.intervention.session_minutes
    if minutes:
        text += f", {minutes} minutes a session"
    return f"{text}, from {group.starts_on:%-d %B %Y}"


def _facts(group: InterventionGroup) -> GroupFacts:
    return GroupFacts(group.pk, group.name, group.intervention.name, _how_often(group))


def groups_for_letters(school, today: datetime.date) -> list[GroupFacts]:
    """The school's groups that have not ended, by start date. One query."""
    groups = (
        InterventionGroup.objects.filter(school=school, ends_on__gte=today)
        .select_related("intervention")
        .order_by("starts_on", "name", "pk")
    )
    return [_facts(g) for g in groups]


def pupil_groups_for_letters(pupil) -> list[GroupFacts]:
    """The groups the pupil is in now (not left), the latest first. One query."""
    groups = (
        InterventionGroup.objects.filter(members__pupil=pupil, members__left_on__isnull=True)
        .select_related("intervention")
        .order_by("-starts_on", "name", "pk")
    )
    return [_facts(g) for g in groups]


def group_for_letters(school, group_id) -> GroupFacts | None:
    """One group of the school, or None (another school's is None too)."""
    group = (
        InterventionGroup.objects.filter(school=school, pk=group_id)
        .select_related("intervention")
        .first()
    )
    return None if group is None else _facts(group)


def group_pupil_ids(group_id: int) -> list[int]:
    """The pupils in the group now (not left)."""
    return list(
        GroupMember.objects.filter(group_id=group_id, left_on__isnull=True).values_list(
            "pupil_id", flat=True
        )
    )
