"""Every role's main pages on a phone (390 by 844 CSS pixels): no page is wider than the
screen, and axe-core finds no serious or critical violation at that width.

Wide tables stack on a phone (senco.scss, `senco-table--stack`): each row becomes a short
list headed by the column names, and the table keeps its semantics for screen readers.
"""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from playwright.sync_api import Page, expect

from senco import conftest as cast
from senco import factories as f
from senco.audit.actor import Actor
from senco.ehcp import review_services
from senco.ehcp import services as ehcp_services
from senco.ehcp.document_services import document_replace
from senco.lib.codes import Provision
from senco.operations.models import Job
from senco.outcomes.tests.outcome_fixtures import school_figures
from senco.plans.services import (
    cycle_start,
    evidence_add,
    plan_save,
    view_request_answer,
    view_requests_create,
)
from senco.profiles.services import passport_save

pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"

# The rest of the named cast (tests/e2e/conftest.py borrows the others).
ta = cast.ta
office = cast.office
trust_lead = cast.trust_lead
parent = cast.parent

PHONE = {"width": 390, "height": 844}

# A phone number as a school types it, and the longest kind of email address.
PHONE_NUMBER = "07700 900 123"
EMAIL = "mary.obrien-lukasiewicz.family@parents.hillside-academy.example.org.uk"

# The elements that reach past the right edge of the screen, innermost first, to say where
# a page that is too wide overflows. Elements clipped by an ancestor do not count.
OVERFLOWING = """() => {
  const edge = document.documentElement.clientWidth + 0.5;
  const clipped = el => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const s = getComputedStyle(a);
      if (s.overflowX !== 'visible' && a.getBoundingClientRect().right <= edge) return true;
    }
    return false;
  };
  const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + [...el.classList].map(c => '.' + c).join('');
  return [...document.querySelectorAll('body *')]
    .filter(el => el.getBoundingClientRect().right > edge && !clipped(el))
    .filter(el => ![...el.children].some(c => c.getBoundingClientRect().right > edge))
    .slice(0, 5)
    .map(el => `${name(el)} to ${Math.round(el.getBoundingClientRect().right)} px:`
      + ` "${el.textContent.trim().slice(0, 40)}"`);
}"""

# How many lines each hidden figure ("hidden", docs/disclosure.md) on the page takes.
HIDDEN_LINES = """() => [...document.querySelectorAll('td')]
  .filter(td => td.textContent.trim() === 'hidden')
  .map(td => {
    const range = document.createRange();
    range.selectNodeContents(td);
    return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size;
  })"""


@pytest.fixture
def phone(page: Page):
    """The page, at a phone's size."""
    page.set_viewport_size(PHONE)
    return page


@pytest.fixture
def check_fits(phone: Page, visit):
    """`check_fits(path)` opens the page (axe checks it) and notes it if wider than the
    screen; `check_fits.done()` fails with every page that was, and where it overflows."""
    too_wide = []

    def check(path: str) -> None:
        response = visit(path)
        assert response.status == 200, f"{path}: {response.status}"
        width = phone.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            too_wide.append(f"{path}: {width} px wide; {phone.evaluate(OVERFLOWING)}")

    def done() -> None:
        assert not too_wide, f"Wider than a {PHONE['width']} px phone:\n" + "\n".join(too_wide)

    check.done = done
    return check


def ax_nodes(page: Page, selector: str, role: str) -> list[str]:
    """The accessible names of the `role` nodes inside `selector`, as Chromium exposes them
    to screen readers."""
    cdp = page.context.new_cdp_session(page)
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    found = cdp.send("Accessibility.queryAXTree", {"nodeId": node, "role": role})["nodes"]
    cdp.detach()
    return [" ".join(n.get("name", {}).get("value", "").split()) for n in found]


