"""Every URL pattern's view declares who may use it."""

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
