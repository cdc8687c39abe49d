"""Reads for line management meetings, limited to the kinds the scope may see.

The SENCO and leaders (`records_meetings`) see every kind; a governor
(`records_governor_meetings` only) sees only link governor meetings: a meeting or an action
of another kind is the same 404 as one that does not exist.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.urls import Resolver404, resolve

from senco.accounts.models import Role, User
from senco.registry import Figure, evidence_for
from senco.strategy.meeting_questions import MEETING_KINDS, MeetingKind
from senco.strategy.models import Meeting, MeetingAction

# Who may own an action agreed at a meeting: anyone working at the school, governors too.
OWNER_ROLES = (Role.SENCO, Role.LEADER, Role.TEACHER, Role.TA, Role.OFFICE, Role.GOVERNOR)


def _not_found() -> Http404:
    return Http404("Not found")


def kinds_for(scope) -> list[MeetingKind]:
    """The kinds of meeting this person may read, record and change, in order."""
    return [kind for kind in MEETING_KINDS.values() if scope.may(kind.ability)]


def kind_or_404(scope, key: str) -> MeetingKind:
    """A kind this person may record, or 404 (an unknown kind and another's are the same)."""
    for kind in kinds_for(scope):
        if kind.key == key:
            return kind
    raise _not_found()


def _keys(scope) -> list[str]:
    return [kind.key for kind in kinds_for(scope)]


def meetings_for(scope):
    """The school's meetings of the kinds this person sees, newest first, each with
    `open_actions`: one query."""
    return (
        Meeting.objects.filter(school=scope.school, kind__in=_keys(scope))
        .annotate(open_actions=Count("actions", filter=Q(actions__done_at__isnull=True)))
        .order_by("-held_on", "-pk")
    )


def meeting_for(scope, meeting_id: int) -> Meeting:
    """A meeting this person may see, with its answers and actions, or 404."""
    meeting = (
        Meeting.objects.filter(school=scope.school, kind__in=_keys(scope), pk=meeting_id)
        .select_related("created_by")
        .prefetch_related(
            "answers",
            Prefetch(
                "actions",
                MeetingAction.objects.select_related("owner", "closed_at_meeting").order_by("pk"),
            ),
            Prefetch(
                "closed_actions",
                MeetingAction.objects.select_related("owner", "meeting").order_by("pk"),
            ),
        )
        .first()
    )
    if meeting is None:
        raise _not_found()
    return meeting


def open_actions(scope, *, kind: str | None = None):
    """The actions not done yet of the meetings this person sees (of one kind, when given),
    the soonest due first and those with no date last: one query."""
    kinds = _keys(scope) if kind is None else [k for k in _keys(scope) if k == kind]
    return open_actions_of(scope.school.pk, kinds)


def open_actions_of(school: int, kinds: list[str]):
    """`open_actions` from the school's id and the keys of the kinds, for a query written
    once (senco/lib/prepared.py)."""
    return (
        MeetingAction.objects.filter(
            meeting__school_id=school, meeting__kind__in=kinds, done_at__isnull=True
        )
        .select_related("owner", "meeting")
        .order_by("due", "meeting__held_on", "pk")
    )


def open_actions_sorted(scope, *, kind: str | None = None) -> list[MeetingAction]:
    """`open_actions`, with the dated ones first (the database puts no date first)."""
    found = list(open_actions(scope, kind=kind))
    return [a for a in found if a.due] + [a for a in found if not a.due]


def action_for(scope, action_id: int) -> MeetingAction:
    """An action of a meeting this person may see, or 404."""
    action = (
        MeetingAction.objects.filter(
            pk=action_id, meeting__school=scope.school, meeting__kind__in=_keys(scope)
        )
        .select_related("meeting")
        .first()
    )
    if action is None:
        raise _not_found()
    return action


def staff_of(school):
    """Who may own an action: the school's active staff and governors, by name."""
    return (
        User.objects.filter(
            memberships__school=school,
            memberships__is_active=True,
            memberships__role__in=OWNER_ROLES,
        )
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


# ---- Evidence -----------------------------------------------------------------------------


def suppressed(scope, kind: MeetingKind) -> bool:
    """Whether the figures of this meeting hide small numbers: always for a link governor
    meeting, which the governor reads whoever recorded it, and for anyone who sees no
    names."""
    return kind.key == "link_governor" or scope.suppress_small_numbers


def evidence(scope, kind: MeetingKind, today: datetime.date) -> dict[str, list[Figure]]:
    """{evidence key: [Figure]} for the kind's questions, as this meeting shows them."""
    return evidence_for(kind.evidence_keys, scope.school, today, suppress=suppressed(scope, kind))


def figures_as_saved(found: dict[str, list[Figure]]) -> list[dict]:
    """The figures shown, as `Meeting.data_shown` keeps them."""
    return [
        {
            "key": key,
            "label": f.label,
            "value": f.value,
            "national": f.national,
            "source": f.source,
            "url": f.url,
        }
        for key, figures in found.items()
        for f in figures
    ]


def figures_by_key(data_shown) -> dict[str, list[dict]]:
    by_key: dict[str, list[dict]] = {}
    for row in data_shown or []:
        if isinstance(row, dict) and row.get("key"):
            by_key.setdefault(row["key"], []).append(row)
    return by_key


@dataclass(frozen=True)
class Shown:
    """A figure as one reader sees it: its link only when they may open that page."""

    label: str
    value: str
    national: str
    source: str
    url: str


class LinkCheck:
    """Whether a reader may open a path on this site: the view's access policy
    (`senco.access`), read once per path. A school's page of another school, a pupil's page
    for someone who sees no pupils, and anything unknown are not linked."""

    def __init__(self, scope):
        self.scope = scope
        self.known: dict[str, bool] = {}

    def __call__(self, url: str) -> bool:
        if url not in self.known:
            self.known[url] = self._may_open(url)
        return self.known[url]

    def _may_open(self, url: str) -> bool:
        if not url.startswith("/") or url.startswith("//"):
            return False
        try:
            match = resolve(url.split("?", 1)[0].split("#", 1)[0])
        except Resolver404:
            return False
        policy = getattr(match.func, "access_policy", "")
        kind, _, ability = policy.partition(":")
        if kind == "school":
            return match.kwargs.get("urn") == self.scope.school.urn and self.scope.may(ability)
        if kind == "pupil":
            return self.scope.sees_whole_school and self.scope.may(ability)
        return False


def shown(rows, check: LinkCheck) -> list[Shown]:
    return [
        Shown(
            label=str(row.get("label", "")),
            value=str(row.get("value", "")),
            national=str(row.get("national", "")),
            source=str(row.get("source", "")),
            url=row["url"] if row.get("url") and check(row["url"]) else "",
        )
        for row in rows
    ]


def shown_by_key(data_shown, check: LinkCheck) -> dict[str, list[Shown]]:
    return {key: shown(rows, check) for key, rows in figures_by_key(data_shown).items()}
