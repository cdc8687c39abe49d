"""Every query parameter goes through a form: nonsense in any of them is never a 500."""

import pytest
from django.urls import reverse

NONSENSE = ["²", "-1", "0", "9" * 30, "1e9", "abc", "%00", "\u202e", "x" * 5000]


@pytest.mark.parametrize("value", NONSENSE)
def test_paged_lists_take_any_page(value, client_for, senco, school, pupil):
    client = client_for(senco)
    for url in (
        reverse("register", args=[school.urn]),
        reverse("contact_list", args=[school.urn]),
        reverse("pupil_audit", args=[pupil.pk]),
    ):
        response = client.get(url, {"page": value})
        assert response.status_code == 200, url


@pytest.mark.parametrize("value", NONSENSE)
def test_the_contact_search_takes_any_text(value, client_for, office, school):
    response = client_for(office).get(reverse("contact_list", args=[school.urn]), {"q": value})
    assert response.status_code == 200
    assert response.context["query"] == response.context["query"][:100]
    assert "\u202e" not in response.context["query"]


@pytest.mark.parametrize("value", NONSENSE)
def test_term_dates_take_any_year(value, client_for, senco, school):
    response = client_for(senco).get(reverse("term_dates", args=[school.urn]), {"year": value})
    assert response.status_code == 200
