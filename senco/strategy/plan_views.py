"""The SEND development plan (`/school/<urn>/development-plan/`): a year's priorities and
their actions, read by the SENCO, leaders, governors and the trust's SEND lead
(`reads_development_plan`), written by the SENCO (`edits_development_plan`). It names staff,
never a pupil: each page writes one audit row for the school."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from senco.access import school_view
from senco.audit.services import audit_record
from senco.lib import clock
from senco.lib.forms import saved
from senco.lib.pdf import pdf_filename, pdf_response
from senco.strategy import plan_pdf, plan_selectors, plan_services
from senco.strategy.audit import StrategyAction
from senco.strategy.plan_forms import (
    ActionForm,
    ActionUpdateForm,
    ConfirmForm,
    EvidenceForm,
    PriorityForm,
)

READS = "reads_development_plan"
EDITS = "edits_development_plan"


def _to_plan(scope, year: int, anchor: str = ""):
    url = plan_selectors.plan_url(scope.school, year)
    return redirect(url + (f"#{anchor}" if anchor else ""))


def _form_opened(request, scope, **detail) -> None:
    audit_record(
        actor=request.actor,
        school=scope.school,
        action=StrategyAction.PLAN_FORM_VIEW,
        detail=detail,
    )


def _year_context(year: int) -> dict:
    return {"year": year, "year_label": clock.academic_year_label(year)}


@school_view(READS)
def plan_page(request, scope):
    """The year's priorities, each with its actions as rows, and a summary by status."""
    today = timezone.localdate()
    year = plan_selectors.year_or_404(request.GET.get("year"), today)
    priorities = plan_selectors.plan_of(scope.school, year)
    current = plan_selectors.current_year(today)
    years = plan_selectors.years_with_plans(scope.school)
    audit_record(
        actor=request.actor,
        school=scope.school,
        action=StrategyAction.PLAN_VIEW,
        detail={"academic_year": year},
    )
    return render(
        request,
        "strategy/plan/page.html",
        {
            "scope": scope,
            **_year_context(year),
            "priorities": priorities,
            "summary": plan_selectors.summarise(priorities, today),
            "today": today,
            "tags": plan_selectors.TAG_CLASSES,
            "short_labels": plan_selectors.SHORT_LABELS,
            "years": [(y, clock.academic_year_label(y)) for y in years if y != year],
            "next_year": year + 1 if year + 1 <= current + 1 and priorities else None,
            "next_year_label": clock.academic_year_label(year + 1),
        },
    )


@school_view(READS)
def plan_pdf_view(request, scope):
    """The year's plan on (at most) two sides of A4, landscape."""
    today = timezone.localdate()
    year = plan_selectors.year_or_404(request.GET.get("year"), today)
    priorities = plan_selectors.plan_of(scope.school, year)
    data = plan_pdf.plan_pdf(scope, year, priorities, today)
    audit_record(
        actor=request.actor,
        school=scope.school,
        action=StrategyAction.PLAN_PDF,
        detail={"academic_year": year},
    )
    label = clock.academic_year_label(year).replace("/", "-")
    return pdf_response(data, pdf_filename("SEND development plan", label, scope.school.name))


@require_POST
@school_view(EDITS)
def plan_next_year(request, scope, year: int):
    """ "Start next year's plan from this one": idempotent (senco/strategy/plan_services.py)."""
    today = timezone.localdate()
    year = plan_selectors.year_or_404(str(year), today)
    if year + 1 > plan_selectors.current_year(today) + 1:
        raise Http404("Not found")
    copied = plan_services.plan_start_next_year(
        actor=request.actor, school=scope.school, from_year=year
    )
    label = clock.academic_year_label(year + 1)
    if copied:
        messages.success(
            request,
            f"{label}'s plan has been started with {copied} "
            f"priorit{'y' if copied == 1 else 'ies'} from this one.",
        )
    else:
        messages.info(request, f"{label}'s plan already has every priority of this one.")
    return _to_plan(scope, year + 1)


# ---- Priorities -------------------------------------------------------------------------


@school_view(EDITS)
def priority_add(request, scope, year: int):
    year = plan_selectors.year_or_404(str(year), timezone.localdate())
    form = PriorityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        priority = plan_services.priority_add(
            actor=request.actor,
            school=scope.school,
            academic_year=year,
            title=form.cleaned_data["title"],
            why=form.cleaned_data["why"],
        )
        messages.success(request, "The priority has been added. Now add its actions.")
        return _to_plan(scope, year, f"priority-{priority.pk}")
    _form_opened(request, scope, academic_year=year, form="priority")
    return render(
        request,
        "strategy/plan/priority_form.html",
        {"scope": scope, "form": form, "priority": None, **_year_context(year)},
    )


