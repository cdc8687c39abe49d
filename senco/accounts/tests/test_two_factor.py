"""Two-factor sign-in: set up an authenticator app, sign in with its code or a recovery
code, the school's requirement, and the SENCO removing a lost phone."""

import re

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from senco import factories as f
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

PASSWORD = "correct-horse-battery"

ACCOUNT = role_table("account", EVERYONE_SIGNED_IN)
SETUP_PAGE = role_table("two_factor_setup", EVERYONE_SIGNED_IN)
# A wrong code: the page again, with the error, for everyone.
SETUP = role_table("two_factor_setup", EVERYONE_SIGNED_IN, method="POST")
# With nothing owed or nothing to show, each of these goes back to the account or home.
CODES_PAGE = role_table("two_factor_codes", dict.fromkeys(ROLES, 302))
NEW_CODES = role_table("recovery_codes_new", dict.fromkeys(ROLES, 302), method="POST")
OFF_PAGE = role_table("two_factor_off", dict.fromkeys(ROLES, 302))
OFF = role_table("two_factor_off", dict.fromkeys(ROLES, 302), method="POST")
VERIFY_PAGE = role_table("two_factor_verify", dict.fromkeys(ROLES, 302))
VERIFY = role_table("two_factor_verify", dict.fromkeys(ROLES, 302), method="POST")
RESET = role_table("staff_two_factor_reset", SENCO_ONLY_SCHOOL_ACTION, method="POST")
SCHOOL_PAGE = role_table("school_sign_in", SENCO_ONLY_SCHOOL_PAGE)
SCHOOL_SAVE = role_table("school_sign_in", SENCO_ONLY_SCHOOL_ACTION, method="POST")

GET_TABLES = {
    "account": ACCOUNT,
    "two_factor_setup": SETUP_PAGE,
    "two_factor_codes": CODES_PAGE,
    "two_factor_off": OFF_PAGE,
    "two_factor_verify": VERIFY_PAGE,
}
POST_TABLES = {
    "two_factor_setup": (SETUP, {"code": "000000"}),
    "recovery_codes_new": (NEW_CODES, {}),
    "two_factor_off": (OFF, {"password": PASSWORD}),
    "two_factor_verify": (VERIFY, {"code": "000000"}),
}


@pytest.mark.parametrize(
    ("name", "role", "status"),
    [(name, role, status) for name, table in GET_TABLES.items() for role, status in table.items()],
)
def test_each_role_on_each_page(name, role, status, cast, client_for):
    response = client_for(cast[role]).get(reverse(name))
    assert response.status_code == status
    if status == 200:
        assert_valid_html(response)


@pytest.mark.parametrize(
    ("name", "role", "status"),
    [(name, role, s) for name, (table, _) in POST_TABLES.items() for role, s in table.items()],
)
def test_each_role_posts(name, role, status, cast, client_for):
    response = client_for(cast[role]).post(reverse(name), POST_TABLES[name][1])
    assert response.status_code == status


@pytest.mark.parametrize(("role", "status"), SCHOOL_PAGE.items())
def test_each_role_on_the_school_page(role, status, cast, client_for, school):
    assert client_for(cast[role]).get(reverse("school_sign_in", args=[school.urn])).status_code == (
        status
    )


@pytest.mark.parametrize(("role", "status"), SCHOOL_SAVE.items())
def test_each_role_saves_the_school_rule(role, status, cast, client_for, school):
    url = reverse("school_sign_in", args=[school.urn])
    assert client_for(cast[role]).post(url, {"two_factor_required": "on"}).status_code == status
    school.refresh_from_db()
    assert school.two_factor_required == (status == 302)


@pytest.mark.parametrize(("role", "status"), RESET.items())
def test_each_role_removes_a_colleagues_app(role, status, cast, client_for, school, teacher):
    membership = Membership.objects.get(user=teacher, school=school)
    url = reverse("staff_two_factor_reset", args=[school.urn, membership.pk])
    assert client_for(cast[role]).post(url).status_code == status


# --- Helpers -------------------------------------------------------------------------------


def code_now(device: TOTPDevice) -> str:
    """What the person's app shows now; the device forgets the last code it took and any
    wait after a wrong one, as after waiting 30 seconds for the next code."""
    TOTPDevice.objects.filter(pk=device.pk).update(
        last_t=-1, throttling_failure_count=0, throttling_failure_timestamp=None
    )
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"  # an app shows the leading zeros


def sign_in(client, username):
    return client.post(reverse("login"), {"username": username, "password": PASSWORD})


