"""Impact and value for money: every intervention with what its pupils gained and what it
cost (`provision_impact`), and one intervention's groups and pupils
(`provision_impact_intervention`). The SENCO and leaders (`reads_provision`); governors and
the trust's SEND lead see the totals on the school's summary page (impact_counts.py)."""

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from senco.access import school_view
from senco.audit.services import audit_list, audit_record
from senco.lib import clock
from senco.provision import impact, impact_selectors
from senco.provision.audit import ProvisionAction
from senco.provision.impact_forms import ImpactFilterForm, sort_rows


def _filter_form(request, scope) -> ImpactFilterForm:
    return ImpactFilterForm(
        request.GET or None,
        years=impact_selectors.group_years(scope.school),
        current=clock.academic_year_of(timezone.localdate()),
    )


def _explained() -> dict:
    return {
        "too_few": impact.TOO_FEW,
        "brooks": impact.BROOKS,
        "cohen": impact.COHEN,
    }


@school_view("reads_provision")
def impact_list(request, scope):
    """Every intervention of the offer with its impact and value, and the year's totals
    against the money recorded. Names no pupil: one audit row for the school."""
    form = _filter_form(request, scope)
    year, area, sort = form.chosen()
    page = impact_selectors.impact_page(scope.school, year, area=area)
    audit_record(
        actor=request.actor,
        school=scope.school,
        action=ProvisionAction.IMPACT_VIEW,
        detail={"academic_year": year, "area": area, "sort": sort},
    )
    return render(
        request,
        "provision/impact/list.html",
        {
            "scope": scope,
            "form": form,
            "rows": sort_rows(page.rows, sort),
            "totals": page.totals,
            "year": year,
            "year_label": clock.academic_year_label(year),
            "filtered": bool(area),
            **_explained(),
        },
    )


@school_view("reads_provision")
def impact_intervention(request, scope, intervention_id: int):
    """One intervention's groups in a year, and each pupil's scores and gain."""
    intervention = impact_selectors.intervention_for(scope.school, intervention_id)
    if intervention is None:
        raise Http404("Not found")
    form = _filter_form(request, scope)
    year, *_ = form.chosen()
    row = impact_selectors.intervention_detail(scope.school, intervention, year)
    audit_list(
        actor=request.actor,
        action=ProvisionAction.IMPACT_INTERVENTION_VIEW,
        school=scope.school,
        pupils=sorted({m.member.pupil_id for g in row.groups for m in g.members}),
        detail={"intervention_id": intervention.pk, "academic_year": year},
    )
    return render(
        request,
        "provision/impact/intervention.html",
        {
            "scope": scope,
            "form": form,
            "row": row,
            "intervention": intervention,
            "is_age": impact.is_age_measure(intervention.measure),
            "year": year,
            "year_label": clock.academic_year_label(year),
            **_explained(),
        },
    )
