"""The money the provision is set against (`/school/<urn>/provision-funding/`): the
notional SEN budget of each academic year and pupils' top-up funding. The SENCO records
them (`manages_interventions`); leaders read them (`reads_provision`)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from senco.access import pupils_visible_to, school_view
from senco.audit.services import audit_list, audit_record
from senco.lib import clock
from senco.lib.forms import add_service_errors
from senco.provision import funding_services, impact_selectors
from senco.provision.audit import ProvisionAction
from senco.provision.funding_forms import BudgetForm, FundingYearForm, TopUpEditForm, TopUpForm
from senco.provision.models import TopUp


def _current() -> int:
    return clock.academic_year_of(timezone.localdate())


def _year_ok(year: int) -> int:
    """A year in the address that is a sensible academic year, or 404."""
    if not 2000 <= year <= _current() + 1:
        raise Http404("Not found")
    return year


def _to_page(scope, year: int):
    return redirect(reverse("provision_funding", args=[scope.school.urn]) + f"?year={year}")


@school_view("reads_provision")
def funding_page(request, scope):
    """A year's notional SEN budget, top-ups and the cost of the provision set against them."""
    form = FundingYearForm(request.GET or None, current=_current())
    year = form.chosen()
    top_ups = list(
        TopUp.objects.filter(pupil__school=scope.school, academic_year=year)
        .select_related("pupil")
        .order_by("pupil__surname_key", "pupil__forename_key", "pk")
    )
    totals = impact_selectors.year_totals(scope.school, year)
    audit_list(
        actor=request.actor,
        action=ProvisionAction.FUNDING_VIEW,
        school=scope.school,
        pupils=[t.pupil_id for t in top_ups],
        detail={"academic_year": year},
    )
    return render(
        request,
        "provision/funding/page.html",
        {
            "scope": scope,
            "form": form,
            "year": year,
            "year_label": clock.academic_year_label(year),
            "top_ups": top_ups,
            "totals": totals,
            "funding": funding_services.funding_for(scope.school, year),
        },
    )


@school_view("manages_interventions")
def budget_edit(request, scope, year: int):
    year = _year_ok(year)
    funding = funding_services.funding_for(scope.school, year)
    form = BudgetForm(
        request.POST or None,
        initial={"notional_budget": funding.notional_budget if funding else None},
        version=funding_services.funding_version(funding),
    )
    if request.method == "POST" and form.is_valid():
        try:
            funding_services.funding_save(
                actor=request.actor,
                school=scope.school,
                academic_year=year,
                notional_budget=form.cleaned_data["notional_budget"],
                version=form.opened_version,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The notional SEN budget has been saved.")
            return _to_page(scope, year)
    return render(
        request,
        "provision/funding/budget_form.html",
        {"scope": scope, "form": form, "year": year, "year_label": clock.academic_year_label(year)},
    )


@school_view("manages_interventions")
def top_up_add(request, scope, year: int):
    year = _year_ok(year)
    pupils = pupils_visible_to(scope).on_register().order_by("surname_key", "forename_key", "pk")
    form = TopUpForm(request.POST or None, pupils=pupils)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            funding_services.top_up_add(
                actor=request.actor,
                pupil=data["pupil"],
                academic_year=year,
                amount=data["amount"],
                note=data["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Top-up funding for {data['pupil'].full_name} saved.")
            return _to_page(scope, year)
    audit_record(
        actor=request.actor,
        school=scope.school,
        action=ProvisionAction.TOP_UP_FORM_VIEW,
        detail={"academic_year": year},
    )
    return render(
        request,
        "provision/funding/top_up_form.html",
        {
            "scope": scope,
            "form": form,
            "year": year,
            "year_label": clock.academic_year_label(year),
            "top_up": None,
        },
    )


@school_view("manages_interventions")
def top_up_edit(request, scope, top_up_id: int):
    """Change a top-up's amount or note, or remove it (the "Remove" button)."""
    top_up = (
        TopUp.objects.filter(pk=top_up_id, pupil__in=pupils_visible_to(scope))
        .select_related("pupil")
        .first()
    )
    if top_up is None:
        raise Http404("Not found")
    form = TopUpEditForm(
        request.POST or None,
        initial={"amount": top_up.amount, "note": top_up.note},
        version=funding_services.top_up_version(top_up),
    )
    removing = "remove" in request.POST
    if request.method == "POST" and (removing or form.is_valid()):
        try:
            if removing:
                funding_services.top_up_remove(
                    actor=request.actor, top_up=top_up, version=request.POST.get("version")
                )
            else:
                funding_services.top_up_save(
                    actor=request.actor,
                    top_up=top_up,
                    amount=form.cleaned_data["amount"],
                    note=form.cleaned_data["note"],
                    version=form.opened_version,
                )
        except ValidationError as error:
            form.is_valid()
            add_service_errors(form, error)
        else:
            done = "removed" if removing else "saved"
            messages.success(request, f"Top-up funding for {top_up.pupil.full_name} {done}.")
            return _to_page(scope, top_up.academic_year)
    audit_record(
        actor=request.actor,
        pupil=top_up.pupil,
        school=scope.school,
        action=ProvisionAction.TOP_UP_FORM_VIEW,
        detail={"top_up_id": top_up.pk},
    )
    return render(
        request,
        "provision/funding/top_up_form.html",
        {
            "scope": scope,
            "form": form,
            "year": top_up.academic_year,
            "year_label": clock.academic_year_label(top_up.academic_year),
            "top_up": top_up,
        },
    )
