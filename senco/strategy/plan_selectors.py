"""Reads of the SEND development plan: a school's priorities for an academic year with their
actions and evidence (three queries however many there are), its summary by status, one
record found for a person (not theirs and not there are the same 404), the staff who may
own an action, the actions' due dates for the calendar and the plan's figures as evidence.

The plan names staff, never a pupil, so no reader's page lists pupils and nothing is
suppressed: governors and the trust's SEND lead read it as the SENCO does."""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Prefetch
from django.http import Http404
from django.urls import reverse

from senco.accounts.models import Membership, Role
from senco.lib import clock
from senco.lib.prepared import Prepared
from senco.registry import DatedEvent, Figure
from senco.strategy.models import Action, ActionEvidence, Priority, Status

# The kind of the actions' due dates in the calendar's filter.
EVENT_KIND = "Development plan"

# GOV.UK tag colours for each status: grey not started, red, yellow for amber, green, blue done.
TAG_CLASSES = {
    Status.NOT_STARTED: "govuk-tag--grey",
    Status.RED: "govuk-tag--red",
    Status.AMBER: "govuk-tag--yellow",
    Status.GREEN: "govuk-tag--green",
    Status.DONE: "govuk-tag--blue",
}
# What a status is called in the summary: "6 on track, 3 some concerns, 1 off track".
SUMMARY_WORDS = {
    Status.GREEN: "on track",
    Status.AMBER: "some concerns",
    Status.RED: "off track",
    Status.NOT_STARTED: "not started",
    Status.DONE: "done",
}
SHORT_LABELS = {
    Status.NOT_STARTED: "Not started",
    Status.RED: "Off track",
    Status.AMBER: "Some concerns",
    Status.GREEN: "On track",
    Status.DONE: "Done",
}
# Who may own an action: anyone with an active role at the school (a link governor too).
OWNER_ROLES = (Role.SENCO, Role.LEADER, Role.TEACHER, Role.TA, Role.OFFICE, Role.GOVERNOR)
FIRST_YEAR = 2000


def current_year(today: datetime.date) -> int:
    return clock.academic_year_of(today)


def year_or_404(value, today: datetime.date) -> int:
    """The academic year asked for (?year=2026 or a year in the address), or this one when
    none is; anything that is not a year from 2000 to next year is 404."""
    current = current_year(today)
    if value is None or value == "":
        return current
    text = str(value)
    if not text.isascii() or not text.isdigit() or len(text) != 4:
        raise Http404("Not found")
    year = int(text)
    if not FIRST_YEAR <= year <= current + 1:
        raise Http404("Not found")
    return year


def _actions():
    return Action.objects.select_related("owner").prefetch_related(
        Prefetch("evidence", queryset=ActionEvidence.objects.order_by("added_at", "pk"))
    )


def plan_of(school, year: int) -> list[Priority]:
    """The year's priorities in order, each with its actions (owner joined) and their
    evidence: three queries."""
    return list(
        Priority.objects.filter(school=school, academic_year=year)
        .order_by("position", "pk")
        .prefetch_related(Prefetch("actions", queryset=_actions().order_by("position", "pk")))
    )


def is_overdue(action: Action, today: datetime.date) -> bool:
    return action.due is not None and action.due < today and action.status != Status.DONE


@dataclass
class Summary:
    priorities: int = 0
    actions: int = 0
    by_status: dict = field(default_factory=dict)  # status -> count
    overdue: int = 0

    def line(self) -> str:
        """ "4 priorities, 11 actions: 6 on track, 3 some concerns, 1 off track, 1 done"."""
        head = f"{_count(self.priorities, 'priority', 'priorities')}, "
        head += _count(self.actions, "action", "actions")
        parts = [
            f"{self.by_status[status]} {words}"
            for status, words in SUMMARY_WORDS.items()
            if self.by_status.get(status)
        ]
        return f"{head}: {', '.join(parts)}" if parts else head


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def summarise(priorities: list[Priority], today: datetime.date) -> Summary:
    """The counts of the plan's summary line. Each action is given what its row shows:
    `tag_class`, `status_short`, `overdue` and `owner_shown`."""
    summary = Summary(priorities=len(priorities))
    for priority in priorities:
        for action in priority.actions.all():
            action.tag_class = TAG_CLASSES.get(action.status, "govuk-tag--grey")
            action.status_short = SHORT_LABELS.get(action.status, action.status)
            action.overdue = is_overdue(action, today)
            action.owner_shown = owner_shown(action)
            summary.actions += 1
            summary.by_status[action.status] = summary.by_status.get(action.status, 0) + 1
            summary.overdue += is_overdue(action, today)
    return summary


