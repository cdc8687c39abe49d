"""Pupil passports and one-page profiles: the SENCO writes them, with a photo, and a teacher
reads what helps their pupils on "My pupils" and prints the class sheet for a cover teacher."""

import re

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from senco.accounts.models import Membership
from senco.audit.actor import Actor
from senco.audit.models import AuditEvent
from senco.profiles.models import PassportVersion, PupilPhoto
from senco.profiles.photos import NOT_AN_IMAGE
from senco.profiles.services import passport_save

pytestmark = pytest.mark.django_db(transaction=True)

ENJOY = "Drawing comics and playing football at break"
HELPS = "Sitting near the front, away from the window"
HELPS_NOW = "Sitting near the door, away from the window"
DIFFICULT = "Copy long passages from the board"
SUPPORT = "Giving me a printed copy of the board and one instruction at a time"


@pytest.fixture
def photo_root(settings, tmp_path):
    """Photos are written under a folder of the test's own, and served from there."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def good_photo(tmp_path):
    path = tmp_path / "zoe.png"
    Image.new("RGB", (40, 30), (30, 120, 200)).save(path, format="PNG")
    return path


@pytest.fixture
def bad_photo(tmp_path):
    path = tmp_path / "holiday.jpg"
    path.write_text("This is a text file, whatever its name says.\n")
    return path


def banner(page: Page):
    return page.locator(".govuk-notification-banner--success")


def test_senco_writes_the_passport_with_a_photo_and_compares_versions(
    page: Page, sign_in, follow, senco, school, pupil, photo_root, good_photo, bad_photo
):
    sign_in("senco")

    # From the register to the pupil's page, and from there to the passport.
    follow(page.get_by_role("navigation", name="Menu").get_by_role("link", name="Register"))
    follow(page.get_by_role("link", name="O'Brien-Łukasiewicz, Zoë"))
    expect(page).to_have_url(re.compile(rf"/pupils/{pupil.pk}/$"))
    follow(page.locator("#passport-links").get_by_role("link", name="Pupil passport"))
    expect(page).to_have_url(re.compile(rf"/pupils/{pupil.pk}/passport/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Pupil passport")
    expect(page.locator("#no-passport")).to_have_text("No passport has been written for Zoë yet.")
    expect(page.locator("img.senco-pupil-photo")).to_have_count(0)

    # A text file named .jpg is refused, and everything typed is kept.
    follow(page.get_by_role("link", name="Write the passport"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Write the passport")
    page.get_by_label("I enjoy", exact=True).fill(ENJOY)
    page.get_by_label("What helps me", exact=True).fill(HELPS)
    page.get_by_label("I find it difficult to", exact=True).fill(DIFFICULT)
    page.get_by_label("Others can support me by", exact=True).fill(SUPPORT)
    page.set_input_files("#id_photo", bad_photo)
    follow(page.get_by_role("button", name="Save the passport"))
    expect(page).to_have_title(re.compile("^Error: "))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("There is a problem")
    expect(summary.get_by_role("link", name=NOT_AN_IMAGE)).to_have_attribute("href", "#id_photo")
    expect(summary).to_be_focused()
    expect(page.locator("#id_photo-error")).to_contain_text(NOT_AN_IMAGE)
    expect(page.get_by_text("Everything else you typed is still here")).to_be_visible()
    expect(page.locator("#id_i_enjoy")).to_have_value(ENJOY)
    expect(page.locator("#id_what_helps_me")).to_have_value(HELPS)
    expect(page.locator("#id_find_difficult")).to_have_value(DIFFICULT)
    expect(page.locator("#id_others_support_me_by")).to_have_value(SUPPORT)
    assert not PassportVersion.objects.filter(pupil=pupil).exists()
    assert not PupilPhoto.objects.filter(pupil=pupil).exists()

    # With a real photo it saves: the text and the photo are on the passport.
    page.set_input_files("#id_photo", good_photo)
    follow(page.get_by_role("button", name="Save the passport"))
    expect(page).to_have_url(re.compile(rf"/pupils/{pupil.pk}/passport/$"))
    expect(banner(page)).to_contain_text("Saved version 1 of the passport. Saved the new photo.")
    sections = page.locator("#passport-sections")
    for label, text in (
        ("I enjoy", ENJOY),
        ("What helps me", HELPS),
        ("I find it difficult to", DIFFICULT),
        ("Others can support me by", SUPPORT),
    ):
        row = sections.locator(".govuk-summary-list__row", has=page.locator("dt", has_text=label))
        expect(row.first.locator("dd")).to_have_text(text)
    expect(sections.get_by_text("Not written yet").first).to_be_visible()
    expect(page.locator("#saved-by")).to_contain_text("Version 1, saved by")
    photo = page.get_by_role("img", name="Photo of Zoë O'Brien-Łukasiewicz")
    expect(photo).to_be_visible()
    assert photo.evaluate("img => img.complete && img.naturalWidth > 0")
    src = photo.get_attribute("src")
    assert src.startswith(f"/pupils/{pupil.pk}/photo.jpg?v=")
    fetched = page.evaluate(
        """async src => {
            const r = await fetch(src);
            const bytes = new Uint8Array(await r.arrayBuffer());
            const type = r.headers.get('content-type');
            return {status: r.status, type: type, head: [...bytes.slice(0, 3)]};
        }""",
        src,
    )
    assert fetched == {"status": 200, "type": "image/jpeg", "head": [0xFF, 0xD8, 0xFF]}
    stored = PupilPhoto.objects.get(pupil=pupil)
    assert stored.path.parent == photo_root / "photos"
    assert stored.path.is_file()

    # Change one section; the photo stays.
    follow(page.get_by_role("link", name="Change or review the passport"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Change or review the passport")
    expect(page.locator("#id_what_helps_me")).to_have_value(HELPS)
    expect(page.locator("#id_remove_photo")).not_to_be_checked()
    page.get_by_label("What helps me", exact=True).fill(HELPS_NOW)
    follow(page.get_by_role("button", name="Save the passport"))
    expect(banner(page)).to_contain_text("Saved version 2 of the passport.")
    expect(banner(page)).not_to_contain_text("photo")
    row = sections.locator(
        ".govuk-summary-list__row", has=page.locator("dt", has_text="What helps")
    )
    expect(row.locator("dd")).to_have_text(HELPS_NOW)
    expect(page.get_by_role("img", name="Photo of Zoë O'Brien-Łukasiewicz")).to_be_visible()
    assert PupilPhoto.objects.get(pupil=pupil).key == stored.key

    # The history lists both versions, newest first.
    follow(page.get_by_role("link", name="Who changed what"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Who changed the passport and profile"
    )
    history = page.locator("#history tbody tr")
    expect(history).to_have_count(2)
    expect(history.nth(0).locator("td").nth(0)).to_have_text("2")
    expect(history.nth(0).locator("td").nth(3)).to_have_text("What helps me")
    expect(history.nth(1).locator("td").nth(0)).to_contain_text("1")
    expect(history.nth(1).locator("td").nth(3)).to_have_text("First written")
    expect(history.nth(0).get_by_role("link", name="Compare with version 1")).to_be_visible()

    # Compare version 1 with version 2: the words taken out and put in.
    page.get_by_label("Compare version").select_option(label="Version 1")
    page.get_by_label("with version").select_option(label="Version 2")
    follow(page.get_by_role("button", name="Compare"))
    expect(page).to_have_url(re.compile(rf"/pupils/{pupil.pk}/passport/compare/\?old=1&new=2$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Version 1 and version 2")
    compare = page.locator("#compare")
    changed = compare.get_by_role("row", name=re.compile("^What helps me"))
    expect(changed.locator(".govuk-tag")).to_have_text("Changed")
    expect(changed.locator("del")).to_have_text("front,")
    expect(changed.locator("ins")).to_have_text("door,")
    expect(compare.locator("del")).to_have_count(1)
    expect(compare.locator("ins")).to_have_count(1)
    unchanged = compare.get_by_role("row", name=re.compile("^I enjoy"))
    expect(unchanged).to_contain_text("Not changed")

    assert list(
        PassportVersion.objects.filter(pupil=pupil)
        .order_by("number")
        .values_list("number", "what_helps_me")
    ) == [(1, HELPS), (2, HELPS_NOW)]
    assert AuditEvent.objects.filter(pupil=pupil, action="photo.add", user=senco).count() == 1


def test_senco_writes_the_one_page_profile_in_the_pupils_own_words(
    page: Page, sign_in, visit, follow, senco, school, pupil
):
    sign_in("senco")
    visit(f"/pupils/{pupil.pk}/")
    follow(page.locator("#passport-links").get_by_role("link", name="One-page profile"))
    expect(page.get_by_role("heading", level=1)).to_have_text("One-page profile")
    expect(page.locator("#no-profile")).to_be_visible()

    follow(page.get_by_role("link", name="Write the profile"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Write the one-page profile")
    page.get_by_label("What people like and admire about me").fill("Kind to younger pupils")
    page.get_by_label("What is important to me", exact=True).fill("My dog, Biscuit")
    page.locator("#id_important_to_me_by_pupil").check()
    page.get_by_label("How best to support me").fill("Tell me before the plan changes")
    page.get_by_label("In my own words").fill("I like it when it's quiet.\nThen I can think.")
    follow(page.get_by_role("button", name="Save the profile"))

    expect(page).to_have_url(re.compile(rf"/pupils/{pupil.pk}/profile/$"))
    expect(banner(page)).to_contain_text("Saved version 1 of the profile.")
    own_words = page.locator("#own-words")
    expect(own_words.get_by_role("heading", name="In my own words")).to_be_visible()
    # In quotation marks, line breaks kept, and attributed to the pupil.
    assert (
        own_words.locator("blockquote").inner_text()
        == "\u201cI like it when it's quiet.\nThen I can think.\u201d"
    )
    expect(own_words.locator("figcaption")).to_have_text("Zoë, in their own words")

    # A section the pupil wrote is quoted and marked as theirs; the others are not.
    sections = page.locator("#profile-sections")
    important = sections.locator(".govuk-summary-list__row", has_text="What is important to me")
    expect(important.locator(".govuk-tag")).to_have_text("In Zoë's own words")
    expect(important.locator("blockquote")).to_have_text("\u201cMy dog, Biscuit\u201d")
    support = sections.locator(".govuk-summary-list__row", has_text="How best to support me")
    expect(support.locator("blockquote")).to_have_count(0)
    expect(support.locator("dd")).to_have_text("Tell me before the plan changes")
    # "In my own words" is shown once, as the quotation, not again in the list.
    expect(sections.get_by_text("In my own words")).to_have_count(0)

    version = PassportVersion.objects.get(pupil=pupil)
    # Browsers send a textarea's line breaks as CRLF, and they are stored as sent.
    assert version.in_my_own_words.splitlines() == [
        "I like it when it's quiet.",
        "Then I can think.",
    ]
    assert version.pupil_wrote == ["important_to_me"]


def test_teacher_reads_my_pupils_and_prints_the_class_sheet(
    page: Page, sign_in, visit, follow, senco, teacher, school, pupil
):
    passport_save(
        actor=Actor(senco),
        pupil=pupil,
        texts={
            "what_helps_me": HELPS,
            "find_difficult": DIFFICULT,
            "others_support_me_by": SUPPORT,
        },
        pupil_wrote=set(),
        reviewed=True,
    )
    sign_in("teacher")

    follow(page.get_by_role("navigation", name="Menu").get_by_role("link", name="My pupils"))
    expect(page).to_have_url(re.compile(rf"/school/{school.urn}/my-pupils/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("My pupils")
    expect(page.get_by_text("1 pupil with SEND in the groups you teach")).to_be_visible()
    group = page.locator("section", has=page.get_by_role("heading", name="7A/En1"))
    row = group.get_by_role("row", name=re.compile("Zoë O'Brien-Łukasiewicz"))
    cells = row.locator("td")
    expect(cells).to_have_count(3)
    expect(cells.nth(0)).to_have_text(HELPS)
    expect(cells.nth(1)).to_have_text(DIFFICULT)
    expect(cells.nth(2)).to_have_text(SUPPORT)

    # The class sheet for the teacher's group is a PDF.
    # The group's name is in a visually hidden span inside the link.
    link = group.get_by_role(
        "link", name=re.compile(r"^Print the class sheet of 7A\/En1 for a cover teacher \(PDF\)$")
    )
    href = link.get_attribute("href")
    assert re.fullmatch(rf"/school/{school.urn}/groups/\d+/class-sheet\.pdf", href)
    response = page.request.get(href, timeout=60_000)
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
    assert AuditEvent.objects.filter(action="class_sheet.pdf", user=teacher).count() == 1

    # The passport reads the same, with no way to change it.
    follow(row.get_by_role("link", name="Zoë O'Brien-Łukasiewicz"))
    expect(page).to_have_url(re.compile(rf"/pupils/{pupil.pk}/passport/$"))
    expect(page.locator("#passport-sections")).to_contain_text(HELPS)
    expect(page.get_by_role("link", name="Change or review the passport")).to_have_count(0)
    expect(page.get_by_role("link", name="Who changed what")).to_be_visible()
    visit(f"/pupils/{pupil.pk}/")
    expect(page.locator("#passport-links")).not_to_contain_text("Write or change the passport")
    response = visit(f"/pupils/{pupil.pk}/passport/edit/")
    assert response.status == 403

    # Once the SENCO allows it, the teacher may change the passport.
    Membership.objects.filter(user=teacher, school=school).update(can_edit_passports=True)
    visit(f"/pupils/{pupil.pk}/passport/")
    expect(page.get_by_role("link", name="Change or review the passport")).to_be_visible()
