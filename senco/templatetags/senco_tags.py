from django import template
from django.urls import reverse

from senco import registry
from senco.access import Scope
from senco.lib.figures import shown_count, shown_share

register = template.Library()


@register.filter
def figure(count, suppress=False):
    """A count, or "fewer than 5" for users who see only suppressed figures."""
    return shown_count(count, suppress)


@register.simple_tag
def share(count, total, suppress=False):
    """count as a percent of total, one decimal place; hidden where the count is suppressed."""
    value = shown_share(count, total, suppress)
    return "-" if value is None else f"{value:.1f}%"


@register.filter
def pct(value):
    return "-" if value is None else f"{value:.1f}%"


@register.simple_tag(takes_context=True)
def frame_scope(context):
    """The scope the page's header and menu show: the page's own, or on a page with none
    (an error page) the person's only school, if they have exactly one."""
    scope = context.get("scope")
    if isinstance(scope, Scope):
        return scope
    default = context.get("default_scope")
    return default() if callable(default) else None


@register.simple_tag
def page_links(page, scope, *args):
    """(label, address) of each link capabilities add to `page` (registry.PageLink)."""
    return [
        (link.label, reverse(link.url_name, args=[scope.school.urn, *args]))
        for link in registry.links_for(page, scope)
    ]


@register.simple_tag(takes_context=True)
def school_menu(context, scope):
    """The school menu's entries this person sees, the current page marked (registry)."""
    match = getattr(context.get("request"), "resolver_match", None)
    return registry.menu_for(scope, match.url_name if match else "")
