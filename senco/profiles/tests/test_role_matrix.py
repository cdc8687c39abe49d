"""Each role's answer on every passport page: 200, 403 or 404 (the same as not there)."""

import pytest
from django.urls import reverse

from senco.profiles.tests.conftest import add_photo
from senco.testing import (
    PUPIL_READERS,
    ROLES,
    SCHOOL_STAFF_PAGE,
    SENCO_ONLY_PUPIL_ACTION,
    SENCO_ONLY_PUPIL_PAGE,
    answers,
    assert_valid_html,
    role_tables,
)

PUPIL_PAGES = {
    "passport_detail": PUPIL_READERS,
    "profile_detail": PUPIL_READERS,
    "passport_history": PUPIL_READERS,
    "passport_compare": PUPIL_READERS,
    "passport_pdf": PUPIL_READERS,
    "profile_pdf": PUPIL_READERS,
    "pupil_photo": PUPIL_READERS,
    "passport_edit": SENCO_ONLY_PUPIL_PAGE,
    "profile_edit": SENCO_ONLY_PUPIL_PAGE,
}
SCHOOL_PAGES = {
    "my_pupils": SCHOOL_STAFF_PAGE,
    # The class sheet of a group: its teacher (the other teacher does not see the group).
    "class_sheet_pdf": answers(
        403, senco=200, leader=200, teacher=200, other_teacher=404, parent=404, outsider=404
    ),
    "class_sheets_year_pdf": answers(403, senco=200, leader=200, parent=404, outsider=404),
    "class_sheets_year": answers(403, senco=200, leader=200, parent=404, outsider=404),
}
MATRIX = role_tables({**PUPIL_PAGES, **SCHOOL_PAGES})
EDIT_POSTS = role_tables(
    {"passport_edit": SENCO_ONLY_PUPIL_ACTION, "profile_edit": SENCO_ONLY_PUPIL_ACTION},
    method="POST",
)


def _url(name, school, pupil, group):
    if name in PUPIL_PAGES:
        return reverse(name, args=[pupil.pk])
    if name == "class_sheet_pdf":
        return reverse(name, args=[school.urn, group.pk])
    if name in ("class_sheets_year_pdf", "class_sheets_year"):
        return reverse(name, args=[school.urn, 7])
    return reverse(name, args=[school.urn])


@pytest.fixture
def group(teacher):
    group = teacher.teaching_groups.get()
    group.year_group = 7
    group.save()
    return group


def test_the_matrix_covers_every_role():
    for name, table in MATRIX.items():
        assert set(table) == set(ROLES), name


@pytest.mark.parametrize("name", sorted(MATRIX))
@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_the_right_answer(
    name, role, cast, client_for, school, pupil, group, passport, senco
):
    add_photo(pupil, senco)
    response = client_for(cast[role]).get(_url(name, school, pupil, group))
    assert response.status_code == MATRIX[name][role]
    if response.status_code == 200 and name.endswith("_pdf"):
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")
    if response["Content-Type"].startswith("text/html"):
        assert_valid_html(response)


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_signed_out_users_are_sent_to_sign_in(name, client, school, pupil, group):
    response = client.get(_url(name, school, pupil, group))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", ["passport_edit", "profile_edit"])
def test_a_teacher_the_senco_allows_may_write(name, client_for, teacher, pupil, school):
    teacher.memberships.filter(school=school).update(can_edit_passports=True)
    response = client_for(teacher).get(reverse(name, args=[pupil.pk]))
    assert response.status_code == 200
    assert_valid_html(response)


@pytest.mark.parametrize("name", ["passport_edit", "profile_edit"])
@pytest.mark.parametrize("role", ROLES)
def test_posting_a_change_gives_each_role_the_right_answer(name, role, cast, client_for, pupil):
    response = client_for(cast[role]).post(
        reverse(name, args=[pupil.pk]), {"what_helps_me": "x", "important_to_me": "y"}
    )
    assert response.status_code == EDIT_POSTS[name][role]
