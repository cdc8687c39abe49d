import functools

from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.safestring import SafeString

from senco import registry
from senco.access import Scope, parent_contacts, public_view, school_view, signed_in_view
from senco.accounts.models import Membership, TrustMembership
from senco.lib.html import html_row
from senco.lib.prepared import Prepared
from senco.operations.health import health


def _section(membership: Membership, user, today) -> dict:
    """One school's list of things to do for this person: what each part of senco asks."""
    scope = Scope(user, membership.school, membership.role, membership.can_edit_passports)
    go_to = registry.home_sections_for(scope)
    return {
        "scope": scope,
        "membership": membership,
        "todo": registry.todo_for(scope, today),
        "go_to": go_to,
        "go_to_html": _go_to_html(go_to, membership.school),
    }


@functools.lru_cache(maxsize=4096)
def _school_page(url_name: str, urn: str) -> str:
    """The address of a school's page, reversed once a process (a few dozen pages a
    school): the same for every visit, as the URL patterns do not change while it runs."""
    return reverse(url_name, args=[urn])


_GO_TO_HEADING = '\n  <h3 class="govuk-heading-s">{}</h3>\n  <ul class="govuk-list">\n    '
_GO_TO_LINK = (
    '<li><a class="govuk-link" href="{}">{}'
    '<span class="govuk-visually-hidden"> at {}</span></a></li>'
)


def _go_to_html(go_to: list[tuple[str, list[registry.NavItem]]], school) -> SafeString:
    """The "Go to" links under each heading, built in Python (senco/lib/html.py) with the
    addresses reversed once a process: a school's twenty links, each reversed and drawn by
    the template engine, were a fifth of the home page's template time (issue 13)."""
    out = []
    for heading, items in go_to:
        out.append(html_row(_GO_TO_HEADING, heading or "Go to"))
        out.extend(
            html_row(
                _GO_TO_LINK,
                _school_page(item.url_name, school.urn),
                item.home_label,
                school.name,
            )
            for item in items
        )
        out.append("\n  </ul>\n  ")
    return SafeString("".join(out))


# Where the person works, with SQL written once (senco/lib/prepared.py): every visit home.
_memberships = Prepared(
    lambda user: Membership.objects.filter(user_id=user).select_related("school")
)
_trusts = Prepared(
    lambda user: TrustMembership.objects.filter(user_id=user).select_related("trust")
)


@signed_in_view
def home(request):
    """What needs doing: for each school where the person works, their own list."""
    today = timezone.localdate()
    memberships = _memberships.instances(user=request.user.pk)
    trusts = _trusts.instances(user=request.user.pk)
    if not memberships and not trusts and parent_contacts(request.user).exists():
        # A parent or carer with no staff role: their children's pages.
        return redirect("parent_home")
    sections = [_section(m, request.user, today) for m in memberships]
    return render(
        request,
        "home.html",
        {
            # With one school, the menu shows that school's pages.
            "scope": sections[0]["scope"] if len(sections) == 1 else None,
            "sections": sections,
            "trusts": trusts,
            "today": today,
        },
    )


@school_view("uses_school_settings")
def school_settings(request, scope):
    """The SENCO's setup pages in one place, so that the menu stays short."""
    return render(
        request,
        "school_settings.html",
        {"scope": scope, "items": registry.settings_items_for(scope)},
    )


@public_view
def healthz(request):
    """For a load balancer and monitoring: 200 while the database answers (503 when not),
    with when the scheduler and the worker were last seen (senco/operations/health.py)."""
    reachable, report = health()
    response = JsonResponse(report, status=200 if reachable else 503)
    add_never_cache_headers(response)
    return response
