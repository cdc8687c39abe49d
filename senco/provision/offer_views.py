"""The intervention offer: the catalogue, one intervention with the pupils its entry
criteria suggest, and pupils' scores on each measure."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from senco.access import pupils_visible_to, school_view
from senco.audit.services import audit_list
from senco.lib.forms import add_service_errors
from senco.provision import group_selectors, offer_selectors, offer_services
from senco.provision.audit import ProvisionAction
from senco.provision.models import AGE_MEASURES
from senco.provision.offer_forms import (
    InterventionForm,
    ScoreForm,
    ScoreListForm,
    ScoresYearForm,
    StopForm,
    YearChoiceForm,
)


def _to_offer(scope):
    return redirect("provision_offer", urn=scope.school.urn)


@school_view("reads_provision")
def offer_list(request, scope):
    """The offer by broad area of need, each with the cost of one full run. Names no pupil."""
    return render(
        request,
        "provision/offer/list.html",
        {"scope": scope, "areas": offer_selectors.offer_by_area(scope.school)},
    )


@school_view("manages_interventions")
def offer_add(request, scope):
    form = InterventionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            intervention = offer_services.intervention_save(
                actor=request.actor, school=scope.school, **form.intervention_fields()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{intervention.name} has been added to the offer.")
            return redirect(
                "provision_offer_detail", urn=scope.school.urn, intervention_id=intervention.pk
            )
    return render(
        request, "provision/offer/form.html", {"scope": scope, "form": form, "intervention": None}
    )


@school_view("reads_provision")
def offer_detail(request, scope, intervention_id):
    """One intervention: what it is, what a run costs, its groups, and the pupils whose
    latest score meets its entry criteria, each with a button to add them to a group."""
    intervention = offer_selectors.intervention_for(scope, intervention_id)
    today = timezone.localdate()
    suggested = offer_selectors.suggestions(scope, intervention, today)
    groups = group_selectors.groups_listed(scope.school, today, intervention=intervention)
    audit_list(
        actor=request.actor,
        action=ProvisionAction.SUGGESTIONS_VIEW,
        school=scope.school,
        pupils=[s.score.pupil_id for s in suggested],
        detail={"intervention_id": intervention.pk},
    )
    return render(
        request,
        "provision/offer/detail.html",
        {
            "scope": scope,
            "intervention": intervention,
            "cost": offer_selectors.run_cost(intervention),
            "suggested": suggested,
            "groups": groups,
            "open_groups": groups["running"] + groups["planned"],
            "age_measure": intervention.measure in AGE_MEASURES,
        },
    )


@school_view("manages_interventions")
def offer_edit(request, scope, intervention_id):
    intervention = offer_selectors.intervention_for(scope, intervention_id)
    form = InterventionForm(
        request.POST or None, instance=intervention, version=intervention.version
    )
    if request.method == "POST" and form.is_valid():
        try:
            offer_services.intervention_save(
                actor=request.actor,
                school=scope.school,
                intervention=intervention,
                version=form.opened_version,
                **form.intervention_fields(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The intervention has been saved.")
            return redirect(
                "provision_offer_detail", urn=scope.school.urn, intervention_id=intervention.pk
            )
    return render(
        request,
        "provision/offer/form.html",
        {"scope": scope, "form": form, "intervention": intervention},
    )


@school_view("manages_interventions")
def offer_stop(request, scope, intervention_id):
    """ "Are you sure?", then stop offering it (kept, with its groups) or remove it (when it
    never ran)."""
    intervention = offer_selectors.intervention_for(scope, intervention_id)
    form = StopForm(request.POST or None, version=intervention.version)
    if request.method == "POST" and form.is_valid():
        try:
            done = offer_services.intervention_stop(
                actor=request.actor, intervention=intervention, version=form.opened_version
            )
        except ValidationError as error:
            add_service_errors(form, error)
            intervention = offer_selectors.intervention_for(scope, intervention_id)
        else:
            if done == "removed":
                messages.success(request, f"{intervention.name} has been removed from the offer.")
            else:
                messages.success(
                    request,
                    f"{intervention.name} is no longer offered. Its groups and their records "
                    "are kept.",
                )
            return _to_offer(scope)
    return render(
        request,
        "provision/offer/stop.html",
        {
            "scope": scope,
            "form": form,
            "intervention": intervention,
            "has_groups": intervention.groups.exists(),
        },
    )


# --- Scores ------------------------------------------------------------------------------


@school_view("reads_provision")
def scores(request, scope):
    """Each pupil's latest score on a measure (one query), newest measure chosen."""
    form = ScoreListForm(request.GET or None)
    measure = form.chosen()
    rows = list(offer_selectors.latest_scores(pupils_visible_to(scope), measure))
    audit_list(
        actor=request.actor,
        action=ProvisionAction.SCORES_VIEW,
        school=scope.school,
        pupils=[s.pupil_id for s in rows],
        detail={"measure": measure},
    )
    return render(
        request,
        "provision/offer/scores.html",
        {"scope": scope, "form": form, "rows": rows, "measure": measure},
    )


@school_view("manages_interventions")
def score_add(request, scope):
    form = ScoreForm(request.POST or None, pupils=pupils_visible_to(scope))
    if request.method == "POST" and form.is_valid():
        try:
            offer_services.score_add(
                actor=request.actor, today=timezone.localdate(), **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, f"The score for {form.cleaned_data['pupil'].full_name} has been saved."
            )
            return redirect("provision_score_add", urn=scope.school.urn)
    return render(request, "provision/offer/score_form.html", {"scope": scope, "form": form})


@school_view("manages_interventions")
def scores_year(request, scope):
    """A year group's scores on one measure, taken on one day: a row a pupil. The year group
    comes from the address (?year_group=7)."""
    chooser = YearChoiceForm(request.GET or None)
    year = chooser.year()
    pupils = (
        pupils_visible_to(scope)
        .filter(year_group=year)
        .order_by("reg_group_key", "surname_key", "forename_key", "pk")
        if year is not None
        else pupils_visible_to(scope).none()
    )
    form = ScoresYearForm(request.POST or None, pupils=pupils)
    if request.method == "POST" and year is not None and form.is_valid():
        values = form.values()
        if not values:
            form.add_error(None, "Enter at least one pupil's score")
        else:
            try:
                offer_services.scores_add_many(
                    actor=request.actor,
                    school=scope.school,
                    today=timezone.localdate(),
                    values=values,
                    **form.common(),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"{len(values)} scores have been saved.")
                url = reverse("provision_scores", args=[scope.school.urn])
                return redirect(f"{url}?measure={form.cleaned_data['measure']}")
    rows = form.rows()
    if year is not None:
        audit_list(
            actor=request.actor,
            action=ProvisionAction.SCORES_VIEW,
            school=scope.school,
            pupils=[p.pk for p, _ in rows],
            detail={"year_group": year},
        )
    return render(
        request,
        "provision/offer/scores_year.html",
        {"scope": scope, "chooser": chooser, "form": form, "rows": rows, "year": year},
    )