@school_view(EDITS)
def priority_edit(request, scope, priority_id: int):
    """Change a priority, or remove it after "Are you sure?"."""
    priority = plan_selectors.priority_for(scope, priority_id)
    year = priority.academic_year
    posted = request.method == "POST"
    if posted and "remove" in request.POST:
        return _priority_remove(request, scope, priority)
    form = PriorityForm(
        request.POST if posted else None,
        initial={"title": priority.title, "why": priority.why},
        version=priority.version,
    )
    if posted and form.is_valid():

        def save():
            plan_services.priority_save(
                actor=request.actor,
                priority=priority,
                title=form.cleaned_data["title"],
                why=form.cleaned_data["why"],
                version=form.opened_version,
            )

        if saved(request, form, save, "The priority has been saved."):
            return _to_plan(scope, year, f"priority-{priority.pk}")
    _form_opened(request, scope, priority_id=priority.pk, form="priority")
    return render(
        request,
        "strategy/plan/priority_form.html",
        {"scope": scope, "form": form, "priority": priority, **_year_context(year)},
    )


def _priority_remove(request, scope, priority):
    """The first press of "Remove" shows "Are you sure?"; confirming removes it."""
    form = ConfirmForm(request.POST, version=priority.version)
    if request.POST.get("remove") == "confirmed" and form.is_valid():

        def save():
            plan_services.priority_remove(
                actor=request.actor, priority=priority, version=form.opened_version
            )

        if saved(request, form, save, f"The priority “{priority.title}” has been removed."):
            return _to_plan(scope, priority.academic_year)
    else:
        form = ConfirmForm(version=priority.version)
    _form_opened(request, scope, priority_id=priority.pk, form="priority_remove")
    return render(
        request,
        "strategy/plan/remove.html",
        {
            "scope": scope,
            "form": form,
            "what": "priority",
            "title": priority.title,
            "actions": priority.actions.count(),
            "back": reverse("strategy_priority_edit", args=[scope.school.urn, priority.pk]),
            **_year_context(priority.academic_year),
        },
    )


# ---- Actions --------------------------------------------------------------------------------


def _action_initial(action) -> dict:
    return {
        "what": action.what,
        "owner": action.owner_id,
        "owner_name": action.owner_name,
        "starts": action.starts,
        "due": action.due,
        "success_criteria": action.success_criteria,
        "status": action.status,
        "progress": action.progress,
    }


@school_view(EDITS)
def action_add(request, scope, priority_id: int):
    priority = plan_selectors.priority_for(scope, priority_id)
    form = ActionForm(request.POST or None, owners=plan_selectors.owners_of(scope.school))
    if request.method == "POST" and form.is_valid():
        made = []

        def save():
            made.append(
                plan_services.action_add(
                    actor=request.actor, priority=priority, **form.action_fields()
                )
            )

        if saved(request, form, save, "The action has been added."):
            action = made[0]
            return _to_plan(scope, priority.academic_year, f"action-{action.pk}")
    _form_opened(request, scope, priority_id=priority.pk, form="action")
    return render(
        request,
        "strategy/plan/action_form.html",
        {
            "scope": scope,
            "form": form,
            "priority": priority,
            "action": None,
            **_year_context(priority.academic_year),
        },
    )


@school_view(EDITS)
def action_edit(request, scope, action_id: int):
    """Change everything about an action, or remove it after "Are you sure?"."""
    action = plan_selectors.action_for(scope, action_id)
    priority = action.priority
    posted = request.method == "POST"
    if posted and "remove" in request.POST:
        return _action_remove(request, scope, action)
    form = ActionForm(
        request.POST if posted else None,
        initial=_action_initial(action),
        version=action.version,
        owners=plan_selectors.owners_of(scope.school),
    )
    if posted and form.is_valid():

        def save():
            plan_services.action_save(
                actor=request.actor,
                action=action,
                version=form.opened_version,
                **form.action_fields(),
            )

        if saved(request, form, save, "The action has been saved."):
            return _to_plan(scope, priority.academic_year, f"action-{action.pk}")
    _form_opened(request, scope, action_id=action.pk, form="action")
    return render(
        request,
        "strategy/plan/action_form.html",
        {
            "scope": scope,
            "form": form,
            "priority": priority,
            "action": action,
            **_year_context(priority.academic_year),
        },
    )


