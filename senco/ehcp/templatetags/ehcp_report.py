"""`{% report_form_for review as form %}`: the school's own form for the local authority of
a review's plan, or None (one query), so the report's links say which layout Word gets."""

from django import template

from senco.ehcp.models import ReportTemplate
from senco.lib.prepared import Prepared, as_first

register = template.Library()


# Asked on every annual review page: SQL written once (senco/lib/prepared.py).
_report_form = Prepared(
    lambda school, la_code: as_first(
        ReportTemplate.objects.filter(school_id=school, la_code=la_code)
    )
)


@register.simple_tag
def report_form_for(review):
    plan = review.plan
    return _report_form.first(school=plan.pupil.school_id, la_code=plan.la_code)