@pytest.fixture
def records(school, senco, teacher, pupil, roll, today, settings, tmp_path):
    """What the pages show, at its longest: a contact with a long email address, a cycle
    with evidence and a teacher's view, two versions of the passport, a second group."""
    f.ContactFactory(
        pupil=pupil,
        name="Mary O'Brien-Łukasiewicz",
        relationship="Grandmother",
        parental_responsibility=True,
        phone=PHONE_NUMBER,
        email=EMAIL,
    )
    actor = Actor(senco)
    cycle = cycle_start(actor=actor, pupil=pupil, today=today)
    evidence_add(
        actor=actor,
        cycle=cycle,
        kind="standardised",
        date=today,
        given_by="Learning support department, with the educational psychologist",
        summary="PUMA maths (standardised score): below average; a clear gap with the "
        "pupil's verbal reasoning.",
        score="standard score 80",
    )
    view_requests_create(actor=actor, cycle=cycle)
    view_request_answer(
        actor=Actor(teacher),
        view_request=cycle.view_requests.get(),
        view="Much more settled since the seating plan changed; still rushes written work.",
    )
    for helps in ("Sitting near the front", "Sitting near the door, away from the window"):
        passport_save(
            actor=actor,
            pupil=pupil,
            texts={
                "what_helps_me": helps,
                "find_difficult": "Copy long passages from the board",
                "others_support_me_by": "Giving me a printed copy of the board and one "
                "instruction at a time",
            },
            pupil_wrote=set(),
            reviewed=False,
        )
    group = f.TeachingGroupFactory(school=school, name="10X/Sc-Triple-Award", subject="Science")
    group.teachers.add(teacher, senco)
    group.pupils.add(*roll.values())
    f.MembershipFactory(
        school=school,
        role="teacher",
        user=f.UserFactory(username="a.very-long-username.for-a-supply-teacher"),
    )
    # A finished background job, and a pupil with an EHC plan and a section F item.
    job = Job.objects.create(
        function="senco.profiles.pdf.class_sheets_job",
        title="Class sheets: Year 7",
        started_by=senco,
        school=school,
        status=Job.Status.DONE,
        result_message="12 groups, 40 pupils with SEND.",
    )
    ehc_pupil = f.SenPupilFactory(school=school, sen_provision=Provision.EHC_PLAN)
    plan = ehcp_services.plan_save(
        actor=actor,
        pupil=ehc_pupil,
        la_code="886",
        officer_name="Priya Shah",
        officer_email="priya.shah.casework.team@education.example.gov.uk",
        officer_phone=PHONE_NUMBER,
        issued_on=today - datetime.timedelta(days=400),
        last_review_on=today - datetime.timedelta(days=380),
        status="in_force",
        needs="Autism; finds noise and changes to routine hard",
        outcomes="Asks an adult for help when stuck, in every lesson",
    )
    ehcp_services.item_add(
        actor=actor,
        plan=plan,
        what="Speech and language therapy programme delivered by a trained assistant",
        who="Teaching assistant, trained by the NHS speech and language therapist",
        how_often="3 times a week",
        how_long="30 minutes",
        kind="intervention",
        in_place=False,
        in_place_since=None,
        evidence="",
    )
    # Section F for teachers (My pupils), the plan's PDF and removing an item.
    for what, kind in (
        ("Give instructions one step at a time, written on a card on the desk", "classroom"),
        ("Offer the quiet room with a time-out card; do not ask why", "when_struggling"),
    ):
        item = ehcp_services.item_add(actor=actor, plan=plan, what=what, kind=kind, in_place=False)
    teacher.teaching_groups.order_by("name").first().pupils.add(ehc_pupil)
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    document_replace(
        actor=actor,
        plan=plan,
        upload=SimpleUploadedFile("Kent County Council EHC plan, final, 2025.pdf", PDF),
    )
    # An annual review of the plan in progress, someone invited (review_services).
    review = review_services.review_start(
        actor=actor,
        plan=plan,
        kind="phase_transfer",
        next_setting="Northgate College of Further Education, sixth form centre",
    )
    review_services.meeting_set(
        actor=actor,
        review=review,
        meeting_on=today - datetime.timedelta(days=3),
        late_confirmed=True,
    )
    review_services.contributor_add(
        actor=actor,
        review=review,
        role="professional",
        name="Dr Helen Osei-Łukasiewicz",
        organisation="Educational psychology service, North and West Kent",
        email="helen.osei-lukasiewicz@education.example.gov.uk",
    )
    # A term's attendance, suspensions and a data drop for the roll (issue 14).
    school_figures(school, list(roll.values()), today)
    return {"cycle": cycle, "job": job, "ehc_pupil": ehc_pupil, "item": item, "review": review}


