"""Signing in and out: by keyboard alone, with a wrong password, and the way back in."""

import re

import pytest
from playwright.sync_api import Page, expect

from senco.audit.models import AuditEvent

pytestmark = pytest.mark.django_db(transaction=True)

FOCUSED = """() => {
    const el = document.activeElement;
    return el.id || el.textContent.trim();
}"""


def test_sign_in_by_keyboard_alone(page: Page, visit, axe, senco, school):
    visit("/accounts/login/")

    # The first Tab reaches the skip link, as on every GOV.UK page.
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED) == "Skip to main content"
    # Then, in order: the username, the password and the Sign in button.
    for _ in range(5):
        page.keyboard.press("Tab")
        if page.evaluate(FOCUSED) == "id_username":
            break
    assert page.evaluate(FOCUSED) == "id_username"
    page.keyboard.type("senco")
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED) == "id_password"
    page.keyboard.type("correct-horse-battery")
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED) == "Sign in"

    # Enter on the button submits the form.
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")
    axe()
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("What needs doing")


def test_a_wrong_password_is_explained(page: Page, visit, follow, senco):
    visit("/accounts/login/")
    page.fill("#id_username", "senco")
    page.fill("#id_password", "not-the-password")
    follow(page.get_by_role("button", name="Sign in"))

    expect(page).to_have_url(re.compile(r"/accounts/login/$"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("There is a problem")
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    expect(page.locator("#id_username")).to_have_value("senco")


def test_a_wrong_password_is_not_written_back_into_the_page(page: Page, visit, follow, senco):
    visit("/accounts/login/")
    page.fill("#id_username", "senco")
    page.fill("#id_password", "not-the-password")
    follow(page.get_by_role("button", name="Sign in"))

    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert "not-the-password" not in page.content()


def test_sign_out_then_the_register_asks_to_sign_in(
    page: Page, sign_in, visit, follow, senco, school, roll
):
    sign_in("senco")
    register = f"/school/{school.urn}/register/"
    follow(page.get_by_role("navigation", name="Menu").get_by_role("link", name="Register"))
    expect(page).to_have_url(re.compile(rf"{register}$"))

    follow(page.get_by_role("button", name=re.compile("^Sign out")))
    expect(page).to_have_url(re.compile(r"/accounts/login/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to senco")
    expect(page.get_by_role("button", name=re.compile("^Sign out"))).to_have_count(0)

    # The register now sends the visitor to sign in, and back after they do.
    visit(register)
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to senco")
    assert "Campbell" not in page.content()
    page.fill("#id_username", "senco")
    page.fill("#id_password", "correct-horse-battery")
    follow(page.get_by_role("button", name="Sign in"))
    expect(page).to_have_url(re.compile(rf"{register}$"))
    # Both views of the register are audited, each naming the pupils it showed.
    views = AuditEvent.objects.filter(user=senco, action="register.view")
    assert views.filter(pupil__legal_surname="Campbell").count() == 2


def test_axe_check_fails_on_a_serious_violation(page: Page, visit, axe):
    """The guard itself: a page with an unlabelled field must not pass."""
    visit("/accounts/login/")
    page.evaluate(
        """() => document.querySelector('main').insertAdjacentHTML(
            'beforeend', '<input type="text" id="unlabelled">')"""
    )
    with pytest.raises(pytest.fail.Exception, match="label"):
        axe()
