"""A TA records a session of the group they deliver on a phone-sized screen: one pupil
absent, a short note; the session is listed with who was absent. axe-core checks every page
visited, and no page is wider than the phone."""

import pytest
from playwright.sync_api import Page, expect

from senco import conftest as cast
from senco import factories as f
from senco.provision.models import Attendance, Session
from senco.provision.tests.session_fixtures import intervention as _intervention
from senco.provision.tests.session_fixtures import make_group

pytestmark = pytest.mark.django_db(transaction=True)

ta = cast.ta
intervention = _intervention
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def group(intervention, ta, pupil, school, today):
    others = [
        f.SenPupilFactory(school=school, legal_surname="Ahmed", forename="Yusuf"),
        f.SenPupilFactory(school=school, legal_surname="Baker", forename="Chloe"),
    ]
    return make_group(intervention, ta, [pupil, *others], name="Year 7 readers", today=today)


def fits(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], page.url


def test_a_ta_records_a_session_on_a_phone(
    page: Page, sign_in, visit, follow, school, ta, group, today
):
    page.set_viewport_size(PHONE)
    sign_in("ta")
    visit(f"/school/{school.urn}/my-groups/")
    fits(page)
    expect(page.locator("#today")).to_contain_text("Year 7 readers")
    follow(page.get_by_role("link", name="Record today's session of Year 7 readers"))
    fits(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a session")
    # Today, held, everyone ticked: untick the one who was absent.
    expect(page.locator("#id_date-day")).to_have_value(str(today.day))
    expect(page.get_by_label("Yes")).to_be_checked()
    for name in ("Yusuf Ahmed", "Chloe Baker"):
        expect(page.get_by_label(name)).to_be_checked()
    page.get_by_label("Chloe Baker").uncheck()
    page.fill("#id_note", "Read chapter 2 together")
    follow(page.get_by_role("button", name="Save the session"))

    expect(page.get_by_role("heading", level=1)).to_have_text("Sessions and attendance")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("2 of 3 came")
    fits(page)
    row = page.locator("#session-table tbody tr").first
    expect(row).to_contain_text("Yes: 2 of 3 came")
    expect(row).to_contain_text("Chloe Baker")
    expect(row).to_contain_text("Read chapter 2 together")
    session = Session.objects.get(group=group)
    assert session.date == today
    absent = Attendance.objects.filter(session=session, present=False)
    assert [a.member.pupil.forename for a in absent] == ["Chloe"]

    # Back on My groups, today's session shows as recorded.
    visit(f"/school/{school.urn}/my-groups/")
    expect(page.locator("#today")).to_contain_text("2 of 3 came")
