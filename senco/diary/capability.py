"""What the calendar adds to the shared pages (see senco/registry.py). It gathers every
app's dated events through the registry and names no capability."""

import datetime

from django.utils import timezone

from senco.accounts.models import Role
from senco.diary.audit import DiaryAction
from senco.diary.html import deadline_items
from senco.diary.reminders import reminders_send
from senco.diary.selectors import due_steps
from senco.registry import HOME_ONLY, Capability, NavItem, Schedule, TodoSection, register


def _due_steps(scope, today):
    """The SENCO's statutory steps overdue or due within 10 school days, the first eight
    as HTML built in Python (`deadline_items`)."""
    if not scope.follows_deadlines:
        return None
    steps = [e for e in due_steps(scope, today or timezone.localdate()) if e.in_todo]
    return {"steps": steps, "urn": scope.school.urn, "items": deadline_items(steps)}


register(
    Capability(
        app="diary",
        nav=(
            # In the menu of those with room in it; under "Go to" on everyone's home page.
            NavItem("Calendar", "diary_calendar", ability="calendar_in_menu", order=35),
            NavItem(
                "Calendar",
                "diary_calendar",
                ability="sees_calendar",
                order=35,
                group=HOME_ONLY,
                home_label="Calendar",
            ),
        ),
        todo=(TodoSection("diary/todo/deadlines.html", _due_steps, order=26),),
        abilities={
            # Who sees the calendar (and may subscribe to it): whoever sees pupils; each
            # sees the events of the pupils they may see.
            "sees_calendar": {Role.SENCO, Role.LEADER, Role.TEACHER, Role.TA},
            # Who follows every statutory deadline at the school: "What needs doing" and
            # the daily reminder email. A step's owner is reminded of their own steps too.
            "follows_deadlines": {Role.SENCO},
            # The SENCO's and leaders' menus are full (six entries with Home): for them the
            # calendar is under "Go to" on the home page (and linked from the deadlines).
            "calendar_in_menu": {Role.TEACHER, Role.TA},
        },
        audit_actions=DiaryAction,
        schedules=(
            Schedule(
                "diary.reminders",
                "Email reminders of statutory deadlines overdue or due within 10 school days",
                reminders_send,
                after=datetime.time(7, 0),
            ),
        ),
    )
)
