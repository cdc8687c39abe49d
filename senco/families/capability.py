"""What meetings with families add to the shared pages (see senco/registry.py)."""

from django.utils import timezone
from django.utils.safestring import SafeString

from senco.access import scope_args
from senco.accounts.models import Role
from senco.families import selectors
from senco.families.audit import FamiliesAction
from senco.families.demo import build as build_demo
from senco.families.demo_review_days import build as build_review_days_demo
from senco.families.evidence import meeting_figures
from senco.families.review_days_hooks import (
    REVIEW_DAYS,
    parent_panel,
    review_day_events,
    review_meetings,
)
from senco.lib.html import html_row, url_pattern
from senco.lib.prepared import Prepared
from senco.lib.text import long_date
from senco.pupils.selectors import name_fields
from senco.registry import (
    HOME_ONLY,
    Capability,
    DemoBuilder,
    Evidence,
    NavItem,
    ParentPanel,
    PupilPanel,
    TodoSection,
    register,
)


def _pupil_panel(request, pupil, scope):
    """The last meetings with the family and "Record a meeting": one query."""
    if not scope.reads_family_meetings:
        return None
    return {"meetings": selectors.recent_meetings(pupil)}


# The first few, with SQL written once (senco/lib/prepared.py).
_follow_ups_first = Prepared(
    lambda **args: (
        selectors.open_actions_of(**args)
        .select_related(None)
        .select_related("pupil")
        .only("what", "due_on", "meeting_id", *name_fields("pupil"))[: FOLLOW_UPS_SHOWN + 1]
    )
)
# How many there are when there are more: their ids, rather than a count the ORM would
# build and compile on every visit to the home page.
_follow_up_ids = Prepared(
    lambda **args: (
        selectors.open_actions_of(**args).select_related(None).order_by().values_list("pk")
    )
)


_FOLLOW_UP = '<li><a class="govuk-link" href="{}">{}</a> ({}): by {}{}</li>'
_OVERDUE = ' <strong class="govuk-tag govuk-tag--red">Overdue</strong>'


def _follow_ups(scope, today):
    """The follow-up actions from meetings with families this person owns and has not done,
    as `<li>`s built in Python (senco/lib/html.py) with one reversed address: a link and a
    date through the template engine for each was most of the section's time (issue 13)."""
    if not scope.sees_pupils:
        return None
    actions = _follow_ups_first.instances(**scope_args(scope))
    if not actions:
        return None
    if len(actions) > FOLLOW_UPS_SHOWN:
        more = len(_follow_up_ids.rows(**scope_args(scope))) - FOLLOW_UPS_SHOWN
    else:
        more = 0
    today = today or timezone.localdate()
    actions = actions[:FOLLOW_UPS_SHOWN]
    url = url_pattern("families_meeting", 2)
    items = "".join(
        html_row(
            _FOLLOW_UP,
            url.format(action.pupil_id, action.meeting_id),
            action.what,
            action.pupil.full_name,
            long_date(action.due_on),
            SafeString(_OVERDUE if action.due_on < today else ""),
        )
        for action in actions
    )
    return {"actions": actions, "more": more, "today": today, "items": SafeString(items)}


# "What needs doing" lists this many follow-up actions, and how many more there are.
FOLLOW_UPS_SHOWN = 10


register(
    Capability(
        app="families",
        nav=(
            # The SENCO's and leaders' menus are full: under "Go to" on the home page.
            NavItem(
                "Meetings with families",
                "families_three_a_year",
                ability="follows_three_a_year",
                order=45,
                group=HOME_ONLY,
                home_label="Meetings with families",
            ),
            NavItem(
                "SEND parent review days",
                "families_review_days",
                ability="reads_review_days",
                order=46,
                group=HOME_ONLY,
                home_label="SEND parent review days",
            ),
        ),
        pupil_panels=(PupilPanel("families/_pupil_panel.html", _pupil_panel, order=35),),
        todo=(TodoSection("families/todo/follow_ups.html", _follow_ups, order=40),),
        demo=(
            DemoBuilder("families", build_demo, order=45),
            DemoBuilder("families_review_days", build_review_days_demo, order=46),
        ),
        events=(review_day_events,),
        event_kinds=(REVIEW_DAYS,),
        # The meetings with the family for a cycle's or an annual review's review.
        delivery=(review_meetings,),
        parent_panels=(ParentPanel("families/parent/_panel.html", parent_panel, order=40),),
        abilities={
            # Who reads a pupil's meetings with their family: whoever sees the pupil.
            "reads_family_meetings": {Role.SENCO, Role.LEADER, Role.TEACHER, Role.TA},
            # Who records them: the SENCO, the pupil's teachers and their TA.
            "records_family_meetings": {Role.SENCO, Role.TEACHER, Role.TA},
            # Who sees the three-a-year page for the whole register.
            "follows_three_a_year": {Role.SENCO, Role.LEADER},
            # Who decides which kinds of meeting count.
            "sets_counting_kinds": {Role.SENCO},
            # SEND parent review days: the SENCO creates and changes them; the office and
            # the SENCO book and cancel appointments; leaders read the timetables too.
            "runs_review_days": {Role.SENCO},
            "books_review_slots": {Role.SENCO, Role.OFFICE},
            "reads_review_days": {Role.SENCO, Role.OFFICE, Role.LEADER},
            # Who may open the pages at all: also teachers and TAs, who see only the days
            # where they take a room (senco/families/review_days_selectors.py).
            "sees_review_days": {Role.SENCO, Role.OFFICE, Role.LEADER, Role.TEACHER, Role.TA},
        },
        audit_actions=FamiliesAction,
        # Families met three times a year, as evidence (evidence.py).
        evidence=(Evidence("parent_meetings", meeting_figures, order=50),),
    )
)
