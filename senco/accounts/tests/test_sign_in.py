import pytest
from django.urls import reverse

from senco.testing import ROLES, assert_valid_html


def test_sign_in_page(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert b"There is no way to register yourself" in response.content
    assert_valid_html(response)


@pytest.mark.parametrize("role", ROLES)
def test_everyone_signs_in_and_lands_on_what_needs_doing(role, client, cast):
    response = client.post(
        reverse("login"),
        {"username": cast[role].username, "password": "correct-horse-battery"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("home")
    assert b"What needs doing" in response.content
    assert_valid_html(response)


def test_governor_lands_on_links_to_the_summary(client, governor, school):
    response = client.post(
        reverse("login"), {"username": "governor", "password": "correct-horse-battery"}, follow=True
    )
    assert reverse("register_summary", args=[school.urn]).encode() in response.content
    assert reverse("register", args=[school.urn]).encode() not in response.content


def test_trust_lead_lands_on_a_link_to_the_trust(client, trust_lead, trust):
    response = client.post(
        reverse("login"),
        {"username": "trust_lead", "password": "correct-horse-battery"},
        follow=True,
    )
    assert reverse("trust_summary", args=[trust.pk]).encode() in response.content


def test_a_wrong_password_is_a_clear_error(client, senco):
    response = client.post(reverse("login"), {"username": "senco", "password": "nope"})
    assert response.status_code == 200
    assert b"The username or password is not right" in response.content
    assert_valid_html(response)


def test_sign_out(client_for, senco, school):
    client = client_for(senco)
    assert client.post(reverse("logout")).status_code == 302
    response = client.get(reverse("register", args=[school.urn]))
    assert response["Location"].startswith(reverse("login"))


def test_no_self_registration_route(client):
    assert client.get("/accounts/signup/").status_code == 404
    assert client.get("/accounts/register/").status_code == 404


def test_office_and_parent_see_a_home_page(client_for, office, parent):
    for user in (office, parent):
        response = client_for(user).get(reverse("home"))
        assert response.status_code == 200
        assert_valid_html(response)


def test_healthz(client, db):
    assert client.get(reverse("healthz")).json()["database"] == "ok"


def test_a_failed_sign_in_does_not_write_the_password_back(client, senco):
    response = client.post(reverse("login"), {"username": "senco", "password": "s3cret-typed"})
    assert b"s3cret-typed" not in response.content
    assert b'value="senco"' in response.content
