"""What parents adds to the shared pages (see senco/registry.py): the staff pupil page's
"From the family" panel, the SENCO's "What needs doing" sections, the ability to invite
parents (used by the invitation pages in senco/accounts/parent_views.py), a demo."""

from senco.accounts.models import Role
from senco.parents import selectors
from senco.parents.audit import ParentsAction
from senco.parents.demo import build as build_demo
from senco.registry import Capability, DemoBuilder, PupilPanel, TodoSection, register


def _pupil_panel(request, pupil, scope):
    """What the family sent: views (unread first) and meeting requests. Two queries."""
    if not scope.reads_family_views:
        return None
    views, requests = selectors.pupil_panel(pupil)
    return {
        "views": views,
        "requests": requests,
        "answers": scope.answers_family_requests,
    }


def _todo(scope, today):
    """Families asking for a meeting, and views not yet read: for the SENCO."""
    if not scope.answers_family_requests:
        return None
    requests, unread = selectors.school_inbox(scope.school)
    if not requests and not unread:
        return None
    shown = selectors.INBOX_SHOWN
    return {"requests": requests[:shown], "more": len(requests) > shown, "unread": unread}


register(
    Capability(
        app="parents",
        pupil_panels=(PupilPanel("parents/_pupil_panel.html", _pupil_panel, order=38),),
        todo=(TodoSection("parents/todo.html", _todo, order=38),),
        demo=(DemoBuilder("parents", build_demo, order=48),),
        abilities={
            # Who invites a pupil's contact to use senco as a parent, and stops their access.
            "invites_parents": {Role.SENCO, Role.OFFICE},
            # Who reads what families send (views, requests for a meeting) on the pupil page.
            "reads_family_views": {Role.SENCO, Role.LEADER},
            # Who answers them and marks views read.
            "answers_family_requests": {Role.SENCO},
        },
        audit_actions=ParentsAction,
    )
)
