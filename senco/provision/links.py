"""Links between a pupil's place in a group and what their plans promise: an item of
section F of their EHC plan, or the provision of their assess-plan-do-review cycle (issue
11, item 7). The sessions of the group answer "is it in place?".

The EHC plan's and the cycle's pages ask `senco.registry.delivery_for`, which calls
`delivery` below: ehcp and plans import nothing of provision, and provision reads their
records only through their selectors, so there is no cycle between the apps.
"""

import copy
import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, F, Max, OuterRef, Q, Subquery
from django.http import Http404
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.text import Truncator

from senco.access import Scope, scope_args
from senco.ehcp import selectors as ehcp_selectors
from senco.lib import clock
from senco.lib.html import html_row, url_pattern
from senco.lib.prepared import Prepared
from senco.lib.text import long_date
from senco.plans import selectors as plans_selectors
from senco.provision import costs
from senco.provision.models import GroupMember, InterventionGroup, ProvisionLink, Session
from senco.pupils.selectors import name_fields
from senco.registry import Delivery
from senco.schools.selectors import saved_closures, saved_terms

DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri")
# "Is it happening?": the sessions of the last four weeks...
RECENT = datetime.timedelta(weeks=4)
# ... and a warning when none was held in the last two weeks of term time.
QUIET_SCHOOL_DAYS = 10
# "What needs doing": a running group with no session recorded for more than a week.
SILENT = datetime.timedelta(weeks=1)
EHCP_ITEM, CYCLE = "ehcp_item", "cycle"


def days_label(group: InterventionGroup) -> str:
    """The group's days, e.g. "Mon, Wed"."""
    return ", ".join(DAY_NAMES[d] for d in sorted(costs.weekdays(group)) if d < len(DAY_NAMES))


def school_days_back(saved, closures, today: datetime.date, days: int) -> datetime.date:
    """The day `days` school days (weekdays in term time, not a bank holiday or a closure)
    before `today`."""
    years = range(clock.academic_year_of(today) - 1, clock.academic_year_of(today) + 1)
    terms = [t for year in years for t in clock.school_terms(saved, year)]
    day, left = today, days
    earliest = today - datetime.timedelta(days=400)
    while left and day > earliest:
        day -= datetime.timedelta(days=1)
        in_term = any(t.starts_on <= day <= t.ends_on for t in terms)
        if in_term and clock.is_working_day(day, closures=closures):
            left -= 1
    return day


def _planned_between(group: InterventionGroup, start, end, closures) -> int:
    """Sessions the timetable gives from `start` to `end` (costs.planned_sessions)."""
    clipped = copy.copy(group)
    clipped.starts_on = max(group.starts_on, start)
    if clipped.starts_on > end:
        return 0
    return costs.planned_sessions(clipped, until=end, closures=closures)


# --- The plans' side: how each record is being delivered -----------------------------------


def _links_of(shape: str, ids: list, window: datetime.date, today: datetime.date):
    """The links from section F items or cycles (`shape`: the link's field) with these ids,
    with their group and intervention, and how many sessions of the recent window each
    pupil attended."""
    return (
        ProvisionLink.objects.filter(**{f"{shape}__in": ids})
        .select_related("member__group__intervention")
        .annotate(
            attended=Count(
                "member__attendance",
                filter=Q(
                    member__attendance__present=True,
                    member__attendance__session__held=True,
                    member__attendance__session__date__gte=window,
                    member__attendance__session__date__lte=today,
                ),
            )
        )
        .order_by("member__group__name", "pk")
    )


# The EHC plan's and the cycle's pages ask on every visit: SQL written once
# (senco/lib/prepared.py), for each number of ids.
_links = Prepared(_links_of)
_session_counts = Prepared(
    lambda groups, window, today: (
        Session.objects.filter(group_id__in=groups, date__lte=today)
        .values_list("group_id")
        .annotate(
            held_recently=Count("pk", filter=Q(held=True, date__gte=window)),
            recorded_recently=Count("pk", filter=Q(date__gte=window)),
            last_held=Max("date", filter=Q(held=True)),
        )
        .order_by()
    )
)


