import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from senco.lib.clock import academic_year_of
from senco.lib.forms import date_data
from senco.schools.models import Term
from senco.testing import (
    ROLES,
    SENCO_ONLY_SCHOOL_ACTION,
    SENCO_ONLY_SCHOOL_PAGE,
    assert_valid_html,
    role_table,
)

EXPECTED = role_table("term_dates", SENCO_ONLY_SCHOOL_PAGE)
SAVING = role_table("term_dates", SENCO_ONLY_SCHOOL_ACTION, method="POST")


def dates(**overrides):
    data = {
        "autumn_starts_on": "2026-09-03",
        "autumn_ends_on": "2026-12-18",
        "spring_starts_on": "2027-01-05",
        "spring_ends_on": "2027-03-26",
        "summer_starts_on": "2027-04-12",
        "summer_ends_on": "2027-07-21",
    }
    data.update(overrides)
    # As GOV.UK's three boxes, day, month and year; "" leaves them empty.
    posted = {}
    for name, value in data.items():
        posted.update(date_data(name, datetime.date.fromisoformat(value) if value else None))
    return posted


@pytest.mark.parametrize("role", ROLES)
def test_each_role(role, cast, client_for, school):
    response = client_for(cast[role]).get(reverse("term_dates", args=[school.urn]))
    assert response.status_code == EXPECTED[role]
    if response.status_code == 200:
        assert_valid_html(response)


@pytest.mark.parametrize("role", ROLES)
def test_each_role_saving(role, cast, client_for, school):
    url = reverse("term_dates", args=[school.urn]) + "?year=2026"
    response = client_for(cast[role]).post(url, dates())
    assert response.status_code == SAVING[role]
    assert Term.objects.filter(school=school).exists() == (role == "senco")


def test_senco_sets_the_term_dates(client_for, senco, school):
    url = reverse("term_dates", args=[school.urn]) + "?year=2026"
    response = client_for(senco).post(url, dates())
    assert response.status_code == 302
    autumn = Term.objects.get(school=school, academic_year=2026, name="autumn")
    assert autumn.ends_on == datetime.date(2026, 12, 18)
    assert Term.objects.filter(school=school).count() == 3
    client_for(senco).post(url, dates(summer_ends_on="2027-07-22"))
    assert Term.objects.filter(school=school).count() == 3


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"autumn_ends_on": "2026-09-01"}, "autumn_ends_on"),
        ({"spring_starts_on": "2026-12-01"}, "spring_starts_on"),
        ({"autumn_starts_on": "2025-09-03"}, "autumn_starts_on"),
        ({"summer_ends_on": ""}, "summer_ends_on"),
    ],
)
def test_bad_dates_are_refused(client_for, senco, school, overrides, field):
    url = reverse("term_dates", args=[school.urn]) + "?year=2026"
    response = client_for(senco).post(url, dates(**overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Term.objects.exists()


def test_a_silly_year_falls_back_to_this_year(client_for, senco, school):
    response = client_for(senco).get(reverse("term_dates", args=[school.urn]) + "?year=abc")
    assert response.status_code == 200


@pytest.mark.parametrize("year", ["²", "abc", "-1", "2026.5", "99999999999999999999", "1900", ""])
def test_a_year_that_is_no_sane_year_shows_this_year(client_for, senco, school, year):
    this_year = academic_year_of(timezone.localdate())
    response = client_for(senco).get(reverse("term_dates", args=[school.urn]), {"year": year})
    assert response.status_code == 200
    assert response.context["year"] == this_year


def test_a_year_within_five_years_is_shown(client_for, senco, school):
    next_year = academic_year_of(timezone.localdate()) + 1
    url = reverse("term_dates", args=[school.urn])
    response = client_for(senco).get(url, {"year": str(next_year)})
    assert response.context["year"] == next_year


def test_a_second_tab_does_not_overwrite_the_first(client_for, senco, school):
    """Two people (or two tabs) open the term dates; the second save is refused, shows
    what the first saved, keeps what it typed, and saves once merged."""
    from senco.plans.tests.test_no_lost_update import version_in

    url = reverse("term_dates", args=[school.urn]) + "?year=2026"
    tab_1, tab_2 = client_for(senco), client_for(senco)
    opened = version_in(tab_1.get(url))
    assert version_in(tab_2.get(url)) == opened
    tab_1.post(url, {**dates(autumn_ends_on="2026-12-17"), "version": opened})
    refused = tab_2.post(url, {**dates(summer_ends_on="2027-07-20"), "version": opened})
    html = refused.content.decode()
    assert "Someone else changed this since you opened it" in html
    assert 'id="their-changes"' in html
    term = Term.objects.get(school=school, academic_year=2026, name="autumn")
    assert term.ends_on == datetime.date(2026, 12, 17)  # the first save stands
    merged = tab_2.post(
        url,
        {
            **dates(autumn_ends_on="2026-12-17", summer_ends_on="2027-07-20"),
            "version": version_in(refused),
        },
    )
    assert merged.status_code == 302
    summer = Term.objects.get(school=school, academic_year=2026, name="summer")
    assert summer.ends_on == datetime.date(2027, 7, 20)
