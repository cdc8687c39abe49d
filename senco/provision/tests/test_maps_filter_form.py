"""The whole-school map's filter form, drawn once a process for all that decides it
(`map_views._filter_form`): whatever was asked before, each page shows what the template
draws for its own query string."""

import pytest
from django.http import QueryDict
from django.template.loader import render_to_string
from django.urls import reverse

from senco.provision import map_views
from senco.provision.map_forms import MapForm
from senco.provision.tests.map_fixtures import add_group, map_offer  # noqa: F401

pytestmark = pytest.mark.django_db

QUERIES = [
    "",
    "period=never",
    "by=year",
    "by=class",
    "by=staff",
    "by=bad",
    "year=7",
    "year=abc",
    "year=7&year=8",
    "area=SEMH",
    "area=XX",
    "wave=2",
    "wave=9",
    "sen=E",
    "sen=bad",
    "staff=999999",
    "year=8&area=CL&by=year",
    "wave=3&sen=K&by=sen",
    "page=2&q=Smith",
    "year=&by=",
]


def _expected(response, query: str, urn: str) -> str:
    """The filter form as the template draws it for a form of this query string alone."""
    offered = response.context["form"]
    form = MapForm(
        QueryDict(query) or None,
        periods=list(offered.periods.values()),
        staff=[c for c in offered.fields["staff"].choices if c[0]],
    )
    return render_to_string("provision/maps/_filter.html", {"form": form, "urn": urn})


def _queries(response) -> list[str]:
    """QUERIES, with each period and member of staff offered."""
    form = response.context["form"]
    periods = [f"period={key}" for key, _label in form.fields["period"].choices]
    staff = [f"staff={key}" for key, _label in form.fields["staff"].choices if key]
    return QUERIES + periods + staff


def test_each_query_string_shows_its_own_filters(client_for, senco, school, map_offer):  # noqa: F811
    map_views._FILTER_FORMS.clear()
    client, url = client_for(senco), reverse("provision_map", args=[school.urn])
    queries = _queries(client.get(url))
    assert len(queries) > 30
    for query in queries + queries[::-1]:  # drawn, then from the cache
        response = client.get(f"{url}?{query}")
        expected = _expected(response, query, school.urn)
        assert response.context["filter_form"] == expected, query
        assert f"</p>\n{expected}\n<p" in response.content.decode(), query
    assert 0 < len(map_views._FILTER_FORMS) <= map_views._FILTER_FORMS.kept


def test_errors_and_the_open_limits_follow_the_query(client_for, senco, school, map_offer):  # noqa: F811
    client, url = client_for(senco), reverse("provision_map", args=[school.urn])
    for _ in range(2):
        page = client.get(url, {"wave": "9"}).content.decode()
        assert "Choose a wave from the list" in page and 'class="govuk-details" open' not in page
        page = client.get(url, {"wave": "3"}).content.decode()
        assert "Choose a wave from the list" not in page and 'class="govuk-details" open' in page
        assert "Show the whole school" in page


def test_a_new_member_of_staff_is_offered(client_for, senco, school, map_offer):  # noqa: F811
    """The staff offered are part of the key: a group given to someone new shows them."""
    client, url = client_for(senco), reverse("provision_map", args=[school.urn])
    option = ">Speech therapist</option>"  # not the map's lines: a group with no pupils
    assert option not in client.get(url).content.decode()
    add_group(school, map_offer["zones"], [], name="Zones Friday", staff_name="Speech therapist")
    assert option in client.get(url).content.decode()


def test_a_download_draws_no_form(client_for, senco, school, map_offer):  # noqa: F811
    map_views._FILTER_FORMS.clear()
    url = reverse("provision_map_download", args=[school.urn, "xlsx"])
    assert client_for(senco).get(url, {"wave": "2"}).status_code == 200
    assert len(map_views._FILTER_FORMS) == 0


def test_the_cache_stays_bounded(client_for, senco, school, map_offer):  # noqa: F811
    client, url = client_for(senco), reverse("provision_map", args=[school.urn])
    for n in range(map_views._FILTER_FORMS.kept + 10):
        page = client.get(url, {"staff": f"nobody{n}"}).content.decode()
        assert "Choose a member of staff from the list" in page
        assert len(map_views._FILTER_FORMS) <= map_views._FILTER_FORMS.kept
