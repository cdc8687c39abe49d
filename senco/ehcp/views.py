"""A pupil's EHC plan: the record, its section F, and the forms that change them."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from senco.access import pupil_view
from senco.audit.services import audit_record
from senco.ehcp import review_selectors, selectors, services
from senco.ehcp.audit import EhcpAction
from senco.ehcp.document_forms import ConfirmForm
from senco.ehcp.forms import ItemForm, PlanForm
from senco.ehcp.models import ProvisionItem
from senco.lib.forms import add_service_errors
from senco.registry import delivery_for


def _audit(request, pupil, action, **detail) -> None:
    audit_record(actor=request.actor, pupil=pupil, action=action, detail=detail)


def _to_plan(pupil):
    return redirect("ehcp_plan", pk=pupil.pk)


@pupil_view("reads_ehc_plans")
def plan_detail(request, pupil, scope):
    plan = selectors.plan_for(pupil)
    today = timezone.localdate()
    context = {"scope": scope, "pupil": pupil, "plan": plan}
    if plan is not None:
        deadline = selectors.next_review(plan)
        groups = selectors.items_by_kind(plan)
        items = [i for _, group in groups for i in group]
        # The groups that deliver its interventions, and what their sessions show.
        delivery = delivery_for(
            scope, "ehcp_item", [i.pk for i in items if i.kind == i.Kind.INTERVENTION], today
        )
        for item in items:
            item.delivery = delivery.get(item.pk, [])
        context |= {
            "deadline": deadline,
            "urgency": selectors.review_urgency(deadline, today),
            "groups": groups,
            "total": len(items),
            "in_place": sum(1 for i in items if i.in_place),
            "document": selectors.document_of(plan),
        }
        context |= review_selectors.plan_reviews(plan)
    _audit(request, pupil, EhcpAction.PLAN_VIEW, plan_id=plan.pk if plan else None)
    return render(request, "ehcp/plan_detail.html", context)


@pupil_view("manages_ehc_plans")
def plan_edit(request, pupil, scope):
    """Record the plan (for a pupil at E with none yet) or change it."""
    plan = selectors.plan_for(pupil)
    form = PlanForm(request.POST or None, instance=plan, version=plan.version if plan else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_save(
                actor=request.actor,
                pupil=pupil,
                version=form.opened_version,
                **form.plan_fields(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The EHC plan has been saved.")
            return _to_plan(pupil)
    _audit(request, pupil, EhcpAction.PLAN_FORM_VIEW, plan_id=plan.pk if plan else None)
    return render(
        request, "ehcp/plan_form.html", {"scope": scope, "pupil": pupil, "plan": plan, "form": form}
    )


@pupil_view("manages_ehc_plans")
def item_add(request, pupil, scope):
    plan = selectors.plan_for(pupil)
    if plan is None:
        raise Http404("Not found")
    # The kind the link asked for, when it is one (?kind=classroom): the radio starts there.
    kind = request.GET.get("kind", "")
    form = ItemForm(
        request.POST or None,
        initial={"kind": kind if kind in ProvisionItem.Kind.values else ""},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.item_add(actor=request.actor, plan=plan, **form.item_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The item has been added to section F.")
            return _to_plan(pupil)
    _audit(request, pupil, EhcpAction.ITEM_FORM_VIEW, plan_id=plan.pk)
    return render(
        request,
        "ehcp/item_form.html",
        {"scope": scope, "pupil": pupil, "plan": plan, "form": form, "item": None},
    )


@pupil_view("manages_ehc_plans")
def item_edit(request, pupil, scope, item_id):
    item = selectors.item_for(pupil, item_id)
    form = ItemForm(request.POST or None, instance=item, version=services.item_version(item))
    if request.method == "POST" and form.is_valid():
        try:
            services.item_save(
                actor=request.actor,
                item=item,
                version=form.opened_version,
                **form.item_fields(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The item of section F has been saved.")
            return _to_plan(pupil)
    _audit(request, pupil, EhcpAction.ITEM_FORM_VIEW, plan_id=item.plan_id, item_id=item.pk)
    return render(
        request,
        "ehcp/item_form.html",
        {"scope": scope, "pupil": pupil, "plan": item.plan, "form": form, "item": item},
    )


@pupil_view("manages_ehc_plans")
def item_remove(request, pupil, scope, item_id):
    """ "Are you sure?" with the item as it is, then remove it (from the version shown)."""
    item = selectors.item_for(pupil, item_id)
    form = ConfirmForm(
        request.POST if request.method == "POST" else None, version=services.item_version(item)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.item_remove(actor=request.actor, item=item, version=form.opened_version)
        except ValidationError as error:
            add_service_errors(form, error)
            item = selectors.item_for(pupil, item_id)  # as it is now, to confirm again
        else:
            messages.success(request, "The item has been removed from section F.")
            return _to_plan(pupil)
    _audit(request, pupil, EhcpAction.ITEM_REMOVE_VIEW, plan_id=item.plan_id, item_id=item.pk)
    return render(
        request,
        "ehcp/item_remove.html",
        {"scope": scope, "pupil": pupil, "item": item, "form": form},
    )