def delivery(scope: Scope, kind: str, ids: list, today: datetime.date) -> dict:
    """{record id: [Delivery, ...]} for the section F items (kind "ehcp_item") or cycles
    ("cycle") with these ids that a group delivers. Four queries when any is linked (the
    links with their groups and attendance, the groups' sessions, the term dates and the
    closures), one when none is."""
    field = {EHCP_ITEM: "ehcp_item_id", CYCLE: "cycle_id"}.get(kind)
    if field is None or not ids:
        return {}
    window = today - RECENT + datetime.timedelta(days=1)
    links = _links.instances(shape=field, ids=list(ids), window=window, today=today)
    if not links:
        return {}
    group_ids = sorted({link.member.group_id for link in links})
    sessions = {
        group: {"held_recently": held, "recorded_recently": recorded, "last_held": last}
        for group, held, recorded, last in _session_counts.rows(
            groups=group_ids, window=window, today=today
        )
    }
    saved, closures = saved_terms(scope.school), saved_closures(scope.school)
    quiet_since = school_days_back(saved, closures, today, QUIET_SCHOOL_DAYS)
    manages = scope.may("manages_interventions")
    found: dict[int, list[Delivery]] = {}
    for link in links:
        counts = sessions.get(link.member.group_id, {})
        line = _delivery_line(link, counts, today, quiet_since, closures)
        if manages:
            line = _with_url(line, link.member)
        found.setdefault(getattr(link, field), []).append(line)
    return found


def _with_url(line: Delivery, member: GroupMember) -> Delivery:
    return Delivery(
        line.text,
        line.tag,
        reverse("provision_member_links", args=[member.pupil_id, member.pk]),
        f"What {member.group.name} delivers",
    )


def _delivery_line(link, counts, today, quiet_since, closures) -> Delivery:
    member, group = link.member, link.member.group
    name = f"Delivered by {group.name} ({days_label(group)})"
    if member.left_on and member.left_on <= today:
        return Delivery(f"{name}: left the group on {member.left_on:%-d %B %Y}.", "Left")
    if group.starts_on > today:
        return Delivery(f"{name}: starts on {group.starts_on:%-d %B %Y}.", "Not started")
    if group.ends_on < today:
        return Delivery(f"{name}: ended on {group.ends_on:%-d %B %Y}.", "Ended")
    window = max(today - RECENT + datetime.timedelta(days=1), group.starts_on, member.joined_on)
    planned = _planned_between(group, window, today, closures)
    held = counts.get("held_recently", 0)
    of = max(planned, counts.get("recorded_recently", 0), held)
    text = (
        f"{name}: {held} of {of} session{'s' if of != 1 else ''} held in the last 4 weeks, "
        f"attended {link.attended}."
    )
    last_held = counts.get("last_held")
    started = max(group.starts_on, member.joined_on)
    if started < quiet_since and (last_held is None or last_held < quiet_since):
        since = last_held or started
        what = "since" if last_held else "since it started on"
        return Delivery(text, f"No session recorded {what} {since:%-d %B %Y}")
    return Delivery(text)


# --- The group member's side ------------------------------------------------------------


def member_for(pupil, member_id: int) -> GroupMember:
    """The pupil's place in a group, or 404 (the same for not theirs and not there)."""
    member = (
        GroupMember.objects.select_related("group__intervention")
        .filter(pk=member_id, pupil=pupil, group__school_id=pupil.school_id)
        .first()
    )
    if member is None:
        raise Http404("Not found")
    return member


@dataclass(frozen=True)
class LinkRow:
    link: ProvisionLink
    label: str


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


def item_label(item) -> str:
    what = " ".join(item.what.split())
    what = what if len(what) <= 80 else what[:79] + "…"
    return f"EHC plan, section F: {what}"


def cycle_label(cycle) -> str:
    return f"Plan of cycle {cycle.number} (assess, plan, do, review)"


def links_of(member: GroupMember) -> list[LinkRow]:
    """What this place in a group delivers, each with a plain label: three queries at most."""
    links = list(member.links.order_by("pk"))
    items = {}
    if any(link.ehcp_item_id for link in links):
        items = {i.pk: i for i in ehcp_selectors.section_f_items(member.pupil)}
    cycles = plans_selectors.cycles_by_id(
        member.pupil, [link.cycle_id for link in links if link.cycle_id]
    )
    rows = []
    for link in links:
        if link.ehcp_item_id and link.ehcp_item_id in items:
            rows.append(LinkRow(link, item_label(items[link.ehcp_item_id])))
        elif link.cycle_id and link.cycle_id in cycles:
            rows.append(LinkRow(link, cycle_label(cycles[link.cycle_id])))
    return rows


def link_choices(member: GroupMember) -> list[Choice]:
    """What this place in a group could deliver and does not yet: the section F items of
    kind "intervention" of the pupil's EHC plan and the pupil's open cycle."""
    taken = {(link.ehcp_item_id, link.cycle_id) for link in member.links.all()}
    choices = [
        Choice(f"item-{item.pk}", item_label(item))
        for item in ehcp_selectors.section_f_items(member.pupil)
        if item.kind == "intervention" and (item.pk, None) not in taken
    ]
    cycle = plans_selectors.live_cycle(member.pupil)
    if cycle is not None and (None, cycle.pk) not in taken:
        choices.append(Choice(f"cycle-{cycle.pk}", cycle_label(cycle)))
    return choices