def set_up(client) -> tuple[TOTPDevice, list[str]]:
    page = client.get(reverse("two_factor_setup"))
    assert page.status_code == 200
    device = TOTPDevice.objects.get(confirmed=False)
    response = client.post(reverse("two_factor_setup"), {"code": code_now(device)})
    assert response["Location"] == reverse("two_factor_codes")
    codes_page = client.get(reverse("two_factor_codes"))
    codes = re.findall(r"<code>([a-z0-9]{5}-[a-z0-9]{5})</code>", codes_page.content.decode())
    device.refresh_from_db()
    return device, codes


# --- Setting up and signing in -------------------------------------------------------------


def test_setting_up_shows_a_qr_code_and_the_key_then_the_codes_once(client, teacher):
    sign_in(client, "teacher")
    page = client.get(reverse("two_factor_setup"))
    assert_valid_html(page)
    html = page.content.decode()
    assert 'src="data:image/svg+xml;base64,' in html
    assert 'id="secret"' in html

    wrong = client.post(reverse("two_factor_setup"), {"code": "123456"})
    assert wrong.status_code == 200
    assert "The security code is not right" in wrong.content.decode()
    assert not TOTPDevice.objects.filter(user=teacher, confirmed=True).exists()

    device, codes = set_up(client)
    assert device.confirmed
    assert len(codes) == 10 and len(set(codes)) == 10
    assert StaticToken.objects.filter(device__user=teacher).count() == 10
    # Shown once: the page does not show them again.
    assert client.get(reverse("two_factor_codes"))["Location"] == reverse("account")
    assert AuditEvent.objects.filter(user=teacher, action="auth.two_factor_on").exists()


def test_signing_in_asks_for_the_code_before_any_page(client, teacher, school, pupil):
    sign_in(client, "teacher")
    device, _codes = set_up(client)
    client.post(reverse("logout"))

    assert sign_in(client, "teacher").status_code == 302
    for url in (
        reverse("home"),
        reverse("register", args=[school.urn]),
        reverse("pupil_detail", args=[pupil.pk]),
        reverse("password_change"),
        reverse("account"),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("two_factor_verify"))
    page = client.get(reverse("two_factor_verify"))
    assert_valid_html(page)
    assert b"Enter your security code" in page.content

    wrong = client.post(reverse("two_factor_verify"), {"code": "000000"})
    assert "The security code is not right" in wrong.content.decode()
    assert AuditEvent.objects.filter(user=teacher, action="auth.two_factor_failed").exists()
    assert client.get(reverse("home")).status_code == 302

    right = client.post(
        reverse("two_factor_verify"),
        {"code": code_now(device), "next": reverse("pupil_detail", args=[pupil.pk])},
    )
    assert right["Location"] == reverse("pupil_detail", args=[pupil.pk])
    assert client.get(reverse("home")).status_code == 200
    assert AuditEvent.objects.filter(user=teacher, action="auth.two_factor_passed").exists()


def test_a_code_cannot_be_used_twice(client, teacher):
    sign_in(client, "teacher")
    device, _codes = set_up(client)
    client.post(reverse("logout"))
    sign_in(client, "teacher")
    code = code_now(device)
    assert client.post(reverse("two_factor_verify"), {"code": code}).status_code == 302
    client.post(reverse("logout"))
    sign_in(client, "teacher")
    again = client.post(reverse("two_factor_verify"), {"code": code})
    assert again.status_code == 200
    assert client.get(reverse("home")).status_code == 302


