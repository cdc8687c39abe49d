"""Held safely, in the browser: two-factor sign-in from setting it up to signing in with a
code or a recovery code, and a save from a stale tab refused without losing what was typed."""

import base64
import re

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from senco.audit.models import AuditEvent
from senco.profiles.models import PassportVersion

pytestmark = pytest.mark.django_db(transaction=True)


def app_code(secret: str) -> str:
    """What an authenticator app shows now for the key typed from the page."""
    key = base64.b32decode(secret.replace(" ", "") + "=" * (-len(secret.replace(" ", "")) % 8))
    return f"{totp(key):06d}"


def next_window(user) -> None:
    """As if 30 seconds had passed: the app shows a code the server has not seen used."""
    TOTPDevice.objects.filter(user=user).update(last_t=-1)


def test_two_factor_sign_in_from_setting_up_to_a_lost_phone(
    page: Page, sign_in, follow, axe, senco, school
):
    sign_in("senco")
    follow(page.get_by_role("link", name="Your account"))
    expect(page.locator("#two-factor + p")).to_contain_text("Off")
    follow(page.get_by_role("link", name="Set up two-factor sign-in"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up two-factor sign-in")
    expect(page.locator("#qr-code")).to_be_visible()

    # The person cannot scan, so types the key into their app.
    page.get_by_text("I cannot scan the QR code").click()
    secret = page.locator("#secret").inner_text()
    assert re.fullmatch(r"[A-Z2-7]{4}( [A-Z2-7]{1,4})+", secret)

    # A mistyped code is named, the GOV.UK way.
    page.get_by_label("Security code").fill("000000")
    follow(page.get_by_role("button", name="Turn on two-factor sign-in"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("The security code is not right")
    expect(page.locator(".govuk-error-summary")).to_be_focused()

    TOTPDevice.objects.filter(user=senco).update(throttling_failure_count=0)
    page.get_by_label("Security code").fill(app_code(secret))
    follow(page.get_by_role("button", name="Turn on two-factor sign-in"))
    expect(page.locator(".govuk-panel__title")).to_have_text("Two-factor sign-in is on")
    codes = page.locator("#recovery-codes code").all_inner_texts()
    assert len(codes) == 10
    follow(page.get_by_role("link", name="I have kept my codes: continue"))

    # Signing out and in again: the code from the app, before any page.
    page.locator("button", has_text="Sign out").click()
    page.wait_for_url(re.compile(r"/accounts/login/"))
    axe()
    next_window(senco)
    sign_in("senco")
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your security code")
    page.goto(f"/school/{school.urn}/register/")
    axe()
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your security code")
    page.get_by_label("Security code").fill(app_code(secret))
    follow(page.get_by_role("button", name="Continue"))
    # ... and on to the page they asked for.
    expect(page).to_have_url(re.compile(rf"/school/{school.urn}/register/"))

    # A lost phone: a recovery code instead, which then says how many are left.
    page.locator("button", has_text="Sign out").click()
    page.wait_for_url(re.compile(r"/accounts/login/"))
    axe()
    sign_in("senco")
    page.get_by_text("I do not have my phone").click()
    page.get_by_label("Security code").fill(codes[0])
    follow(page.get_by_role("button", name="Continue"))
    expect(page.get_by_role("heading", level=1)).to_have_text("What needs doing")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("9 left")

    actions = set(AuditEvent.objects.filter(user=senco).values_list("action", flat=True))
    assert {"auth.two_factor_on", "auth.two_factor_passed", "auth.recovery_code_used"} <= actions


def test_the_school_requires_it_and_a_leader_sets_it_up_at_sign_in(
    page: Page, sign_in, follow, axe, senco, leader, school
):
    sign_in("senco")
    page.goto(f"/school/{school.urn}/settings/")
    axe()
    follow(page.get_by_role("link", name="Sign-in security"))
    page.get_by_label("Require two-factor sign-in for the SENCO and senior leaders").check()
    follow(page.get_by_role("button", name="Save"))
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Saved the sign-in rules")
    page.locator("button", has_text="Sign out").click()
    page.wait_for_url(re.compile(r"/accounts/login/"))
    axe()

    sign_in("leader")
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up two-factor sign-in")
    expect(page.locator("#required-now")).to_contain_text("Your school requires you")


def test_a_save_from_a_stale_tab_is_refused_and_keeps_what_was_typed(
    page: Page, second_tab: Page, sign_in, follow, axe, axe_on, senco, pupil
):
    sign_in("senco")
    edit = f"/pupils/{pupil.pk}/passport/edit/"
    page.goto(edit)
    axe()
    second_tab.goto(edit)
    axe_on(second_tab)

    # The second tab saves first.
    second_tab.get_by_label("What helps me", exact=True).fill("A quiet corner to work in")
    with second_tab.expect_navigation(wait_until="load"):
        second_tab.get_by_role("button", name="Save the passport").click()
    axe_on(second_tab)

    # The first tab, opened before that save, is refused: nothing is overwritten.
    page.get_by_label("What helps me", exact=True).fill("Sitting near the door")
    follow(page.get_by_role("button", name="Save the passport"))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Someone else changed this since you opened it")
    expect(summary).to_be_focused()
    theirs = page.locator("#their-changes")
    expect(theirs).to_contain_text("What helps me")
    expect(theirs).to_contain_text("A quiet corner to work in")
    expect(page.get_by_label("What helps me", exact=True)).to_have_value("Sitting near the door")
    latest = PassportVersion.objects.filter(pupil=pupil).order_by("-number").first()
    assert latest.what_helps_me == "A quiet corner to work in"

    # Merged by hand, the save goes through.
    page.get_by_label("What helps me", exact=True).fill(
        "A quiet corner to work in, sitting near the door"
    )
    follow(page.get_by_role("button", name="Save the passport"))
    latest = PassportVersion.objects.filter(pupil=pupil).order_by("-number").first()
    assert latest.what_helps_me == "A quiet corner to work in, sitting near the door"
