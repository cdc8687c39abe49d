"""What assess, plan, do, review adds to the shared pages (see senco/registry.py)."""

import datetime
import functools

from django.utils import timezone

from senco.access import scope_args
from senco.accounts.models import Role
from senco.lib.html import escaped, html_row, url_pattern
from senco.lib.prepared import Prepared
from senco.lib.text import cached_initials, person_name
from senco.plans import selectors
from senco.plans.audit import PlansAction
from senco.plans.demo import build as build_demo
from senco.plans.evidence import plan_figures
from senco.plans.parent_panel import plan_panel
from senco.plans.services import teacher_views_request_due
from senco.pupils.selectors import NAME_FIELDS, name_fields
from senco.registry import (
    Capability,
    DatedEvent,
    DemoBuilder,
    Evidence,
    ParentPanel,
    PupilPanel,
    Schedule,
    TodoSection,
    register,
)


def _views_to_give(scope, today):
    if not scope.gives_views:
        return None
    return {"views_to_give": list(selectors.views_to_give(scope=scope))}


def _reviews_coming(scope, today):
    if not scope.follows_own_reviews:
        return None
    rows = [
        (c, selectors.review_urgency(c.review_date, today))
        for c in selectors.reviews_due_or_overdue(scope=scope, today=today)
    ]
    return {"reviews_coming": rows}


# The home page's lists, with SQL written once (senco/lib/prepared.py).
_FIELDS = ("review_date", *name_fields("pupil"))
_overdue = Prepared(lambda **args: selectors.reviews_overdue_of(**args).only(*_FIELDS))
_due = Prepared(lambda **args: selectors.reviews_due_of(**args).only(*_FIELDS))
_without = Prepared(lambda **args: selectors.pupils_without_cycle_of(**args).only(*NAME_FIELDS))
_awaited = Prepared(
    lambda **args: selectors.views_awaited_of(**args).values_list(
        "pupil_id",
        "cycle_id",
        "link",
        "due_on",
        "cycle__review_date",
        "pupil__forename",
        "pupil__legal_surname",
        "teacher__first_name",
        "teacher__last_name",
        "teacher__username",
    )  # fmt: skip
)


def _reviews_due(scope, today):
    if not scope.oversees_reviews:
        return None
    args = {**scope_args(scope), "today": today}
    due = _due.instances(**args, soon=selectors.due_soon(today))
    return {
        "reviews_overdue": [(c, "overdue") for c in _overdue.instances(**args)],
        "reviews_due": [(c, "soon") for c in due],
    }


def _without_cycle(scope, today):
    if not scope.tracks_cycles:
        return None
    return {"without_cycle": _without.instances(**scope_args(scope))}


@functools.cache
def _cycle_url() -> str:
    """A cycle's address with `{}` for the pupil and the cycle, reversed once a process."""
    return url_pattern("plans_cycle", 2)


_AWAITED = "<li>{}, about {}{}</li>"
_AWAITED_LINK = '<a class="govuk-link" href="{}">{}</a>'


def _views_awaited(scope, today):
    """Each teacher's view still awaited, a line each built in Python (senco/lib/html.py):
    a SENCO may wait for dozens."""
    if not scope.asks_views:
        return None
    cycle_url = _cycle_url()
    items = []
    rows = _awaited.rows(**scope_args(scope))
    for pupil_id, cycle_id, link, due_on, review_date, forename, surname, *teacher in rows:
        name = f"{forename} {surname}"  # Pupil.full_name
        if cycle_id:
            about = html_row(_AWAITED_LINK, cycle_url.format(pupil_id, cycle_id), name)
        elif link:
            about = html_row(_AWAITED_LINK, link, name)
        else:
            about = escaped(name)
        wanted = review_date if cycle_id else due_on  # ViewRequest.wanted_by
        by = f" (review by {wanted:%-d %b %Y})" if wanted else ""
        first, last, username = teacher
        items.append(html_row(_AWAITED, person_name(first, last, username), about, by))
    return {"views_awaited": items}


def _pupil_panel(request, pupil, scope):
    return {"live": selectors.live_cycle_summary(pupil, timezone.localdate())}


PLAN_REVIEWS = "SEN support plan reviews"


_reviewed_between = Prepared(
    lambda start, end, **args: (
        selectors.open_cycles_of(**args)
        .filter(review_date__gte=start, review_date__lte=end)
        .values_list(
            "pk", "pupil_id", "number", "review_date", "pupil__forename", "pupil__legal_surname"
        )
    )
)


def _review_dates(scope, start: datetime.date, end: datetime.date) -> list[DatedEvent]:
    """Each open cycle's review date, for the pupils the scope sees: one query, values."""
    cycle_url = _cycle_url()
    rows = _reviewed_between.rows(**scope_args(scope), start=start, end=end)
    return [
        DatedEvent(
            date=review_date,
            title=f"Review {forename} {surname}'s plan (cycle {number})",
            url=cycle_url.format(pupil_id, pk),
            pupil_id=pupil_id,
            rule="at least once a term",
            source="SEND Code of Practice 6.48",
            kind=PLAN_REVIEWS,
            uid=f"plans.cycle.{pk}.review",
            pupil_name=f"{forename} {surname}",  # Pupil.full_name
            pupil_initials=cached_initials(forename, surname),
        )
        for pk, pupil_id, number, review_date, forename, surname in rows
    ]


register(
    Capability(
        app="plans",
        pupil_panels=(PupilPanel("plans/_pupil_panel.html", _pupil_panel, order=20),),
        # The current plan on a parent's page (parent_panel.py).
        parent_panels=(ParentPanel("plans/parent/_plan.html", plan_panel, order=20),),
        todo=(
            TodoSection("plans/todo/views_to_give.html", _views_to_give, order=10),
            TodoSection("plans/todo/reviews_coming.html", _reviews_coming, order=20),
            TodoSection("plans/todo/reviews_due.html", _reviews_due, order=30),
            TodoSection("plans/todo/without_cycle.html", _without_cycle, order=40),
            TodoSection("plans/todo/views_awaited.html", _views_awaited, order=60),
        ),
        demo=(DemoBuilder("plans", build_demo, order=20),),
        events=(_review_dates,),
        event_kinds=(PLAN_REVIEWS,),
        abilities={
            # Who runs a cycle: the SENCO and the pupil's teachers.
            "runs_cycles": {Role.SENCO, Role.TEACHER},
            # Who writes notes of what was done: also the pupil's teaching assistants.
            "writes_notes": {Role.SENCO, Role.TEACHER, Role.TA},
            # Who asks teachers for their views, and sees whose are still awaited.
            "asks_views": {Role.SENCO},
            # Who prints a plan to share with the family.
            "shares_plans": {Role.SENCO},
            # Who is asked for views.
            "gives_views": {Role.TEACHER},
            # Who sees the pupils at SEN support with no cycle in progress.
            "tracks_cycles": {Role.SENCO},
            # Who follows every review at the school, and who only their own pupils'.
            "oversees_reviews": {Role.SENCO, Role.LEADER},
            "follows_own_reviews": {Role.TEACHER, Role.TA},
        },
        audit_actions=PlansAction,
        schedules=(
            Schedule(
                "plans.request_teacher_views",
                "Ask teachers for their views on reviews in the next two weeks",
                teacher_views_request_due,
                after=datetime.time(7, 0),
            ),
        ),
        # Pupils at SEN support with a plan in progress, as evidence (evidence.py).
        evidence=(Evidence("plans", plan_figures, order=30),),
    )
)
