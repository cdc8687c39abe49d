import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse

from senco.accounts.models import Membership
from senco.audit.models import AuditEvent
from senco.conftest import assert_valid_html

User = get_user_model()


def new_staff(**overrides):
    data = {
        "first_name": "Siobhán",
        "last_name": "Ní Bhriain",
        "email": "s.nibhriain@example.org",
        "username": "snibhriain",
        "role": "ta",
        "password": "a-long-Passphrase-77",
    }
    data.update(overrides)
    return data


def test_senco_adds_a_member_of_staff_who_can_sign_in(client_for, senco, school, client):
    response = client_for(senco).post(reverse("staff_add", args=[school.urn]), new_staff())
    assert response.status_code == 302
    membership = Membership.objects.get(user__username="snibhriain")
    assert (membership.school, membership.role) == (school, "ta")
    assert membership.user.first_name == "Siobhán"
    assert AuditEvent.objects.filter(action="staff.add", user=senco).exists()
    assert client.login(username="snibhriain", password="a-long-Passphrase-77")


def test_a_weak_password_is_refused(client_for, senco, school):
    response = client_for(senco).post(
        reverse("staff_add", args=[school.urn]), new_staff(password="password")
    )
    assert response.status_code == 200
    assert response.context["form"].errors["password"]
    assert b"Siob" in response.content  # what was typed is kept
    assert not User.objects.filter(username="snibhriain").exists()
    assert_valid_html(response)


def test_a_taken_username_is_refused(client_for, senco, school, teacher):
    response = client_for(senco).post(
        reverse("staff_add", args=[school.urn]), new_staff(username="TEACHER")
    )
    assert "That username is taken" in response.context["form"].errors["username"][0]


@pytest.mark.parametrize("role", ["leader", "teacher", "ta", "office", "governor", "trust_lead"])
def test_only_the_senco_adds_staff(role, cast, client_for, school):
    response = client_for(cast[role]).post(reverse("staff_add", args=[school.urn]), new_staff())
    assert response.status_code == 403
    assert not User.objects.filter(username="snibhriain").exists()


def test_senco_changes_a_role_and_switches_off_sign_in(client_for, senco, school, teacher):
    membership = Membership.objects.get(user=teacher)
    url = reverse("staff_edit", args=[school.urn, membership.pk])
    client = client_for(senco)
    assert client.get(url).status_code == 200
    response = client.post(url, {"role": "leader"})
    assert response.status_code == 302
    membership.refresh_from_db()
    teacher.refresh_from_db()
    assert membership.role == "leader"
    assert not teacher.is_active


def test_senco_cannot_lock_themselves_out(client_for, senco, school):
    membership = Membership.objects.get(user=senco)
    url = reverse("staff_edit", args=[school.urn, membership.pk])
    response = client_for(senco).post(url, {"role": "teacher", "is_active": "on"})
    assert response.status_code == 200
    membership.refresh_from_db()
    assert membership.role == "senco"


def test_staff_of_another_school_is_404(client_for, senco, school, outsider):
    membership = Membership.objects.get(user=outsider)
    url = reverse("staff_edit", args=[school.urn, membership.pk])
    assert client_for(senco).get(url).status_code == 404


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("senco", 200),
        ("leader", 403),
        ("teacher", 403),
        ("other_teacher", 403),
        ("ta", 403),
        ("office", 403),
        ("governor", 403),
        ("trust_lead", 403),
        ("parent", 404),
        ("outsider", 404),
    ],
)
def test_each_role_on_staff_edit(role, status, cast, client_for, school):
    membership = Membership.objects.get(user=cast["teacher"])
    url = reverse("staff_edit", args=[school.urn, membership.pk])
    assert client_for(cast[role]).get(url).status_code == status


def test_staff_list_shows_everyone(client_for, senco, school, teacher, governor):
    response = client_for(senco).get(reverse("staff_list", args=[school.urn]))
    assert b"teacher" in response.content and b"SEND governor" in response.content
    assert_valid_html(response)


def test_passwords_are_hashed_with_argon2_outside_tests():
    from senco import settings as project_settings

    assert (
        "Argon2PasswordHasher" in project_settings.PASSWORD_HASHERS[0] or project_settings.TESTING
    )


def test_sessions_end_after_30_minutes_of_inactivity():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST


def test_senco_lets_a_teacher_write_passports(client_for, senco, school, teacher):
    from senco.access import school_scope

    membership = Membership.objects.get(user=teacher)
    url = reverse("staff_edit", args=[school.urn, membership.pk])
    client_for(senco).post(url, {"role": "teacher", "is_active": "on", "can_edit_passports": "on"})
    assert school_scope(teacher, school.urn).edits_passports
    client_for(senco).post(url, {"role": "ta", "is_active": "on", "can_edit_passports": "on"})
    membership.refresh_from_db()
    assert not membership.can_edit_passports  # only teachers