def test_senco_pages_fit_a_phone(phone: Page, sign_in, check_fits, school, pupil, records):
    sign_in("senco")
    urn = school.urn
    cycle = records["cycle"]
    group = pupil.teaching_groups.order_by("name").first()
    for path in (
        "/",
        f"/school/{urn}/register/",
        f"/pupils/{pupil.pk}/",
        f"/school/{urn}/contacts/?q=Łukasiewicz",
        f"/school/{urn}/summary/",
        f"/pupils/{pupil.pk}/plans/",
        f"/pupils/{pupil.pk}/plans/{cycle.pk}/",
        f"/school/{urn}/staff/",
        f"/pupils/{pupil.pk}/audit/",
        f"/school/{urn}/my-pupils/",
        f"/pupils/{pupil.pk}/passport/",
        f"/pupils/{pupil.pk}/profile/",
        f"/pupils/{pupil.pk}/passport/history/",
        f"/pupils/{pupil.pk}/passport/compare/?old=1&new=2",
        f"/school/{urn}/import/",
        f"/school/{urn}/groups/",
        f"/school/{urn}/groups/{group.pk}/",
        f"/school/{urn}/terms/",
        "/accounts/",
        "/accounts/two-factor/set-up/",
        f"/school/{urn}/sign-in/",
        f"/school/{urn}/scheduled-jobs/",
        f"/school/{urn}/class-sheets/7/",
        f"/jobs/{records['job'].pk}/",
        f"/pupils/{records['ehc_pupil'].pk}/ehc-plan/",
        f"/pupils/{records['ehc_pupil'].pk}/ehc-plan/edit/",
        f"/pupils/{records['ehc_pupil'].pk}/ehc-plan/provision/add/",
        f"/pupils/{records['ehc_pupil'].pk}/ehc-plan/provision/{records['item'].pk}/remove/",
        f"/pupils/{records['ehc_pupil'].pk}/ehc-plan/pdf/upload/",
        f"/pupils/{records['ehc_pupil'].pk}/ehc-plan/pdf/remove/",
        *_review_pages(records),
        f"/school/{urn}/ehc-plans/",
        f"/school/{urn}/ehc-plans/all/",
        f"/school/{urn}/ehc-plans/compliance/",
        f"/school/{urn}/ehc-plans/phase-transfers/",
        f"/school/{urn}/ehc-plans/assessment-requests/",
        f"/school/{urn}/ehc-plans/report-forms/",
        f"/pupils/{pupil.pk}/assessment-requests/add/",
        f"/school/{urn}/calendar/",
        f"/school/{urn}/calendar/subscribe/",
        f"/school/{urn}/provision-map/",
        f"/school/{urn}/interventions/",
        f"/school/{urn}/interventions/add/",
        f"/school/{urn}/intervention-groups/",
        f"/school/{urn}/intervention-groups/add/",
        f"/school/{urn}/impact/",
        f"/school/{urn}/provision-funding/",
        f"/school/{urn}/scores/",
        # Attendance, suspensions and results (issue 14).
        f"/school/{urn}/outcomes/",
        f"/school/{urn}/outcomes/attendance/",
        f"/school/{urn}/outcomes/attendance/?by=need",
        f"/school/{urn}/outcomes/attendance/pupils/?group=all",
        f"/school/{urn}/outcomes/suspensions/",
        f"/school/{urn}/outcomes/attainment/",
        f"/school/{urn}/outcomes/imports/",
        f"/school/{urn}/outcomes/imports/attendance/new/",
        f"/school/{urn}/outcomes/imports/results/new/",
        f"/school/{urn}/outcomes/subjects/",
        f"/school/{urn}/outcomes/scales/",
        # The SEND development plan (issue 15).
        f"/school/{urn}/development-plan/",
        # Line management meetings (issue 15).
        f"/school/{urn}/meetings/",
        f"/school/{urn}/meetings/new/?kind=line_manager",
        # The self-evaluation (issue 15).
        f"/school/{urn}/self-evaluation/",
        f"/school/{urn}/self-evaluation/operational/",
        f"/school/{urn}/self-evaluation/compliance/section_f/",
        # The SENCO's year (issue 15).
        f"/school/{urn}/year/",
        # The census check (issue 15).
        f"/school/{urn}/year/census/",
        # Reports to governors (issue 15): the list and a draft with its figures.
        f"/school/{urn}/reports/",
        _report_page(school),
    ):
        check_fits(path)
    check_fits.done()


