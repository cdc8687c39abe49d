"""Issue 12's journey with families: the SENCO sets up a SEND parent review day, the office
books a family in, a parent signs in from the school's invitation, reads the plan, sends
their views and books a slot on a phone, and the member of staff taking that room holds the
meeting and records it in the meetings log. axe-core checks every page visited; the parent's
pages also at 390 px, none wider than the screen. The used invitation link then fails.
"""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from senco import conftest as cast
from senco import factories as f
from senco.accounts.models import ParentInvitation, ParentLink
from senco.audit.actor import Actor
from senco.families.models import Meeting, ReviewDay, ReviewRoom, Slot
from senco.parents.models import ParentViews
from senco.plans.services import cycle_start, plan_save

pytestmark = pytest.mark.django_db(transaction=True)

# The rest of the named cast (tests/e2e/conftest.py borrows the others).
office = cast.office

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1100, "height": 900}

MOTHER_EMAIL = "mary.obrien@example.org"
FATHER_EMAIL = "omar.ahmed@example.org"
OUTCOME = "Zoë reads a page of her reading book aloud with fewer than five errors"
CRITERIA = "Checked by her teaching assistant every Friday"
DAY_TITLE = "SEND parent review day, autumn"
NOTES = "Come to main reception; the review takes 20 minutes."
GOING_WELL = "She loves the lunchtime Lego club and talks about it every evening."
AGREED = "Keep the reading group; Mrs O'Brien reads with Zoë for ten minutes each night."
PARENT_PASSWORD = "a-long-and-lovely-parent-password"

# The elements reaching past the right edge of the screen (innermost), to say where a page
# that is too wide overflows. Elements clipped by an ancestor do not count.
OVERFLOWING = """() => {
  const edge = document.documentElement.clientWidth + 0.5;
  const clipped = el => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const s = getComputedStyle(a);
      if (s.overflowX !== 'visible' && a.getBoundingClientRect().right <= edge) return true;
    }
    return false;
  };
  return [...document.querySelectorAll('body *')]
    .filter(el => el.getBoundingClientRect().right > edge && !clipped(el))
    .filter(el => ![...el.children].some(c => c.getBoundingClientRect().right > edge))
    .slice(0, 5)
    .map(el => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}`
      + ` to ${Math.round(el.getBoundingClientRect().right)} px`);
}"""


@pytest.fixture
def families(school, senco, teacher, pupil, today):
    """Zoë's mother, with an email address; Zoë's plan, to be reviewed on the review day;
    Yusuf, on the register, with his father. Staff with names to choose them by."""
    User = get_user_model()
    User.objects.filter(pk=senco.pk).update(first_name="Helen", last_name="Carter")
    User.objects.filter(pk=teacher.pk).update(first_name="Tom", last_name="Reed")
    mother = pupil.contacts.get()
    mother.email = MOTHER_EMAIL
    mother.parental_responsibility = True
    mother.save()
    cycle = cycle_start(actor=Actor(senco), pupil=pupil, today=today)
    plan_save(
        actor=Actor(senco),
        cycle=cycle,
        outcomes=[(OUTCOME, CRITERIA)],
        provision="Reading group three mornings a week",
        who_does_what="The teaching assistant runs the group",
        review_date=today + datetime.timedelta(days=7),
    )
    yusuf = f.SenPupilFactory(school=school, legal_surname="Ahmed", forename="Yusuf", year_group=8)
    father = f.ContactFactory(
        pupil=yusuf,
        name="Omar Ahmed",
        relationship="Father",
        parental_responsibility=True,
        email=FATHER_EMAIL,
    )
    return {"mother": mother, "yusuf": yusuf, "father": father}


def sign_out(page, follow):
    follow(page.get_by_role("button", name=re.compile("^Sign out")))


def fill_date_group(page, legend, day: datetime.date) -> None:
    """Type a date into the GOV.UK date input whose legend matches `legend`."""
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def path_of(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


@pytest.fixture
def fits_a_phone(page: Page):
    """`fits_a_phone()`: the page the test is on is no wider than a 390 px screen."""

    def check() -> None:
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], (
            f"{path_of(page.url)} is {width} px wide on a phone: {page.evaluate(OVERFLOWING)}"
        )

    return check


