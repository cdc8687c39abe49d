"""Writes of the graduated approach. Each is one transaction and writes an audit row."""

import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from senco.audit.actor import Actor
from senco.audit.services import audit_record
from senco.lib.clock import default_review_date
from senco.lib.text import plural
from senco.lib.versions import STALE_MESSAGE, StaleVersion, check_version
from senco.plans.audit import PlansAction
from senco.plans.models import (
    Cycle,
    Evidence,
    Note,
    Outcome,
    OutcomeProgress,
    PlanVersion,
    Review,
    ViewRequest,
)
from senco.plans.selectors import open_cycles_due_for_views
from senco.pupils.models import Pupil
from senco.schools.selectors import saved_terms


def _audit(*, actor: Actor, cycle: Cycle, action: str, **detail) -> None:
    audit_record(
        actor=actor,
        pupil=cycle.pupil,
        action=action,
        detail={"cycle_id": cycle.pk, "cycle": cycle.number, **detail},
    )


def _open(cycle: Cycle, *, version=None) -> Cycle:
    """The cycle, locked, provided it is still open (and, given the `version` of the plan
    a form was opened at, that nobody has saved the plan since)."""
    locked = Cycle.objects.select_for_update().select_related("pupil__school").get(pk=cycle.pk)
    if not locked.is_open:
        if version is not None:
            raise StaleVersion(
                current=locked.version,
                message=f"{STALE_MESSAGE}: this cycle has been reviewed and closed. "
                "Open the current one.",
            )
        raise ValidationError("This cycle has been reviewed and closed. Open the current one.")
    check_version(version, locked.version, theirs=lambda: plan_current(locked))
    return locked


def plan_current(cycle: Cycle) -> list[tuple[str, str, object]]:
    """The plan as saved now, as (PlanForm field, label, value), to show beside what a
    person typed in a form refused as stale."""
    rows = []
    outcomes = {o.position: o for o in cycle.outcomes.all()}
    for n in range(1, Outcome.MAX + 1):
        outcome = outcomes.get(n)
        rows.append((f"outcome_{n}", f"Outcome {n}", outcome.text if outcome else ""))
        rows.append(
            (
                f"criteria_{n}",
                f"Success criteria for outcome {n}",
                outcome.success_criteria if outcome else "",
            )
        )
    rows += [
        ("provision", "Provision to make", cycle.provision),
        ("who_does_what", "Who does what", cycle.who_does_what),
        ("review_date", "Review date", cycle.review_date),
    ]
    return rows


@transaction.atomic
def cycle_start(*, actor: Actor, pupil: Pupil, today: datetime.date | None = None) -> Cycle:
    """Start a pupil's first (or next) cycle, to be reviewed by the end of the term."""
    today = today or timezone.localdate()
    pupil = Pupil.objects.select_for_update().select_related("school").get(pk=pupil.pk)
    if pupil.cycles.filter(status=Cycle.Status.OPEN).exists():
        raise ValidationError(f"{pupil.full_name} already has a cycle in progress.")
    last = pupil.cycles.order_by("-number").values_list("number", flat=True).first() or 0
    cycle = Cycle(
        pupil=pupil,
        number=last + 1,
        started_on=today,
        review_date=default_review_date(saved_terms(pupil.school), today),
        created_by=actor.person,
    )
    cycle.full_clean()
    cycle.save()
    _audit(actor=actor, cycle=cycle, action=PlansAction.CYCLE_START)
    return cycle


@transaction.atomic
def evidence_add(*, actor: Actor, cycle: Cycle, **fields) -> Evidence:
    cycle = _open(cycle)
    evidence = Evidence(cycle=cycle, recorded_by=actor.person, **fields)
    evidence.full_clean()
    evidence.save()
    _audit(
        actor=actor,
        cycle=cycle,
        action=PlansAction.EVIDENCE_ADD,
        evidence_id=evidence.pk,
        kind=evidence.kind,
    )
    return evidence