def years_with_plans(school) -> list[int]:
    """The academic years the school has a plan for, newest first."""
    return sorted(
        set(
            Priority.objects.filter(school=school)
            .order_by()
            .values_list("academic_year", flat=True)
            .distinct()
        ),
        reverse=True,
    )


def priority_for(scope, priority_id: int) -> Priority:
    priority = Priority.objects.filter(pk=priority_id, school=scope.school).first()
    if priority is None:
        raise Http404("Not found")
    return priority


def action_for(scope, action_id: int) -> Action:
    action = (
        _actions()
        .select_related("priority")
        .filter(pk=action_id, priority__school=scope.school)
        .first()
    )
    if action is None:
        raise Http404("Not found")
    return action


def evidence_item_for(scope, evidence_id: int) -> ActionEvidence:
    item = (
        ActionEvidence.objects.select_related("action__priority")
        .filter(pk=evidence_id, action__priority__school=scope.school)
        .first()
    )
    if item is None:
        raise Http404("Not found")
    return item


def owners_of(school):
    """The people who may own an action (staff and governors with an active role here), as a
    queryset for the action form's list, by surname."""
    ids = Membership.objects.filter(school=school, is_active=True, role__in=OWNER_ROLES).values(
        "user_id"
    )
    return get_user_model().objects.filter(pk__in=ids).order_by("last_name", "first_name", "pk")


def person_label(user) -> str:
    return user.get_full_name() or user.username


def owner_shown(action: Action) -> str:
    if action.owner_id:
        return person_label(action.owner)
    return action.owner_name or "No owner"


def plan_url(school, year: int) -> str:
    return reverse("strategy_plan", args=[school.urn]) + f"?year={year}"


# ---- The calendar and the evidence hooks (capability.py) ---------------------------------


# The calendar's (and the SENCO's year's) actions due: SQL written once
# (senco/lib/prepared.py), as every visit to those pages asks it.
_actions_due = Prepared(
    lambda school, start, end: (
        Action.objects.filter(priority__school_id=school, due__gte=start, due__lte=end)
        .exclude(status=Status.DONE)
        .select_related("priority")
        .only("what", "due", "owner_id", "status", "priority__academic_year", "priority__title")
    )
)


def plan_events(scope, start: datetime.date, end: datetime.date) -> list[DatedEvent]:
    """Actions not done with a due date between two days, for whoever reads the plan: one
    query for the school. The plan's address is reversed once for each year's plan."""
    if not scope.may("reads_development_plan"):
        return []
    actions = _actions_due.instances(school=scope.school.pk, start=start, end=end)
    plans: dict[int, str] = {}
    events = []
    for action in actions:
        year = action.priority.academic_year
        if year not in plans:
            plans[year] = plan_url(scope.school, year)
        events.append(
            DatedEvent(
                date=action.due,
                title=f"Development plan: {_short(action.what)}",
                url=f"{plans[year]}#action-{action.pk}",
                rule=f"Priority: {action.priority.title}",
                source="The school's SEND development plan",
                kind=EVENT_KIND,
                uid=f"strategy-action-{action.pk}",
                owner_id=action.owner_id,
            )
        )
    return events


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def plan_figures(school, today: datetime.date, suppress: bool) -> list[Figure]:
    """This year's priorities and actions by status, under the evidence key
    "development_plan". No pupils are counted, so nothing is hidden (`suppress` is kept for
    the contract). One query."""
    year = current_year(today)
    rows = list(
        Action.objects.filter(priority__school=school, priority__academic_year=year).values_list(
            "priority_id", "status", "due"
        )
    )
    priorities = Priority.objects.filter(school=school, academic_year=year).count()
    if not priorities:
        return []
    url = plan_url(school, year)
    label = clock.academic_year_label(year)
    total = len(rows)
    source = "The school's SEND development plan"
    figures = [
        Figure(f"Priorities in the SEND development plan for {label}", str(priorities), url),
        Figure(f"Actions in the SEND development plan for {label}", str(total), url),
    ]
    for status, words in SUMMARY_WORDS.items():
        n = sum(1 for _, s, _ in rows if s == status)
        figures.append(Figure(f"Actions {words}", _of(n, total), url, source=source))
    overdue = sum(1 for _, s, due in rows if due and due < today and s != Status.DONE)
    figures.append(Figure("Actions past their due date and not done", _of(overdue, total), url))
    return figures


def _of(n: int, total: int) -> str:
    if not total:
        return "0"
    return f"{n} of {total} ({round(100 * n / total)}%)"
