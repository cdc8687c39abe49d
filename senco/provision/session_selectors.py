"""Reads of intervention sessions: who may reach a group to record its sessions, the groups
a person delivers, a group's sessions, attendance rates, and who is withdrawn from lessons
when. Other parts of the provision app call `attendance_by_member` and
`attendance_by_group`; each is one query for any number of groups."""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404

from senco.access import Scope, pupils_visible_to, scope_at
from senco.lib.prepared import Prepared
from senco.provision.models import Attendance, GroupMember, InterventionGroup, Session

DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
FAR_FUTURE = datetime.date(9999, 12, 31)
# A figure that rests on fewer pupils than this is "too few pupils to judge".
FEW_PUPILS = 5


def _not_found() -> Http404:
    return Http404("Not found")


# --- Reaching a group ------------------------------------------------------------------------


def delivers(scope: Scope, group: InterventionGroup) -> bool:
    """Whether the person records this group's sessions: the SENCO any group of the school,
    everyone else who delivers interventions only the groups they deliver."""
    if group.school_id != scope.school.pk:
        return False
    if scope.may("manages_interventions"):
        return True
    return scope.may("delivers_interventions") and group.staff_id == scope.user.pk


def group_for(user, group_id: int, *, record: bool) -> tuple[InterventionGroup, Scope]:
    """The group and the user's scope at its school. Not there, and not theirs to see, are
    the same 404 (a TA reaching another TA's group); a leader, who reads every group, gets
    403 on the pages that record a session."""
    group = (
        InterventionGroup.objects.select_related("school__trust", "intervention", "staff")
        .filter(pk=group_id)
        .first()
    )
    if group is None:
        raise _not_found()
    scope = scope_at(user, group.school)
    if scope is None:
        raise _not_found()
    if delivers(scope, group):
        return group, scope
    if scope.may("reads_provision"):
        if record:
            raise PermissionDenied
        return group, scope
    raise _not_found()


def session_for(group: InterventionGroup, session_id: int) -> Session:
    session = Session.objects.filter(group=group, pk=session_id).first()
    if session is None:
        raise _not_found()
    return session


# --- Words -----------------------------------------------------------------------------------


def time_text(value: datetime.time | None) -> str:
    """9:10am, 1:30pm, midday (GOV.UK's style)."""
    if value is None:
        return ""
    if (value.hour, value.minute) == (12, 0):
        return "midday"
    hour = value.hour % 12 or 12
    return f"{hour}:{value.minute:02d}{'am' if value.hour < 12 else 'pm'}"


def days_text(days: str) -> str:
    """ "024" -> "Monday, Wednesday and Friday"."""
    names = [DAY_NAMES[int(d)] for d in sorted(set(days)) if d.isdigit() and int(d) < 7]
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def when_text(group: InterventionGroup) -> str:
    """ "Monday and Wednesday at 9:10am"."""
    at = time_text(group.time)
    return f"{days_text(group.days)} at {at}" if at else days_text(group.days)


def staff_text(group: InterventionGroup) -> str:
    if group.staff is not None:
        return group.staff.get_full_name() or group.staff.username
    return group.staff_name or "Not set"


def rate_text(attended: int, held: int) -> str:
    """ "8 of 10 sessions (80%)", or "No sessions held yet"."""
    if not held:
        return "No sessions held yet"
    return (
        f"{attended} of {held} session{'s' if held != 1 else ''} ({round(100 * attended / held)}%)"
    )


# --- Members ---------------------------------------------------------------------------------


def current_on(day: datetime.date, prefix: str = "") -> Q:
    """Members in their group on the day (`prefix`: "members__" from a group)."""
    return Q(**{f"{prefix}joined_on__lte": day}) & (
        Q(**{f"{prefix}left_on__isnull": True}) | Q(**{f"{prefix}left_on__gte": day})
    )


def members_on(group: InterventionGroup, day: datetime.date) -> list[GroupMember]:
    """The group's members on the day, by name: the people a session that day is for."""
    return list(group.members.filter(current_on(day)).select_related("pupil"))


