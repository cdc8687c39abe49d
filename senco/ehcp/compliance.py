"""Reads for the school's EHC work: the needs-assessment requests, the phase transfers and
the compliance page (the Spring-term checklist), limited to what the scope may see.

Every deadline comes from `senco.ehcp.steps` and the statutory clock. The pages cost a
fixed number of queries whatever the number of plans: the plans with their section F
counts (one), the open reviews with their contributors (two), the requests (one), the
school's closure days (one) and the highest year group on roll (one).
"""

import datetime
import functools
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.urls import reverse

from senco.access import Scope, pupils_visible, pupils_visible_to, scope_args
from senco.ehcp import steps
from senco.ehcp.models import (
    AnnualReview,
    AssessmentRequest,
    Contributor,
    EHCPlan,
)
from senco.ehcp.selectors import LISTED, items_counted, school_plans
from senco.lib import clock
from senco.lib.codes import Provision
from senco.lib.html import url_pattern
from senco.lib.prepared import Prepared
from senco.lib.statutory import Deadline, add_months
from senco.pupils.models import Pupil
from senco.schools.models import School
from senco.schools.selectors import saved_closures

# "Calendared": a plan whose next annual review is due within this many months has its
# review set up (an open review with a meeting date).
CALENDAR_MONTHS = 3
# Invitations go at least 2 weeks before the meeting (reg. 20(3)); the page warns 3 weeks out.
INVITATION_WINDOW = datetime.timedelta(weeks=3)

# Year groups that move phase next September, and the deadline that applies.
TO_SECONDARY = "to_secondary"
TO_JUNIOR = "to_junior"
TO_POST16 = "to_post16"
LEAVING = "leaving"
MOVES = {
    TO_JUNIOR: "Year 2 to Year 3 (infant to junior school)",
    TO_SECONDARY: "Year 6 to Year 7 (to secondary school)",
    TO_POST16: "Year 11 to post-16",
    LEAVING: "Leaving the sixth form",
}


def review_url(pupil_id: int, review_id: int | None) -> str:
    """The annual review's page when there is one, otherwise the plan's page (where the
    SENCO starts one, and a leader reads the plan)."""
    if review_id:
        return reverse("ehcp_review", args=[pupil_id, review_id])
    return reverse("ehcp_plan", args=[pupil_id])


class _Urls:
    """`review_url` and the plan's and the request's pages for many rows: each address
    reversed once (`url_pattern`) and filled for each row."""

    def __init__(self):
        self._review = url_pattern("ehcp_review", 2)
        self._plan = url_pattern("ehcp_plan", 1)
        self._request = url_pattern("ehcp_request", 2)

    def review(self, pupil_id: int, review_id: int | None) -> str:
        if review_id:
            return self._review.format(pupil_id, review_id)
        return self._plan.format(pupil_id)

    def plan(self, pupil_id: int) -> str:
        return self._plan.format(pupil_id)

    def request(self, pupil_id: int, request_id: int) -> str:
        return self._request.format(pupil_id, request_id)


# --- Needs-assessment requests -------------------------------------------------------------


def request_for(pupil, request_id: int) -> AssessmentRequest:
    """A request about this pupil, or 404 (the same for not theirs and not there)."""
    found = AssessmentRequest.objects.filter(pk=request_id, pupil=pupil).first()
    if found is None:
        raise Http404("Not found")
    return found


def pupil_requests(pupil) -> list[AssessmentRequest]:
    return list(AssessmentRequest.objects.filter(pupil=pupil))


def is_open(request: AssessmentRequest) -> bool:
    """Still running: no outcome yet, and not refused."""
    return not request.outcome and request.decision != AssessmentRequest.Decision.REFUSED


@dataclass
class RequestRow:
    """A request with its steps, the steps still waiting (soonest first), the next one and
    how urgent it is."""

    request: AssessmentRequest
    steps: list
    open_steps: list
    next_step: steps.Step | None
    urgency: str


