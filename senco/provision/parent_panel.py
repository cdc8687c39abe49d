"""The interventions a child attends, on a parent's page about their own child
(`registry.ParentPanel`, shown by the parents app's `parent_child`).

What the family sees of each group the child is in now (or will join when it starts):
the intervention's name, what it is and the area of need it is for, the days, time and
length of its sessions, who runs it by their role (never a name), when the child started,
and how many of this term's sessions they came to. Never costs, scores, staff's notes of
sessions, or anything about the other children in the group.
"""

import datetime

from django.db.models import Count, Q

from senco.lib import clock
from senco.lib.codes import BroadArea
from senco.provision.group_selectors import DAY_NAMES
from senco.provision.models import GroupMember, Intervention
from senco.schools.selectors import saved_terms

AREAS = dict(BroadArea.choices)
# Who runs a group, by the role the intervention names (never a person's name).
ROLES = {
    Intervention.StaffRole.TA: "A teaching assistant",
    Intervention.StaffRole.HLTA: "A higher level teaching assistant",
    Intervention.StaffRole.TEACHER: "A teacher",
    Intervention.StaffRole.SPECIALIST: "A specialist from outside the school",
}


def this_term(terms, today: datetime.date) -> clock.TermDates:
    """The term today is in; in a holiday, the term just ended."""
    term = clock.current_term(terms, today)
    if today < term.starts_on:
        return clock.previous_term(terms, today)
    return term


def days_in_words(days: str) -> str:
    """ "024" -> "Monday, Wednesday and Friday"."""
    names = [DAY_NAMES[int(d)] for d in sorted(set(days)) if d.isdigit() and int(d) < 5]
    if len(names) == len(DAY_NAMES):
        return "Every school day"
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def _percent(present: int, held: int) -> int | None:
    return round(100 * present / held) if held else None


def interventions_panel(pupil, contacts, today: datetime.date) -> dict | None:
    """The child's current groups as values, with this term's attendance; None when they
    are in none. Two queries: the school's term dates, then the groups with their counts."""
    term = this_term(saved_terms(pupil.school), today)
    start, end = term.starts_on, min(today, term.ends_on)
    in_term = Q(attendance__session__date__gte=start, attendance__session__date__lte=end)
    rows = list(
        GroupMember.objects.filter(pupil_id=pupil.pk, group__ends_on__gte=today)
        .filter(Q(left_on__isnull=True) | Q(left_on__gte=today))
        .annotate(
            sessions_held=Count("attendance", filter=in_term),
            sessions_present=Count("attendance", filter=in_term & Q(attendance__present=True)),
        )
        .order_by("group__starts_on", "group__intervention__name", "pk")
        .values(
            "joined_on",
            "sessions_held",
            "sessions_present",
            "group__days",
            "group__time",
            "group__starts_on",
            "group__ends_on",
            "group__intervention__name",
            "group__intervention__description",
            "group__intervention__area",
            "group__intervention__session_minutes",
            "group__intervention__staff_role",
        )
    )
    if not rows:
        return None
    groups = []
    for r in rows:
        started = max(r["joined_on"], r["group__starts_on"])
        groups.append(
            {
                "name": r["group__intervention__name"],
                "what": r["group__intervention__description"].strip(),
                "area": AREAS.get(r["group__intervention__area"], ""),
                "days": days_in_words(r["group__days"]),
                "time": r["group__time"],
                "minutes": r["group__intervention__session_minutes"],
                "run_by": ROLES.get(r["group__intervention__staff_role"], ""),
                "started_on": started,
                "not_started": started > today,
                "ends_on": r["group__ends_on"],
                "held": r["sessions_held"],
                "present": r["sessions_present"],
                "percent": _percent(r["sessions_present"], r["sessions_held"]),
            }
        )
    return {
        "name": pupil.preferred_name or pupil.forename,
        "term": term.label,
        "groups": groups,
    }