def _report_page(school) -> str:
    """This year's governors' report, drafted, with every app's figures."""
    from senco.lib.clock import academic_year_of
    from senco.reports.services import report_draft

    year = academic_year_of(timezone.localdate())
    report, _ = report_draft(
        actor=Actor.system(), school=school, kind="governors", academic_year=year
    )
    return f"/school/{school.urn}/reports/{report.pk}/"


def _review_pages(records) -> list[str]:
    """The annual review's task list and each step's form."""
    review = records["review"]
    base = f"/pupils/{records['ehc_pupil'].pk}/ehc-plan/reviews/"
    here = f"{base}{review.pk}/"
    invitee = review.contributors.get().pk
    return [
        f"{base}start/",
        here,
        *(
            here + step
            for step in (
                "meeting-date/",
                "invitations/",
                "invitees/add/",
                f"invitees/{invitee}/",
                "advice/",
                "views/",
                "meeting/",
                "report/",
                "decision/",
            )
        ),
    ]


def test_register_on_a_phone_keeps_name_year_provision_and_need_in_view(
    phone: Page, sign_in, visit, school, roll
):
    sign_in("senco")
    visit(f"/school/{school.urn}/register/")
    row = phone.locator("#register-table tbody tr", has_text="Ahmed, Yusuf")
    cells = row.locator("td")
    for index, text in ((0, "Ahmed, Yusuf"), (2, "Year 8"), (4, "EHC plan"), (5, "ASD")):
        cell = cells.nth(index)
        expect(cell).to_contain_text(text)
        expect(cell).to_be_in_viewport()
        box = cell.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], (text, box)
    # The sort links stay on screen, above the rows.
    expect(phone.locator("#register-table thead").get_by_role("link", name="Year")).to_be_visible()
    # Stacked, the table is still a table to a screen reader.
    headers = ax_nodes(phone, "#register-table", "columnheader")
    assert any(h.startswith("Year") for h in headers), headers


def test_contacts_are_links_to_call_and_email(phone: Page, sign_in, visit, school, pupil, records):
    sign_in("senco")
    visit(f"/school/{school.urn}/contacts/?q=Łukasiewicz")
    table = phone.locator("#contact-table")
    expect(table.locator('a[href="tel:07700900123"]')).to_have_text(PHONE_NUMBER)
    expect(table.locator(f'a[href="mailto:{EMAIL}"]')).to_have_text(EMAIL)

    visit(f"/pupils/{pupil.pk}/")
    contacts = phone.locator("#pupil-contacts")
    expect(contacts.locator('a[href="tel:07700900123"]')).to_have_text(PHONE_NUMBER)
    expect(contacts.locator(f'a[href="mailto:{EMAIL}"]')).to_be_visible()
    # Each cell is read with its column's heading, and without the label drawn on a phone.
    assert "Phone" in ax_nodes(phone, "#pupil-contacts", "columnheader")
    assert PHONE_NUMBER in ax_nodes(phone, "#pupil-contacts", "cell")


