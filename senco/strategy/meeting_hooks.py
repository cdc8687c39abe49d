"""What line management meetings add to shared pages through the registry: the open
actions with a due date, as dated events for the calendar."""

import datetime
import functools

from senco.lib.html import url_pattern
from senco.lib.prepared import Prepared
from senco.registry import DatedEvent
from senco.strategy.meeting_questions import kind_for
from senco.strategy.meeting_selectors import kinds_for, open_actions_of
from senco.strategy.models import MeetingAction

MEETING_ACTIONS = "Meeting actions"


def _event(action: MeetingAction, meeting_url: str, *, linked: bool) -> DatedEvent:
    """`meeting_url`: the meeting page's address with `{}` for the meeting's id."""
    kind = kind_for(action.meeting.kind)
    meeting = f"{kind.short.lower()} meeting" if kind else "meeting"
    url = ""
    if linked:
        url = meeting_url.format(action.meeting_id) + f"#action-{action.pk}"
    return DatedEvent(
        date=action.due,
        title=f"Action from the {meeting}: {action.what[:120]}",
        url=url,
        rule=f"Agreed at the {meeting} on {action.meeting.held_on:%-d %B %Y}",
        kind=MEETING_ACTIONS,
        uid=f"strategy.meeting_action.{action.pk}",
        owner_id=action.owner_id,
    )


# What an event shows of an action and its meeting: the meeting's notes, the answers and
# figures it kept (JSON) and the action's owner are read for the meeting's page, not here.
EVENT_FIELDS = ("meeting", "what", "owner", "due", "meeting__kind", "meeting__held_on")

# Every open action of the meetings of the kinds a person may read (a list of their keys:
# SQL for each number of kinds), and the actions a person owns, for anyone who may not
# read the meetings: SQL written once (senco/lib/prepared.py). Built and compiled on each
# call, the first took a millisecond for a row or two.
_readable_actions = Prepared(
    lambda school, kinds, start, end: (
        open_actions_of(school, kinds)
        .filter(due__gte=start, due__lte=end)
        .select_related(None)
        .select_related("meeting")
        .only(*EVENT_FIELDS)
    )
)
_owned_actions = Prepared(
    lambda school, user, start, end: (
        MeetingAction.objects.filter(
            meeting__school_id=school,
            owner_id=user,
            done_at__isnull=True,
            due__gte=start,
            due__lte=end,
        )
        .select_related("meeting")
        .only(*EVENT_FIELDS)
        .order_by("due", "pk")
    )
)


@functools.cache
def _meeting_url() -> str:
    """The meeting page's address with a place for the school and the meeting, reversed
    once a process (lib/html.py `url_pattern`)."""
    return url_pattern("strategy_meeting", 2)


def meeting_action_events(scope, start: datetime.date, end: datetime.date):
    """The open actions due between two days: every one of the meetings this person may
    read; for anyone else, only the actions they own (with no link to a page they may not
    open). One query."""
    if scope.may("records_governor_meetings"):
        kinds = [kind.key for kind in kinds_for(scope)]
        found = _readable_actions.instances(
            school=scope.school.pk, kinds=kinds, start=start, end=end
        )
        linked = True
    else:
        found = _owned_actions.instances(
            school=scope.school.pk, user=scope.user.pk, start=start, end=end
        )
        linked = False
    if not found:
        return
    meeting_url = _meeting_url().replace("{}", scope.school.urn, 1)
    for action in found:
        yield _event(action, meeting_url, linked=linked)