def _action_remove(request, scope, action):
    form = ConfirmForm(request.POST, version=action.version)
    if request.POST.get("remove") == "confirmed" and form.is_valid():

        def save():
            plan_services.action_remove(
                actor=request.actor, action=action, version=form.opened_version
            )

        if saved(request, form, save, "The action has been removed."):
            return _to_plan(scope, action.priority.academic_year, f"priority-{action.priority_id}")
    else:
        form = ConfirmForm(version=action.version)
    _form_opened(request, scope, action_id=action.pk, form="action_remove")
    return render(
        request,
        "strategy/plan/remove.html",
        {
            "scope": scope,
            "form": form,
            "what": "action",
            "title": action.what,
            "actions": 0,
            "back": reverse("strategy_action_edit", args=[scope.school.urn, action.pk]),
            **_year_context(action.priority.academic_year),
        },
    )


@school_view(EDITS)
def action_update(request, scope, action_id: int):
    """The quick update from the plan: the status and progress, nothing else."""
    action = plan_selectors.action_for(scope, action_id)
    form = ActionUpdateForm(
        request.POST or None,
        initial={"status": action.status, "progress": action.progress},
        version=action.version,
    )
    if request.method == "POST" and form.is_valid():

        def save():
            plan_services.action_update(
                actor=request.actor,
                action=action,
                status=form.cleaned_data["status"],
                progress=form.cleaned_data["progress"],
                version=form.opened_version,
            )

        if saved(request, form, save, "The action's status and progress have been saved."):
            return _to_plan(scope, action.priority.academic_year, f"action-{action.pk}")
    _form_opened(request, scope, action_id=action.pk, form="action_update")
    return render(
        request,
        "strategy/plan/action_update.html",
        {
            "scope": scope,
            "form": form,
            "action": action,
            "owner": plan_selectors.owner_shown(action),
            **_year_context(action.priority.academic_year),
        },
    )


# ---- Evidence ------------------------------------------------------------------------------


@school_view(EDITS)
def evidence_add(request, scope, action_id: int):
    """Evidence for an action: a link to a page of senco, or a file."""
    action = plan_selectors.action_for(scope, action_id)
    posted = request.method == "POST"
    form = EvidenceForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        host=request.get_host(),
    )
    if posted and form.is_valid():
        data = form.cleaned_data

        def save():
            if data["kind"] == EvidenceForm.LINK:
                plan_services.evidence_link_add(
                    actor=request.actor,
                    action=action,
                    label=data["label"],
                    url=data["url"],
                    host=request.get_host(),
                )
            else:
                plan_services.evidence_file_add(
                    actor=request.actor, action=action, label=data["label"], upload=data["file"]
                )

        if saved(request, form, save, "The evidence has been added."):
            return _to_plan(scope, action.priority.academic_year, f"action-{action.pk}")
    _form_opened(request, scope, action_id=action.pk, form="evidence")
    return render(
        request,
        "strategy/plan/evidence_form.html",
        {
            "scope": scope,
            "form": form,
            "kind_items": _kind_items(form),
            "action": action,
            **_year_context(action.priority.academic_year),
        },
    )


def _kind_items(form) -> list[dict]:
    """The two kinds of evidence as radios, each revealing its own box."""
    items = form["kind"].radio_items
    reveal = {EvidenceForm.LINK: [form["url"]], EvidenceForm.FILE: [form["file"]]}
    for item in items:
        item["reveal"] = reveal[item["value"]]
    return items


@school_view(READS)
def evidence_file(request, scope, evidence_id: int):
    """An evidence file, to whoever reads the plan: saved by the browser (never shown
    inline), never kept by a shared cache, never sniffed as anything else."""
    item = plan_selectors.evidence_item_for(scope, evidence_id)
    path = plan_services.evidence_path(item)
    if not item.filename or not path.is_file():
        raise Http404("Not found")
    audit_record(
        actor=request.actor,
        school=scope.school,
        action=StrategyAction.EVIDENCE_VIEW,
        detail={"evidence_id": item.pk, "action_id": item.action_id},
    )
    stem, dot, suffix = item.filename.rpartition(".")
    name = f"{slugify(stem) or 'evidence'}{dot}{suffix.lower()}" if dot else slugify(suffix)
    response = FileResponse(
        path.open("rb"),
        content_type=plan_services.content_type(item),
        as_attachment=True,
        filename=name or "evidence",
    )
    patch_cache_control(response, private=True, no_store=True)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@school_view(EDITS)
def evidence_remove(request, scope, evidence_id: int):
    """ "Are you sure?", then remove a piece of evidence (and its file)."""
    item = plan_selectors.evidence_item_for(scope, evidence_id)
    year = item.action.priority.academic_year
    if request.method == "POST":
        plan_services.evidence_remove(actor=request.actor, item=item)
        messages.success(request, "The evidence has been removed.")
        return _to_plan(scope, year, f"action-{item.action_id}")
    _form_opened(request, scope, evidence_id=item.pk, form="evidence_remove")
    return render(
        request,
        "strategy/plan/evidence_remove.html",
        {"scope": scope, "item": item, "action": item.action, **_year_context(year)},
    )