def runs_on(group: InterventionGroup, day: datetime.date) -> bool:
    return group.starts_on <= day <= group.ends_on and str(day.weekday()) in group.days


# --- Attendance ------------------------------------------------------------------------------


def _held_while_member():
    """How many sessions of the member's group were held while they were in it."""
    return Subquery(
        Session.objects.filter(
            group_id=OuterRef("group_id"),
            held=True,
            date__gte=OuterRef("joined_on"),
            date__lte=Coalesce(OuterRef("left_on"), Value(FAR_FUTURE)),
        )
        .order_by()
        .values("group_id")
        .annotate(n=Count("pk"))
        .values("n"),
        output_field=IntegerField(),
    )


def _member_rows(group_ids):
    return (
        GroupMember.objects.filter(group_id__in=list(group_ids))
        .annotate(
            held_count=Coalesce(_held_while_member(), 0),
            attended_count=Count(
                "attendance",
                filter=Q(attendance__present=True, attendance__session__held=True),
            ),
        )
        .order_by()
        .values_list("pk", "group_id", "attended_count", "held_count")
    )


def attendance_by_member(group_ids) -> dict[int, tuple[int, int]]:
    """{member id: (sessions attended, sessions held while a member)} for every member of
    these groups. One query, whatever the number of groups, members and sessions."""
    return {pk: (min(attended, held), held) for pk, _g, attended, held in _member_rows(group_ids)}


def attendance_by_group(group_ids) -> dict[int, tuple[int, int]]:
    """{group id: (attendances, places)}: the sessions its members attended, and the
    sessions held while each was a member, added up over the members (so the rate is the
    share of places taken). Groups with no member are absent. One query."""
    found: dict[int, tuple[int, int]] = {}
    for _pk, group_id, attended, held in _member_rows(group_ids):
        a, h = found.get(group_id, (0, 0))
        found[group_id] = (a + min(attended, held), h + held)
    return found


# --- My groups -------------------------------------------------------------------------------


@dataclass
class MyGroups:
    today: list = field(default_factory=list)  # running today: record today's session
    running: list = field(default_factory=list)  # running now, not today
    upcoming: list = field(default_factory=list)
    finished: list = field(default_factory=list)  # ended in the last 4 weeks


def my_groups(scope: Scope, today: datetime.date) -> MyGroups:
    """The groups this person delivers, sorted for the day: those meeting today first (by
    time), each with today's session if it is recorded. Three queries, whatever the number
    of groups and sessions."""
    recent = today - datetime.timedelta(weeks=4)
    groups = (
        InterventionGroup.objects.filter(school=scope.school, staff=scope.user, ends_on__gte=recent)
        .select_related("intervention")
        .annotate(member_count=Count("members", filter=current_on(today, "members__")))
        .prefetch_related(
            Prefetch(
                "sessions",
                queryset=Session.objects.filter(date=today).annotate(
                    present_count=Count("attendance", filter=Q(attendance__present=True)),
                    expected_count=Count("attendance"),
                ),
                to_attr="today_sessions",
            )
        )
        .order_by("time", "name", "pk")
    )
    found = MyGroups()
    for group in groups:
        group.when = when_text(group)
        group.today_session = group.today_sessions[0] if group.today_sessions else None
        if runs_on(group, today):
            found.today.append(group)
        elif group.starts_on <= today <= group.ends_on:
            found.running.append(group)
        elif group.starts_on > today:
            found.upcoming.append(group)
        else:
            found.finished.append(group)
    return found


# --- A group's sessions ----------------------------------------------------------------------


def sessions_page(group: InterventionGroup, sessions):
    """Each session of the page with `.present` and `.absent` (members, by name). Two
    queries: the sessions and their attendance."""
    sessions = list(
        sessions.prefetch_related(
            Prefetch(
                "attendance",
                queryset=Attendance.objects.select_related("member__pupil").order_by(
                    "member__pupil__surname_key", "member__pupil__forename_key", "pk"
                ),
            )
        )
    )
    for s in sessions:
        rows = list(s.attendance.all())
        s.present = [a.member for a in rows if a.present]
        s.absent = [a.member for a in rows if not a.present]
        s.total = len(rows)
    return sessions


