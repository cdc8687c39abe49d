"""Assess, plan, do, review: the pupil's cycles and each stage's form."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from senco.access import pupil_view, signed_in_view
from senco.audit.services import audit_record
from senco.audit.submissions import submit_once
from senco.lib.forms import CompareVersionsForm, add_service_errors
from senco.lib.pdf import html_to_pdf, pdf_context, pdf_filename, pdf_response, render_pdf_html
from senco.lib.text import plural
from senco.parents.selectors import views_as_text as parent_views_as_text
from senco.plans import selectors, services
from senco.plans.audit import PlansAction
from senco.plans.forms import (
    EvidenceForm,
    NoteForm,
    PlanForm,
    ReviewForm,
    ViewAnswerForm,
)
from senco.plans.models import Cycle
from senco.registry import delivery_for


def _audit_form(request, pupil, cycle, action) -> None:
    """A form of a cycle shows the pupil's plan: opening it is a read of their record."""
    audit_record(
        actor=request.actor,
        pupil=pupil,
        action=action,
        detail={"cycle_id": cycle.pk, "cycle": cycle.number},
    )


def _to_cycle(cycle: Cycle):
    return redirect("plans_cycle", pk=cycle.pupil_id, cycle_id=cycle.pk)


@pupil_view("sees_pupils")
def cycle_list(request, pupil, scope):
    cycles = list(pupil.cycles.all())
    audit_record(actor=request.actor, pupil=pupil, action=PlansAction.CYCLES_VIEW)
    return render(
        request,
        "plans/cycle_list.html",
        {
            "scope": scope,
            "pupil": pupil,
            "cycles": cycles,
            "live": next((c for c in cycles if c.is_open), None),
            "can_start": scope.runs_cycles,
        },
    )


@require_POST
@pupil_view("runs_cycles")
def cycle_start(request, pupil, scope):
    try:
        cycle = services.cycle_start(actor=request.actor, pupil=pupil)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("plans_cycles", pk=pupil.pk)
    messages.success(request, f"Cycle {cycle.number} started. Begin by recording the evidence.")
    return _to_cycle(cycle)


@pupil_view("sees_pupils")
def cycle_detail(request, pupil, scope, cycle_id):
    cycle = selectors.cycle_detail(pupil, cycle_id)
    return _cycle_page(request, pupil, scope, cycle)


def _cycle_page(request, pupil, scope, cycle, *, note_form=None):
    """The cycle's page; with `note_form`, the note just posted, shown with its errors."""
    today = timezone.localdate()
    evidence = selectors.cycle_evidence(cycle)
    outcomes = selectors.cycle_outcomes(cycle)
    review = getattr(cycle, "review", None) if not cycle.is_open else None
    view_requests = selectors.cycle_view_requests(cycle)
    audit_record(
        actor=request.actor,
        pupil=pupil,
        action=PlansAction.CYCLE_VIEW,
        detail={"cycle_id": cycle.pk, "cycle": cycle.number},
    )
    return render(
        request,
        "plans/cycle_detail.html",
        {
            "scope": scope,
            "pupil": pupil,
            "cycle": cycle,
            "stage": selectors.cycle_stage(cycle, today, len(evidence)),
            "urgency": selectors.review_urgency(cycle.review_date, today) if cycle.is_open else "",
            "review_note": selectors.review_date_note(pupil.school, cycle.review_date),
            "evidence": evidence,
            "outcomes": outcomes,
            "notes": selectors.cycle_notes(cycle),
            "review": review,
            "view_requests": view_requests,
            # The groups that deliver the plan's provision, and what their sessions show.
            "delivery": delivery_for(scope, "cycle", [cycle.pk], today).get(cycle.pk, []),
            # The meetings with the family recorded for this cycle's review (families).
            "family_meetings": delivery_for(scope, "cycle_meetings", [cycle.pk], today).get(
                cycle.pk, []
            ),
            "runs_cycles": scope.runs_cycles and cycle.is_open,
            "writes_notes": scope.writes_notes and cycle.is_open,
            "asks_views": scope.asks_views and cycle.is_open,
            "note_form": note_form or NoteForm(initial={"date": today}),
        },
    )