def _request_row(request: AssessmentRequest, today, closures) -> RequestRow:
    found = steps.request_steps(request)
    waiting = steps.open_steps(found) if is_open(request) else []
    waiting.sort(key=lambda s: s.deadline.due)
    first = waiting[0] if waiting else None
    urgency = steps.urgency(first.deadline, today, closures=closures) if first else ""
    return RequestRow(request, found, waiting, first, urgency)


_requests = Prepared(
    lambda shape, school, user: AssessmentRequest.objects.filter(
        pupil__in=pupils_visible(shape, school, user)
    ).select_related("pupil")
)


def school_requests(scope: Scope, today: datetime.date, closures=None) -> tuple[list, list]:
    """(open, closed) requests of the pupils the scope sees: open ones by their next
    deadline, closed ones newest first. Two queries (the requests, the closure days)."""
    if closures is None:
        closures = saved_closures(scope.school)
    requests = _requests.instances(**scope_args(scope))
    rows = [_request_row(r, today, closures) for r in requests]
    open_rows = sorted(
        (r for r in rows if is_open(r.request)),
        key=lambda r: (r.next_step.deadline.due if r.next_step else datetime.date.max,),
    )
    closed = [r for r in rows if not is_open(r.request)]
    return open_rows, closed


# --- Plans and their open reviews ------------------------------------------------------------


def _plans(scope: Scope) -> list[EHCPlan]:
    """The school's plans in force, with `not_in_place` and `total` section F counts and
    `open_reviews` (at most one, with its contributors): three queries."""
    reviews = AnnualReview.objects.filter(closed_at__isnull=True).prefetch_related(
        Prefetch("contributors", queryset=Contributor.objects.order_by("pk"))
    )
    return list(
        EHCPlan.objects.filter(
            pupil__in=pupils_visible_to(scope), pupil__sen_provision=Provision.EHC_PLAN
        )
        .exclude(status=EHCPlan.Status.CEASED)
        .annotate(
            total=Count("items"),
            not_in_place=Count("items", filter=Q(items__in_place=False)),
        )
        .select_related("pupil")
        .prefetch_related(Prefetch("reviews", queryset=reviews, to_attr="open_reviews"))
        .order_by("pupil__surname_key", "pupil__forename_key", "pk")
    )


# The compliance checklist's plans, with SQL written once (senco/lib/prepared.py): only
# what the checklist reads of each plan and its pupil (the dates its next review counts
# from, the pupil's name and year group), then the open reviews and their contributors
# each in one plain query, put together in Python (`_checklist_plans`).
_checklist_plans_of = Prepared(
    lambda shape, school, user: (
        school_plans(shape, school, user)
        .annotate(total=items_counted(), not_in_place=items_counted(in_place=False))
        .select_related("pupil")
        .only(*LISTED)
        .order_by("pupil__surname_key", "pupil__forename_key", "pk")
    )
)
_open_reviews_of = Prepared(
    lambda shape, school, user: AnnualReview.objects.filter(
        plan__in=school_plans(shape, school, user), closed_at__isnull=True
    )
)
_open_contributors_of = Prepared(
    lambda shape, school, user: (
        Contributor.objects.filter(
            review__plan__in=school_plans(shape, school, user), review__closed_at__isnull=True
        )
        .only("review", "invited_on", "advice_requested_on", "advice_received_on")
        .order_by("pk")
    )
)


def _checklist_plans(scope: Scope) -> tuple[list[EHCPlan], dict[int, list[Contributor]]]:
    """What `_plans` reads, for the checklist: the plans (with `open_reviews`, each review
    with its `plan`) and the contributors of each open review, by its id. Three queries."""
    args = scope_args(scope)
    plans = _checklist_plans_of.instances(**args)
    by_pk = {}
    for plan in plans:
        plan.open_reviews = []
        by_pk[plan.pk] = plan
    for review in _open_reviews_of.instances(**args):
        plan = by_pk.get(review.plan_id)
        if plan is not None:  # a plan made between the two reads
            review.plan = plan
            plan.open_reviews.append(review)
    contributors: dict[int, list[Contributor]] = {}
    for contributor in _open_contributors_of.instances(**args):
        contributors.setdefault(contributor.review_id, []).append(contributor)
    return plans, contributors


