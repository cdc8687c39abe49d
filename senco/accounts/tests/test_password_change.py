"""Change your own password; a password someone else set must be changed at first sign-in."""

import pytest
from django.urls import reverse

from senco.accounts.models import Membership
from senco.audit.models import AuditEvent
from senco.testing import (
    EVERYONE_SIGNED_IN,
    ROLES,
    SENCO_ONLY_SCHOOL_ACTION,
    SENCO_ONLY_SCHOOL_PAGE,
    assert_valid_html,
    role_table,
)

CHANGE_PAGE = role_table("password_change", EVERYONE_SIGNED_IN)
CHANGE = role_table("password_change", dict.fromkeys(ROLES, 302), method="POST")
STAFF_PASSWORD_PAGE = role_table("staff_password", SENCO_ONLY_SCHOOL_PAGE)
STAFF_PASSWORD = role_table("staff_password", SENCO_ONLY_SCHOOL_ACTION, method="POST")

OLD = "correct-horse-battery"
NEW = "a-long-Passphrase-77"


def change(client, current=OLD, new=NEW, again=None):
    return client.post(
        reverse("password_change"),
        {"current_password": current, "new_password": new, "new_password_again": again or new},
    )


def sign_in(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


@pytest.mark.parametrize(("role", "status"), CHANGE_PAGE.items())
def test_each_role_on_the_page(role, status, cast, client_for):
    response = client_for(cast[role]).get(reverse("password_change"))
    assert response.status_code == status


@pytest.mark.parametrize(("role", "status"), CHANGE.items())
def test_each_role_changes_their_own_password(role, status, cast, client_for):
    assert change(client_for(cast[role])).status_code == status
    cast[role].refresh_from_db()
    assert cast[role].check_password(NEW)


def test_the_page_is_valid_and_signed_out_people_are_sent_to_sign_in(client, client_for, teacher):
    response = client_for(teacher).get(reverse("password_change"))
    assert b"Change your password" in response.content
    assert_valid_html(response)
    assert client.get(reverse("password_change"))["Location"].startswith(reverse("login"))


def test_a_change_keeps_you_signed_in_and_is_audited(client, teacher):
    sign_in(client, "teacher", OLD)
    assert change(client)["Location"] == reverse("home")
    assert client.get(reverse("home")).status_code == 200  # still signed in
    event = AuditEvent.objects.get(action="auth.password_change")
    assert event.user == teacher
    assert NEW not in str(event.detail)
    client.post(reverse("logout"))
    assert sign_in(client, "teacher", NEW).status_code == 302


@pytest.mark.parametrize(
    ("current", "new", "again", "field", "message"),
    [
        ("wrong-one-here", NEW, NEW, "current_password", "Current password is not right"),
        (OLD, NEW, NEW + "x", "new_password_again", "must be the same as the new password"),
        (OLD, "short", "short", "new_password", "New password must be 10 characters or more"),
        (OLD, "1234567890123", None, "new_password", "must include letters"),
        (OLD, OLD, OLD, "new_password", "must be different from the current one"),
        ("", NEW, NEW, "current_password", "Enter your current password"),
    ],
)
def test_mistakes_are_named_the_govuk_way(current, new, again, field, message, client_for, teacher):
    response = change(client_for(teacher), current, new, again)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert_valid_html(response)
    teacher.refresh_from_db()
    assert teacher.check_password(OLD)


# --- A password someone else chose ---------------------------------------------------------


def test_a_new_member_of_staff_must_choose_their_own_password(client, client_for, senco, school):
    client_for(senco).post(
        reverse("staff_add", args=[school.urn]),
        {
            "first_name": "Ann",
            "last_name": "Other",
            "email": "ann@example.org",
            "username": "aother",
            "role": "teacher",
            "password": "given-by-the-SENCO-1",
        },
    )
    response = sign_in(client, "aother", "given-by-the-SENCO-1")
    assert response.status_code == 302
    landing = client.get(response["Location"])
    assert landing["Location"] == reverse("password_change")
    for url in (reverse("home"), reverse("register", args=[school.urn])):
        assert client.get(url)["Location"] == reverse("password_change")
    page = client.get(reverse("password_change"))
    assert b"Someone else chose the password" in page.content
    assert_valid_html(page)

    assert change(client, "given-by-the-SENCO-1", NEW).status_code == 302
    assert client.get(reverse("home")).status_code == 200
    assert AuditEvent.objects.filter(action="auth.password_change").exists()


def test_sign_out_still_works_before_changing(client, teacher):
    teacher.must_change_password = True
    teacher.save()
    sign_in(client, "teacher", OLD)
    assert client.post(reverse("logout"))["Location"] == reverse("login")
    assert "_auth_user_id" not in client.session


def test_the_senco_gives_a_colleague_a_new_password(client, client_for, senco, school, teacher):
    membership = Membership.objects.get(user=teacher)
    url = reverse("staff_password", args=[school.urn, membership.pk])
    senco_client = client_for(senco)
    page = senco_client.get(url)
    assert_valid_html(page)
    assert senco_client.post(url, {"password": "from-the-SENCO-2"}).status_code == 302
    teacher.refresh_from_db()
    assert teacher.must_change_password
    assert AuditEvent.objects.filter(
        action="staff.password_set", user=senco, school=school, detail__user=teacher.pk
    ).exists()
    sign_in(client, "teacher", "from-the-SENCO-2")
    assert client.get(reverse("home"))["Location"] == reverse("password_change")


def test_a_weak_password_from_the_senco_is_refused(client_for, senco, school, teacher):
    membership = Membership.objects.get(user=teacher)
    url = reverse("staff_password", args=[school.urn, membership.pk])
    response = client_for(senco).post(url, {"password": "short"})
    assert response.status_code == 200
    assert "New password must be 10 characters or more" in str(response.context["form"].errors)


@pytest.mark.parametrize(("role", "status"), STAFF_PASSWORD_PAGE.items())
def test_each_role_on_the_staff_password_page(role, status, cast, client_for, school):
    membership = Membership.objects.get(user=cast["teacher"])
    url = reverse("staff_password", args=[school.urn, membership.pk])
    assert client_for(cast[role]).get(url).status_code == status


@pytest.mark.parametrize(("role", "status"), STAFF_PASSWORD.items())
def test_only_the_senco_sets_a_colleagues_password(role, status, cast, client_for, school):
    membership = Membership.objects.get(user=cast["teacher"])
    url = reverse("staff_password", args=[school.urn, membership.pk])
    assert client_for(cast[role]).post(url, {"password": "from-the-SENCO-2"}).status_code == status
    cast["teacher"].refresh_from_db()
    assert cast["teacher"].must_change_password == (role == "senco")
