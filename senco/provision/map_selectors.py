"""The queries behind the provision maps: a fixed handful for any number of groups and
pupils (the groups, their members, their sessions counted, the closure days, and the
members' classes when a map needs them). `maps.py` builds the map from these rows."""

import datetime

from django.db.models import Count, Q
from django.http import Http404

from senco.access import Scope, pupils_visible_to
from senco.lib.prepared import Prepared
from senco.lib.text import person_name
from senco.provision import maps
from senco.provision.models import GroupMember, InterventionGroup, Session
from senco.pupils.models import TeachingGroup
from senco.schools.selectors import saved_closures

# Which classes a teacher's class maps offer: those they teach; the SENCO and leaders, all.


def staff_of(group: InterventionGroup) -> tuple[str, str]:
    """(key, label) of who delivers a group: a member of staff, a name, or nobody yet."""
    if group.staff_id:
        return f"u{group.staff_id}", str(group.staff)
    if group.staff_name:
        return f"n{group.staff_name}", group.staff_name
    return "", "Not set"


def _groups_in(school: int, starts: datetime.date, ends: datetime.date):
    return InterventionGroup.objects.filter(
        school_id=school, starts_on__lte=ends, ends_on__gte=starts
    )


def _members_in(school: int, starts: datetime.date, ends: datetime.date):
    return GroupMember.objects.filter(
        group__school_id=school,
        group__starts_on__lte=ends,
        group__ends_on__gte=starts,
        joined_on__lte=ends,
    ).filter(Q(left_on__isnull=True) | Q(left_on__gte=starts))


def _groups_listed(groups_q):
    return groups_q.select_related("intervention", "staff").order_by("starts_on", "pk")


def _member_rows(members_q):
    return members_q.values_list(
        "group_id",
        "pupil_id",
        "pupil__forename",
        "pupil__legal_surname",
        "pupil__year_group",
        "pupil__sen_provision",
        "joined_on",
        "left_on",
    ).order_by("pupil__surname_key", "pupil__forename_key", "pupil_id")


def _sessions_counted(groups_q, starts: datetime.date, ends: datetime.date):
    return (
        Session.objects.filter(group__in=groups_q.values("pk"))
        .values_list("group")
        .annotate(
            recorded=Count("pk"),
            held=Count("pk", filter=Q(held=True, date__gte=starts, date__lte=ends)),
        )
        .order_by()
    )


# The whole school's map, the one opened most: its three queries written once
# (senco/lib/prepared.py). A map of some pupils or some groups is built by the ORM.
_whole_groups = Prepared(
    lambda school, starts, ends: _groups_listed(_groups_in(school, starts, ends))
)
_whole_members = Prepared(
    lambda school, starts, ends: _member_rows(_members_in(school, starts, ends))
)
_whole_sessions = Prepared(
    lambda school, starts, ends: _sessions_counted(_groups_in(school, starts, ends), starts, ends)
)


def map_groups(
    scope: Scope,
    period: maps.Period,
    *,
    pupils=None,
    with_classes: bool = False,
    group_filter: Q | None = None,
) -> tuple[list[maps.GroupFacts], dict]:
    """The school's groups that run in the period, each with its members in the period and
    its sessions counted for cost. `pupils`: a queryset limiting the groups to those of
    these pupils (each with all its members, for the shares; a map's `MapFilter` shows only
    the pupils it keeps). Returns the groups and {(group id, pupil id): (joined, left)}."""
    school = scope.school
    span = {"school": school.pk, "starts": period.starts_on, "ends": period.ends_on}
    groups_q, members_q = _groups_in(**span), _members_in(**span)
    if group_filter is not None:
        groups_q = groups_q.filter(group_filter)
    if pupils is not None:
        # The groups of those pupils, with all their members: a share is of the whole group.
        theirs = members_q.filter(pupil__in=pupils.values("pk")).values("group_id")
        groups_q = groups_q.filter(pk__in=theirs)
        members_q = members_q.filter(group__in=theirs)
    if pupils is None and group_filter is None:
        groups = _whole_groups.instances(**span)
        rows = _whole_members.rows(**span)
        counted = _whole_sessions.rows(**span)
    else:
        groups = list(_groups_listed(groups_q))
        rows = list(_member_rows(members_q))
        counted = list(_sessions_counted(groups_q, period.starts_on, period.ends_on))
    counted = {group: (recorded, held) for group, recorded, held in counted}
    classes: dict[int, list[tuple[int, str]]] = {}
    if with_classes:
        through = TeachingGroup.pupils.through.objects.filter(
            teachinggroup__school=school, pupil_id__in=members_q.values("pupil_id")
        ).values_list("pupil_id", "teachinggroup_id", "teachinggroup__name")
        for pupil_id, group_id, name in through.order_by("teachinggroup__name", "teachinggroup_id"):
            classes.setdefault(pupil_id, []).append((group_id, name))
    closures = saved_closures(school)
    members: dict[int, list[maps.PupilFacts]] = {}
    dates = {}
    for group_id, pupil_id, forename, surname, year, sen, joined, left in rows:
        members.setdefault(group_id, []).append(
            maps.PupilFacts(
                pupil_id, f"{forename} {surname}", year, sen, tuple(classes.get(pupil_id, ()))
            )
        )
        dates[(group_id, pupil_id)] = (joined, left)
    found = []
    for group in groups:
        recorded, held = counted.get(group.pk, (0, 0))
        sessions = maps.sessions_in(
            group, period, recorded=recorded, held_in_period=held, closures=closures
        )
        key, label = staff_of(group)
        found.append(
            maps.GroupFacts(
                group, group.intervention, key, label, sessions, members.get(group.pk, [])
            )
        )
    return found, dates


# Who delivers each of the school's groups, as plain values, each pair once: the school's
# groups of every year made ~200 model instances a request for a list of a dozen names.
_staff_of_groups = Prepared(
    lambda school: (
        InterventionGroup.objects.filter(school_id=school)
        .values_list(
            "staff_id", "staff_name", "staff__first_name", "staff__last_name", "staff__username"
        )
        .distinct()
        .order_by()
    )
)


def staff_choices(scope: Scope) -> list[tuple[str, str]]:
    """Who delivers the school's groups, for the map's filter: one query. The keys and
    labels are `staff_of`'s."""
    seen = {}
    for staff_id, staff_name, first, last, username in _staff_of_groups.rows(
        school=scope.school.pk
    ):
        if staff_id:
            seen[f"u{staff_id}"] = person_name(first, last, username)
        elif staff_name:
            seen[f"n{staff_name}"] = staff_name
    return sorted(seen.items(), key=lambda kv: (kv[1], kv[0]))


def class_for(scope: Scope, group_id: int) -> TeachingGroup:
    """A teaching group whose map the scope may read: every class of the school for those
    who read the whole map, a teacher's own classes for a teacher; any other is 404, as if
    it did not exist (as the class sheets do)."""
    classes = classes_for(scope)
    found = classes.filter(pk=group_id).first()
    if found is None:
        raise Http404("Not found")
    return found


def classes_for(scope: Scope):
    classes = TeachingGroup.objects.filter(school=scope.school)
    if scope.reads_provision:
        return classes
    return classes.filter(teachers=scope.user)


def visible_pupils(scope: Scope):
    return pupils_visible_to(scope)
