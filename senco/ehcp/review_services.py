"""Writes of an EHC plan's annual review: starting it, each step of its task list, who is
invited and their advice, and closing it. Each is one transaction that locks the review,
refuses a save from a stale form (`senco.lib.versions`) and writes an audit row.

The dates each step records are checked against each other here (and only here, so the
forms and any script agree): nothing done is dated in the future, nothing is sent after
the meeting it is for, nothing after the meeting is dated before it.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from senco.audit.actor import Actor
from senco.audit.services import audit_record
from senco.ehcp import steps as review_steps_module
from senco.ehcp.audit import EhcpAction
from senco.ehcp.models import AnnualReview, Contributor, EHCPlan
from senco.ehcp.review_checks import CONTRIBUTOR_LABELS, REVIEW_LABELS, Errors, day
from senco.lib.versions import check_version
from senco.plans import selectors as plans_selectors
from senco.plans import services as plans_services

Decision = AnnualReview.Decision


def subject_of(review: AnnualReview) -> str:
    """How the plans app's requests for teachers' views name this review."""
    return f"ehcp-review:{review.pk}"


def review_current(review: AnnualReview) -> list[tuple[str, str, object]]:
    """The review as saved now, as (form field, label, value), for a refused stale save."""
    return [(name, label, getattr(review, name)) for name, label in REVIEW_LABELS.items()]


def contributor_current(contributor: Contributor) -> list[tuple[str, str, object]]:
    return [(name, label, getattr(contributor, name)) for name, label in CONTRIBUTOR_LABELS.items()]


def _audit(*, actor: Actor, review: AnnualReview, action: str, **detail) -> None:
    audit_record(
        actor=actor,
        pupil=review.plan.pupil,
        action=action,
        detail={"plan_id": review.plan_id, "review_id": review.pk, **detail},
    )


def _lock(review: AnnualReview, version) -> AnnualReview:
    """The review, locked, still open, and at the version the form was opened at."""
    locked = (
        AnnualReview.objects.select_for_update().select_related("plan__pupil").get(pk=review.pk)
    )
    check_version(version, locked.version, theirs=lambda: review_current(locked))
    if locked.closed_at is not None:
        raise ValidationError("This review has been closed: it can no longer be changed.")
    return locked


def _save(review: AnnualReview, *, actor: Actor, step: str, **detail) -> AnnualReview:
    review.version += 1
    review.full_clean()
    review.save()
    _audit(actor=actor, review=review, action=EhcpAction.REVIEW_SAVE, step=step, **detail)
    return review


def _set_plan_status(plan: EHCPlan, status: str) -> None:
    if plan.status != status:
        EHCPlan.objects.filter(pk=plan.pk).update(
            status=status, version=plan.version + 1, updated_at=timezone.now()
        )
        plan.status, plan.version = status, plan.version + 1


def _last_invited(review: AnnualReview) -> datetime.date | None:
    return max((c.invited_on for c in review.contributors.all() if c.invited_on), default=None)


# --- Starting a review -------------------------------------------------------------------


@transaction.atomic
def review_start(
    *, actor: Actor, plan: EHCPlan, kind: str, next_setting: str = "", owner=None
) -> AnnualReview:
    """Start a review of the plan: one at a time. The plan is "under review" until it
    closes."""
    plan = EHCPlan.objects.select_for_update().select_related("pupil").get(pk=plan.pk)
    if plan.status == EHCPlan.Status.CEASED:
        raise ValidationError("The plan has ceased: it is no longer reviewed.")
    if plan.reviews.filter(closed_at__isnull=True).exists():
        raise ValidationError("A review of this plan is already in progress. Finish it first.")
    if kind != AnnualReview.Kind.PHASE_TRANSFER:
        next_setting = ""
    review = AnnualReview(
        plan=plan,
        kind=kind,
        next_setting=next_setting.strip(),
        owner=owner or actor.user,
        created_by=actor.user,
    )
    review.full_clean(exclude=["plan"])
    try:
        with transaction.atomic():
            review.save()
    except IntegrityError as error:  # someone started one at the same moment
        raise ValidationError("A review of this plan is already in progress.") from error
    _set_plan_status(plan, EHCPlan.Status.UNDER_REVIEW)
    review.plan = plan
    _audit(actor=actor, review=review, action=EhcpAction.REVIEW_START, kind=kind)
    return review


# --- The steps ---------------------------------------------------------------------------


@transaction.atomic
def meeting_set(
    *,
    actor: Actor,
    review: AnnualReview,
    version=None,
    meeting_on: datetime.date,
    meeting_time: str = "",
    next_setting: str = "",
    late_confirmed: bool = False,
) -> AnnualReview:
    """Book the meeting. A date after the review is due is refused unless the SENCO
    confirms they know (`late_confirmed`): the law wants the meeting within 12 months, but
    the date the family and the professionals can come is the date it will be."""
    review = _lock(review, version)
    errors = Errors()
    if meeting_on is None:
        errors.add("meeting_on", "Enter the meeting date")
    errors.raise_any()
    last_invited = _last_invited(review)
    if last_invited and meeting_on < last_invited:
        errors.add(
            "meeting_on",
            f"Meeting date must be on or after the day the last invitation was sent "
            f"({day(last_invited)})",
        )
    if review.held_on and meeting_on > review.held_on:
        errors.add(
            "meeting_on",
            f"Meeting date must be on or before the day it was held ({day(review.held_on)})",
        )
    due = review_steps_module.next_review_deadline(review.plan)
    if meeting_on > due.due and not late_confirmed:
        errors.add(
            "late_confirmed",
            f"The meeting is after the review is due ({day(due.due)}). Tick the box to "
            "confirm you know, or choose an earlier date",
        )
    errors.raise_any()
    moved = review.meeting_on != meeting_on
    review.meeting_on = meeting_on
    review.meeting_time = meeting_time.strip()
    if review.kind == AnnualReview.Kind.PHASE_TRANSFER:
        review.next_setting = next_setting.strip()
    _save(
        review,
        actor=actor,
        step="meeting_date",
        meeting_on=meeting_on.isoformat(),
        late=meeting_on > due.due,
    )
    if moved:
        plans_services.view_requests_due_for(subject=subject_of(review), due_on=meeting_on)
    return review


@transaction.atomic
def invitations_send(
    *,
    actor: Actor,
    review: AnnualReview,
    version=None,
    contributor_ids: list[int],
    invited_on: datetime.date,
    today: datetime.date | None = None,
) -> int:
    """Mark the invitees chosen as invited on a date. Returns how many."""
    today = today or timezone.localdate()
    review = _lock(review, version)
    errors = Errors()
    chosen = list(review.contributors.filter(pk__in=contributor_ids))
    if not chosen:
        errors.add("contributors", "Choose who the invitation was sent to")
    if invited_on is None:
        errors.add("invited_on", "Enter the date the invitations were sent")
    elif invited_on > today:
        errors.add("invited_on", "Date the invitations were sent must be today or in the past")
    else:
        meeting = review.held_on or review.meeting_on
        if meeting is None:
            errors.add("invited_on", "Set the meeting date before sending the invitations")
        elif invited_on > meeting:
            errors.add(
                "invited_on",
                f"Date the invitations were sent must be on or before the meeting ({day(meeting)})",
            )
    errors.raise_any()
    for contributor in chosen:
        contributor.invited_on = invited_on
        contributor.version += 1
    Contributor.objects.bulk_update(chosen, ["invited_on", "version"])
    _save(
        review,
        actor=actor,
        step="invitations",
        invited_on=invited_on.isoformat(),
        contributor_ids=[c.pk for c in chosen],
    )
    return len(chosen)


@transaction.atomic
def advice_circulate(
    *,
    actor: Actor,
    review: AnnualReview,
    version=None,
    advice_circulated_on: datetime.date | None,
    today: datetime.date | None = None,
) -> AnnualReview:
    """Record the day the advice received was sent round to everyone invited."""
    today = today or timezone.localdate()
    review = _lock(review, version)
    errors = Errors()
    errors.not_future("advice_circulated_on", advice_circulated_on, today)
    meeting = review.held_on or review.meeting_on
    if advice_circulated_on and meeting and advice_circulated_on > meeting:
        errors.add(
            "advice_circulated_on",
            f"Date the advice was circulated must be on or before the meeting ({day(meeting)})",
        )
    errors.raise_any()
    review.advice_circulated_on = advice_circulated_on
    return _save(review, actor=actor, step="advice")


@transaction.atomic
def views_save(
    *, actor: Actor, review: AnnualReview, version=None, pupil_view: str, parent_view: str
) -> AnnualReview:
    review = _lock(review, version)
    review.pupil_view = pupil_view.strip()
    review.parent_view = parent_view.strip()
    return _save(review, actor=actor, step="views")


TEACHER_QUESTION = (
    "The SENCO is holding the annual review of {name}'s EHC plan and would like your view "
    "for it: how is {name} getting on in your lessons, how is the support in section F "
    "working, and what would help next?"
)


@transaction.atomic
def teacher_views_ask(*, actor: Actor, review: AnnualReview, link: str = "") -> int:
    """Ask the pupil's teachers for their views, through the plans app's requests; a
    teacher already asked is not asked again. Returns how many were asked now."""
    review = _lock(review, None)
    pupil = review.plan.pupil
    asked = plans_services.view_requests_create_for(
        actor=actor,
        pupil=pupil,
        subject=subject_of(review),
        question=TEACHER_QUESTION.format(name=pupil.full_name),
        due_on=review.meeting_on,
        link=link,
    )
    # Set even when nobody was asked (no teacher teaches the pupil), so the step can finish.
    if review.views_requested_at is None:
        review.views_requested_at = timezone.now()
        review.version += 1
        review.save(update_fields=["views_requested_at", "version", "updated_at"])
    _audit(actor=actor, review=review, action=EhcpAction.REVIEW_VIEWS_ASK, asked=asked)
    return asked


@transaction.atomic
def meeting_held(
    *,
    actor: Actor,
    review: AnnualReview,
    version=None,
    held_on: datetime.date,
    attended_ids: list[int],
    attendees: str = "",
    today: datetime.date | None = None,
) -> AnnualReview:
    """Record the meeting: the day it was held and who came."""
    today = today or timezone.localdate()
    review = _lock(review, version)
    errors = Errors()
    if review.meeting_on is None:
        errors.add("held_on", "Set the meeting date first")
    elif held_on is None:
        errors.add("held_on", "Enter the date the meeting was held")
    else:
        errors.not_future("held_on", held_on, today)
        last_invited = _last_invited(review)
        if last_invited and held_on < last_invited:
            errors.add(
                "held_on",
                f"Date the meeting was held must be on or after the invitations were sent "
                f"({day(last_invited)})",
            )
        if review.advice_circulated_on and held_on < review.advice_circulated_on:
            errors.add(
                "held_on",
                f"Date the meeting was held must be on or after the advice was circulated "
                f"({day(review.advice_circulated_on)})",
            )
        for name in ("report_sent_on", "decision_on"):
            done = getattr(review, name)
            if done and held_on > done:
                errors.add(
                    "held_on",
                    f"Date the meeting was held must be on or before the "
                    f"{REVIEW_LABELS[name].lower()} ({day(done)})",
                )
    errors.raise_any()
    contributors = list(review.contributors.all())
    for contributor in contributors:
        contributor.attended = contributor.pk in set(attended_ids)
    Contributor.objects.bulk_update(contributors, ["attended"])
    review.held_on = held_on
    review.attendees = attendees.strip()
    return _save(
        review,
        actor=actor,
        step="meeting",
        held_on=held_on.isoformat(),
        attended=sum(c.attended for c in contributors),
    )


def _after_meeting(errors: Errors, review: AnnualReview, name: str, value) -> None:
    if value is None:
        return
    if review.held_on is None:
        errors.add(name, "Record the meeting first: this comes after it")
    elif value < review.held_on:
        errors.add(
            name,
            f"{REVIEW_LABELS[name]} must be on or after the meeting ({day(review.held_on)})",
        )


@transaction.atomic
def report_save(
    *,
    actor: Actor,
    review: AnnualReview,
    version=None,
    progress: str,
    recommendations: str,
    report_sent_on: datetime.date | None,
    today: datetime.date | None = None,
) -> AnnualReview:
    today = today or timezone.localdate()
    review = _lock(review, version)
    errors = Errors()
    errors.not_future("report_sent_on", report_sent_on, today)
    _after_meeting(errors, review, "report_sent_on", report_sent_on)
    errors.raise_any()
    review.progress = progress.strip()
    review.recommendations = recommendations.strip()
    review.report_sent_on = report_sent_on
    return _save(review, actor=actor, step="report", sent=bool(report_sent_on))


@transaction.atomic
def decision_save(
    *,
    actor: Actor,
    review: AnnualReview,
    version=None,
    decision: str,
    decision_on: datetime.date | None,
    proposals_on: datetime.date | None = None,
    final_plan_on: datetime.date | None = None,
    today: datetime.date | None = None,
) -> AnnualReview:
    """The local authority's decision; when it amends the plan, the proposals and the final
    amended plan. The plan is "being amended" while an amendment is under way."""
    today = today or timezone.localdate()
    review = _lock(review, version)
    if decision != Decision.AMEND:
        proposals_on = final_plan_on = None
    errors = Errors()
    if decision and decision_on is None:
        errors.add("decision_on", "Enter the date the decision was received")
    if decision_on and not decision:
        errors.add("decision", "Choose the local authority's decision")
    for name, value in (
        ("decision_on", decision_on),
        ("proposals_on", proposals_on),
        ("final_plan_on", final_plan_on),
    ):
        errors.not_future(name, value, today)
        _after_meeting(errors, review, name, value)
    if proposals_on and decision_on and proposals_on < decision_on:
        errors.add(
            "proposals_on",
            f"Date the proposed amendments were received must be on or after the decision "
            f"({day(decision_on)})",
        )
    if final_plan_on and not proposals_on:
        errors.add("proposals_on", "Enter the date the proposed amendments were received")
    elif final_plan_on and final_plan_on < proposals_on:
        errors.add(
            "final_plan_on",
            f"Date the final amended plan was issued must be on or after the proposals were "
            f"received ({day(proposals_on)})",
        )
    errors.raise_any()
    review.decision = decision
    review.decision_on = decision_on
    review.proposals_on = proposals_on
    review.final_plan_on = final_plan_on
    amending = decision == Decision.AMEND and final_plan_on is None
    _set_plan_status(
        review.plan, EHCPlan.Status.BEING_AMENDED if amending else EHCPlan.Status.UNDER_REVIEW
    )
    return _save(review, actor=actor, step="decision", decision=decision)


# --- Who is invited, and their advice ----------------------------------------------------


@transaction.atomic
def contributor_add(*, actor: Actor, review: AnnualReview, **fields) -> Contributor:
    review = _lock(review, None)
    contributor = Contributor(review=review, **fields)
    contributor.full_clean()
    contributor.save()
    review.version += 1
    review.save(update_fields=["version", "updated_at"])
    _audit(
        actor=actor,
        review=review,
        action=EhcpAction.REVIEW_INVITEE_ADD,
        contributor_id=contributor.pk,
        role=contributor.role,
    )
    return contributor


@transaction.atomic
def contributor_save(
    *,
    actor: Actor,
    contributor: Contributor,
    version=None,
    today: datetime.date | None = None,
    **fields,
) -> Contributor:
    """Change an invitee: who they are, and the advice asked of and received from them."""
    today = today or timezone.localdate()
    unknown = set(fields) - set(CONTRIBUTOR_LABELS)
    if unknown:
        raise TypeError(f"Not fields of an invitee: {sorted(unknown)}")
    # The review first, then the invitee: the order every write locks them in.
    review = _lock(contributor.review, None)
    contributor = Contributor.objects.select_for_update().get(pk=contributor.pk, review=review)
    check_version(version, contributor.version, theirs=lambda: contributor_current(contributor))
    errors = Errors()
    asked, received = fields.get("advice_requested_on"), fields.get("advice_received_on")
    errors.not_future("advice_requested_on", asked, today)
    errors.not_future("advice_received_on", received, today)
    if received and not asked:
        errors.add("advice_requested_on", "Enter the date advice was asked for")
    elif received and asked and received < asked:
        errors.add(
            "advice_received_on",
            f"Date advice was received must be on or after it was asked for ({day(asked)})",
        )
    errors.raise_any()
    for name, value in fields.items():
        setattr(contributor, name, value.strip() if isinstance(value, str) else value)
    contributor.version += 1
    contributor.full_clean()
    contributor.save()
    _audit(
        actor=actor,
        review=review,
        action=EhcpAction.REVIEW_INVITEE_SAVE,
        contributor_id=contributor.pk,
        advice_received=bool(contributor.advice_received_on),
    )
    return contributor


@transaction.atomic
def contributor_remove(*, actor: Actor, contributor: Contributor) -> None:
    review = _lock(contributor.review, None)
    _audit(
        actor=actor,
        review=review,
        action=EhcpAction.REVIEW_INVITEE_REMOVE,
        contributor_id=contributor.pk,
        role=contributor.role,
    )
    Contributor.objects.filter(pk=contributor.pk).delete()
    review.version += 1
    review.save(update_fields=["version", "updated_at"])


# --- Closing -----------------------------------------------------------------------------


@transaction.atomic
def review_close(*, actor: Actor, review: AnnualReview, version=None, closures=()) -> AnnualReview:
    """Close a review whose every step is done: the plan's last review becomes the day the
    meeting was held (the next is counted from it), and its status follows the decision.
    Teachers still asked for a view are no longer asked."""
    review = _lock(review, version)
    contributors = list(review.contributors.all())
    requests = plans_selectors.view_requests_about(subject_of(review))
    steps = review_steps_module.review_steps(
        review,
        contributors=contributors,
        teacher_views=(len(requests), sum(1 for r in requests if r.answered_at)),
        closures=closures,
    )
    left = [s.title for s in steps if not s.done]
    if left:
        raise ValidationError(
            "Finish every step before closing the review. Still to do: " + ", ".join(left) + "."
        )
    plan = EHCPlan.objects.select_for_update().get(pk=review.plan_id)
    plan.last_review_on = review.held_on
    plan.status = (
        EHCPlan.Status.CEASED if review.decision == Decision.CEASE else EHCPlan.Status.IN_FORCE
    )
    plan.version += 1
    plan.save(update_fields=["last_review_on", "status", "version", "updated_at"])
    review.plan = plan
    review.closed_at = timezone.now()
    review.version += 1
    review.save(update_fields=["closed_at", "version", "updated_at"])
    plans_services.view_requests_close_for(subject=subject_of(review))
    _audit(
        actor=actor,
        review=review,
        action=EhcpAction.REVIEW_CLOSE,
        held_on=review.held_on.isoformat(),
        decision=review.decision,
        plan_status=plan.status,
    )
    return review