def test_a_recovery_code_works_once(client, teacher):
    sign_in(client, "teacher")
    _device, codes = set_up(client)
    client.post(reverse("logout"))

    sign_in(client, "teacher")
    response = client.post(reverse("two_factor_verify"), {"code": codes[0].upper()}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("home")
    assert b"9 left" in response.content
    assert AuditEvent.objects.filter(user=teacher, action="auth.recovery_code_used").exists()
    client.post(reverse("logout"))

    sign_in(client, "teacher")
    assert client.post(reverse("two_factor_verify"), {"code": codes[0]}).status_code == 200
    StaticDevice.objects.update(throttling_failure_count=0)  # a moment later
    assert client.post(reverse("two_factor_verify"), {"code": codes[1]}).status_code == 302


def test_guessing_is_slowed_down(client, teacher):
    sign_in(client, "teacher")
    set_up(client)
    client.post(reverse("logout"))
    sign_in(client, "teacher")
    answers = [
        client.post(reverse("two_factor_verify"), {"code": "111111"}).content.decode()
        for _ in range(3)
    ]
    assert "too many wrong codes" in answers[-1]


def test_the_next_address_cannot_lead_elsewhere(client, teacher):
    sign_in(client, "teacher")
    device, _ = set_up(client)
    client.post(reverse("logout"))
    sign_in(client, "teacher")
    response = client.post(
        reverse("two_factor_verify"), {"code": code_now(device), "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("home")


def test_new_recovery_codes_replace_the_old(client, teacher):
    sign_in(client, "teacher")
    _device, old = set_up(client)
    assert client.post(reverse("recovery_codes_new"))["Location"] == reverse("two_factor_codes")
    page = client.get(reverse("two_factor_codes")).content.decode()
    new = re.findall(r"<code>([a-z0-9]{5}-[a-z0-9]{5})</code>", page)
    assert len(new) == 10 and not set(new) & set(old)
    assert StaticToken.objects.filter(device__user=teacher).count() == 10


def test_turning_it_off_needs_your_password(client, teacher):
    sign_in(client, "teacher")
    set_up(client)
    page = client.get(reverse("two_factor_off"))
    assert_valid_html(page)
    wrong = client.post(reverse("two_factor_off"), {"password": "not-my-password"})
    assert "Your password is not right" in wrong.content.decode()
    assert TOTPDevice.objects.filter(user=teacher).exists()
    assert client.post(reverse("two_factor_off"), {"password": PASSWORD}).status_code == 302
    assert not TOTPDevice.objects.filter(user=teacher).exists()
    assert not StaticToken.objects.filter(device__user=teacher).exists()


# --- The school's rule ---------------------------------------------------------------------


def test_a_school_requires_it_of_the_senco_and_leaders_only(
    client, client_for, senco, leader, teacher, school
):
    page = client_for(senco).get(reverse("school_sign_in", args=[school.urn]))
    assert_valid_html(page)
    client_for(senco).post(
        reverse("school_sign_in", args=[school.urn]), {"two_factor_required": "on"}
    )
    assert AuditEvent.objects.filter(action="school.sign_in", school=school).exists()

    sign_in(client, "leader")
    assert client.get(reverse("home"))["Location"] == reverse("two_factor_setup")
    page = client.get(reverse("two_factor_setup"))
    assert b"Your school requires you" in page.content
    set_up(client)
    assert client.get(reverse("home")).status_code == 200
    # It cannot be turned off while required.
    assert client.get(reverse("two_factor_off"))["Location"] == reverse("account")
    client.post(reverse("logout"))

    sign_in(client, "teacher")
    assert client.get(reverse("home")).status_code == 200


def test_the_trust_lead_must_use_it_when_a_school_of_the_trust_requires_it(
    client, trust_lead, school
):
    school.two_factor_required = True
    school.save()
    sign_in(client, "trust_lead")
    assert client.get(reverse("home"))["Location"] == reverse("two_factor_setup")


def test_a_stale_school_rule_is_refused(client_for, senco, school):
    url = reverse("school_sign_in", args=[school.urn])
    client = client_for(senco)
    assert client.post(url, {"two_factor_required": "on", "version": "0"}).status_code == 302
    stale = client.post(url, {"version": "0"})
    assert "Someone else changed this since you opened it" in stale.content.decode()
    school.refresh_from_db()
    assert school.two_factor_required


def test_the_senco_removes_a_lost_phone(client, client_for, senco, teacher, school):
    sign_in(client, "teacher")
    set_up(client)
    membership = Membership.objects.get(user=teacher, school=school)
    page = client_for(senco).get(reverse("staff_edit", args=[school.urn, membership.pk]))
    assert b"Remove their two-factor sign-in" in page.content
    client_for(senco).post(reverse("staff_two_factor_reset", args=[school.urn, membership.pk]))
    assert not TOTPDevice.objects.filter(user=teacher).exists()
    assert AuditEvent.objects.filter(
        action="staff.two_factor_reset", user=senco, detail__user=teacher.pk
    ).exists()
    client.post(reverse("logout"))
    sign_in(client, "teacher")
    assert client.get(reverse("home")).status_code == 200


def test_a_colleague_at_another_school_cannot_be_reset(client_for, senco, other_school):
    stranger = f.MembershipFactory(school=other_school, role="teacher")
    url = reverse("staff_two_factor_reset", args=[other_school.urn, stranger.pk])
    assert client_for(senco).post(url).status_code == 404