def _open_review(plan: EHCPlan) -> AnnualReview | None:
    return plan.open_reviews[0] if plan.open_reviews else None


# --- Phase transfers ---------------------------------------------------------------------------


_top_year_group = Prepared(
    lambda school: (
        Pupil.objects.filter(school_id=school).order_by("-year_group").values_list("year_group")[:1]
    )
)


def school_shape(school: School) -> tuple[bool, bool]:
    """(infant school, has a sixth form), from the year groups on roll: one query.

    An infant school is a primary school with nobody above Year 2 on roll (the School model
    knows only primary, secondary and all-through); a sixth form is anyone in Year 12 or
    above. A school with no pupils is neither."""
    found = _top_year_group.rows(school=school.pk)
    if not found:
        return False, False
    top = found[0][0]
    infant = school.phase == School.Phase.PRIMARY and top <= 2
    return infant, top >= 12


def move_of(year_group: int, *, infant: bool, sixth_form: bool) -> str:
    """Which move a pupil in this year group makes next September, or ""."""
    if year_group == 2 and infant:
        return TO_JUNIOR
    if year_group == 6:
        return TO_SECONDARY
    if year_group == 11:
        return TO_POST16
    if year_group in (13, 14) and sixth_form:
        return LEAVING
    return ""


@functools.lru_cache(maxsize=64)  # a handful of deadlines a year; ~200 days counted for each
def review_held_by(deadline: Deadline) -> datetime.date:
    """The last day the review meeting can be held for the local authority to amend the plan
    by the deadline, by the statutory clock: its decision within 4 weeks of the meeting
    (reg. 20(10)), then the final amended plan within 8 weeks of the proposals (reg. 22(5)),
    taking the proposals to come with the decision on its last day."""
    meeting = deadline.due
    for _ in range(366):
        decision = clock.statutory("review_decision", meeting)
        final = clock.statutory("amendment_final", decision.due)
        if final.due <= deadline.due:
            return meeting
        meeting -= datetime.timedelta(days=1)
    raise ValueError(deadline)  # pragma: no cover: 12 weeks back always fits


@dataclass
class TransferRow:
    plan: EHCPlan
    move: str
    deadline: Deadline
    hold_by: datetime.date
    review: AnnualReview | None
    booked: bool
    url: str

    @property
    def move_label(self) -> str:
        return MOVES[self.move]

    @property
    def next_setting(self) -> str:
        return self.review.next_setting if self.review else ""

    @property
    def late(self) -> bool:
        """The meeting is set after the day it should be held by, or none is and that day
        has passed (set by the view)."""
        return bool(
            self.review and self.review.meeting_on and self.review.meeting_on > self.hold_by
        )


def transfers(plans: list[EHCPlan], school: School, today: datetime.date) -> list[TransferRow]:
    """The pupils with plans who move phase next September, by deadline then name."""
    infant, sixth_form = school_shape(school)
    year = clock.academic_year_of(today)
    urls = _Urls()
    rows = []
    for plan in plans:
        move = move_of(plan.pupil.year_group, infant=infant, sixth_form=sixth_form)
        if not move:
            continue
        deadline = clock.phase_transfer_deadline(year, to_post16=move in (TO_POST16, LEAVING))
        review = _open_review(plan)
        booked = bool(
            review and review.kind == AnnualReview.Kind.PHASE_TRANSFER and review.meeting_on
        )
        rows.append(
            TransferRow(
                plan,
                move,
                deadline,
                review_held_by(deadline),
                review,
                booked,
                urls.review(plan.pupil_id, review.pk if review else None),
            )
        )
    return sorted(rows, key=lambda r: (r.deadline.due, r.plan.pupil.year_group))


def phase_transfers(scope: Scope, today: datetime.date) -> list[TransferRow]:
    return transfers(_plans(scope), scope.school, today)


# --- The compliance page ------------------------------------------------------------------------


@dataclass
class Line:
    """One thing to fix: whose, what, its deadline and how urgent, and where to fix it."""

    plan_or_request: object
    pupil: object
    what: str
    url: str
    deadline: Deadline | None = None
    urgency: str = ""


