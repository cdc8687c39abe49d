from django import template

from senco import registry

register = template.Library()

SMALL = 5


@register.filter
def figure(count, suppress=False):
    """A count, or "fewer than 5" for users who see only suppressed figures."""
    if count is None:
        return "-"
    if suppress and count < SMALL:
        return "fewer than 5"
    return f"{count:,}"


@register.simple_tag
def share(count, total, suppress=False):
    """count as a percent of total, one decimal place; hidden where the count is suppressed."""
    if not total:
        return "-"
    if suppress and (count < SMALL or total < SMALL):
        return "-"
    return f"{100 * count / total:.1f}%"


@register.filter
def pct(value):
    return "-" if value is None else f"{value:.1f}%"


@register.simple_tag
def school_menu(scope):
    """The school menu's entries this person sees (senco/registry.py)."""
    return registry.menu_for(scope)
