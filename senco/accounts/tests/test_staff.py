import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.urls import reverse

from senco.accounts.models import Membership
from senco.audit.models import AuditEvent
from senco.testing import (
    ROLES,
    SENCO_ONLY_SCHOOL_ACTION,
    SENCO_ONLY_SCHOOL_PAGE,
    assert_valid_html,
    role_table,
    role_tables,
)

User = get_user_model()
EDIT_PAGE = role_table("staff_edit", SENCO_ONLY_SCHOOL_PAGE)
CHANGES = role_tables(
    {"staff_add": SENCO_ONLY_SCHOOL_ACTION, "staff_edit": SENCO_ONLY_SCHOOL_ACTION},
    method="POST",
)


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
    signed_in = client.post(
        reverse("login"), {"username": "snibhriain", "password": "a-long-Passphrase-77"}
    )
    assert signed_in.status_code == 302


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


@pytest.mark.parametrize("role", ROLES)
def test_only_the_senco_adds_staff(role, cast, client_for, school):
    response = client_for(cast[role]).post(reverse("staff_add", args=[school.urn]), new_staff())
    assert response.status_code == CHANGES["staff_add"][role]
    assert User.objects.filter(username="snibhriain").exists() == (role == "senco")


@pytest.mark.parametrize("role", ROLES)
def test_only_the_senco_changes_staff(role, cast, client_for, school):
    membership = Membership.objects.get(user=cast["teacher"])
    url = reverse("staff_edit", args=[school.urn, membership.pk])
    response = client_for(cast[role]).post(url, {"role": "leader", "is_active": "on"})
    assert response.status_code == CHANGES["staff_edit"][role]
    membership.refresh_from_db()
    assert (membership.role == "leader") == (role == "senco")


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


@pytest.mark.parametrize(("role", "status"), EDIT_PAGE.items())
def test_each_role_on_staff_edit(role, status, cast, client_for, school):
    membership = Membership.objects.get(user=cast["teacher"])
    url = reverse("staff_edit", args=[school.urn, membership.pk])
    assert client_for(cast[role]).get(url).status_code == status


def test_staff_list_shows_everyone(client_for, senco, school, teacher, governor):
    response = client_for(senco).get(reverse("staff_list", args=[school.urn]))
    assert b"teacher" in response.content and b"SEND governor" in response.content
    assert_valid_html(response)


def settings_outside_pytest(**env) -> dict:
    """TESTING and PASSWORD_HASHERS as senco/settings.py builds them in a fresh Python that
    has not imported pytest, with no environment but PATH and `env`."""
    code = (
        "import json, sys; sys.modules.pop('pytest', None); from senco import settings; "
        "print(json.dumps([settings.TESTING, settings.PASSWORD_HASHERS]))"
    )
    clean = {name: os.environ[name] for name in ("PATH", "HOME") if name in os.environ}
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    testing, hashers = json.loads(done.stdout)
    return {"TESTING": testing, "PASSWORD_HASHERS": hashers}


def test_passwords_are_hashed_with_argon2_outside_tests():
    # As in production: DEBUG off and a key of its own (settings refuses the development key).
    production = settings_outside_pytest(SECRET_KEY="a-production-like-key-" + "x" * 40)
    assert production["TESTING"] is False
    assert production["PASSWORD_HASHERS"][:2] == [
        "senco.accounts.hashers.OwaspArgon2PasswordHasher",
        "django.contrib.auth.hashers.Argon2PasswordHasher",
    ]
    hasher = Argon2PasswordHasher()  # and argon2-cffi is installed to do it
    assert hasher.verify("a-long-Passphrase-77", hasher.encode("a-long-Passphrase-77", "saltsalt"))


def test_tests_use_the_fast_hasher_even_outside_pytest():
    assert settings_outside_pytest(SENCO_TESTING="1") == {
        "TESTING": True,
        "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
    }
    assert settings.PASSWORD_HASHERS == ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_sessions_end_after_30_minutes_of_inactivity():
    # Moved on by senco.middleware.SessionTouchMiddleware at most once a minute
    # (senco/tests/test_session_touch.py), not written on every request.
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert not settings.SESSION_SAVE_EVERY_REQUEST
    assert "senco.middleware.SessionTouchMiddleware" in settings.MIDDLEWARE


def test_senco_lets_a_teacher_write_passports(client_for, senco, school, teacher):
    from senco.access import school_scope

    membership = Membership.objects.get(user=teacher)
    url = reverse("staff_edit", args=[school.urn, membership.pk])
    client_for(senco).post(url, {"role": "teacher", "is_active": "on", "can_edit_passports": "on"})
    assert school_scope(teacher, school.urn).edits_passports
    client_for(senco).post(url, {"role": "ta", "is_active": "on", "can_edit_passports": "on"})
    membership.refresh_from_db()
    assert not membership.can_edit_passports  # only teachers
