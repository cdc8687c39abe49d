"""Sign-in throttling (django-axes): 5 failures for one username from one address within 15
minutes refuse that pair for 15 minutes; the SENCO can unlock a colleague sooner."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.db.models import F
from django.urls import reverse

from senco.accounts.models import Membership
from senco.audit.models import AuditEvent
from senco.testing import SENCO_ONLY_SCHOOL_ACTION, assert_valid_html, role_table

UNLOCK = role_table("staff_unlock", SENCO_ONLY_SCHOOL_ACTION, method="POST")
LOCKED = b"Too many attempts to sign in as this user. Try again in 15 minutes"


def sign_in(client, username="teacher", password="correct-horse-battery", **extra):
    return client.post(reverse("login"), {"username": username, "password": password}, **extra)


def fail(client, times, username="teacher", **extra):
    for _ in range(times):
        response = sign_in(client, username, "wrong-password", **extra)
    return response


def test_four_failures_do_not_lock(client, teacher):
    assert LOCKED not in fail(client, 4).content
    assert sign_in(client).status_code == 302


def test_the_fifth_failure_locks_the_username_with_a_plain_message(client, teacher):
    response = fail(client, 5)
    assert response.status_code == 429
    assert LOCKED in response.content
    assert b"ask your SENCO to unlock your account" in response.content
    assert_valid_html(response)
    # even the right password is refused now
    response = sign_in(client)
    assert response.status_code == 429
    assert LOCKED in response.content
    assert "_auth_user_id" not in client.session


def test_the_lock_ends_after_15_minutes(client, teacher):
    fail(client, 5)
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - datetime.timedelta(minutes=16))
    assert sign_in(client).status_code == 302


def test_the_lock_is_for_one_username_from_one_address(client, teacher, other_teacher):
    fail(client, 5)
    assert sign_in(client, "other_teacher").status_code == 302
    elsewhere = sign_in(client.__class__(), REMOTE_ADDR="192.0.2.7")
    assert elsewhere.status_code == 302


def test_the_senco_sees_the_lock_and_unlocks(client, client_for, senco, school, teacher):
    fail(client, 5)
    membership = Membership.objects.get(user=teacher)
    senco_client = client_for(senco)
    staff = senco_client.get(reverse("staff_list", args=[school.urn]))
    assert b"Locked out" in staff.content
    edit = senco_client.get(reverse("staff_edit", args=[school.urn, membership.pk]))
    assert b"Unlock now" in edit.content
    assert_valid_html(edit)

    response = senco_client.post(reverse("staff_unlock", args=[school.urn, membership.pk]))
    assert response.status_code == 302
    assert AuditEvent.objects.filter(
        action="staff.unlock", user=senco, school=school, detail__user=teacher.pk
    ).exists()
    assert sign_in(client).status_code == 302
    edit = senco_client.get(reverse("staff_edit", args=[school.urn, membership.pk]))
    assert b"Unlock now" not in edit.content


def test_unlock_refuses_get(client_for, senco, school, teacher):
    membership = Membership.objects.get(user=teacher)
    url = reverse("staff_unlock", args=[school.urn, membership.pk])
    assert client_for(senco).get(url).status_code == 405


@pytest.mark.parametrize(("role", "status"), UNLOCK.items())
def test_each_role_on_unlock(role, status, cast, client_for, school):
    membership = Membership.objects.get(user=cast["teacher"])
    url = reverse("staff_unlock", args=[school.urn, membership.pk])
    assert client_for(cast[role]).post(url).status_code == status