def test_teacher_pages_fit_a_phone(phone: Page, sign_in, check_fits, school, pupil, records):
    sign_in("teacher")
    for path in (
        "/",
        f"/school/{school.urn}/register/",
        f"/school/{school.urn}/my-pupils/",
        f"/school/{school.urn}/calendar/",
        f"/school/{school.urn}/year/",
        f"/pupils/{pupil.pk}/",
        f"/pupils/{pupil.pk}/passport/",
        f"/pupils/{records['ehc_pupil'].pk}/ehc-plan/",
        f"/pupils/{records['ehc_pupil'].pk}/ehc-plan/reviews/{records['review'].pk}/",
    ):
        check_fits(path)
    check_fits.done()


def test_ta_pages_fit_a_phone(phone: Page, sign_in, check_fits, school, pupil, ta, records, today):
    # An intervention group the TA delivers, with a session recorded and a long note.
    from senco.provision.models import Intervention
    from senco.provision.tests.session_fixtures import make_group, record

    others = [records["ehc_pupil"], *f.SenPupilFactory.create_batch(3, school=school)]
    toe_by_toe = Intervention.objects.create(
        school=school, name="Toe by Toe", area="CL", measure="reading_age"
    )
    group = make_group(
        toe_by_toe,
        ta,
        [pupil, *others],
        name="Year 7 readers (Toe by Toe), Monday to Friday before registration",
        today=today,
    )
    session = record(group, today - datetime.timedelta(days=1))
    session.note = "Read chapter 2 together; Zoë was tired after a late night, so we stopped early."
    session.save()
    sign_in("ta")
    for path in (
        f"/school/{school.urn}/my-pupils/",
        f"/pupils/{pupil.pk}/",
        f"/school/{school.urn}/my-groups/",
        f"/intervention-groups/{group.pk}/sessions/",
        f"/intervention-groups/{group.pk}/sessions/add/",
        f"/intervention-groups/{group.pk}/sessions/{session.pk}/",
        f"/school/{school.urn}/withdrawals/",
    ):
        check_fits(path)
    check_fits.done()


def test_office_pages_fit_a_phone(phone: Page, sign_in, check_fits, school, office, pupil, records):
    sign_in("office")
    contact = pupil.contacts.order_by("pk").last()
    for path in (
        "/",
        f"/school/{school.urn}/contacts/",
        f"/school/{school.urn}/contacts/pupils/{pupil.pk}/add/",
        f"/school/{school.urn}/contacts/{contact.pk}/",
        f"/school/{school.urn}/contacts/{contact.pk}/remove/",
    ):
        check_fits(path)
    check_fits.done()


def test_governor_summary_fits_a_phone_and_stays_readable(
    phone: Page, sign_in, check_fits, school, governor, roll, today
):
    school_figures(school, list(roll.values()), today)
    sign_in("governor")
    urn = school.urn
    for path in (
        f"/school/{urn}/development-plan/",
        f"/school/{urn}/reports/",
        f"/school/{urn}/outcomes/",
        f"/school/{urn}/outcomes/attendance/",
        f"/school/{urn}/outcomes/suspensions/",
        f"/school/{urn}/outcomes/attainment/",
        "/",
        f"/school/{urn}/summary/",
    ):
        check_fits(path)
    check_fits.done()
    # Hidden figures are there, each on one line.
    lines = phone.evaluate(HIDDEN_LINES)
    assert lines and set(lines) == {1}, lines


def test_trust_lead_summary_fits_a_phone(
    phone: Page, sign_in, check_fits, trust, school, trust_lead, roll, today
):
    school_figures(school, list(roll.values()), today)
    sign_in("trust_lead")
    for path in (
        f"/trust/{trust.pk}/outcomes/",
        f"/school/{school.urn}/outcomes/attendance/",
        "/",
        f"/trust/{trust.pk}/",
    ):
        check_fits(path)
    check_fits.done()
    assert set(phone.evaluate(HIDDEN_LINES)) <= {1}


