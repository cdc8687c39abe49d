"""The queries behind the provision maps: a fixed handful for any number of groups and
pupils (the groups, their members, their sessions counted, the closure days, and the
members' classes when a map needs them). `maps.py` builds the map from these rows."""

from django.db.models import Count, Q
from django.http import Http404

from senco.access import Scope, pupils_visible_to
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
    groups_q = InterventionGroup.objects.filter(
        school=school, starts_on__lte=period.ends_on, ends_on__gte=period.starts_on
    )
    if group_filter is not None:
        groups_q = groups_q.filter(group_filter)
    members_q = GroupMember.objects.filter(
        group__school=school,
        group__starts_on__lte=period.ends_on,
        group__ends_on__gte=period.starts_on,
        joined_on__lte=period.ends_on,
    ).filter(Q(left_on__isnull=True) | Q(left_on__gte=period.starts_on))
    if pupils is not None:
        # The groups of those pupils, with all their members: a share is of the whole group.
        theirs = members_q.filter(pupil__in=pupils.values("pk")).values("group_id")
        groups_q = groups_q.filter(pk__in=theirs)
        members_q = members_q.filter(group__in=theirs)
    groups = list(groups_q.select_related("intervention", "staff").order_by("starts_on", "pk"))
    rows = list(
        members_q.values_list(
            "group_id",
            "pupil_id",
            "pupil__forename",
            "pupil__legal_surname",
            "pupil__year_group",
            "pupil__sen_provision",
            "joined_on",
            "left_on",
        ).order_by("pupil__surname_key", "pupil__forename_key", "pupil_id")
    )
    classes: dict[int, list[tuple[int, str]]] = {}
    if with_classes:
        through = TeachingGroup.pupils.through.objects.filter(
            teachinggroup__school=school, pupil_id__in=members_q.values("pupil_id")
        ).values_list("pupil_id", "teachinggroup_id", "teachinggroup__name")
        for pupil_id, group_id, name in through.order_by("teachinggroup__name", "teachinggroup_id"):
            classes.setdefault(pupil_id, []).append((group_id, name))
    counted = {
        row["group"]: row
        for row in Session.objects.filter(group__in=groups_q.values("pk"))
        .values("group")
        .annotate(
            recorded=Count("pk"),
            held=Count(
                "pk",
                filter=Q(held=True, date__gte=period.starts_on, date__lte=period.ends_on),
            ),
        )
        .order_by()
    }
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
        count = counted.get(group.pk, {})
        sessions = maps.sessions_in(
            group,
            period,
            recorded=count.get("recorded", 0),
            held_in_period=count.get("held", 0),
            closures=closures,
        )
        key, label = staff_of(group)
        found.append(
            maps.GroupFacts(
                group, group.intervention, key, label, sessions, members.get(group.pk, [])
            )
        )
    return found, dates


def staff_choices(scope: Scope) -> list[tuple[str, str]]:
    """Who delivers the school's groups, for the map's filter: one query."""
    seen = {}
    for group in (
        InterventionGroup.objects.filter(school=scope.school)
        .select_related("staff")
        .only("staff_id", "staff_name", "staff__first_name", "staff__last_name", "staff__username")
    ):
        key, label = staff_of(group)
        if key:
            seen[key] = label
    return sorted(seen.items(), key=lambda kv: kv[1])


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
