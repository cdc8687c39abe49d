"""Each role's answer on every passport page: 200, 403 or 404 (the same as not there)."""

import pytest
from django.urls import reverse

from senco.conftest import ROLES, SENCO_ONLY_PUPIL_ACTION, assert_valid_html
from senco.profiles.tests.conftest import add_photo

READERS = {"senco": 200, "leader": 200, "teacher": 200, "ta": 200}
NOT_SEEN = {
    r: 404 for r in ("other_teacher", "office", "governor", "trust_lead", "parent", "outsider")
}
READ = {**READERS, **NOT_SEEN}
WRITE = {**SENCO_ONLY_PUPIL_ACTION, "senco": 200}
SCHOOL_403 = {"office": 403, "governor": 403, "trust_lead": 403}
NOT_THEIRS = {"parent": 404, "outsider": 404}

PUPIL_PAGES = {
    "passport_detail": READ,
    "profile_detail": READ,
    "passport_history": READ,
    "passport_compare": READ,
    "passport_pdf": READ,
    "profile_pdf": READ,
    "pupil_photo": READ,
    "passport_edit": WRITE,
    "profile_edit": WRITE,
}
SCHOOL_PAGES = {
    "my_pupils": {
        "senco": 200,
        "leader": 200,
        "teacher": 200,
        "other_teacher": 200,
        "ta": 200,
        **SCHOOL_403,
        **NOT_THEIRS,
    },
    "class_sheet_pdf": {
        "senco": 200,
        "leader": 200,
        "teacher": 200,
        "other_teacher": 404,
        "ta": 403,
        **SCHOOL_403,
        **NOT_THEIRS,
    },
    "class_sheets_year_pdf": {
        "senco": 200,
        "leader": 200,
        "teacher": 403,
        "other_teacher": 403,
        "ta": 403,
        **SCHOOL_403,
        **NOT_THEIRS,
    },
}
MATRIX = {**PUPIL_PAGES, **SCHOOL_PAGES}


def _url(name, school, pupil, group):
    if name in PUPIL_PAGES:
        return reverse(name, args=[pupil.pk])
    if name == "class_sheet_pdf":
        return reverse(name, args=[school.urn, group.pk])
    if name == "class_sheets_year_pdf":
        return reverse(name, args=[school.urn, 7])
    return reverse(name, args=[school.urn])


@pytest.fixture
def group(teacher):
    group = teacher.teaching_groups.get()
    group.year_group = 7
    group.save()
    return group


def test_the_matrix_covers_every_role():
    for name, answers in MATRIX.items():
        assert set(answers) == set(ROLES), name


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
    assert response.status_code == SENCO_ONLY_PUPIL_ACTION[role]
