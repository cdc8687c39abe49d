"""Letters to families in the browser, on a phone (390 px): the SENCO writes to one family
(choose, preview, send), to many (filter, preview, send), and reads the log; every page fits
the screen and axe-core finds no serious or critical violation."""

import pytest
from playwright.sync_api import Page, expect

from senco import factories as f
from senco.letters.models import Batch, Message

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}


def _fits(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url}: {width} px wide"


def test_the_senco_writes_to_families_on_a_phone(
    page: Page, sign_in, visit, follow, school, senco, pupil
):
    page.set_viewport_size(PHONE)
    mother = pupil.contacts.get()
    mother.email = "mary.obrien-lukasiewicz.family@parents.hillside-academy.example.org.uk"
    mother.save()
    f.ContactFactory(
        pupil=pupil,
        name="Sam Jones",
        relationship="Father",
        priority=2,
        no_contact=True,
        restriction_note="court order 3 May 2025",
    )
    for n in range(3):
        other = f.SenPupilFactory(school=school, year_group=8)
        f.ContactFactory(pupil=other, name=f"Parent {n}", email=f"parent{n}@example.com")
    sign_in("senco")

    visit(f"/pupils/{pupil.pk}/letters/send/")
    _fits(page)
    expect(
        page.get_by_text("Sam Jones must not be contacted: court order 3 May 2025")
    ).to_be_visible()
    page.get_by_label("Your child has joined the SEND register").check()
    page.get_by_label("Email").check()
    page.get_by_label("Mary O'Brien (Mother)").check()
    follow(page.get_by_role("button", name="Preview the letter"))
    _fits(page)
    expect(page.get_by_text("Dear Mary O'Brien,")).to_be_visible()
    follow(page.get_by_role("button", name="Send the email"))
    _fits(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Letters to the family")
    assert Message.objects.get(pupil=pupil).status == Message.Status.SENT

    urn = school.urn
    visit(f"/school/{urn}/letters/send/")
    _fits(page)
    page.get_by_label("Your child has joined the SEND register").check()
    page.get_by_label("Printed letter").check()
    follow(page.get_by_role("button", name="Preview"))
    _fits(page)
    expect(page.locator("#reaching-count")).to_have_text("4 families will get it")
    follow(page.get_by_role("button", name="Make 4 letters to print"))
    _fits(page)
    batch = Batch.objects.order_by("-pk").first()
    assert batch.messages.filter(status=Message.Status.PRINTED).count() == 4
    for path in (
        f"/school/{urn}/letters/",
        f"/school/{urn}/letters/wording/",
        f"/school/{urn}/letters/wording/review_day/",
        f"/pupils/{pupil.pk}/letters/",
        f"/pupils/{pupil.pk}/letters/{Message.objects.filter(pupil=pupil).first().pk}/",
        f"/pupils/{pupil.pk}/",
    ):
        visit(path)
        _fits(page)