def session_totals(group: InterventionGroup) -> tuple[int, int]:
    """(sessions held, sessions not held) of the group. One query."""
    counts = group.sessions.aggregate(
        n_held=Count("pk", filter=Q(held=True)), n_not_held=Count("pk", filter=Q(held=False))
    )
    return counts["n_held"], counts["n_not_held"]


# --- Who is withdrawn when -------------------------------------------------------------------


@dataclass
class Withdrawal:
    """One group meeting on one day, with the pupils of the list who are in it."""

    group: InterventionGroup
    when: str
    staff: str
    pupils: list


@dataclass
class WithdrawalDay:
    date: datetime.date
    name: str
    rows: list


def week_of(day: datetime.date) -> list[datetime.date]:
    """Monday to Friday of the day's week."""
    monday = day - datetime.timedelta(days=day.weekday())
    return [monday + datetime.timedelta(days=n) for n in range(5)]


def withdrawals(scope: Scope, days: list[datetime.date], pupils=None) -> list[WithdrawalDay]:
    """Day by day, the intervention groups that meet and the pupils of the list who are out
    of lessons for them: `pupils` (a queryset) or every pupil the person may see. One query
    for the whole week."""
    visible = pupils_visible_to(scope) if pupils is None else pupils
    first, last = days[0], days[-1]
    members = list(
        GroupMember.objects.filter(
            group__school=scope.school,
            group__starts_on__lte=last,
            group__ends_on__gte=first,
            joined_on__lte=last,
            pupil__in=visible.values("pk"),
        )
        .filter(Q(left_on__isnull=True) | Q(left_on__gte=first))
        .select_related("group__intervention", "group__staff", "pupil")
        .order_by("group__time", "group__name", "pupil__surname_key", "pupil__forename_key")
    )
    week = []
    for day in days:
        rows: dict[int, Withdrawal] = {}
        for m in members:
            in_group = m.joined_on <= day and (m.left_on is None or m.left_on >= day)
            if in_group and runs_on(m.group, day):
                row = rows.setdefault(
                    m.group_id,
                    Withdrawal(m.group, time_text(m.group.time), staff_text(m.group), []),
                )
                row.pupils.append(m.pupil)
        week.append(WithdrawalDay(day, DAY_NAMES[day.weekday()], list(rows.values())))
    return week


@dataclass(frozen=True)
class GroupNow:
    """An intervention group running now, as a pupil's teachers read of it (My pupils)."""

    intervention: str
    days: str
    time: datetime.time | None
    staff: str  # as staff_text words it
    place: str
    ends_on: datetime.date


def _groups_now_of(pupils: list, today: datetime.date):
    return (
        GroupMember.objects.filter(
            pupil_id__in=pupils,
            group__starts_on__lte=today,
            group__ends_on__gte=today,
        )
        .filter(current_on(today))
        .order_by("group__time", "group__name", "pk")
        .values_list(
            "pupil_id",
            "group__intervention__name",
            "group__days",
            "group__time",
            "group__staff_id",
            "group__staff__first_name",
            "group__staff__last_name",
            "group__staff__username",
            "group__staff_name",
            "group__place",
            "group__ends_on",
        )
    )


# My pupils asks on every visit: SQL written once (senco/lib/prepared.py).
_groups_now = Prepared(_groups_now_of)


def groups_now(pupil_ids, today: datetime.date) -> dict[int, list[GroupNow]]:
    """{pupil id: [the groups running now that they are members of]}, by time and name.
    One query, of rows rather than models (a teacher's My pupils reads it)."""
    found: dict[int, list[GroupNow]] = {}
    rows = _groups_now.rows(pupils=list(pupil_ids), today=today)
    for (
        pupil_id,
        name,
        days,
        time,
        staff_id,
        first,
        last,
        username,
        staff_name,
        place,
        ends,
    ) in rows:
        if staff_id is not None:
            staff = f"{first} {last}".strip() or username
        else:
            staff = staff_name or "Not set"
        found.setdefault(pupil_id, []).append(GroupNow(name, days, time, staff, place, ends))
    return found
