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
from senco.lib.text import cached_initials
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


# A review's kind as `get_kind_display()` gives it, which costs a few microseconds a call.
_KIND_LABELS = dict(AnnualReview.Kind.choices)


def _pupil(pupil_id: int, forename: str, surname: str) -> dict:
    """An event's fields about its pupil, from their id and names (`Pupil.full_name` is
    `forename legal_surname`)."""
    return {
        "pupil_id": pupil_id,
        "pupil_name": f"{forename} {surname}",
        "pupil_initials": cached_initials(forename, surname),
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


# Every open review of the plans the scope sees (a few dozen at most), and every request
# for a needs assessment waiting for its outcome: SQL written once (senco/lib/prepared.py).
# The open reviews are read once for both sources that need them (_OpenReviews). Each reads
# only what its steps look at (`steps.REVIEW_FIELDS`, `steps.REQUEST_FIELDS`) and what an
# event shows: of the plan only the dates the next review counts from, of the pupil only
# their name. A pupil's other two dozen columns, dates among them, took a third of the open
# reviews' read; a review's and a request's times of creation and change (each a datetime
# to parse) a tenth of the rest.
_open_review_records = Prepared(
    lambda shape, school, user: (
        AnnualReview.objects.filter(
            plan__in=selectors.school_plans(shape, school, user), closed_at__isnull=True
        )
        .select_related("plan__pupil")
        .only(
            "kind",
            "owner",
            *steps.REVIEW_FIELDS,
            *(f"plan__{field}" for field in steps.PLAN_FIELDS),
            "plan__pupil__forename",
            "plan__pupil__legal_surname",
        )
    )
)
# The invitees of the open reviews, by the reviews' ids (read just before, each a review of
# a plan the scope sees), with only what the review's steps count of them. The reviews'
# query again as a subquery cost SQLite twice as long for the whole school and nine times
# for a teacher. (More than LIST_MAX open reviews at once are read by the ORM: slower.)
_contributors_of = Prepared(
    lambda reviews: (
        Contributor.objects.filter(review_id__in=reviews)
        .only("review", *steps.CONTRIBUTOR_FIELDS)
        .order_by("review_id", "pk")
    )
)
# The plans of the year group leaving, not yet amended for the move: rows of what an event
# shows (in the database's order, as before).
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
        .values_list("pk", "pupil_id", "pupil__forename", "pupil__legal_surname")
    )
)
_open_requests = Prepared(
    lambda shape, school, user: (
        AssessmentRequest.objects.filter(pupil__in=pupils_visible(shape, school, user), outcome="")
        .select_related("pupil")
        .only(*steps.REQUEST_FIELDS, "pupil__forename", "pupil__legal_surname")
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
    plan_url = _url("ehcp_plan", 1)
    for plan_id, pupil_id, forename, surname, deadline in found:
        owner_id, meeting_on = open_reviews.get(plan_id, (None, None))
        yield DatedEvent(
            date=deadline.due,
            title=f"Annual review of {forename} {surname}'s EHC plan due",
            url=plan_url.format(pupil_id),
            rule=deadline.rule,
            source=deadline.citation,
            kind=ANNUAL_REVIEWS,
            uid=f"ehcp.plan.{plan_id}.next-review.{deadline.due.isoformat()}",
            owner_id=owner_id,
            urgency=""
            if steps.review_answered(meeting_on, deadline)
            else closures.urgency(deadline, today),
            # The SENCO's EHC plans section lists reviews due in 6 weeks itself.
            in_todo=False,
            **_pupil(pupil_id, forename, surname),
        )


def _review_steps(
    scope: Scope, start, end, closures, today, open_reviews: _OpenReviews
) -> Iterator[DatedEvent]:
    """The open steps with a deadline of every annual review in progress. Setting the
    meeting date is left out: its deadline is the review's own, which `annual_reviews`
    shows. Two queries (the reviews, their invitees) and the closure days when needed."""
    reviews = open_reviews.all()
    if not reviews:
        return
    contributors: dict[int, list[Contributor]] = {}
    for contributor in _contributors_of.instances(reviews=[review.pk for review in reviews]):
        contributors.setdefault(contributor.review_id, []).append(contributor)
    review_url = _url("ehcp_review", 2)
    for review in reviews:
        # What every event of the review shares, worked out once for the review.
        pupil = review.plan.pupil
        kind = _KIND_LABELS.get(review.kind, review.kind)  # get_kind_display()
        about = f"{kind} of {pupil.full_name}'s EHC plan"
        url = review_url.format(pupil.pk, review.pk)
        of_pupil = _pupil(pupil.pk, pupil.forename, pupil.legal_surname)
        for step in steps.open_steps(
            steps.review_steps(review, contributors=contributors.get(review.pk, []))
        ):
            if step.key == "meeting_date" or not start <= step.deadline.due <= end:
                continue
            who = "" if step.by_school else " (local authority)"
            yield DatedEvent(
                date=step.deadline.due,
                title=f"{about}: {lower_first(step.title)}{who}",
                url=url,
                rule=step.deadline.rule,
                source=step.deadline.citation,
                kind=ANNUAL_REVIEWS,
                uid=f"ehcp.review.{review.pk}.{step.key}",
                owner_id=review.owner_id,
                urgency=closures.urgency(step.deadline, today),
                **of_pupil,
            )


def _request_steps(scope: Scope, start, end, closures, today) -> Iterator[DatedEvent]:
    """The open steps with a deadline of every request for a needs assessment still
    waiting for its outcome. One query, and the closure days when needed."""
    requests = _open_requests.instances(**scope_args(scope))
    request_url = _url("ehcp_request", 2)
    for request in requests:
        pupil = request.pupil
        for step in steps.open_steps(steps.request_steps(request)):
            if not start <= step.deadline.due <= end:
                continue
            who = "" if step.by_school else " (local authority)"
            yield DatedEvent(
                date=step.deadline.due,
                title=f"Needs assessment of {pupil.full_name}: {lower_first(step.title)}{who}",
                url=request_url.format(request.pupil_id, request.pk),
                rule=step.deadline.rule,
                source=step.deadline.citation,
                kind=NEEDS_ASSESSMENTS,
                uid=f"ehcp.request.{request.pk}.{step.key}",
                urgency=closures.urgency(step.deadline, today),
                **_pupil(pupil.pk, pupil.forename, pupil.legal_surname),
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
        plans = _not_transferred.rows(
            **scope_args(scope), year_group=leaving - ahead, year_began=year_began
        )
        if not plans:
            continue
        # The same deadline for every plan: its step, address and urgency worked out once.
        step = lower_first(deadline.step)
        plan_url = _url("ehcp_plan", 1)
        urgency = closures.urgency(deadline, today)
        for plan_id, pupil_id, forename, surname in plans:
            yield DatedEvent(
                date=deadline.due,
                title=f"{forename} {surname}'s EHC plan: {step}",
                url=plan_url.format(pupil_id),
                rule=deadline.rule,
                source=deadline.citation,
                kind=PHASE_TRANSFERS,
                uid=f"ehcp.plan.{plan_id}.phase-transfer.{this_year + ahead}",
                urgency=urgency,
                **_pupil(pupil_id, forename, surname),
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