@dataclass
class Compliance:
    not_calendared: list[Line]
    at_risk: list[Line]
    invitations: list[Line]
    gaps: list[Line]
    transfers_unbooked: list[Line]
    requests_late: list[Line]
    plans: int
    reviews_open: int
    transfers: list  # every TransferRow, booked or not
    open_requests: int

    @property
    def sections(self) -> list[tuple[str, str, str, list[Line]]]:
        """(id, heading, what "all clear" says, lines) in the checklist's order."""
        return [
            (
                "not-calendared",
                "Annual reviews not calendared",
                "Every plan due for review in the next 3 months has its meeting set.",
                self.not_calendared,
            ),
            (
                "at-risk",
                "Reviews overdue or at risk",
                "No step of an annual review is overdue or due within 10 school days.",
                self.at_risk,
            ),
            (
                "invitations",
                "Invitations not sent for meetings within 3 weeks",
                "Everyone has been invited to the meetings of the next 3 weeks.",
                self.invitations,
            ),
            (
                "gaps",
                "Section F not in place",
                "Every item of section F of every plan is in place.",
                self.gaps,
            ),
            (
                "transfers",
                "Phase transfer reviews not booked",
                "Every pupil moving phase next September has a phase transfer review booked.",
                self.transfers_unbooked,
            ),
            (
                "requests",
                "Needs assessment requests past a deadline",
                "No needs assessment request is past a deadline.",
                self.requests_late,
            ),
        ]


def _worst(found: list[tuple[steps.Step, str]]) -> tuple[steps.Step, str] | None:
    """The step that matters most: overdue before soon, then the earliest."""
    if not found:
        return None
    return min(found, key=lambda pair: (pair[1] != "overdue", pair[0].deadline.due))


def compliance(scope: Scope, today: datetime.date) -> Compliance:
    """The Spring-term checklist for the school's plans and requests."""
    closures = saved_closures(scope.school)
    plans, contributors_of = _checklist_plans(scope)
    urls = _Urls()
    calendar_until = add_months(today, CALENDAR_MONTHS)
    not_calendared, at_risk, invitations, gaps = [], [], [], []
    reviews_open = 0
    for plan in plans:
        pupil = plan.pupil
        review = _open_review(plan)
        url = urls.review(pupil.pk, review.pk if review else None)
        due = steps.next_review_deadline(plan)
        if review is None:
            if due.due <= calendar_until:
                not_calendared.append(
                    Line(plan, pupil, "No review set up", url, due, steps.urgency(due, today))
                )
        else:
            reviews_open += 1
            if review.meeting_on is None:
                not_calendared.append(
                    Line(
                        plan,
                        pupil,
                        "Review started, no meeting date",
                        url,
                        due,
                        steps.urgency(due, today),
                    )
                )
            contributors = contributors_of.get(review.pk, [])
            found = steps.review_steps(review, contributors=contributors, closures=closures)
            urgent = [
                (s, u)
                for s in steps.open_steps(found)
                if (u := steps.urgency(s.deadline, today, closures=closures))
            ]
            worst = _worst(urgent)
            if worst:
                step, urgency = worst
                at_risk.append(Line(review, pupil, step.title, url, step.deadline, urgency))
            meeting = review.meeting_on
            if meeting and today <= meeting <= today + INVITATION_WINDOW and not review.held_on:
                not_invited = [c for c in contributors if not c.invited_on]
                if not contributors or not_invited:
                    what = (
                        "Nobody invited yet"
                        if not contributors or len(not_invited) == len(contributors)
                        else f"{len(not_invited)} of {len(contributors)} not invited"
                    )
                    deadline = clock.statutory("review_invitations", meeting, closures=closures)
                    invitations.append(
                        Line(
                            review,
                            pupil,
                            f"{what} (meeting {meeting:%-d %B %Y})",
                            url,
                            deadline,
                            steps.urgency(deadline, today, closures=closures),
                        )
                    )
        if plan.not_in_place:
            gaps.append(
                Line(
                    plan,
                    pupil,
                    f"{plan.not_in_place} of {plan.total} item{'s' if plan.total != 1 else ''} "
                    "not in place",
                    urls.plan(pupil.pk),
                )
            )
    transfer_rows = transfers(plans, scope.school, today)
    unbooked = [
        Line(
            row.plan,
            row.plan.pupil,
            f"{row.move_label}: hold the review by {row.hold_by:%-d %B %Y}",
            row.url,
            row.deadline,
            "overdue" if row.hold_by < today else steps.urgency(row.deadline, today),
        )
        for row in transfer_rows
        if not row.booked
    ]
    requests_late = []
    open_rows, _ = school_requests(scope, today, closures)
    for row in open_rows:
        late = [s for s in row.open_steps if s.deadline.due < today]
        if late:
            step = min(late, key=lambda s: s.deadline.due)
            requests_late.append(
                Line(
                    row.request,
                    row.request.pupil,
                    step.title,
                    urls.request(row.request.pupil_id, row.request.pk),
                    step.deadline,
                    "overdue",
                )
            )
    gaps.sort(key=lambda line: -line.plan_or_request.not_in_place)
    for lines in (not_calendared, at_risk, invitations, unbooked):
        lines.sort(key=lambda line: line.deadline.due if line.deadline else datetime.date.max)
    return Compliance(
        not_calendared=not_calendared,
        at_risk=at_risk,
        invitations=invitations,
        gaps=gaps,
        transfers_unbooked=unbooked,
        requests_late=requests_late,
        plans=len(plans),
        reviews_open=reviews_open,
        transfers=transfer_rows,
        open_requests=len(open_rows),
    )


