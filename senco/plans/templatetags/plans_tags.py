from django import template
from django.utils import timezone

from senco.plans import selectors

register = template.Library()


@register.simple_tag
def live_cycle_of(pupil):
    """The pupil's open cycle, its stage and how soon it is due, in one query."""
    cycle = selectors.live_cycle(pupil)
    if cycle is None:
        return None
    today = timezone.localdate()
    return {
        "cycle": cycle,
        "stage": selectors.cycle_stage(cycle, today, cycle.evidence_count),
        "urgency": selectors.review_urgency(cycle.review_date, today),
    }


@register.inclusion_tag("plans/_urgency_tag.html")
def urgency_tag(urgency):
    return {"urgency": urgency}
