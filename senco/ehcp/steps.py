"""The steps of an annual review and of a request for an EHC needs assessment, each with its
status and its deadline from the statutory clock. Pure: no queries. Pages (the task list),
"What needs doing", reminders, the calendar and the compliance page all ask these
functions, so they agree on what is due when.
"""

import datetime
from collections.abc import Collection
from dataclasses import dataclass

from senco.ehcp.models import AnnualReview, AssessmentRequest, EHCPlan
from senco.lib import clock
from senco.lib.statutory import Deadline

# A step due within this many working days (school days) is "due soon".
SOON_WORKING_DAYS = 10

DONE = "done"
IN_PROGRESS = "in_progress"
TO_DO = "to_do"
CANNOT_START = "cannot_start"

STATUS_LABELS = {
    DONE: "Completed",
    IN_PROGRESS: "In progress",
    TO_DO: "Not yet started",
    CANNOT_START: "Cannot start yet",
}


@dataclass(frozen=True)
class Step:
    key: str
    title: str
    status: str
    deadline: Deadline | None = None
    done_on: datetime.date | None = None
    by_school: bool = True  # False: the local authority's step, which the school chases
    hint: str = ""  # one line under the title: what is missing, or a warning

    @property
    def done(self) -> bool:
        return self.status == DONE

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def late(self) -> bool:
        """Done after its deadline."""
        return bool(
            self.done and self.deadline and self.done_on and self.done_on > self.deadline.due
        )


def urgency(
    deadline: Deadline | None, today: datetime.date, *, closures: Collection[datetime.date] = ()
) -> str:
    """ "overdue" when the day has passed, "soon" when it falls within 10 school days, or ""."""
    if deadline is None:
        return ""
    if deadline.due < today:
        return "overdue"
    if clock.working_days_between(today, deadline.due, closures=closures) <= SOON_WORKING_DAYS:
        return "soon"
    return ""


def next_review_deadline(plan: EHCPlan) -> Deadline:
    return clock.statutory("next_review", plan.review_from)


def review_answered(meeting_on: datetime.date | None, due: Deadline) -> bool:
    """A review in progress whose meeting is on or before the day the annual review is due
    meets that deadline: the plan's review is then neither overdue nor due soon (its own
    steps have their own deadlines)."""
    return meeting_on is not None and meeting_on <= due.due


# What `review_steps` reads of a review (with its plan's `review_from`: `issued_on` and
# `last_review_on`) and of its contributors, and `request_steps` of a request: a query for
# the steps alone may read only these (the calendar's, senco/ehcp/events.py). Keep them in
# step with the functions: tests/test_step_fields.py fails when one reads another.
REVIEW_FIELDS = (
    "plan",
    "meeting_on",
    "advice_circulated_on",
    "views_requested_at",
    "pupil_view",
    "parent_view",
    "held_on",
    "progress",
    "recommendations",
    "report_sent_on",
    "decision",
    "decision_on",
    "proposals_on",
    "final_plan_on",
)
PLAN_FIELDS = ("issued_on", "last_review_on")
CONTRIBUTOR_FIELDS = ("invited_on", "advice_requested_on", "advice_received_on")
REQUEST_FIELDS = (
    "requested_on",
    "decision",
    "decision_on",
    "draft_served_on",
    "response_sent_on",
    "outcome",
    "outcome_on",
)


def _state(done: bool, started: bool) -> str:
    return DONE if done else IN_PROGRESS if started else TO_DO


