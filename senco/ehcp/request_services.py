"""Writes of requests for an EHC needs assessment. Each is one transaction with an audit row.

The dates of a request must come in the order the law runs them: the request, the local
authority's decision whether to assess, the draft plan, our response, the final plan (or
another outcome). `request_dates_errors` says, field by field, what is out of order, and
is shared with the form so that the page and the service agree.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from senco.audit.actor import Actor
from senco.audit.services import audit_record
from senco.ehcp.audit import EhcpAction
from senco.ehcp.models import AssessmentRequest
from senco.lib.versions import check_version
from senco.pupils.models import Pupil

Decision = AssessmentRequest.Decision
Outcome = AssessmentRequest.Outcome

# (field, label as the pages name it), in the order the form shows them.
REQUEST_FIELDS = (
    ("la_code", "Local authority"),
    ("requested_by", "Who made the request"),
    ("requested_on", "Date the request was sent"),
    ("evidence", "Evidence sent with it"),
    ("decision", "Decision whether to assess"),
    ("decision_on", "Date the decision was received"),
    ("draft_served_on", "Date the draft plan was received"),
    ("response_sent_on", "Date our response was sent"),
    ("outcome", "Outcome"),
    ("outcome_on", "Date of the outcome"),
    ("notes", "Notes"),
)
DATE_LABELS = {name: label for name, label in REQUEST_FIELDS if name.endswith("_on")}


def _on(day: datetime.date) -> str:
    return f"{day:%-d %B %Y}"


def request_dates_errors(fields: dict, today: datetime.date) -> dict[str, str]:
    """What is wrong with a request's dates and answers, by field; empty when nothing is."""
    errors: dict[str, str] = {}

    def once(name: str, message: str) -> None:
        errors.setdefault(name, message)

    for name, label in DATE_LABELS.items():
        day = fields.get(name)
        if day and day > today:
            once(name, f"{label} must be today or in the past")

    requested = fields.get("requested_on")
    decision, decision_on = fields.get("decision") or "", fields.get("decision_on")
    draft, response = fields.get("draft_served_on"), fields.get("response_sent_on")
    outcome, outcome_on = fields.get("outcome") or "", fields.get("outcome_on")

    if decision and not decision_on:
        once("decision_on", "Enter the date the decision was received")
    if decision_on and not decision:
        once("decision", "Choose the local authority's decision, or clear its date")
    if decision_on and requested and decision_on < requested:
        once(
            "decision_on",
            f"Date the decision was received must be on or after the date of the request "
            f"({_on(requested)})",
        )

    if draft and decision == Decision.REFUSED:
        once(
            "draft_served_on",
            "The local authority decided not to assess, so there is no draft plan: clear "
            "the date the draft plan was received",
        )
    elif draft and not decision_on:
        once(
            "draft_served_on",
            "Record the decision to assess before the draft plan, or clear the date the "
            "draft plan was received",
        )
    elif draft and draft < decision_on:
        once(
            "draft_served_on",
            f"Date the draft plan was received must be on or after the date of the decision "
            f"({_on(decision_on)})",
        )

    if response and not draft:
        once(
            "response_sent_on",
            "Record the date the draft plan was received before our response, or clear the "
            "date our response was sent",
        )
    elif response and response < draft:
        once(
            "response_sent_on",
            f"Date our response was sent must be on or after the date the draft plan was "
            f"received ({_on(draft)})",
        )

    if outcome and not outcome_on:
        once("outcome_on", "Enter the date of the outcome")
    if outcome_on and not outcome:
        once("outcome", "Choose the outcome, or clear its date")
    if outcome in (Outcome.PLAN_ISSUED, Outcome.NO_PLAN) and decision != Decision.ASSESS:
        once(
            "outcome",
            "Only a request the local authority agreed to assess can end in a plan or in no "
            "plan after the assessment: record the decision to assess, or choose withdrawn",
        )
    if outcome_on:
        after = [
            (day, label)
            for day, label in (
                (requested, "the date of the request"),
                (decision_on, "the date of the decision"),
                (draft, "the date the draft plan was received"),
            )
            if day
        ]
        latest = max(after, default=None, key=lambda pair: pair[0])
        if latest and outcome_on < latest[0] and outcome != Outcome.WITHDRAWN:
            once(
                "outcome_on",
                f"Date of the outcome must be on or after {latest[1]} ({_on(latest[0])})",
            )
        elif requested and outcome_on < requested:
            once(
                "outcome_on",
                f"Date of the outcome must be on or after the date of the request "
                f"({_on(requested)})",
            )
    return errors


def request_current(request: AssessmentRequest) -> list[tuple[str, str, object]]:
    """The request as saved now, as (form field, label, value), for a refused stale save."""
    return [(name, label, getattr(request, name)) for name, label in REQUEST_FIELDS]


@transaction.atomic
def request_save(
    *,
    actor: Actor,
    pupil: Pupil,
    request: AssessmentRequest | None = None,
    version=None,
    today: datetime.date | None = None,
    **fields,
) -> AssessmentRequest:
    """Record a request for an EHC needs assessment of the pupil (`request` None), or change
    one. `version` is the request's version the form was opened at: a save from an older one
    is refused (`StaleVersion`)."""
    today = today or timezone.localdate()
    unknown = set(fields) - {name for name, _ in REQUEST_FIELDS}
    if unknown:
        raise TypeError(f"Not fields of a request: {sorted(unknown)}")
    if request is None:
        request = AssessmentRequest(pupil=pupil, created_by=actor.person)
        action = EhcpAction.REQUEST_CREATE
    else:
        request = AssessmentRequest.objects.select_for_update().get(pk=request.pk, pupil=pupil)
        check_version(version, request.version, theirs=lambda: request_current(request))
        request.version += 1
        action = EhcpAction.REQUEST_SAVE
    merged = {name: fields.get(name, getattr(request, name)) for name, _ in REQUEST_FIELDS}
    errors = request_dates_errors(merged, today)
    if errors:
        raise ValidationError(errors)
    for name, value in merged.items():
        setattr(request, name, value if value is not None or name.endswith("_on") else "")
    request.full_clean(exclude=["pupil", "created_by"])
    request.save()
    audit_record(
        actor=actor,
        pupil=pupil,
        action=action,
        detail={
            "request_id": request.pk,
            "version": request.version,
            "decision": request.decision,
            "outcome": request.outcome,
        },
    )
    return request
