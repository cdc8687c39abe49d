"""An EHC plan's annual review: the task list and the form of each step. Read by those who
read the plan; only the SENCO (`manages_ehc_plans`) changes it."""

import contextlib

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from senco.access import pupil_view
from senco.audit.services import audit_record
from senco.ehcp import review_selectors as rs
from senco.ehcp import review_services as services
from senco.ehcp import selectors
from senco.ehcp.audit import EhcpAction
from senco.ehcp.models import AnnualReview
from senco.ehcp.review_forms import (
    AdviceForm,
    CloseForm,
    ContributorForm,
    DecisionForm,
    HeldForm,
    InvitationsForm,
    MeetingDateForm,
    ReportForm,
    ReviewStartForm,
    ViewsForm,
)
from senco.lib.forms import saved
from senco.lib.text import plural
from senco.registry import delivery_for


def _audit(request, pupil, action, review=None, **detail) -> None:
    if review is not None:
        detail = {"plan_id": review.plan_id, "review_id": review.pk, **detail}
    audit_record(actor=request.actor, pupil=pupil, action=action, detail=detail)


def _posted(request):
    """The form's data on a POST, even an empty one (no radio chosen, nothing ticked)."""
    return request.POST if request.method == "POST" else None


def _to_review(review):
    return redirect("ehcp_review", pk=review.plan.pupil_id, review_id=review.pk)


def _report_links(pupil, review) -> dict:
    """The report's downloads, where they exist (another part builds them)."""
    links = {}
    for kind in ("docx", "pdf"):
        with contextlib.suppress(NoReverseMatch):
            links[kind] = reverse(f"ehcp_review_report_{kind}", args=[pupil.pk, review.pk])
    return links


def _step_page(request, pupil, scope, review, template, form, step, **extra):
    _audit(request, pupil, EhcpAction.REVIEW_FORM_VIEW, review, step=step)
    state = rs.review_state(review, pupil.school)
    return render(
        request,
        f"ehcp/review/{template}",
        {
            "scope": scope,
            "pupil": pupil,
            "plan": review.plan,
            "review": review,
            "state": state,
            "form": form,
            **extra,
        },
    )


def _open_review(pupil, review_id):
    """A review still open, for a form that changes it: a closed one is not found."""
    review = rs.review_for(pupil, review_id)
    if review.closed_at is not None:
        raise Http404("Not found")
    return review


@pupil_view("manages_ehc_plans")
def review_start(request, pupil, scope):
    plan = selectors.plan_for(pupil)
    if plan is None:
        raise Http404("Not found")
    form = ReviewStartForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        result = {}

        def save():
            result["review"] = services.review_start(
                actor=request.actor,
                plan=plan,
                kind=form.cleaned_data["kind"],
                next_setting=form.cleaned_data["next_setting"],
            )

        if saved(request, form, save, "The review has started. Set the meeting date first."):
            return _to_review(result["review"])
    _audit(request, pupil, EhcpAction.REVIEW_FORM_VIEW, plan_id=plan.pk, step="start")
    kind_items = form["kind"].radio_items
    for item in kind_items:
        if item["value"] == AnnualReview.Kind.PHASE_TRANSFER:
            item["reveal"] = [form["next_setting"]]
    return render(
        request,
        "ehcp/review/start.html",
        {
            "scope": scope,
            "pupil": pupil,
            "plan": plan,
            "form": form,
            "deadline": selectors.next_review(plan),
            "open_review": plan.reviews.filter(closed_at__isnull=True).first(),
            "kind_items": kind_items,
        },
    )


@pupil_view("reads_ehc_plans")
def review_detail(request, pupil, scope, review_id):
    review = rs.review_for(pupil, review_id)
    today = timezone.localdate()
    state = rs.review_state(review, pupil.school)
    _audit(request, pupil, EhcpAction.REVIEW_VIEW, review)
    return render(
        request,
        "ehcp/review/detail.html",
        {
            "scope": scope,
            "pupil": pupil,
            "plan": review.plan,
            "review": review,
            "state": state,
            "rows": rs.step_rows(state, today),
            "report_links": _report_links(pupil, review),
            "close_form": CloseForm(version=review.version),
            # The meetings with the family recorded for this review (families).
            "family_meetings": delivery_for(
                scope, "annual_review_meetings", [review.pk], today
            ).get(review.pk, []),
        },
    )