@transaction.atomic
def plan_save(
    *,
    actor: Actor,
    cycle: Cycle,
    outcomes: list[tuple[str, str]],
    provision: str,
    who_does_what: str,
    review_date: datetime.date,
    version=None,
) -> Cycle:
    """Agree (or change) the plan: one to five outcomes, the provision and a review date.

    `outcomes` is (text, success criteria) in order. An outcome kept in the same place
    keeps its row, so an outcome carried forward from the last cycle stays linked to it.
    `version` is the plan's version the form was opened at: a save from an older one is
    refused (`StaleVersion`). Every save is kept as a `PlanVersion`.
    """
    cycle = _open(cycle, version=version)
    errors = {}
    if not outcomes:
        errors["outcomes"] = "Enter at least one outcome."
    elif len(outcomes) > Outcome.MAX:
        errors["outcomes"] = f"Enter no more than {Outcome.MAX} outcomes."
    elif any(not text.strip() for text, _ in outcomes):
        errors["outcomes"] = "Every outcome needs its text. Remove success criteria left alone."
    if review_date < cycle.started_on:
        errors["review_date"] = (
            f"The review date must be on or after the day the cycle started, "
            f"{cycle.started_on:%-d %B %Y}."
        )
    if errors:
        raise ValidationError(errors)
    cycle.provision = provision.strip()
    cycle.who_does_what = who_does_what.strip()
    cycle.review_date = review_date
    cycle.planned_at = timezone.now()
    cycle.version += 1
    cycle.full_clean()
    cycle.save()
    existing = {o.position: o for o in cycle.outcomes.all()}
    for position, (text, criteria) in enumerate(outcomes, start=1):
        outcome = existing.pop(position, None) or Outcome(cycle=cycle, position=position)
        outcome.text = text.strip()
        outcome.success_criteria = criteria.strip()
        outcome.full_clean()
        outcome.save()
    Outcome.objects.filter(pk__in=[o.pk for o in existing.values()]).delete()
    PlanVersion.objects.create(
        cycle=cycle,
        number=cycle.version,
        outcomes=[
            {"text": text.strip(), "success_criteria": criteria.strip()}
            for text, criteria in outcomes
        ],
        provision=cycle.provision,
        who_does_what=cycle.who_does_what,
        review_date=cycle.review_date,
        saved_by=actor.person,
        saved_at=cycle.planned_at,
    )
    _audit(
        actor=actor,
        cycle=cycle,
        action=PlansAction.PLAN_SAVE,
        version=cycle.version,
        outcomes=len(outcomes),
        review_date=review_date.isoformat(),
    )
    return cycle


@transaction.atomic
def note_add(*, actor: Actor, cycle: Cycle, date: datetime.date, text: str) -> Note:
    cycle = _open(cycle)
    note = Note(cycle=cycle, date=date, text=text.strip(), author=actor.person)
    note.full_clean()
    note.save()
    _audit(actor=actor, cycle=cycle, action=PlansAction.NOTE_ADD, note_id=note.pk)
    return note


@transaction.atomic
def review_complete(
    *,
    actor: Actor,
    cycle: Cycle,
    progress: dict[int, tuple[str, str]],
    version=None,
    **fields,
) -> Cycle:
    """Record the review, close the cycle and open the next one.

    `progress` maps each outcome's id to (rating, evidence). The outcomes not achieved are
    carried forward into the next cycle, linked to the ones they came from. `version` is
    the plan's version the review form was opened at: a cycle reviewed from another tab,
    or whose plan changed since, is refused (`StaleVersion`).
    """
    cycle = _open(cycle, version=version)
    outcomes = list(cycle.outcomes.all())
    if not outcomes:
        raise ValidationError("Agree the plan's outcomes before reviewing it.")
    missing = [o for o in outcomes if o.pk not in progress]
    if missing:
        raise ValidationError(
            {"progress": f"Say how much progress was made on outcome {missing[0].position}."}
        )
    review = Review(cycle=cycle, completed_by=actor.person, **fields)
    review.full_clean(exclude=["cycle"])
    if review.held_on < cycle.started_on:
        raise ValidationError({"held_on": "The review cannot be before the day the cycle started."})
    review.save()
    rows = []
    for outcome in outcomes:
        rating, evidence = progress[outcome.pk]
        row = OutcomeProgress(review=review, outcome=outcome, rating=rating, evidence=evidence)
        row.full_clean()
        rows.append(row)
    OutcomeProgress.objects.bulk_create(rows)
    cycle.status = Cycle.Status.REVIEWED
    cycle.save(update_fields=["status"])

    next_cycle = Cycle(
        pupil=cycle.pupil,
        number=cycle.number + 1,
        started_on=review.held_on,
        review_date=default_review_date(saved_terms(cycle.pupil.school), review.held_on),
        provision=cycle.provision,
        who_does_what=cycle.who_does_what,
        created_by=actor.person,
    )
    next_cycle.full_clean()
    next_cycle.save()
    carried = [
        o
        for o, row in zip(outcomes, rows, strict=True)
        if row.rating != OutcomeProgress.Rating.ACHIEVED
    ]
    Outcome.objects.bulk_create(
        Outcome(
            cycle=next_cycle,
            position=position,
            text=o.text,
            success_criteria=o.success_criteria,
            carried_from=o,
        )
        for position, o in enumerate(carried, start=1)
    )
    _audit(
        actor=actor,
        cycle=cycle,
        action=PlansAction.REVIEW_COMPLETE,
        kind=review.kind,
        ratings={str(r.outcome_id): r.rating for r in rows},
        next_cycle_id=next_cycle.pk,
        carried_forward=len(carried),
    )
    return next_cycle


