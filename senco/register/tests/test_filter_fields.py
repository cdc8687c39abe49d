"""The register's filter fields, drawn once a process for all that decides them
(`views._filter_fields`): whatever was asked before, each page shows what the template
draws for its own query string."""

import pytest
from django.http import QueryDict
from django.template.loader import render_to_string
from django.urls import reverse

from senco.register import views
from senco.register.forms import RegisterFilterForm

pytestmark = pytest.mark.django_db

QUERIES = [
    "",
    "q=Smith",
    "q=%3Cb%3E%22O%27Brien%22+%26+co",
    "q=" + "x" * 101,
    "year=7",
    "year=abc",
    "year=7&year=10",
    "reg=9K",
    "reg=ZZZ",
    "provision=E",
    "provision=bad",
    "primary=SPLD",
    "secondary=SLCN",
    "need=SEMH",
    "need=nope",
    "area=CL",
    "sex=F",
    "pp=yes",
    "eal=no",
    "lac=yes",
    "lac=maybe",
    "not_told=on",
    "show_all=on",
    "show_all=off",
    "page=2",
    "sort=year&dir=desc",
    "sort=bogus&dir=x",
    "year=9&provision=E&pp=yes&show_all=on",
    "year=10&reg=ZZZ&sort=name",
    "unknown=1",
]


def _expected(response, query: str) -> str:
    """The filter fields as the template draws them for a form of this query string alone."""
    groups = [g for g, _label in response.context["form"].fields["reg"].choices if g]
    form = RegisterFilterForm(QueryDict(query) or None, reg_groups=groups)
    form.is_valid()
    context = {key: response.context[key] for key in ("filtering", "sort", "dir")}
    return render_to_string("register/_filter_fields.html", {"form": form, **context})


def test_each_query_string_shows_its_own_filters(client_for, senco, school, register_pupils):
    views._FILTER_FIELDS.clear()
    client, url = client_for(senco), reverse("register", args=[school.urn])
    for query in QUERIES + QUERIES[::-1]:  # drawn, then from the cache
        response = client.get(f"{url}?{query}")
        expected = _expected(response, query)
        assert response.context["filter_fields"] == expected, query
        form_start = '<form method="get" action="" class="govuk-!-margin-bottom-4">'
        placed = f'{form_start}\n  {expected}\n  <div class="govuk-button-group">'
        assert placed in response.content.decode(), query
    assert 0 < len(views._FILTER_FIELDS) <= views._FILTER_FIELDS.kept


def test_errors_and_the_open_filters_follow_the_query(client_for, senco, school, register_pupils):
    client, url = client_for(senco), reverse("register", args=[school.urn])
    for _ in range(2):
        page = client.get(url, {"year": "abc"}).content.decode()
        assert (
            "Choose one of the options for year group" in page
            and 'class="govuk-details" open' not in page
        )
        page = client.get(url, {"year": "9"}).content.decode()
        assert (
            "Choose one of the options for year group" not in page
            and 'class="govuk-details" open' in page
        )
        page = client.get(url, {"q": "Nowak", "sort": "year", "dir": "desc"}).content.decode()
        assert 'value="Nowak"' in page and 'name="dir" value="desc"' in page
        assert 'class="govuk-details" open' not in page


def test_each_person_is_offered_their_own_groups(
    client_for, senco, teacher, school, register_pupils
):
    """The same query string draws different registration groups for the SENCO (every
    pupil's) and a teacher (their pupils'): the groups offered are part of the key."""
    url = reverse("register", args=[school.urn])
    nine_k = '<option value="9K">'
    for _ in range(2):
        assert nine_k in client_for(senco).get(url).content.decode()
        assert nine_k not in client_for(teacher).get(url).content.decode()


def test_the_cache_stays_bounded(client_for, senco, school, register_pupils):
    client, url = client_for(senco), reverse("register", args=[school.urn])
    for n in range(views._FILTER_FIELDS.kept + 10):
        page = client.get(url, {"q": f"name{n}"}).content.decode()
        assert f'value="name{n}"' in page
        assert len(views._FILTER_FIELDS) <= views._FILTER_FIELDS.kept
