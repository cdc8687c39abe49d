import functools

from django import template
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.safestring import SafeString

from senco import registry
from senco.access import Scope
from senco.lib.figures import row_share, shown_count, shown_share
from senco.lib.html import folded_list, html_row, url_pattern

register = template.Library()

_OPTION = '<option value="{}">{}</option>'
_OPTION_SELECTED = '<option value="{}" selected>{}</option>'


@register.filter
def figure(row, measure):
    """One of a row's counts (`{{ row|figure:"ehc" }}`), or "hidden" where it is hidden from
    the person looking (senco/register/disclosure.py)."""
    return shown_count(getattr(row, measure), measure in row.hidden)


@register.simple_tag
def share(row, measure, base, base_measure):
    """One of a row's counts as a percent of another's (`{% share r "ehc" r "roll" %}`), one
    decimal place; "-" where either is hidden."""
    return pct(row_share(row, measure, base, base_measure))


@register.filter
def percent(cell):
    """A comparison's cell (count, total, hidden) as a percent; "-" where it is hidden."""
    return pct(shown_share(cell.count, cell.total, cell.hidden))


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


@register.simple_tag
@functools.cache
def asset(path: str) -> str:
    """The address of one of senco's static files (`{% asset 'js/senco.js' %}`), as Django's
    `{% static %}` gives it, worked out once a process: every page asks for the same four,
    and the `static` tag's lookups cost a page ~0.2 ms (issue 13)."""
    return static(path)


@register.simple_tag(takes_context=True)
def menu_items(context, frame, menu):
    """The service navigation's entries but the sign-out button (includes/menu_items.html,
    for base.html). They change only with the school, the menu's entries, whether this is
    the home, account or parent's page and whether it is a parent's page at all, so each
    such set is drawn once a process: through the template it cost every page ~0.5 ms."""
    request = context.get("request")
    path = getattr(request, "path", "")
    return _menu_items(
        frame.school.urn if menu else "",
        tuple((entry.label, entry.url_name, entry.current) for entry in menu),
        path if path in _own_pages() else "",
        bool(context.get("parent_page")),
    )


@functools.cache
def _own_pages() -> frozenset[str]:
    """The pages the menu marks by their address rather than by the school's menu."""
    return frozenset(reverse(name) for name in ("home", "account", "parent_home"))


@functools.lru_cache(maxsize=256)
def _menu_items(urn: str, menu: tuple, path: str, parent_page: bool) -> SafeString:
    html = render_to_string(
        "includes/menu_items.html",
        {
            "urn": urn,
            "menu": [registry.MenuEntry(*entry) for entry in menu],
            "path": path,
            "parent_page": parent_page,
        },
    )
    # The file's last line break is not the list's: base.html has its own.
    return SafeString(html.removesuffix("\n"))


# How many of a list of pupils show before the rest fold away under "Show N more".
_PUPIL_LINK = '<li><a class="govuk-link" href="{}">{}</a>, {}</li>'


@register.simple_tag
def pupil_link_list(pupils, list_id, url_name):
    """A list of pupils, each a link to `url_name` with their id and their year, the first
    eight shown and the rest folded away. Built in Python (senco/lib/html.py) with one
    reversed address: the SENCO's home page lists up to a few hundred pupils this way."""
    url = url_pattern(url_name, 1)
    items = [
        html_row(_PUPIL_LINK, url.format(p.pk), p.full_name, p.year_group_label) for p in pupils
    ]
    return folded_list(items, list_id)


@register.simple_tag
def folded(items, list_id):
    """Items built in Python (`<li>` safe strings) as a list folded after the first eight."""
    return folded_list(list(items), list_id)


@register.simple_tag
def select_options(field):
    """The `<option>`s of a select field, the one whose value is the field's selected. Built
    in Python: in the template each option asked the form for the field's value again (the
    register's filters have about 150 options: a fifth of its template's time)."""
    current = f"{field.value()}"
    return SafeString(
        "".join(
            html_row(_OPTION_SELECTED if f"{value}" == current else _OPTION, value, label)
            for value, label in field.field.choices
        )
    )
