"""The school's EHC work: the EHC plans page (counts and links), the compliance checklist
and the phase transfers."""

from django.shortcuts import render
from django.utils import timezone

from senco.access import school_view
from senco.audit.services import audit_list, audit_record
from senco.ehcp import compliance
from senco.ehcp.audit import EhcpAction
from senco.ehcp.forms import PlanListForm
from senco.lib import clock


@school_view("follows_ehc_work")
def ehc_overview(request, scope):
    """The EHC plans page: how many things each checklist has, with links. Names no pupil."""
    today = timezone.localdate()
    found = compliance.compliance(scope, today)
    audit_record(actor=request.actor, school=scope.school, action=EhcpAction.EHC_OVERVIEW)
    return render(
        request,
        "ehcp/compliance/overview.html",
        {
            "scope": scope,
            "found": found,
            "to_fix": sum(len(lines) for *_, lines in found.sections),
            "open_requests": found.open_requests,
            "transfers": len(found.transfers),
            "unbooked": len(found.transfers_unbooked),
        },
    )


@school_view("follows_ehc_work")
def compliance_page(request, scope):
    """The Spring-term checklist: each line links to the thing to fix."""
    today = timezone.localdate()
    found = compliance.compliance(scope, today)
    shown = {line.pupil.pk for *_, lines in found.sections for line in lines}
    audit_list(
        actor=request.actor,
        action=EhcpAction.COMPLIANCE_VIEW,
        school=scope.school,
        pupils=sorted(shown),
    )
    return render(
        request,
        "ehcp/compliance/compliance.html",
        {"scope": scope, "found": found, "today": today},
    )


@school_view("follows_ehc_work")
def transfers_page(request, scope):
    """Pupils with EHC plans who move phase next September, with the deadlines."""
    today = timezone.localdate()
    rows = compliance.phase_transfers(scope, today)
    year = clock.academic_year_of(today)
    audit_list(
        actor=request.actor,
        action=EhcpAction.TRANSFERS_VIEW,
        school=scope.school,
        pupils=[row.plan.pupil_id for row in rows],
    )
    return render(
        request,
        "ehcp/compliance/transfers.html",
        {
            "scope": scope,
            "rows": rows,
            "today": today,
            "move_year": year + 1,
            "school_deadline": clock.phase_transfer_deadline(year, to_post16=False),
            "post16_deadline": clock.phase_transfer_deadline(year, to_post16=True),
            "hold_by_school": compliance.review_held_by(
                clock.phase_transfer_deadline(year, to_post16=False)
            ),
            "hold_by_post16": compliance.review_held_by(
                clock.phase_transfer_deadline(year, to_post16=True)
            ),
        },
    )


@school_view("follows_ehc_work")
def plan_list(request, scope):
    """Every EHC plan of the school on one page: authority, next review, the review in
    progress and its next deadline, section F in place. Filtered by authority and need."""
    today = timezone.localdate()
    form = PlanListForm(request.GET or None, authorities=compliance.authorities_of(scope))
    la_code, show = form.chosen()
    rows = compliance.plan_rows(scope, today, la_code=la_code, show=show)
    audit_list(
        actor=request.actor,
        action=EhcpAction.PLANS_LIST,
        school=scope.school,
        pupils=[row.plan.pupil_id for row in rows],
    )
    return render(
        request,
        "ehcp/compliance/plans.html",
        {
            "scope": scope,
            "form": form,
            "rows": rows,
            "today": today,
            "filtered": bool(la_code or show),
        },
    )
