from django.shortcuts import render

from senco.access import trust_view
from senco.audit.services import audit_record
from senco.register.selectors import register_summary, trust_summary_by_school


@trust_view
def trust_summary(request, trust):
    """Aggregate figures for every school of the trust; small numbers suppressed."""
    rows, total = trust_summary_by_school(trust=trust)
    summary = register_summary(schools=trust.schools.all())
    audit_record(
        user=request.user, request=request, action="trust.summary", detail={"trust": trust.pk}
    )
    return render(
        request,
        "schools/trust_summary.html",
        {
            "trust": trust,
            "rows": rows,
            "total": total,
            "summary": summary,
            "suppress": True,
            "schools": trust.schools.all(),
        },
    )
