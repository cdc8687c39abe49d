from django import template

register = template.Library()


@register.inclusion_tag("plans/_urgency_tag.html")
def urgency_tag(urgency):
    return {"urgency": urgency}
