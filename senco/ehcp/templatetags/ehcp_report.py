"""`{% report_form_for review as form %}`: the school's own form for the local authority of
a review's plan, or None (one query), so the report's links say which layout Word gets."""

from django import template

from senco.ehcp.models import ReportTemplate

register = template.Library()


@register.simple_tag
def report_form_for(review):
    plan = review.plan
    return ReportTemplate.objects.filter(
        school_id=plan.pupil.school_id, la_code=plan.la_code
    ).first()