# --- "What needs doing" and the full list ----------------------------------------------------


def silent_groups(scope: Scope, today: datetime.date) -> list[InterventionGroup]:
    """Groups running today, started more than a week ago, with no session recorded (held or
    not) for more than a week: the quietest first. One query."""
    return _silent.instances(school=scope.school.pk, since=today - SILENT, today=today)


def _silent_groups(school: int, since: datetime.date, today: datetime.date):
    # No session since: a look in the (group, date) index for each running group, rather
    # than every session of every group grouped; the last date likewise, for those found.
    recent = Session.objects.filter(group=OuterRef("pk"), date__gte=since)
    last = Session.objects.filter(group=OuterRef("pk")).order_by("-date").values("date")[:1]
    return (
        InterventionGroup.objects.filter(school_id=school, starts_on__lt=since, ends_on__gte=today)
        .exclude(Exists(recent))
        .annotate(last_recorded=Subquery(last))
        .select_related("intervention", "staff")
        .order_by(F("last_recorded").asc(nulls_first=True), "starts_on", "name", "pk")
    )


def _unlinked_of(shape: str, school: int, user: int, today: datetime.date):
    live = ProvisionLink.objects.filter(
        ehcp_item_id__isnull=False,
        member__group__ends_on__gte=today,
    ).filter(Q(member__left_on__isnull=True) | Q(member__left_on__gt=today))
    return ehcp_selectors.interventions_of(shape, school, user).exclude(
        pk__in=live.values("ehcp_item_id")
    )


def _unlinked(scope: Scope, today: datetime.date):
    return _unlinked_of(**scope_args(scope), today=today)


# The home page's two lists, with SQL written once (senco/lib/prepared.py).
_silent = Prepared(_silent_groups)
_unlinked_first = Prepared(
    lambda shape, school, user, today: _unlinked_of(shape, school, user, today).only(
        "what", "plan", *name_fields("plan__pupil")
    )[: TODO_SHOWN + 1]
)
# How many there are when there are more than five: their ids, a few hundred at most, rather
# than a count the ORM would build and compile on every visit to the home page.
_unlinked_ids = Prepared(
    lambda shape, school, user, today: (
        _unlinked_of(shape, school, user, today).order_by().values_list("pk")
    )
)


def unlinked_interventions(scope: Scope, today: datetime.date) -> list:
    """Section F items of kind "intervention" of the EHC plans in force that no group
    delivers: no link from a pupil still in a group that has not ended. One query."""
    return list(_unlinked(scope, today))


# "What needs doing" lists this many of each, with a link to all.
TODO_SHOWN = 5


def todo(scope: Scope, today: datetime.date) -> dict | None:
    """The SENCO's "What needs doing": groups gone quiet and section F interventions no
    group delivers, the first five of each and how many there are: two queries, or four
    when a list is longer than five (never every item of every plan built to show five)."""
    if not scope.may("manages_interventions"):
        return None
    groups = silent_groups(scope, today)
    items = _unlinked_first.instances(**scope_args(scope), today=today)
    n_items = (
        len(items)
        if len(items) <= TODO_SHOWN
        else len(_unlinked_ids.rows(**scope_args(scope), today=today))
    )
    return {
        "groups": groups[:TODO_SHOWN],
        "n_groups": len(groups),
        "items": items[:TODO_SHOWN],
        "n_items": n_items,
        "urn": scope.school.urn,
        "group_items": _silent_items(groups[:TODO_SHOWN]),
        "unlinked_items": _unlinked_items(items[:TODO_SHOWN]),
    }


# The home page's two lists as `<li>`s built in Python (senco/lib/html.py), with one
# reversed address: a link, a date and a filter through the template engine for each were
# most of the section's time (issue 13).
_SILENT_SINCE = "<li>{}: last session recorded {}</li>"
_SILENT_NEVER = "<li>{}: no session recorded since it started on {}</li>"
_UNLINKED = '<li><a class="govuk-link" href="{}">{}</a>: {}</li>'


def _silent_items(groups: list[InterventionGroup]) -> SafeString:
    return SafeString(
        "".join(
            html_row(_SILENT_SINCE, g.name, long_date(g.last_recorded))
            if g.last_recorded
            else html_row(_SILENT_NEVER, g.name, long_date(g.starts_on))
            for g in groups
        )
    )


def _unlinked_items(items: list) -> SafeString:
    url = url_pattern("ehcp_plan", 1)
    return SafeString(
        "".join(
            html_row(
                _UNLINKED,
                url.format(item.plan.pupil_id),
                item.plan.pupil.full_name,
                Truncator(item.what).chars(60),  # as the template's truncatechars:60
            )
            for item in items
        )
    )
