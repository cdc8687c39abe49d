"""What a teacher and a governor can and cannot see, in the browser."""

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_teacher_sees_only_the_pupils_they_teach(
    page: Page, sign_in, visit, follow, register_names, teacher, school, roll, other_pupil
):
    sign_in("teacher")

    # Lands on what needs doing, then opens the register from the menu.
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("What needs doing")
    follow(page.get_by_role("navigation", name="Menu").get_by_role("link", name="Register"))
    expect(page).to_have_url(re.compile(rf"/school/{school.urn}/register/$"))
    expect(page.get_by_text("These are the pupils you teach.")).to_be_visible()
    assert register_names() == ["O'Brien-Łukasiewicz, Zoë"]
    content = page.content()
    for key, p in roll.items():
        if key != "zoe":
            assert p.legal_surname not in content
            assert p.upn not in content
    # A teacher does not manage the school.
    menu = page.get_by_role("navigation", name="Menu")
    for link in ("Import", "Staff", "Summary"):
        expect(menu.get_by_role("link", name=link, exact=True)).to_have_count(0)

    # Their pupil's page opens, without the SENCO's button to change the register.
    response = visit(f"/pupils/{roll['zoe'].pk}/")
    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text("Zoë O'Brien-Łukasiewicz")
    expect(page.get_by_role("link", name="Change provision or needs")).to_have_count(0)

    # Another pupil of the school, typed into the address bar, is not found: the teacher
    # does not even learn that the pupil exists. The same goes for a pupil elsewhere.
    for other in (roll["liam"], other_pupil):
        response = visit(f"/pupils/{other.pk}/")
        assert response.status == 404
        expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
        assert other.legal_surname not in page.content()


def test_governor_sees_figures_and_never_a_pupil(
    page: Page, sign_in, visit, follow, governor, school, roll
):
    sign_in("governor")

    # Lands on a short page of links, with no pupil on it, and follows the summary link.
    expect(page).to_have_url(re.compile(r"/$"))
    for p in roll.values():
        assert p.legal_surname not in page.content()
    follow(page.get_by_role("main").get_by_role("link", name=re.compile("^Summary")))
    expect(page).to_have_url(re.compile(rf"/school/{school.urn}/summary/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("SEND register summary")
    total = page.locator("#summary-total")
    expect(total.get_by_role("row", name=re.compile("^All pupils on roll"))).to_contain_text("7")
    expect(total.get_by_role("row", name=re.compile("^EHC plan"))).to_contain_text("hidden")
    expect(page.get_by_text('each reads "hidden"')).to_be_visible()
    content = page.content()
    for p in roll.values():
        assert p.legal_surname not in content
        assert p.forename not in content
        assert p.upn not in content
    menu = page.get_by_role("navigation", name="Menu")
    expect(menu.get_by_role("link", name="Register", exact=True)).to_have_count(0)

    # The register and a pupil's page are closed to a governor.
    response = visit(f"/school/{school.urn}/register/")
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("You cannot see this page")
    response = visit(f"/pupils/{roll['zoe'].pk}/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    for p in roll.values():
        assert p.legal_surname not in page.content()
