import pytest
from django.urls import reverse

from senco import factories as f
from senco.audit.models import AuditEvent
from senco.pupils.models import TeachingGroup
from senco.testing import (
    ROLES,
    SENCO_ONLY_SCHOOL_ACTION,
    SENCO_ONLY_SCHOOL_PAGE,
    assert_valid_html,
    role_tables,
)

PAGES = role_tables(
    {
        "group_list": SENCO_ONLY_SCHOOL_PAGE,
        "group_add": SENCO_ONLY_SCHOOL_PAGE,
        "group_detail": SENCO_ONLY_SCHOOL_PAGE,
    }
)
CHANGES = role_tables(
    {
        "group_add": SENCO_ONLY_SCHOOL_ACTION,
        "group_detail": SENCO_ONLY_SCHOOL_ACTION,
        "group_add_pupils": SENCO_ONLY_SCHOOL_ACTION,
        "group_remove_pupil": SENCO_ONLY_SCHOOL_ACTION,
    },
    method="POST",
)


@pytest.fixture
def group(teacher):
    return teacher.teaching_groups.get()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(PAGES))
def test_each_role_on_group_pages(role, name, cast, client_for, school, group):
    args = [school.urn] if name != "group_detail" else [school.urn, group.pk]
    response = client_for(cast[role]).get(reverse(name, args=args))
    assert response.status_code == PAGES[name][role]
    if response.status_code == 200:
        assert_valid_html(response)


@pytest.mark.parametrize("role", ROLES)
def test_each_role_adding_pupils(role, cast, client_for, school, group):
    response = client_for(cast[role]).post(
        reverse("group_add_pupils", args=[school.urn, group.pk]), {"reg_group": "7A"}
    )
    assert response.status_code == CHANGES["group_add_pupils"][role]


@pytest.mark.parametrize("role", ROLES)
def test_each_role_removing_a_pupil(role, cast, client_for, school, group, pupil):
    response = client_for(cast[role]).post(
        reverse("group_remove_pupil", args=[school.urn, group.pk, pupil.pk])
    )
    assert response.status_code == CHANGES["group_remove_pupil"][role]


@pytest.mark.parametrize("role", ROLES)
def test_each_role_adding_a_group(role, cast, client_for, school):
    response = client_for(cast[role]).post(
        reverse("group_add", args=[school.urn]), {"name": "9x/Ma1", "subject": "Maths"}
    )
    assert response.status_code == CHANGES["group_add"][role]
    assert TeachingGroup.objects.filter(name="9x/Ma1").exists() == (role == "senco")


@pytest.mark.parametrize("role", ROLES)
def test_each_role_changing_a_group(role, cast, client_for, school, group, teacher):
    response = client_for(cast[role]).post(
        reverse("group_detail", args=[school.urn, group.pk]),
        {"name": "7A/En2", "teachers": [teacher.pk]},
    )
    assert response.status_code == CHANGES["group_detail"][role]
    group.refresh_from_db()
    assert (group.name == "7A/En2") == (role == "senco")


def test_senco_creates_a_group_and_its_teacher_then_sees_its_pupils(
    client_for, senco, other_teacher, school
):
    client = client_for(senco)
    response = client.post(
        reverse("group_add", args=[school.urn]),
        {"name": "9x/Ma1", "subject": "Maths", "year_group": "9", "teachers": [other_teacher.pk]},
    )
    group = TeachingGroup.objects.get(name="9x/Ma1")
    assert response["Location"] == reverse("group_detail", args=[school.urn, group.pk])
    assert list(group.teachers.all()) == [other_teacher]
    a = f.SenPupilFactory(school=school, reg_group="9K")
    b = f.SenPupilFactory(school=school, reg_group="9M")
    f.SenPupilFactory(school=school, reg_group="9M", legal_surname="Notin")
    client.post(
        reverse("group_add_pupils", args=[school.urn, group.pk]),
        {"reg_group": "9K", "upns": f"{b.upn.lower()}, X000000000000"},
    )
    assert set(group.pupils.all()) == {a, b}
    page = client.get(reverse("group_detail", args=[school.urn, group.pk]))
    assert b"X000000000000" in page.content  # the unknown UPN is reported
    register = client_for(other_teacher).get(reverse("register", args=[school.urn]))
    assert {p.pk for p in register.context["page"]} == {a.pk, b.pk}
    assert AuditEvent.objects.filter(action="group.add_pupils").exists()


def test_a_duplicate_group_name_is_refused(client_for, senco, school, group):
    response = client_for(senco).post(
        reverse("group_add", args=[school.urn]), {"name": group.name.lower()}
    )
    assert response.status_code == 200
    assert "already a group" in response.content.decode()


def test_only_teachers_of_the_school_can_be_set(
    client_for, senco, teacher, school, group, outsider, ta
):
    response = client_for(senco).post(
        reverse("group_detail", args=[school.urn, group.pk]),
        {"name": group.name, "teachers": [outsider.pk, ta.pk]},
    )
    assert response.status_code == 200
    assert "teachers" in response.context["form"].errors
    assert list(group.teachers.all()) == [teacher]


def test_pupils_of_another_school_cannot_be_added(client_for, senco, school, group, other_pupil):
    client_for(senco).post(
        reverse("group_add_pupils", args=[school.urn, group.pk]), {"upns": other_pupil.upn}
    )
    assert other_pupil not in group.pupils.all()


def test_removing_a_pupil_takes_them_from_the_teacher(
    client_for, senco, teacher, school, group, pupil
):
    client_for(senco).post(reverse("group_remove_pupil", args=[school.urn, group.pk, pupil.pk]))
    assert client_for(teacher).get(reverse("pupil_detail", args=[pupil.pk])).status_code == 404


def test_a_group_of_another_school_is_404(client_for, senco, school, other_school):
    theirs = f.TeachingGroupFactory(school=other_school)
    assert (
        client_for(senco).get(reverse("group_detail", args=[school.urn, theirs.pk])).status_code
        == 404
    )
