"""What line management meetings add to shared pages through the registry: the open
actions with a due date, as dated events for the calendar."""

import datetime

from django.urls import reverse

from senco.registry import DatedEvent
from senco.strategy.meeting_questions import kind_for
from senco.strategy.meeting_selectors import open_actions
from senco.strategy.models import MeetingAction

MEETING_ACTIONS = "Meeting actions"


def _event(action: MeetingAction, urn: str, *, linked: bool) -> DatedEvent:
    kind = kind_for(action.meeting.kind)
    meeting = f"{kind.short.lower()} meeting" if kind else "meeting"
    url = ""
    if linked:
        url = reverse("strategy_meeting", args=[urn, action.meeting_id]) + f"#action-{action.pk}"
    return DatedEvent(
        date=action.due,
        title=f"Action from the {meeting}: {action.what[:120]}",
        url=url,
        rule=f"Agreed at the {meeting} on {action.meeting.held_on:%-d %B %Y}",
        kind=MEETING_ACTIONS,
        uid=f"strategy.meeting_action.{action.pk}",
        owner_id=action.owner_id,
    )


def meeting_action_events(scope, start: datetime.date, end: datetime.date):
    """The open actions due between two days: every one of the meetings this person may
    read; for anyone else, only the actions they own (with no link to a page they may not
    open). One query."""
    if scope.may("records_governor_meetings"):
        found = open_actions(scope).filter(due__gte=start, due__lte=end)
        linked = True
    else:
        found = (
            MeetingAction.objects.filter(
                meeting__school=scope.school,
                owner=scope.user,
                done_at__isnull=True,
                due__gte=start,
                due__lte=end,
            )
            .select_related("meeting")
            .order_by("due", "pk")
        )
        linked = False
    for action in found:
        yield _event(action, scope.school.urn, linked=linked)