def review_steps(
    review: AnnualReview,
    *,
    contributors: Collection = (),
    teacher_views: tuple[int, int] = (0, 0),
    closures: Collection[datetime.date] = (),
) -> list[Step]:
    """The task list of an annual review, in order. `contributors` are the review's
    Contributor rows; `teacher_views` is (asked, answered) of the teachers' views."""
    plan = review.plan
    meeting = review.held_on or review.meeting_on
    due_by = next_review_deadline(plan)
    steps = []

    hint = ""
    if review.meeting_on and review.meeting_on > due_by.due:
        hint = f"The meeting is after the review is due ({due_by.due:%-d %B %Y})."
    steps.append(
        Step(
            "meeting_date",
            "Set the meeting date",
            DONE if review.meeting_on else TO_DO,
            due_by,
            review.meeting_on,
            hint=hint,
        )
    )

    def before_meeting(key, title, rule, done, started, done_on, hint=""):
        if meeting is None:
            return Step(key, title, CANNOT_START, hint="Set the meeting date first.")
        deadline = clock.statutory(rule, meeting, closures=closures)
        return Step(key, title, _state(done, started), deadline, done_on, hint=hint)

    invited = [c for c in contributors if c.invited_on]
    not_invited = len(contributors) - len(invited)
    steps.append(
        before_meeting(
            "invitations",
            "Send the invitations",
            "review_invitations",
            bool(contributors) and not not_invited,
            bool(invited),
            max((c.invited_on for c in invited), default=None),
            hint=(
                "Add who to invite: the parents, the young person, the local authority "
                "and the professionals involved."
                if not contributors
                else f"{not_invited} not invited yet."
                if not_invited
                else ""
            ),
        )
    )

    asked = [c for c in contributors if c.advice_requested_on]
    received = [c for c in asked if c.advice_received_on]
    steps.append(
        before_meeting(
            "advice",
            "Ask for advice and circulate it",
            "review_advice",
            review.advice_circulated_on is not None,
            bool(asked),
            review.advice_circulated_on,
            hint=f"{len(received)} of {len(asked)} advice received." if asked else "",
        )
    )

    teachers_asked, teachers_answered = teacher_views
    have = [bool(review.pupil_view.strip()), bool(review.parent_view.strip())]
    # Asked, and no teacher to ask (a pupil in no teaching group): nothing more to wait for.
    none_to_ask = not teachers_asked and review.views_requested_at is not None
    views_done = (
        all(have) and (teachers_asked > 0 or none_to_ask) and teachers_answered == teachers_asked
    )
    missing = [who for who, got in zip(("the pupil", "the parents"), have, strict=True) if not got]
    if teachers_asked > teachers_answered:
        missing.append(f"{teachers_asked - teachers_answered} of {teachers_asked} teachers")
    elif not teachers_asked and not none_to_ask:
        missing.append("the teachers (not asked yet)")
    steps.append(
        Step(
            "views",
            "Gather views",
            _state(views_done, any(have) or teachers_asked > 0),
            done_on=None,
            hint=("Still to come: " + ", ".join(missing) + ".") if missing else "",
        )
    )

    if review.meeting_on is None:
        steps.append(Step("meeting", "Hold the meeting", CANNOT_START))
    else:
        steps.append(
            Step(
                "meeting",
                "Hold the meeting",
                DONE if review.held_on else TO_DO,
                None,
                review.held_on,
                hint="" if review.held_on else f"Booked for {review.meeting_on:%-d %B %Y}.",
            )
        )

    def after_meeting(key, title, rule, done, started, done_on, by_school=True):
        if review.held_on is None:
            return Step(key, title, CANNOT_START, by_school=by_school, hint="After the meeting.")
        deadline = clock.statutory(rule, review.held_on, closures=closures)
        return Step(key, title, _state(done, started), deadline, done_on, by_school=by_school)

    steps.append(
        after_meeting(
            "report",
            "Send the report to the local authority",
            "review_report",
            review.report_sent_on is not None,
            bool(review.progress.strip() or review.recommendations.strip()),
            review.report_sent_on,
        )
    )
    steps.append(
        after_meeting(
            "decision",
            "Local authority's decision",
            "review_decision",
            bool(review.decision and review.decision_on),
            False,
            review.decision_on,
            by_school=False,
        )
    )
    if review.decision == AnnualReview.Decision.AMEND:
        # From the proposals when they came; until then, as if they came on the last day
        # the decision was due (4 weeks after the meeting).
        start = review.proposals_on or (review.held_on + datetime.timedelta(weeks=4))
        steps.append(
            Step(
                "amendments",
                "Final amended plan",
                _state(review.final_plan_on is not None, review.proposals_on is not None),
                clock.statutory("amendment_final", start),
                review.final_plan_on,
                by_school=False,
                hint="" if review.proposals_on else "Waiting for the proposed amendments.",
            )
        )
    return steps


def review_finished(steps: list[Step]) -> bool:
    return all(step.done for step in steps)


def request_steps(request: AssessmentRequest) -> list[Step]:
    """The statutory steps of a request for an EHC needs assessment, in order."""
    started = request.requested_on
    steps = [
        Step(
            "decision",
            "Decision whether to assess",
            DONE if request.decision_on else TO_DO,
            clock.statutory("assessment_decision", started),
            request.decision_on,
            by_school=False,
        )
    ]
    if request.decision == AssessmentRequest.Decision.REFUSED:
        return steps
    if request.decision_on is None:
        steps.append(Step("draft", "Draft plan received", CANNOT_START, by_school=False))
        steps.append(Step("response", "Respond to the draft plan", CANNOT_START))
    else:
        steps.append(
            Step(
                "draft",
                "Draft plan received",
                DONE if request.draft_served_on else TO_DO,
                None,
                request.draft_served_on,
                by_school=False,
            )
        )
        if request.draft_served_on is None:
            steps.append(Step("response", "Respond to the draft plan", CANNOT_START))
        else:
            steps.append(
                Step(
                    "response",
                    "Respond to the draft plan",
                    DONE if request.response_sent_on else TO_DO,
                    clock.statutory("draft_plan_response", request.draft_served_on),
                    request.response_sent_on,
                )
            )
    steps.append(
        Step(
            "final",
            "Final EHC plan issued",
            DONE if request.outcome else TO_DO,
            clock.statutory("final_plan", started),
            request.outcome_on,
            by_school=False,
        )
    )
    return steps


def open_steps(steps: list[Step]) -> list[Step]:
    """Steps not done that have a deadline: what reminders, the calendar and the compliance
    page follow."""
    return [s for s in steps if not s.done and s.status != CANNOT_START and s.deadline]