# --- Every plan, one line each (the SENCO's spreadsheet) -------------------------------------


@dataclass
class PlanRow:
    plan: EHCPlan
    next_review: Deadline
    review_urgency: str
    review: AnnualReview | None
    next_step: steps.Step | None
    next_step_urgency: str
    url: str

    @property
    def in_place(self) -> int:
        return self.plan.total - self.plan.not_in_place


def plan_rows(scope: Scope, today: datetime.date, *, la_code: str = "", show: str = "") -> list:
    """Each plan in force: its authority, next annual review (with how urgent), the review
    in progress and its next step with a deadline, section F in place. Sorted by the next
    review. `show`: "due" (review due within 3 months or overdue, or a step at risk), "gaps"
    (section F not in place) or everything. Four queries whatever the number of plans."""
    closures = saved_closures(scope.school)
    calendar_until = add_months(today, CALENDAR_MONTHS)
    rows = []
    for plan in _plans(scope):
        if la_code and plan.la_code != la_code:
            continue
        due = steps.next_review_deadline(plan)
        review = _open_review(plan)
        step = None
        if review is not None:
            review.plan = plan
            waiting = steps.open_steps(
                steps.review_steps(
                    review, contributors=list(review.contributors.all()), closures=closures
                )
            )
            step = min(waiting, key=lambda s: s.deadline.due, default=None)
        row = PlanRow(
            plan,
            due,
            # A review in progress whose meeting is on time answers the deadline.
            ""
            if review and steps.review_answered(review.meeting_on, due)
            else steps.urgency(due, today, closures=closures),
            review,
            step,
            steps.urgency(step.deadline if step else None, today, closures=closures),
            review_url(plan.pupil_id, review.pk if review else None),
        )
        if show == "due" and not (
            due.due <= calendar_until or row.review_urgency or row.next_step_urgency
        ):
            continue
        if show == "gaps" and not plan.not_in_place:
            continue
        rows.append(row)
    return sorted(rows, key=lambda r: (r.next_review.due, r.plan.pupil.full_name))


def authorities_of(scope: Scope) -> list[tuple[str, str]]:
    """The local authorities of the school's plans, by name: one query."""
    found = (
        EHCPlan.objects.filter(pupil__in=pupils_visible_to(scope))
        .values_list("la_code", "la_name")
        .distinct()
    )
    return sorted(set(found), key=lambda pair: pair[1])
