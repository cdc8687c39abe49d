"""Every URL pattern's view declares who may use it."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from senco import access


def _patterns(resolver, prefix=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.callback


def test_every_view_declares_an_access_policy():
    undeclared = [
        route for route, view in _patterns(get_resolver()) if not hasattr(view, "access_policy")
    ]
    assert undeclared == []


def test_the_walk_sees_every_app():
    routes = [route for route, _ in _patterns(get_resolver())]
    assert any(r.startswith("school/<str:urn>/import/") for r in routes)
    assert any(r.startswith("pupils/") for r in routes)
    assert len(routes) >= 14


def test_a_view_without_a_policy_is_caught():
    def naked(request):
        return None

    assert not hasattr(naked, "access_policy")
    assert access.public_view(naked).access_policy == "public"


def test_every_ability_a_view_asks_for_exists():
    """A misspelt ability would answer 500 instead of 403: catch it here, not in use."""
    known = set(access.abilities())
    asked = {
        view.access_policy.split(":", 1)[1]
        for _, view in _patterns(get_resolver())
        if getattr(view, "access_policy", "").startswith(("school:", "pupil:"))
    }
    assert asked and asked <= known, asked - known


def test_an_unknown_ability_is_refused_not_ignored(school, senco):
    scope = access.school_scope(senco, school.urn)
    with pytest.raises(LookupError):
        scope.may("sees_everything")
    with pytest.raises(AttributeError):
        scope.sees_everything  # noqa: B018


def test_an_ability_cannot_be_declared_twice_or_shadow_the_scope():
    with pytest.raises(ValueError, match="twice"):
        access.register_ability("sees_pupils", {"senco"})
    with pytest.raises(ValueError, match="cannot be an ability"):
        access.register_ability("role", {"senco"})
