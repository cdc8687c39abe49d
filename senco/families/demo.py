"""The demo trust's meetings with families: a realistic school year of them.

Registered in capability.py as `DemoBuilder("families", build, order=45)`. For each pupil on
the register: a SEND review most terms of last school year, and this year most families
met two or three times (a SEND review each term, parents' evening, the odd phone call or
email, a coffee morning), a few more often,
some not at all this term and a handful not at all this year; an annual review for pupils
with an EHC plan. About one meeting in three has a follow-up action for a member of staff,
most done, the recent ones still open. All bulk_create.
"""

import datetime

from senco.families.models import FollowUp, Kind, Meeting
from senco.families.selectors import this_term
from senco.lib import clock
from senco.lib.codes import ON_REGISTER, Provision
from senco.pupils.models import Contact

AGREED = (
    "Keep the home-school book going daily; review the seating plan in maths.",
    "Try the visual timetable at home too; school to send a copy.",
    "Extra reading at home three times a week; school to send books home on Mondays.",
    "Move the SEND review to after the speech and language report arrives.",
    "Parent to let school know about the new medication; school to tell the form tutor.",
    "Start the social skills group after half term; review at the next meeting.",
    "School to ask the educational psychologist for advice; parent agreed.",
    "Homework reduced to two pieces a week for now; check in by phone in a fortnight.",
)
ACTIONS = (
    "Send the updated pupil passport home",
    "Ask the educational psychologist for a consultation",
    "Share the new visual timetable with the family",
    "Phone home to check how the new routine is going",
    "Book the next SEND review",
    "Send the reading books home",
    "Tell the form tutor about the agreed seating plan",
)
OTHERS = ("Form tutor", "Class teacher", "Teaching assistant", "Head of year", "")
# Kinds drawn for the extra contacts across the year, besides the termly reviews.
EXTRAS = (Kind.PARENTS_EVENING, Kind.PHONE, Kind.EMAIL, Kind.INFORMAL, Kind.COFFEE_MORNING)


def build(demo) -> None:
    for school in demo.schools:
        _build_school(demo, school)


def _build_school(demo, ds) -> None:
    rng = ds.rng
    today = demo.today
    year = clock.academic_year_of(today)
    terms = [t for t in clock.school_terms(ds.terms, year) if t.starts_on <= today]
    # Last school year too, so that a family's history does not start in September.
    last_year = clock.school_terms(ds.terms, year - 1)
    term_now = this_term(ds.terms, today)
    told = {}
    for contact in Contact.objects.filter(
        pupil__school=ds.school, no_contact=False, no_information=False
    ).order_by("priority", "pk"):
        told.setdefault(contact.pupil_id, contact)
    meetings, contacts_of, follow = [], [], []
    for pupil in ds.pupils:
        if pupil.sen_provision not in ON_REGISTER:
            continue
        draw = rng.random()
        since = pupil.on_register_since or last_year[0].starts_on
        dates = [
            (Kind.SEND_REVIEW, ds.weekday(max(t.starts_on, since), t.ends_on))
            for t in last_year
            if since <= t.ends_on and rng.random() < 0.8
        ]
        for term in terms:
            end = min(term.ends_on, today)
            if term == term_now and draw < 0.2:
                continue  # not met at all this term
            if draw < 0.05:
                continue  # not met at all this year
            dates.append((Kind.SEND_REVIEW, ds.weekday(term.starts_on, end)))
        # Those not met this term had their other contact before it began.
        last_day = today
        if draw < 0.2:
            last_day = term_now.starts_on - datetime.timedelta(days=1)
        first_day = terms[0].starts_on if terms else today
        if draw >= 0.05 and first_day < last_day:
            for _ in range(rng.randint(1, 2)):
                dates.append((rng.choice(EXTRAS), ds.weekday(first_day, last_day)))
            if pupil.sen_provision == Provision.EHC_PLAN:
                dates.append((Kind.ANNUAL_REVIEW, ds.weekday(first_day, last_day)))
        for kind, day in dates:
            day = min(day, today)
            meeting = Meeting(
                school=ds.school,
                pupil=pupil,
                kind=kind,
                held_on=day,
                others=rng.choice(OTHERS),
                agreed=rng.choice(AGREED) if kind != Kind.EMAIL else "",
                recorded_by=ds.senco,
            )
            meetings.append(meeting)
            contacts_of.append(told.get(pupil.pk))
            if rng.random() < 0.33:
                owner = ds.ta_of.get(pupil.pk) or ds.senco
                due = day + datetime.timedelta(days=rng.randint(7, 28))
                done = due < today - datetime.timedelta(days=7) and rng.random() < 0.85
                follow.append((meeting, owner, due, due if done else None))
    Meeting.objects.bulk_create(meetings)
    through = Meeting.contacts.through
    through.objects.bulk_create(
        [
            through(meeting_id=m.pk, contact_id=c.pk)
            for m, c in zip(meetings, contacts_of, strict=True)
            if c is not None
        ]
    )
    FollowUp.objects.bulk_create(
        [
            FollowUp(
                meeting=m,
                pupil_id=m.pupil_id,
                what=rng.choice(ACTIONS),
                owner=owner,
                due_on=due,
                done_on=done,
            )
            for m, owner, due, done in follow
        ]
    )
