"""Each role's answer on every page: 200, 302 (a redirect to their start page), 403 or 404.

A user with no business at a school gets the same 404 as for a page that does not exist.
"""

import re

import pytest
from django.urls import reverse

from senco.testing import (
    EVERYONE_SIGNED_IN,
    PUPIL_READERS,
    ROLES,
    SCHOOL_STAFF_PAGE,
    SENCO_ONLY_PUPIL_PAGE,
    SENCO_ONLY_SCHOOL_PAGE,
    SUMMARY_READERS,
    TRUST_LEAD_ONLY,
    assert_valid_html,
    role_tables,
)

MATRIX = role_tables(
    {
        "register": SCHOOL_STAFF_PAGE,
        "register_export": SCHOOL_STAFF_PAGE,
        "register_summary": SUMMARY_READERS,
        "staff_list": SENCO_ONLY_SCHOOL_PAGE,
        "staff_add": SENCO_ONLY_SCHOOL_PAGE,
        "pupil_detail": PUPIL_READERS,
        "pupil_audit": SENCO_ONLY_PUPIL_PAGE,
        "register_change": SENCO_ONLY_PUPIL_PAGE,
        "trust_summary": TRUST_LEAD_ONLY,
        "home": EVERYONE_SIGNED_IN,
    }
)


def _url(name, school, pupil, trust, membership_id=None):
    if name in ("register", "register_export", "register_summary", "staff_list", "staff_add"):
        return reverse(name, args=[school.urn])
    if name in ("pupil_detail", "pupil_audit", "register_change"):
        return reverse(name, args=[pupil.pk])
    if name == "trust_summary":
        return reverse(name, args=[trust.pk])
    return reverse(name)


def test_the_matrix_covers_every_role():
    for name, answers in MATRIX.items():
        assert set(answers) == set(ROLES), name


@pytest.mark.parametrize("name", sorted(MATRIX))
@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_the_right_answer(name, role, cast, client_for, school, pupil, trust):
    response = client_for(cast[role]).get(_url(name, school, pupil, trust))
    assert response.status_code == MATRIX[name][role]
    if response.status_code in (200, 403, 404) and response["Content-Type"].startswith("text/html"):
        assert_valid_html(response)


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_signed_out_users_are_sent_to_sign_in(name, client, school, pupil, trust):
    response = client.get(_url(name, school, pupil, trust))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_school_that_does_not_exist_is_the_same_404(client_for, senco):
    response = client_for(senco).get(reverse("register", args=["555555"]))
    assert response.status_code == 404


def test_a_pupil_that_does_not_exist_gives_the_same_page_as_another_schools(
    client_for, senco, other_pupil
):
    client = client_for(senco)
    missing = client.get(reverse("pupil_detail", args=[999999]))
    theirs = client.get(reverse("pupil_detail", args=[other_pupil.pk]))
    assert missing.status_code == theirs.status_code == 404
    token = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"')
    assert token.sub(b"", missing.content) == token.sub(b"", theirs.content)
