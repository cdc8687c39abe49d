"""The EHC plan records' dated events, for the calendar, its iCalendar feed and the reminders
(senco/registry.py `events`): each plan's next annual review, every open step with a
deadline of each open annual review and of each open request for a needs assessment, and
the phase-transfer deadline of each pupil moving school or to post-16.

Every date comes from `senco.ehcp.steps` and the statutory clock; nothing here counts days.
Each source is a few queries however many plans the school has (the calendar's query-count
test holds it to that).
"""

import datetime
import functools
from collections.abc import Iterator

from django.db.models import Exists, OuterRef
from django.utils import timezone

from senco.access import Scope, pupils_visible, scope_args
from senco.ehcp import selectors, steps
from senco.ehcp.models import AnnualReview, AssessmentRequest, Contributor
from senco.lib import clock
from senco.lib.forms import lower_first
from senco.lib.html import url_pattern
from senco.lib.prepared import Prepared
from senco.lib.text import initials
from senco.pupils.selectors import name_fields
from senco.registry import DatedEvent
from senco.schools.models import School
from senco.schools.selectors import saved_closures

ANNUAL_REVIEWS = "Annual reviews"
NEEDS_ASSESSMENTS = "Needs assessments"
PHASE_TRANSFERS = "Phase transfers"
KINDS = (ANNUAL_REVIEWS, NEEDS_ASSESSMENTS, PHASE_TRANSFERS)

# The year group a school's pupils leave from, and whether they move to post-16 then.
LEAVING_YEAR = {
    School.Phase.PRIMARY: (6, False),
    School.Phase.SECONDARY: (11, True),
    School.Phase.ALL_THROUGH: (11, True),
}


@functools.cache
def _url(name: str, n_args: int) -> str:
    """A page's address with `{}` for its ids, reversed once (lib/html.py `url_pattern`)."""
    return url_pattern(name, n_args)


def _pupil(pupil) -> dict:
    return {
        "pupil_id": pupil.pk,
        "pupil_name": pupil.full_name,
        "pupil_initials": initials(pupil.forename, pupil.legal_surname),
    }


class _Closures:
    """The school's closure days, read once and only when a date needs working days."""

    def __init__(self, school):
        self.school = school
        self._days = None

    def urgency(self, deadline, today: datetime.date) -> str:
        if deadline.due < today:
            return "overdue"
        if deadline.due > today + datetime.timedelta(weeks=16):
            return ""  # far beyond 10 school days, even with a summer of closure days
        if self._days is None:
            self._days = saved_closures(self.school)
        return steps.urgency(deadline, today, closures=self._days)


def _own_fields(model) -> tuple[str, ...]:
    return tuple(f.name for f in model._meta.concrete_fields)


# Every open review of the plans the scope sees (a few dozen at most), and every request
# for a needs assessment waiting for its outcome: SQL written once (senco/lib/prepared.py).
# The open reviews are read once for both sources that need them (_OpenReviews). Each reads
# all of its own record (its steps look at most of it) but of the plan only the dates the
# next review counts from, and of the pupil only their name (`name_fields`): a pupil's
# other two dozen columns, dates among them, took a third of the open reviews' read.
_open_review_records = Prepared(
    lambda shape, school, user: (
        AnnualReview.objects.filter(
            plan__in=selectors.school_plans(shape, school, user), closed_at__isnull=True
        )
        .select_related("plan__pupil")
        .only(
            *_own_fields(AnnualReview),
            "plan__issued_on",
            "plan__last_review_on",
            *name_fields("plan__pupil"),
        )
    )
)
_open_contributors = Prepared(
    lambda shape, school, user: Contributor.objects.filter(
        review__in=AnnualReview.objects.filter(
            plan__in=selectors.school_plans(shape, school, user), closed_at__isnull=True
        ).values("pk")
    ).defer("advice")
)
_not_transferred = Prepared(
    lambda shape, school, user, year_group, year_began: (
        selectors.school_plans(shape, school, user)
        .filter(pupil__year_group=year_group)
        .exclude(
            Exists(
                AnnualReview.objects.filter(
                    plan=OuterRef("pk"),
                    kind=AnnualReview.Kind.PHASE_TRANSFER,
                    closed_at__isnull=False,
                    created_at__gte=year_began,
                )
            )
        )
        .select_related("pupil")
        .only(*selectors.LISTED)
    )
)
_open_requests = Prepared(
    lambda shape, school, user: (
        AssessmentRequest.objects.filter(pupil__in=pupils_visible(shape, school, user), outcome="")
        .select_related("pupil")
        .only(*_own_fields(AssessmentRequest), *name_fields("pupil"))
    )
)


class _OpenReviews:
    """The open annual reviews of the plans the scope sees, read once (and only when asked)
    for the plans' next reviews and the reviews' own steps."""

    def __init__(self, scope: Scope):
        self.scope = scope
        self._found = None

    def all(self) -> list[AnnualReview]:
        if self._found is None:
            self._found = _open_review_records.instances(**scope_args(self.scope))
        return self._found