def test_a_review_day_from_setting_up_to_the_meeting_record(
    page: Page,
    sign_in,
    follow,
    visit,
    fits_a_phone,
    mailoutbox,
    school,
    senco,
    teacher,
    office,
    pupil,
    families,
    today,
):
    held_on = today + datetime.timedelta(days=7)
    mother, yusuf, father = families["mother"], families["yusuf"], families["father"]

    # 1. The SENCO sets up the day: two rooms, herself and a teacher, 20-minute slots.
    sign_in("senco")
    follow(page.get_by_role("link", name="SEND parent review days"))
    follow(page.get_by_role("link", name="Create a review day"))
    page.get_by_label("Title").fill(DAY_TITLE)
    fill_date_group(page, "Date of the review day", held_on)
    page.get_by_label("Time of the first appointment").fill("15:30")
    page.get_by_label("Time the last appointment ends").fill("5.30pm")
    page.get_by_label("Length of each appointment, in minutes").fill("20")
    page.get_by_label("What parents should know (optional)").fill(NOTES)
    for n, (room, staff) in enumerate((("Room 4", "Helen Carter"), ("Library", "Tom Reed")), 1):
        page.get_by_label(re.compile(rf"^Room {n}\b")).fill(room)
        page.get_by_label(f"Who is taking appointments in room {n}").select_option(label=staff)
    follow(page.get_by_role("button", name="Create the review day"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(DAY_TITLE)
    day = ReviewDay.objects.get(school=school)
    assert (day.held_on, day.slot_minutes, day.parents_may_book) == (held_on, 20, True)
    assert sorted(day.rooms.values_list("room", "staff__username")) == [
        ("Library", "teacher"),
        ("Room 4", "senco"),
    ]
    # 15:30 to 17:30 in 20-minute slots: six in each room, all free.
    assert day.slots.count() == 12
    expect(page.locator("main").get_by_role("link", name=re.compile("^Book"))).to_have_count(12)
    sign_out(page, follow)

    # 2. The office books Yusuf's father into the first slot in Room 4.
    sign_in("office")
    follow(page.get_by_role("link", name="SEND parent review days"))
    follow(page.get_by_role("link", name=re.compile(DAY_TITLE)))
    follow(page.locator("main").get_by_role("link", name=re.compile("^Book")).first)
    expect(page.get_by_role("heading", level=1)).to_have_text("Book 15:30 in Room 4")
    page.get_by_label("Pupil's name").fill("ahmed")
    follow(page.get_by_role("button", name="Find the pupil"))
    page.get_by_label(re.compile("^Yusuf Ahmed")).check()
    follow(page.get_by_role("button", name="Continue"))
    page.get_by_label("Omar Ahmed (Father)").check()
    follow(page.get_by_role("button", name="Book the appointment"))
    expect(page.locator("main")).to_contain_text("Yusuf Ahmed is booked for")
    booked = Slot.objects.get(day=day, pupil=yusuf)
    assert (booked.contact, booked.booked_by) == (father, office)

    # 3. The office invites Zoë's mother to use senco; the email holds her link.
    visit(reverse("contact_change", args=[school.urn, mother.pk]))
    follow(page.get_by_role("link", name=re.compile("^Invite to use senco")))
    expect(page.locator("#invite-facts")).to_contain_text(MOTHER_EMAIL)
    follow(page.get_by_role("button", name="Send the invitation"))
    assert len(mailoutbox) == 1, [m.subject for m in mailoutbox]
    email = mailoutbox[0]
    assert email.to == [MOTHER_EMAIL]
    assert email.subject.startswith(school.name)
    link = re.search(r"https?://\S+(/parent/join/[\w-]+/)", email.body)
    assert link, email.body
    join_path = link.group(1)
    assert ParentInvitation.objects.get(contact=mother).used_at is None
    sign_out(page, follow)

    # 4. Zoë's mother, on her phone, chooses a password and reads about Zoë.
    page.set_viewport_size(PHONE)
    parent_pages = []
    visit(join_path)
    fits_a_phone()
    expect(page.get_by_role("heading", level=1)).to_have_text("Choose a password")
    # A slip of the thumb first: the passwords differ, and the page says so.
    page.get_by_label("Choose a password").fill(PARENT_PASSWORD)
    page.get_by_label("Type the password again").fill(PARENT_PASSWORD + "x")
    follow(page.get_by_role("button", name="Set up my account"))
    fits_a_phone()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert not ParentLink.objects.filter(contact=mother).exists()
    page.get_by_label("Choose a password").fill(PARENT_PASSWORD)
    page.get_by_label("Type the password again").fill(PARENT_PASSWORD)
    follow(page.get_by_role("button", name="Set up my account"))
    expect(page).to_have_url(re.compile(r"/parent/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Your children")
    fits_a_phone()
    parent_pages.append(path_of(page.url))
    link_made = ParentLink.objects.get(contact=mother)
    assert link_made.user.email.lower() == MOTHER_EMAIL

    follow(page.locator("main").get_by_role("link", name=re.compile("Zoë")))
    fits_a_phone()
    parent_pages.append(path_of(page.url))
    main = page.locator("main")
    expect(page.locator("#parent-plan-outcomes")).to_contain_text(OUTCOME)
    expect(page.locator("#parent-plan-review")).to_contain_text(
        f"By {pupil.cycles.get().review_date:%-d %B %Y}"
    )

    # Her views before the review.
    follow(main.get_by_role("link", name="Tell us your views before the review"))
    fits_a_phone()
    parent_pages.append(path_of(page.url))
    page.get_by_label("What is going well").fill(GOING_WELL)
    page.get_by_label("What worries you").fill("Homework takes her hours.")
    follow(page.get_by_role("button", name="Send your views"))
    fits_a_phone()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Your views have been sent"
    )
    expect(page.locator("#parent-sent")).to_contain_text(GOING_WELL)
    views = ParentViews.objects.get(pupil=pupil)
    assert (views.contact, views.going_well) == (mother, GOING_WELL)

    # A free slot on the review day, from Zoë's page.
    follow(page.locator(f"#review-day-{day.pk}").get_by_role("link", name=re.compile("^Book")))
    fits_a_phone()
    parent_pages.append(path_of(page.url))
    # 15:30 in Room 4 is taken: the Library is free then.
    expect(page.get_by_role("radio").first).to_have_accessible_name("15:30 in Library")
    page.get_by_label("15:30 in Library").check()
    follow(page.get_by_role("button", name="Book this time"))
    fits_a_phone()
    expect(page.locator("#booking")).to_contain_text("15:30 in Library")
    expect(page.get_by_role("link", name="Cancel this booking")).to_be_visible()
    slot = Slot.objects.select_related("room__staff").get(day=day, pupil=pupil)
    assert (slot.room.staff, slot.contact, slot.booked_by) == (teacher, mother, link_made.user)

    # Another family's child is not found, like a child who does not exist.
    assert visit(reverse("parent_child", args=[yusuf.pk])).status == 404
    assert visit(reverse("parent_review_day", args=[yusuf.pk, day.pk])).status == 404

    # The same pages at a desktop's width.
    page.set_viewport_size(DESKTOP)
    for path in parent_pages:
        visit(path)
    sign_out(page, follow)

    # 5. A week later, on the day (a meeting cannot be recorded before it is held), the
    # member of staff taking that room opens the appointment, reads her views and records
    # the meeting; it is in Zoë's meetings log.
    ReviewDay.objects.filter(pk=day.pk).update(held_on=today)
    held_on = today
    sign_in("teacher")
    visit(reverse("families_review_day", args=[school.urn, day.pk]))
    follow(page.get_by_role("link", name="Open appointment at 15:30 in Library"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(pupil.full_name)
    expect(page.locator("#coming")).to_contain_text("Mary O'Brien")
    expect(page.locator("#outcomes")).to_contain_text(OUTCOME)
    expect(page.locator("main")).to_contain_text(GOING_WELL)
    page.get_by_label("Mary O'Brien (Mother)").check()
    page.get_by_label("What was agreed (optional)").fill(AGREED)
    follow(page.get_by_role("button", name="Record the meeting"))
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Meeting recorded")
    slot.refresh_from_db()
    meeting = Meeting.objects.get(pk=slot.meeting_id)
    assert (meeting.pupil_id, meeting.held_on, meeting.agreed) == (pupil.pk, held_on, AGREED)
    assert list(meeting.contacts.all()) == [mother]
    assert meeting.cycle == pupil.cycles.get()
    visit(reverse("families_meetings", args=[pupil.pk]))
    follow(page.locator("main").get_by_role("link", name=f"{held_on:%-d %B %Y}"))
    expect(page.locator("main")).to_contain_text(AGREED)
    sign_out(page, follow)

    # 6. The invitation link works once: opened again, it does not work.
    visit(join_path)
    expect(page.locator("main")).to_contain_text("does not work")
    expect(page.locator("main input[type=password]")).to_have_count(0)
    assert ParentLink.objects.filter(contact=mother).count() == 1


def test_an_expired_or_made_up_invitation_link_does_not_work(page: Page, visit, pupil, senco):
    """The same plain page for a link past its 14 days as for one that never existed."""
    from senco.accounts.parent_invitations import token_hash

    ParentInvitation.objects.create(
        contact=pupil.contacts.get(),
        email=MOTHER_EMAIL,
        token_hash=token_hash("an-expired-token"),
        created_by=senco,
        expires_at=timezone.now() - datetime.timedelta(days=1),
    )
    for token in ("an-expired-token", "not-a-real-token-at-all"):
        response = visit(f"/parent/join/{token}/")
        assert response.status in (404, 410)
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "This link does not work any more"
        )
        expect(page.locator("main")).to_contain_text("Ask the school to send a new one.")
        expect(page.locator("main input[type=password]")).to_have_count(0)


def _review_day(school, held_on, rooms) -> ReviewDay:
    """A review day from 15:30 to 17:30 in 20-minute slots: `rooms` is [(name, staff)]."""
    day = ReviewDay.objects.create(
        school=school,
        title=DAY_TITLE,
        held_on=held_on,
        starts_at=datetime.time(15, 30),
        ends_at=datetime.time(17, 30),
        slot_minutes=20,
    )
    for name, staff in rooms:
        room = ReviewRoom.objects.create(day=day, room=name, staff=staff)
        for minutes in range(30, 150, 20):
            Slot.objects.create(
                day=day, room=room, starts_at=datetime.time(15 + minutes // 60, minutes % 60)
            )
    return day


def test_two_bookings_for_one_slot_at_once_one_wins_the_other_is_told(
    page: Page, second_tab, sign_in, follow, visit, axe_on, school, senco, pupil, families, today
):
    """The SENCO has the same free slot open in two tabs, for two families; the second to
    press "Book the appointment" is told, and shown the timetable."""
    yusuf = families["yusuf"]
    day = _review_day(school, today + datetime.timedelta(days=7), [("Room 4", senco)])
    slot = day.slots.order_by("starts_at").first()
    book = reverse("families_slot_book", args=[school.urn, day.pk, slot.pk])
    sign_in("senco")
    visit(f"{book}?pupil={yusuf.pk}")
    page.get_by_label("Omar Ahmed (Father)").check()

    second_tab.goto(f"{book}?pupil={pupil.pk}")
    axe_on(second_tab)
    second_tab.get_by_label("Mary O'Brien (Mother)").check()

    follow(page.get_by_role("button", name="Book the appointment"))
    expect(page.locator("main")).to_contain_text("Yusuf Ahmed is booked for 15:30 in Room 4")

    with second_tab.expect_navigation(wait_until="load"):
        second_tab.get_by_role("button", name="Book the appointment").click()
    axe_on(second_tab)
    expect(second_tab.locator("#race")).to_contain_text(
        "Someone has just booked 15:30 in Room 4. Choose another time."
    )
    slot.refresh_from_db()
    assert (slot.pupil, slot.contact) == (yusuf, families["father"])
    assert not Slot.objects.filter(day=day, pupil=pupil).exists()


def test_a_contact_who_must_not_be_contacted_cannot_be_chosen(
    page: Page, sign_in, visit, school, senco, families, today
):
    yusuf = families["yusuf"]
    f.ContactFactory(
        pupil=yusuf,
        name="Karim Ahmed",
        relationship="Uncle",
        no_contact=True,
        restriction_note="Court order, 3 March 2025",
    )
    day = _review_day(school, today + datetime.timedelta(days=7), [("Room 4", senco)])
    slot = day.slots.order_by("starts_at").first()
    sign_in("senco")
    visit(reverse("families_slot_book", args=[school.urn, day.pk, slot.pk]) + f"?pupil={yusuf.pk}")
    # Not offered as a choice at all; named below the choices with the reason.
    expect(page.get_by_label("Karim Ahmed (Uncle)")).to_have_count(0)
    refused = page.locator(f"#contact-{yusuf.contacts.get(name='Karim Ahmed').pk}-refused")
    expect(refused).to_contain_text("Cannot be chosen")
    expect(refused).to_contain_text("Court order, 3 March 2025")
    expect(page.get_by_label("Omar Ahmed (Father)")).to_be_enabled()