@pupil_view("manages_ehc_plans")
def meeting_date(request, pupil, scope, review_id):
    review = _open_review(pupil, review_id)
    phase = review.kind == AnnualReview.Kind.PHASE_TRANSFER
    form = MeetingDateForm(
        _posted(request),
        initial={
            "meeting_on": review.meeting_on,
            "meeting_time": review.meeting_time,
            "next_setting": review.next_setting,
        },
        version=review.version,
        phase_transfer=phase,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def save():
            services.meeting_set(
                actor=request.actor,
                review=review,
                version=form.opened_version,
                meeting_on=data["meeting_on"],
                meeting_time=data["meeting_time"],
                next_setting=data.get("next_setting", ""),
                late_confirmed=data["late_confirmed"],
            )

        if saved(request, form, save, "The meeting date has been saved."):
            return _to_review(review)
    due = rs.review_steps.next_review_deadline(review.plan)
    late = bool(review.meeting_on and review.meeting_on > due.due)
    return _step_page(
        request, pupil, scope, review, "meeting_date.html", form, "meeting_date", due=due, late=late
    )


@pupil_view("manages_ehc_plans")
def invitations(request, pupil, scope, review_id):
    review = _open_review(pupil, review_id)
    contributors = list(review.contributors.all())
    form = InvitationsForm(
        _posted(request),
        contributors=contributors,
        initial={
            "contributors": [c.pk for c in contributors if not c.invited_on],
            "invited_on": timezone.localdate(),
        },
        version=review.version,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def save():
            services.invitations_send(
                actor=request.actor,
                review=review,
                version=form.opened_version,
                contributor_ids=data["contributors"],
                invited_on=data["invited_on"],
            )

        sent = plural(len(data["contributors"]), "invitation")
        if saved(request, form, save, f"{sent} recorded as sent."):
            return redirect("ehcp_review_invitations", pk=pupil.pk, review_id=review.pk)
    return _step_page(request, pupil, scope, review, "invitations.html", form, "invitations")


@pupil_view("manages_ehc_plans")
def contributor_add(request, pupil, scope, review_id):
    review = _open_review(pupil, review_id)
    form = ContributorForm(_posted(request), adding=True)
    if request.method == "POST" and form.is_valid():

        def save():
            services.contributor_add(
                actor=request.actor, review=review, **form.contributor_fields()
            )

        if saved(request, form, save, f"{form.cleaned_data.get('name')} has been added."):
            return redirect("ehcp_review_invitations", pk=pupil.pk, review_id=review.pk)
    return _step_page(
        request, pupil, scope, review, "contributor_form.html", form, "invitee", contributor=None
    )


@pupil_view("manages_ehc_plans")
def contributor_edit(request, pupil, scope, review_id, contributor_id):
    review = _open_review(pupil, review_id)
    contributor = rs.contributor_for(review, contributor_id)
    form = ContributorForm(_posted(request), instance=contributor, version=contributor.version)
    if request.method == "POST" and form.is_valid():

        def save():
            services.contributor_save(
                actor=request.actor,
                contributor=contributor,
                version=form.opened_version,
                **form.contributor_fields(),
            )

        if saved(request, form, save, f"{contributor.name}'s details have been saved."):
            return redirect("ehcp_review_advice", pk=pupil.pk, review_id=review.pk)
    return _step_page(
        request,
        pupil,
        scope,
        review,
        "contributor_form.html",
        form,
        "invitee",
        contributor=contributor,
    )


@require_POST
@pupil_view("manages_ehc_plans")
def contributor_remove(request, pupil, scope, review_id, contributor_id):
    review = _open_review(pupil, review_id)
    contributor = rs.contributor_for(review, contributor_id)
    try:
        services.contributor_remove(actor=request.actor, contributor=contributor)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{contributor.name} has been removed.")
    return redirect("ehcp_review_invitations", pk=pupil.pk, review_id=review.pk)


@pupil_view("manages_ehc_plans")
def advice(request, pupil, scope, review_id):
    review = _open_review(pupil, review_id)
    form = AdviceForm(
        _posted(request),
        initial={"advice_circulated_on": review.advice_circulated_on},
        version=review.version,
    )
    if request.method == "POST" and form.is_valid():

        def save():
            services.advice_circulate(
                actor=request.actor,
                review=review,
                version=form.opened_version,
                advice_circulated_on=form.cleaned_data["advice_circulated_on"],
            )

        if saved(request, form, save, "The advice step has been saved."):
            return _to_review(review)
    return _step_page(request, pupil, scope, review, "advice.html", form, "advice")


@pupil_view("manages_ehc_plans")
def views(request, pupil, scope, review_id):
    review = _open_review(pupil, review_id)
    form = ViewsForm(
        _posted(request),
        initial={"pupil_view": review.pupil_view, "parent_view": review.parent_view},
        version=review.version,
    )
    if request.method == "POST" and form.is_valid():

        def save():
            services.views_save(
                actor=request.actor,
                review=review,
                version=form.opened_version,
                pupil_view=form.cleaned_data["pupil_view"],
                parent_view=form.cleaned_data["parent_view"],
            )

        if saved(request, form, save, "The views have been saved."):
            return _to_review(review)
    return _step_page(request, pupil, scope, review, "views.html", form, "views")


@require_POST
@pupil_view("manages_ehc_plans")
def views_ask(request, pupil, scope, review_id):
    review = _open_review(pupil, review_id)
    link = reverse("ehcp_review_views", args=[pupil.pk, review.pk])
    try:
        asked = services.teacher_views_ask(actor=request.actor, review=review, link=link)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if asked:
            messages.success(request, f"Asked {plural(asked, 'teacher')} for their views.")
        else:
            messages.info(
                request,
                "No teacher was asked: every teacher of this pupil has been asked already, "
                "or the pupil is in no teaching group.",
            )
    return redirect("ehcp_review_views", pk=pupil.pk, review_id=review.pk)


@pupil_view("manages_ehc_plans")
def held(request, pupil, scope, review_id):
    review = _open_review(pupil, review_id)
    contributors = list(review.contributors.all())
    form = HeldForm(
        _posted(request),
        contributors=contributors,
        initial={
            "held_on": review.held_on or review.meeting_on,
            "attended": [c.pk for c in contributors if c.attended],
            "attendees": review.attendees,
        },
        version=review.version,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def save():
            services.meeting_held(
                actor=request.actor,
                review=review,
                version=form.opened_version,
                held_on=data["held_on"],
                attended_ids=data.get("attended", []),
                attendees=data["attendees"],
            )

        if saved(request, form, save, "The meeting has been recorded."):
            return _to_review(review)
    return _step_page(request, pupil, scope, review, "held.html", form, "meeting")


@pupil_view("manages_ehc_plans")
def report(request, pupil, scope, review_id):
    review = _open_review(pupil, review_id)
    form = ReportForm(
        _posted(request),
        initial={
            "progress": review.progress,
            "recommendations": review.recommendations,
            "report_sent_on": review.report_sent_on,
        },
        version=review.version,
    )
    if request.method == "POST" and form.is_valid():

        def save():
            services.report_save(
                actor=request.actor,
                review=review,
                version=form.opened_version,
                progress=form.cleaned_data["progress"],
                recommendations=form.cleaned_data["recommendations"],
                report_sent_on=form.cleaned_data["report_sent_on"],
            )

        if saved(request, form, save, "The report has been saved."):
            return _to_review(review)
    return _step_page(
        request,
        pupil,
        scope,
        review,
        "report.html",
        form,
        "report",
        report_links=_report_links(pupil, review),
    )


@pupil_view("manages_ehc_plans")
def decision(request, pupil, scope, review_id):
    review = _open_review(pupil, review_id)
    form = DecisionForm(
        _posted(request),
        initial={
            "decision": review.decision,
            "decision_on": review.decision_on,
            "proposals_on": review.proposals_on,
            "final_plan_on": review.final_plan_on,
        },
        version=review.version,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def save():
            services.decision_save(
                actor=request.actor,
                review=review,
                version=form.opened_version,
                decision=data["decision"],
                decision_on=data["decision_on"],
                proposals_on=data["proposals_on"],
                final_plan_on=data["final_plan_on"],
            )

        if saved(request, form, save, "The local authority's decision has been saved."):
            return _to_review(review)
    decision_items = form["decision"].radio_items
    for item in decision_items:
        if item["value"] == AnnualReview.Decision.AMEND:
            item["reveal"] = [form["proposals_on"], form["final_plan_on"]]
    return _step_page(
        request,
        pupil,
        scope,
        review,
        "decision.html",
        form,
        "decision",
        decision_items=decision_items,
    )


@require_POST
@pupil_view("manages_ehc_plans")
def close(request, pupil, scope, review_id):
    review = _open_review(pupil, review_id)
    form = CloseForm(request.POST)
    form.is_valid()
    try:
        services.review_close(
            actor=request.actor,
            review=review,
            version=form.opened_version,
            closures=rs.saved_closures(pupil.school),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _to_review(review)
    messages.success(
        request,
        "The review is closed. The next annual review is counted from the meeting on "
        f"{review.held_on:%-d %B %Y}."
        if review.held_on
        else "The review is closed.",
    )
    return redirect("ehcp_plan", pk=pupil.pk)