def _annual_reviews(
    scope: Scope, start, end, closures, today, reviews: _OpenReviews
) -> Iterator[DatedEvent]:
    """Each plan's next annual review (12 months from issue or the last review), with the
    owner of the review in progress, if any. Two queries (the open reviews shared with
    `_review_steps`)."""
    found = selectors.annual_reviews_between(scope, start, end)
    if not found:
        return
    open_reviews = {r.plan_id: (r.owner_id, r.meeting_on) for r in reviews.all()}
    for plan, deadline in found:
        owner_id, meeting_on = open_reviews.get(plan.pk, (None, None))
        yield DatedEvent(
            date=deadline.due,
            title=f"Annual review of {plan.pupil.full_name}'s EHC plan due",
            url=_url("ehcp_plan", 1).format(plan.pupil_id),
            rule=deadline.rule,
            source=deadline.citation,
            kind=ANNUAL_REVIEWS,
            uid=f"ehcp.plan.{plan.pk}.next-review.{deadline.due.isoformat()}",
            owner_id=owner_id,
            urgency=""
            if steps.review_answered(meeting_on, deadline)
            else closures.urgency(deadline, today),
            # The SENCO's EHC plans section lists reviews due in 6 weeks itself.
            in_todo=False,
            **_pupil(plan.pupil),
        )


def _review_steps(
    scope: Scope, start, end, closures, today, open_reviews: _OpenReviews
) -> Iterator[DatedEvent]:
    """The open steps with a deadline of every annual review in progress. Setting the
    meeting date is left out: its deadline is the review's own, which `annual_reviews`
    shows. Two queries (the reviews, their invitees) and the closure days when needed."""
    reviews = open_reviews.all()
    contributors: dict[int, list[Contributor]] = {}
    for contributor in _open_contributors.instances(**scope_args(scope)) if reviews else ():
        contributors.setdefault(contributor.review_id, []).append(contributor)
    for review in reviews:
        pupil = review.plan.pupil
        for step in steps.open_steps(
            steps.review_steps(review, contributors=contributors.get(review.pk, []))
        ):
            if step.key == "meeting_date" or not start <= step.deadline.due <= end:
                continue
            who = "" if step.by_school else " (local authority)"
            yield DatedEvent(
                date=step.deadline.due,
                title=(
                    f"{review.get_kind_display()} of {pupil.full_name}'s EHC plan: "
                    f"{lower_first(step.title)}{who}"
                ),
                url=_url("ehcp_review", 2).format(pupil.pk, review.pk),
                rule=step.deadline.rule,
                source=step.deadline.citation,
                kind=ANNUAL_REVIEWS,
                uid=f"ehcp.review.{review.pk}.{step.key}",
                owner_id=review.owner_id,
                urgency=closures.urgency(step.deadline, today),
                **_pupil(pupil),
            )


def _request_steps(scope: Scope, start, end, closures, today) -> Iterator[DatedEvent]:
    """The open steps with a deadline of every request for a needs assessment still
    waiting for its outcome. One query, and the closure days when needed."""
    requests = _open_requests.instances(**scope_args(scope))
    for request in requests:
        for step in steps.open_steps(steps.request_steps(request)):
            if not start <= step.deadline.due <= end:
                continue
            who = "" if step.by_school else " (local authority)"
            yield DatedEvent(
                date=step.deadline.due,
                title=(
                    f"Needs assessment of {request.pupil.full_name}: {lower_first(step.title)}{who}"
                ),
                url=_url("ehcp_request", 2).format(request.pupil_id, request.pk),
                rule=step.deadline.rule,
                source=step.deadline.citation,
                kind=NEEDS_ASSESSMENTS,
                uid=f"ehcp.request.{request.pk}.{step.key}",
                urgency=closures.urgency(step.deadline, today),
                **_pupil(request.pupil),
            )


def _phase_transfers(scope: Scope, start, end, closures, today) -> Iterator[DatedEvent]:
    """For each pupil with a plan in the school's last year group (Year 6 at a primary,
    Year 11 at a secondary), the date their plan must be amended to name the next school
    or college (reg. 18): this year's leavers, and next year's when that date falls within
    the days asked for. Done once a phase-transfer review of the plan has been completed
    that school year. One query a school year asked for."""
    if scope.school.phase not in LEAVING_YEAR:
        return
    leaving, to_post16 = LEAVING_YEAR[scope.school.phase]
    this_year = clock.academic_year_of(today)
    for ahead in (0, 1):
        deadline = clock.phase_transfer_deadline(this_year + ahead, to_post16=to_post16)
        if not start <= deadline.due <= end:
            continue
        year_began = timezone.make_aware(datetime.datetime(this_year + ahead, 9, 1))
        plans = _not_transferred.instances(
            **scope_args(scope), year_group=leaving - ahead, year_began=year_began
        )
        for plan in plans:
            yield DatedEvent(
                date=deadline.due,
                title=f"{plan.pupil.full_name}'s EHC plan: {lower_first(deadline.step)}",
                url=_url("ehcp_plan", 1).format(plan.pupil_id),
                rule=deadline.rule,
                source=deadline.citation,
                kind=PHASE_TRANSFERS,
                uid=f"ehcp.plan.{plan.pk}.phase-transfer.{this_year + ahead}",
                urgency=closures.urgency(deadline, today),
                **_pupil(plan.pupil),
            )


def dated_events(scope: Scope, start: datetime.date, end: datetime.date) -> Iterator[DatedEvent]:
    """Every EHC plan event between two days (inclusive) for the pupils the scope may read
    plans of. The school's closure days are read once, and only for a date near enough to
    be due within 10 school days."""
    if not scope.reads_ehc_plans:
        return
    closures, today = _Closures(scope.school), timezone.localdate()
    reviews = _OpenReviews(scope)
    yield from _annual_reviews(scope, start, end, closures, today, reviews)
    yield from _review_steps(scope, start, end, closures, today, reviews)
    for source in (_request_steps, _phase_transfers):
        yield from source(scope, start, end, closures, today)


SOURCES = (dated_events,)
