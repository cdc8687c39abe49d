"""What parents adds to the shared pages (see senco/registry.py): the staff pupil page's
"From the family" panel, the SENCO's "What needs doing" sections, the ability to invite
parents (used by the invitation pages in senco/accounts/parent_views.py), a demo."""

from django.utils import timezone
from django.utils.safestring import SafeString

from senco.accounts.models import Role
from senco.lib.html import html_row, url_pattern
from senco.lib.text import long_date
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


_REQUEST = '<li><a class="govuk-link" href="{}">{}</a>: asked on {}</li>'
_UNREAD = '<li><a class="govuk-link" href="{}#from-the-family">{} {}</a>: {} not read</li>'


def _todo(scope, today):
    """Families asking for a meeting, and views not yet read: for the SENCO. Each list's
    `<li>`s are built in Python (senco/lib/html.py) with one reversed address, rather than
    a link and a date through the template engine for each (issue 13)."""
    if not scope.answers_family_requests:
        return None
    requests, unread = selectors.school_inbox(scope.school)
    if not requests and not unread:
        return None
    shown = selectors.INBOX_SHOWN
    requests_shown = requests[:shown]
    answer_url = url_pattern("parents_request_answer", 2)
    pupil_url = url_pattern("pupil_detail", 1)
    return {
        "requests": requests_shown,
        "more": len(requests) > shown,
        "unread": unread,
        "request_items": SafeString(
            "".join(
                html_row(
                    _REQUEST,
                    answer_url.format(asked.pupil_id, asked.pk),
                    asked.pupil.full_name,
                    long_date(timezone.localtime(asked.created_at)),
                )
                for asked in requests_shown
            )
        ),
        "unread_items": SafeString(
            "".join(
                html_row(
                    _UNREAD,
                    pupil_url.format(row["pupil_id"]),
                    row["pupil__forename"],
                    row["pupil__legal_surname"],
                    row["n"],
                )
                for row in unread
            )
        ),
    }


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
