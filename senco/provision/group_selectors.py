"""Reads of intervention groups and their members: the lists, one group's page, the parents
not yet told and a pupil's groups."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from senco.access import Scope, pupils_visible_to
from senco.accounts.models import Role
from senco.lib.prepared import Prepared
from senco.provision import costs
from senco.provision.models import GroupMember, InterventionGroup, Score
from senco.provision.offer_selectors import meets_exit

DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
DELIVERING_ROLES = (Role.SENCO, Role.TEACHER, Role.TA)


def days_label(days: str) -> str:
    return ", ".join(DAY_NAMES[int(d)] for d in sorted(days) if d.isdigit() and int(d) < 5)


def status_of(group: InterventionGroup, today: datetime.date) -> str:
    if group.ends_on < today:
        return "ended"
    if group.starts_on > today:
        return "planned"
    return "running"


def group_for(scope: Scope, pk: int) -> InterventionGroup:
    """A group of the scope's school, or 404 (the same for another school's)."""
    found = (
        InterventionGroup.objects.select_related("intervention", "staff")
        .filter(school=scope.school, pk=pk)
        .first()
    )
    if found is None:
        raise Http404("Not found")
    return found


def member_for(group: InterventionGroup, pk: int) -> GroupMember:
    found = GroupMember.objects.select_related("pupil").filter(group=group, pk=pk).first()
    if found is None:
        raise Http404("Not found")
    found.group = group
    return found


def staff_label(user) -> str:
    return user.get_full_name() or user.username


@dataclass
class GroupRow:
    group: InterventionGroup
    status: str
    members: int


def groups_listed(
    school, today: datetime.date, *, intervention=None, staff=None
) -> dict[str, list[GroupRow]]:
    """The school's groups as running now, planned and ended, each with how many pupils are
    in it now (not left). One query."""
    groups = (
        InterventionGroup.objects.filter(school=school)
        .select_related("intervention", "staff")
        .annotate(current=Count("members", filter=Q(members__left_on__isnull=True)))
        .order_by("starts_on", "name", "pk")
    )
    if intervention is not None:
        groups = groups.filter(intervention=intervention)
    if staff is not None:
        groups = groups.filter(staff=staff)
    found: dict[str, list[GroupRow]] = {"running": [], "planned": [], "ended": []}
    for group in groups:
        status = status_of(group, today)
        found[status].append(GroupRow(group, status, group.current))
    found["ended"].reverse()  # the latest to end first
    return found


@dataclass
class MemberRow:
    member: GroupMember
    latest: Score | None
    exit_met: bool


def _latest_by_pupil(members: list[GroupMember], measure: str) -> dict[int, Score]:
    """Each member's latest score on the measure: one query."""
    latest: dict[int, Score] = {}
    scores = Score.objects.filter(
        pupil_id__in=[m.pupil_id for m in members], measure=measure
    ).order_by("pupil_id", "-taken_on", "-pk")
    for score in scores:
        latest.setdefault(score.pupil_id, score)
    return latest


def member_rows(group: InterventionGroup) -> list[MemberRow]:
    """The group's members with their latest score on its measure and whether they have met
    its exit criteria (the exit score, or else the latest score taken since they joined).
    Two queries."""
    members = list(group.members.select_related("pupil"))
    latest = _latest_by_pupil(members, group.intervention.measure) if members else {}
    rows = []
    for member in members:
        member.group = group
        score = latest.get(member.pupil_id)
        if member.exit_score is not None:
            value, on = member.exit_score, member.exit_on
        elif score is not None and score.taken_on >= member.joined_on:
            value, on = score.value, score.taken_on
        else:
            value, on = None, None
        met = meets_exit(group.intervention, value, member.pupil.date_of_birth, on)
        rows.append(MemberRow(member, score, met))
    return rows


@dataclass(frozen=True)
class GroupCost:
    sessions: int
    held: bool  # counted from the sessions recorded as held, not the timetable
    hours: Decimal
    total: Decimal
    per_pupil: Decimal | None


def group_cost(group: InterventionGroup, members: int, closures) -> GroupCost:
    """The group's cost (`costs`): the sessions held once any are recorded, otherwise the
    sessions its timetable gives. One query."""
    held = group.sessions.filter(held=True).count()
    sessions = held or costs.planned_sessions(group, closures=closures)
    total = costs.group_cost(group.intervention, sessions)
    return GroupCost(
        sessions=sessions,
        held=bool(held),
        hours=costs.session_hours(group.intervention, sessions),
        total=total,
        per_pupil=costs.per_pupil(total, members),
    )


def parents_not_told(scope: Scope) -> QuerySet[GroupMember]:
    """Members whose parents have not been told that they joined, or that they left. One
    query."""
    return (
        GroupMember.objects.filter(group__school=scope.school, pupil__in=pupils_visible_to(scope))
        .filter(
            Q(parents_told_joining__isnull=True)
            | Q(left_on__isnull=False, parents_told_leaving__isnull=True)
        )
        .select_related("pupil", "group", "group__intervention")
        .order_by("pupil__surname_key", "pupil__forename_key", "pupil_id", "group__name", "pk")
    )


_pupil_groups = Prepared(
    lambda pupil: (
        GroupMember.objects.filter(pupil_id=pupil)
        .select_related("group", "group__intervention", "group__staff")
        .order_by("-group__starts_on", "-joined_on", "-pk")
    )
)


def pupil_groups(pupil) -> list[GroupMember]:
    """A pupil's places in groups, the latest first, with who delivers them. One query."""
    return _pupil_groups.instances(pupil=pupil.pk)


def pupil_panel(request, pupil, scope) -> dict | None:
    """The pupil page's panel: the pupil's current and past intervention groups, for those
    who see the pupil (the pupil page already keeps a teacher to the pupils they teach).
    One query; left out for a pupil in no group, except for the SENCO."""
    if not scope.sees_pupils:
        return None
    places = pupil_groups(pupil)
    if not places and not scope.manages_interventions:
        return None
    today = timezone.localdate()
    current = [m for m in places if m.left_on is None and m.group.ends_on >= today]
    past = [m for m in places if m not in current]
    return {
        "current": current,
        "past": past,
        "reads": scope.reads_provision,
        "pupil_map": scope.reads_pupil_provision,
        "pupil_id": pupil.pk,
        "urn": scope.school.urn,
    }