@pupil_view("runs_cycles")
def evidence_add(request, pupil, scope, cycle_id):
    cycle = selectors.cycle_detail(pupil, cycle_id)
    form = EvidenceForm(request.POST or None, initial={"date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            submit_once(
                form,
                lambda: services.evidence_add(
                    actor=request.actor, cycle=cycle, **form.cleaned_data
                ),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Evidence added.")
            return _to_cycle(cycle)
    _audit_form(request, pupil, cycle, PlansAction.EVIDENCE_FORM_VIEW)
    return render(
        request,
        "plans/evidence_form.html",
        {"scope": scope, "pupil": pupil, "cycle": cycle, "form": form},
    )


@pupil_view("runs_cycles")
def plan_edit(request, pupil, scope, cycle_id):
    cycle = selectors.cycle_detail(pupil, cycle_id)
    initial = {
        "provision": cycle.provision,
        "who_does_what": cycle.who_does_what,
        "review_date": cycle.review_date,
    }
    for outcome in cycle.outcomes.all():
        initial[f"outcome_{outcome.position}"] = outcome.text
        initial[f"criteria_{outcome.position}"] = outcome.success_criteria
    form = PlanForm(request.POST or None, initial=initial, version=cycle.version)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.plan_save(
                actor=request.actor,
                cycle=cycle,
                version=form.opened_version,
                outcomes=data["outcomes"],
                provision=data["provision"],
                who_does_what=data["who_does_what"],
                review_date=data["review_date"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The plan has been saved.")
            return _to_cycle(cycle)
    _audit_form(request, pupil, cycle, PlansAction.PLAN_FORM_VIEW)
    return render(
        request,
        "plans/plan_form.html",
        {
            "scope": scope,
            "pupil": pupil,
            "cycle": cycle,
            "form": form,
            "review_note": selectors.review_date_note(pupil.school, cycle.review_date),
        },
    )


@pupil_view("sees_pupils")
def plan_history(request, pupil, scope, cycle_id):
    """Every saved version of the cycle's plan, newest first: who saved it, when, and what
    changed from the one before."""
    cycle = selectors.cycle_detail(pupil, cycle_id)
    rows = selectors.plan_history(cycle)
    audit_record(
        actor=request.actor,
        pupil=pupil,
        action=PlansAction.PLAN_HISTORY_VIEW,
        detail={"cycle_id": cycle.pk, "cycle": cycle.number},
    )
    numbers = [r["version"].number for r in rows]
    return render(
        request,
        "plans/plan_history.html",
        {
            "scope": scope,
            "pupil": pupil,
            "cycle": cycle,
            "rows": rows,
            "compare_form": CompareVersionsForm(None, numbers=numbers) if len(rows) > 1 else None,
        },
    )


@pupil_view("sees_pupils")
def plan_compare(request, pupil, scope, cycle_id):
    cycle = selectors.cycle_detail(pupil, cycle_id)
    versions = {v.number: v for v in cycle.plan_versions.select_related("saved_by")}
    form = CompareVersionsForm(request.GET or None, numbers=sorted(versions, reverse=True))
    rows = None
    old = new = None
    if form.is_valid():
        old, new = sorted([form.cleaned_data["old"], form.cleaned_data["new"]])
        old, new = versions[old], versions[new]
        rows = selectors.compare_plan_versions(old, new)
    audit_record(
        actor=request.actor,
        pupil=pupil,
        action=PlansAction.PLAN_COMPARE_VIEW,
        detail={
            "cycle_id": cycle.pk,
            "old": old.number if old else None,
            "new": new.number if new else None,
        },
    )
    return render(
        request,
        "plans/plan_compare.html",
        {
            "scope": scope,
            "pupil": pupil,
            "cycle": cycle,
            "form": form,
            "rows": rows,
            "old": old,
            "new": new,
        },
    )


@require_POST
@pupil_view("writes_notes")
def note_add(request, pupil, scope, cycle_id):
    cycle = selectors.cycle_detail(pupil, cycle_id)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            submit_once(
                form,
                lambda: services.note_add(actor=request.actor, cycle=cycle, **form.cleaned_data),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Note added.")
            return _to_cycle(cycle)
    # The errors beside the note's fields, with what was typed.
    return _cycle_page(request, pupil, scope, cycle, note_form=form)


@pupil_view("runs_cycles")
def review_complete(request, pupil, scope, cycle_id):
    cycle = selectors.cycle_detail(pupil, cycle_id)
    outcomes = list(cycle.outcomes.all())
    answered = [r for r in cycle.view_requests.select_related("teacher") if r.answered_at]
    initial = {"held_on": timezone.localdate()}
    if answered:
        initial["teacher_view"] = "\n\n".join(f"{r.teacher}: {r.view}" for r in answered)
    # What the family sent through their own pages since the cycle began.
    family = parent_views_as_text(pupil, cycle.started_on)
    if family:
        initial["parent_view"] = family
    form = ReviewForm(
        request.POST or None, initial=initial, outcomes=outcomes, version=cycle.version
    )
    if request.method == "POST" and form.is_valid():
        try:
            next_cycle = services.review_complete(
                actor=request.actor,
                cycle=cycle,
                version=form.opened_version,
                progress=form.progress(),
                **form.review_fields(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            carried = next_cycle.outcomes.count()
            messages.success(
                request,
                f"Review saved. Cycle {next_cycle.number} has started"
                + (f" with {plural(carried, 'outcome')} carried forward." if carried else "."),
            )
            return _to_cycle(next_cycle)
    _audit_form(request, pupil, cycle, PlansAction.REVIEW_FORM_VIEW)
    return render(
        request,
        "plans/review_form.html",
        {"scope": scope, "pupil": pupil, "cycle": cycle, "form": form, "outcomes": outcomes},
    )


@require_POST
@pupil_view("asks_views")
def views_request(request, pupil, scope, cycle_id):
    cycle = selectors.cycle_detail(pupil, cycle_id)
    try:
        asked = services.view_requests_create(actor=request.actor, cycle=cycle)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if asked:
            messages.success(request, f"Asked {plural(asked, 'teacher')}.")
        else:
            messages.info(request, "Every teacher of this pupil has already been asked.")
    return _to_cycle(cycle)


@signed_in_view
def view_answer(request, request_id):
    """A teacher gives their view; only the teacher asked may open this page."""
    view_request, scope = selectors.view_request_for(request.user, request_id)
    cycle = view_request.cycle  # None for a request about another record (`subject`)
    pupil = view_request.pupil
    form = ViewAnswerForm(request.POST or None, initial={"view": view_request.view})
    if request.method == "POST" and form.is_valid():
        try:
            services.view_request_answer(
                actor=request.actor,
                view_request=view_request,
                view=form.cleaned_data["view"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Thank you. Your view of {pupil.full_name} has been sent.")
            return redirect("home")
    if request.method == "GET":
        audit_record(
            actor=request.actor,
            pupil=pupil,
            action=PlansAction.VIEWS_OPEN,
            detail={
                "cycle_id": cycle.pk if cycle else None,
                "subject": view_request.subject,
                "view_request_id": view_request.pk,
            },
        )
    return render(
        request,
        "plans/view_answer.html",
        {
            "scope": scope,
            "pupil": pupil,
            "cycle": cycle,
            "outcomes": cycle.outcomes.all() if cycle else (),
            "view_request": view_request,
            "form": form,
        },
    )


@pupil_view("shares_plans")
def cycle_pdf(request, pupil, scope, cycle_id):
    """The plan as a one-page PDF to share with the family: outcomes, what the school
    will do and the review date, nothing of the staff's notes or evidence."""
    cycle = selectors.cycle_detail(pupil, cycle_id)
    outcomes = list(cycle.outcomes.select_related("progress"))
    html = render_pdf_html(
        "plans/pdf/plan.html",
        pdf_context(
            scope,
            f"{pupil.full_name}'s plan",
            pupil=pupil,
            cycle=cycle,
            outcomes=outcomes,
            progress=not cycle.is_open,
            review_note=selectors.review_date_note(pupil.school, cycle.review_date),
            senco=selectors.senco_of(pupil.school),
        ),
    )
    data = html_to_pdf(html)
    audit_record(
        actor=request.actor,
        pupil=pupil,
        action=PlansAction.PLAN_PDF,
        detail={"cycle_id": cycle.pk, "cycle": cycle.number},
    )
    return pdf_response(data, pdf_filename("plan", pupil.full_name))