def teachers_of(pupil: Pupil):
    """The teachers of the groups the pupil is in, at the pupil's school."""
    return (
        get_user_model()
        .objects.filter(
            teaching_groups__pupils=pupil,
            teaching_groups__school_id=pupil.school_id,
            memberships__school_id=pupil.school_id,
        )
        .distinct()
    )


@transaction.atomic
def view_requests_create(*, actor: Actor, cycle: Cycle) -> int:
    """Ask each of the pupil's teachers for their view; a teacher already asked is not asked
    again. Returns how many were asked now."""
    cycle = _open(cycle)
    asked = set(cycle.view_requests.values_list("teacher_id", flat=True))
    new = [
        ViewRequest(cycle=cycle, pupil_id=cycle.pupil_id, teacher=t)
        for t in teachers_of(cycle.pupil)
        if t.pk not in asked
    ]
    ViewRequest.objects.bulk_create(new)
    if new:
        _audit(
            actor=actor,
            cycle=cycle,
            action=PlansAction.VIEWS_REQUEST,
            teacher_ids=[r.teacher_id for r in new],
        )
    return len(new)


@transaction.atomic
def view_requests_create_for(
    *,
    actor: Actor,
    pupil: Pupil,
    subject: str,
    question: str,
    due_on: datetime.date | None = None,
    link: str = "",
    asked_at: datetime.datetime | None = None,
) -> int:
    """Ask each of the pupil's teachers for their view about another record of the pupil
    (another app's: `subject` names it, e.g. "ehcp-review:12"), with the `question` shown to
    them. A teacher already asked about the subject is not asked again. Returns how many
    were asked now."""
    if not subject:
        raise ValueError("A request about a record needs its subject")
    pupil = Pupil.objects.select_for_update().get(pk=pupil.pk)
    asked = set(ViewRequest.objects.filter(subject=subject).values_list("teacher_id", flat=True))
    new = [
        ViewRequest(
            pupil=pupil, subject=subject, question=question, due_on=due_on, link=link, teacher=t
        )
        for t in teachers_of(pupil)
        if t.pk not in asked
    ]
    ViewRequest.objects.bulk_create(new)
    if new and asked_at is not None:  # the demo's data, asked on a day of its own
        ViewRequest.objects.filter(pk__in=[r.pk for r in new]).update(requested_at=asked_at)
    if new:
        audit_record(
            actor=actor,
            pupil=pupil,
            action=PlansAction.VIEWS_REQUEST,
            detail={"subject": subject, "teacher_ids": [r.teacher_id for r in new]},
        )
    return len(new)


def view_requests_close_for(*, subject: str) -> int:
    """The record a subject names is finished: its requests still open stop showing in
    "What needs doing", and can no longer be answered. Returns how many were closed."""
    if not subject:
        return 0
    return ViewRequest.objects.filter(subject=subject, closed_at__isnull=True).update(
        closed_at=timezone.now()
    )


def view_requests_due_for(*, subject: str, due_on: datetime.date | None) -> int:
    """The date the views of a subject are wanted by has moved (a meeting re-booked)."""
    if not subject:
        return 0
    return ViewRequest.objects.filter(subject=subject, closed_at__isnull=True).update(due_on=due_on)


@transaction.atomic
def view_request_answer(
    *,
    actor: Actor,
    view_request: ViewRequest,
    view: str,
    answered_at: datetime.datetime | None = None,
) -> ViewRequest:
    view_request = (
        ViewRequest.objects.select_for_update().select_related("pupil").get(pk=view_request.pk)
    )
    cycle = _open(view_request.cycle) if view_request.cycle_id else None
    if cycle is None and view_request.closed_at is not None:
        raise ValidationError("This review has already happened. Thank you.")
    if not view.strip():
        raise ValidationError({"view": "Enter your view of how the plan is going."})
    view_request.view = view.strip()
    view_request.answered_at = answered_at or timezone.now()
    view_request.full_clean()
    view_request.save()
    if cycle is not None:
        _audit(
            actor=actor,
            cycle=cycle,
            action=PlansAction.VIEWS_ANSWER,
            view_request_id=view_request.pk,
        )
    else:
        audit_record(
            actor=actor,
            pupil=view_request.pupil,
            action=PlansAction.VIEWS_ANSWER,
            detail={"subject": view_request.subject, "view_request_id": view_request.pk},
        )
    return view_request


def teacher_views_request_due(today=None) -> str:
    """Ask the teachers of every open cycle whose review is within two weeks (a daily
    schedule). Says how many were asked."""
    today = today or timezone.localdate()
    cycles = asked = 0
    for cycle in open_cycles_due_for_views(today=today):
        n = view_requests_create(actor=Actor.system(), cycle=cycle)
        cycles += 1 if n else 0
        asked += n
    return f"Asked {plural(asked, 'teacher')} about {plural(cycles, 'pupil')}."