def test_desktop_tables_are_unchanged(page: Page, sign_in, visit, school, roll):
    """At desktop width the register is a table with its columns side by side, in a region
    that scrolls on its own and that a keyboard can reach."""
    page.set_viewport_size({"width": 1100, "height": 900})
    sign_in("senco")
    visit(f"/school/{school.urn}/register/")
    region = page.get_by_role("region", name="Pupils on the SEND register")
    expect(region).to_have_attribute("tabindex", "0")
    first = page.locator("#register-table tbody tr").first.locator("td")
    assert first.nth(0).bounding_box()["y"] == first.nth(4).bounding_box()["y"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 1100


# --- Parents and carers (issue 12) ------------------------------------------------------------


@pytest.fixture
def review_day(school, senco, teacher, pupil, parent, today):
    """A review day next week with two rooms of 20-minute slots, Zoë booked in one with her
    mother (who has an email address and a parent's account: the cast's `parent`), a
    plan for Zoë, her mother's views, and a meeting she asked for."""
    from senco.accounts.models import ParentLink
    from senco.families.models import ReviewDay, ReviewRoom, Slot
    from senco.letters.models import Batch, Channel, Kind, Message
    from senco.parents.models import MeetingRequest, ParentViews

    mother = pupil.contacts.order_by("pk").first()
    mother.email = EMAIL
    mother.save()
    ParentLink.objects.create(user=parent, contact=mother)
    actor = Actor(senco)
    # The plan of the cycle in progress (`records` starts one), or of a new one.
    cycle = pupil.cycles.filter(status="open").first() or cycle_start(
        actor=actor, pupil=pupil, today=today
    )
    plan_save(
        actor=actor,
        cycle=cycle,
        outcomes=[("Reads a page of her reading book aloud with fewer than five errors", "")],
        provision="Reading group three mornings a week, run by the teaching assistant",
        who_does_what="The teaching assistant runs the group; her teachers give her a card",
        review_date=today + datetime.timedelta(days=7),
    )
    day = ReviewDay.objects.create(
        school=school,
        title="SEND parent review day for Years 7, 8 and 9, autumn term",
        held_on=today + datetime.timedelta(days=7),
        starts_at=datetime.time(15, 30),
        ends_at=datetime.time(17, 30),
        slot_minutes=20,
        notes="Come to main reception; the review takes 20 minutes.",
        created_by=senco,
    )
    slots = []
    for name, staff in (("Learning support base, room 4", senco), ("Library", teacher)):
        room = ReviewRoom.objects.create(day=day, room=name, staff=staff)
        for minutes in range(0, 120, 20):
            starts = datetime.time(15 + (30 + minutes) // 60, (30 + minutes) % 60)
            slots.append(Slot.objects.create(day=day, room=room, starts_at=starts))
    booked = slots[1]
    Slot.objects.filter(pk=booked.pk).update(pupil=pupil, contact=mother, booked_by=senco)
    ParentViews.objects.create(
        pupil=pupil,
        contact=mother,
        written_by=parent,
        going_well="She loves the lunchtime Lego club and talks about it every evening.",
        worries="Homework takes her hours, and she is too tired to read afterwards.",
    )
    asked = MeetingRequest.objects.create(
        pupil=pupil,
        contact=mother,
        asked_by=parent,
        about="Her homework: can it be shorter on the days she has the reading group?",
        when="Phone after 3pm",
    )
    # A review-day invitation sent by email to the families of the register.
    batch = Batch.objects.create(
        school=school,
        kind=Kind.REVIEW_DAY,
        channel=Channel.EMAIL,
        subject="Invitation to our SEND parent review day",
        body="Dear {contact_name}, ...",
        audience="Years 7, 8 and 9: SEN support and EHC plans",
        about={"day": day.pk},
        created_by=senco,
    )
    message = Message.objects.create(
        batch=batch,
        school=school,
        pupil=pupil,
        contact=mother,
        kind=Kind.REVIEW_DAY,
        channel=Channel.EMAIL,
        to_name=mother.name,
        to_email=EMAIL,
        subject="Invitation to our SEND parent review day at Hillside Academy",
        body="Dear Mary O'Brien-Łukasiewicz,\n\nYou are invited to a SEND parent review day.",
        status=Message.Status.SENT,
        sent_at=timezone.now(),
    )
    return {
        "day": day,
        "slot": booked,
        "free": slots[0],
        "mother": mother,
        "request": asked,
        "batch": batch,
        "message": message,
    }


def test_parent_pages_fit_a_phone(
    phone: Page, sign_in, check_fits, visit, pupil, parent, records, review_day
):
    """Zoë's mother (the cast's `parent`) is also the parent of a pupil with an EHC plan
    under review; Zoë has a passport, a plan, a review-day booking and a teaching group."""
    from senco.accounts.models import ParentLink

    day = review_day["day"]
    ehc_pupil = records["ehc_pupil"]
    ParentLink.objects.create(
        user=parent,
        contact=f.ContactFactory(pupil=ehc_pupil, name="Mary O'Brien-Łukasiewicz", email=EMAIL),
    )
    # The invitation link, used or unknown, is one plain page, on a phone too.
    response = visit("/parent/join/not-a-real-token-at-all/")
    assert response.status in (404, 410)
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"The invitation page is {width} px wide"
    sign_in("parent")
    for path in (
        "/parent/",
        f"/parent/children/{pupil.pk}/",
        f"/parent/children/{pupil.pk}/views/",
        f"/parent/children/{pupil.pk}/ask-for-a-meeting/",
        f"/parent/children/{pupil.pk}/review-days/{day.pk}/",
        f"/parent/children/{pupil.pk}/review-days/{day.pk}/cancel/",
        f"/parent/children/{ehc_pupil.pk}/",
    ):
        check_fits(path)
    check_fits.done()


def test_review_day_and_letters_pages_fit_a_phone(
    phone: Page, sign_in, check_fits, school, pupil, review_day
):
    day, slot, free = review_day["day"], review_day["slot"], review_day["free"]
    urn = school.urn
    base = f"/school/{urn}/families/review-days/"
    mother, batch = review_day["mother"], review_day["batch"]
    sign_in("senco")
    for path in (
        base,
        f"{base}add/",
        f"{base}{day.pk}/",
        f"{base}{day.pk}/change/",
        f"{base}{day.pk}/not-booked/",
        f"{base}{day.pk}/slots/{free.pk}/book/",
        f"{base}{day.pk}/slots/{free.pk}/book/?q=Zo",
        f"{base}{day.pk}/slots/{slot.pk}/",
        f"{base}{day.pk}/slots/{slot.pk}/cancel/",
        f"/school/{urn}/contacts/{mother.pk}/invite/",
        f"/school/{urn}/contacts/{mother.pk}/stop-access/",
        f"/pupils/{pupil.pk}/parents/requests/{review_day['request'].pk}/",
        f"/school/{urn}/letters/",
        f"/school/{urn}/letters/send/",
        f"/school/{urn}/letters/send/?kind=review_day&day={day.pk}",
        f"/school/{urn}/letters/wording/",
        f"/school/{urn}/letters/wording/review_day/",
        f"/school/{urn}/letters/{batch.pk}/",
        f"/pupils/{pupil.pk}/letters/",
        f"/pupils/{pupil.pk}/letters/send/",
        f"/pupils/{pupil.pk}/letters/{review_day['message'].pk}/",
    ):
        check_fits(path)
    check_fits.done()


def test_office_books_a_review_day_slot_on_a_phone(
    phone: Page, sign_in, check_fits, school, office, review_day
):
    day, free = review_day["day"], review_day["free"]
    base = f"/school/{school.urn}/families/review-days/"
    sign_in("office")
    for path in (base, f"{base}{day.pk}/", f"{base}{day.pk}/slots/{free.pk}/book/"):
        check_fits(path)
    check_fits.done()
