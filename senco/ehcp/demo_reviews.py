"""The demo trust's annual reviews of EHC plans, one at each step, so every page of the
review has something real to show.

Registered in capability.py as `DemoBuilder("ehcp_reviews", build, order=31)`: after the
plans (30), before the requests and phase transfers (32), drawing from each school's
generator in that order. In each school, the plans whose review is most due get an open
review each at one step:

- the meeting booked in 4 to 8 weeks, people added, no invitation sent yet;
- the meeting in 5 to 9 days and the invitations still not sent (overdue);
- invitations sent, advice awaited from some, the teachers asked (some answered);
- the meeting held last week, the report due;
- the report sent, the local authority's decision awaited;
- the decision to amend, the proposed amendments received, the final plan awaited;

and up to three plans reviewed earlier in the year have that review closed, held on the
day the plan records as its last review. Teachers' views go through the plans app's
requests (`plans.services`), as the pages ask for them.
"""

import datetime

from django.urls import reverse

from senco.audit.actor import Actor
from senco.ehcp.models import AnnualReview, Contributor, EHCPlan
from senco.ehcp.review_services import TEACHER_QUESTION, subject_of
from senco.lib.codes import Provision
from senco.plans import selectors as plans_selectors
from senco.plans import services as plans_services

D = datetime.timedelta
STAGES = (
    "booked",
    "invitations_overdue",
    "advice_awaited",
    "report_due",
    "decision_awaited",
    "amending",
)
PROFESSIONALS = (
    ("Dr Helen Osei", "Educational psychology service"),
    ("Mark Daly", "Speech and language therapy (NHS)"),
    ("Ruth Fenwick", "Occupational therapy"),
    ("Imran Qureshi", "Specialist teacher, cognition and learning"),
)
ADVICE = (
    "Progress in reading is steady; keep the precision teaching and add a weekly check of "
    "comprehension.",
    "Expressive language has improved; continue the therapy programme, delivered by the TA "
    "three times a week.",
    "Sensory needs are well met by the circuit; review the seating plan in practical lessons.",
)
PUPIL_VIEWS = (
    "I like working with Miss in the small group. Lunchtime is still too loud.",
    "Maths is better now. I want to do more art.",
)
PARENT_VIEWS = (
    "Much happier going to school this year; homework is still a struggle.",
    "We would like more warning before changes, and the speech therapy to continue.",
)
TEACHER_VIEWS = (
    "Settled and keen in lessons; needs the task broken into steps to get started.",
    "Uses the time-out card well; the visual timetable has helped with changes.",
)


def build(demo) -> None:
    for school in demo.schools:
        _school_reviews(school, demo.today)


def _contributors(school, review: AnnualReview, plan: EHCPlan, pupil) -> list[Contributor]:
    rng = school.rng
    people = [
        Contributor(
            review=review, role=Contributor.Role.PARENT, name=f"{pupil.forename}'s parents"
        ),
        Contributor(
            review=review,
            role=Contributor.Role.LOCAL_AUTHORITY,
            name=plan.officer_name or "SEN case officer",
            organisation=plan.la_name,
            email=plan.officer_email,
        ),
    ]
    if pupil.year_group >= 9:
        people.append(
            Contributor(review=review, role=Contributor.Role.YOUNG_PERSON, name=pupil.full_name)
        )
    for name, organisation in rng.sample(PROFESSIONALS, 2):
        people.append(
            Contributor(
                review=review,
                role=Contributor.Role.PROFESSIONAL,
                name=name,
                organisation=organisation,
            )
        )
    return people


def _school_reviews(school, today: datetime.date) -> None:
    rng = school.rng
    at_e = {p.pk: p for p in school.pupils if p.sen_provision == Provision.EHC_PLAN}
    plans = sorted(EHCPlan.objects.filter(pupil_id__in=at_e), key=lambda p: (p.review_from, p.pk))
    closed = [
        p
        for p in plans
        if p.last_review_on and today - D(days=300) <= p.last_review_on <= today - D(days=60)
    ][:3]
    candidates = [p for p in plans if p not in closed]
    senco = school.senco
    for plan in closed:
        _closed_review(school, plan, at_e[plan.pupil_id], senco, today)
    for stage, plan in zip(STAGES, candidates, strict=False):
        _open_review(school, stage, plan, at_e[plan.pupil_id], senco, today, rng)


def _closed_review(school, plan, pupil, senco, today) -> None:
    held = plan.last_review_on
    review = AnnualReview.objects.create(
        plan=plan,
        kind=AnnualReview.Kind.ANNUAL,
        owner=senco,
        created_by=senco,
        created_at=school.moment(held - D(days=42)),
        meeting_on=held,
        meeting_time="3.30pm, the meeting room",
        advice_circulated_on=school.weekday(held - D(days=20), held - D(days=15)),
        pupil_view=school.rng.choice(PUPIL_VIEWS),
        parent_view=school.rng.choice(PARENT_VIEWS),
        held_on=held,
        attendees="Class teacher",
        progress="Good progress towards most outcomes; see the advice attached.",
        recommendations="Keep the plan as it is.",
        report_sent_on=school.weekday(held + D(days=3), held + D(days=12)),
        decision=AnnualReview.Decision.MAINTAIN,
        decision_on=school.weekday(held + D(days=15), held + D(days=27)),
        views_requested_at=school.moment(held - D(days=21)),
        closed_at=school.moment(held + D(days=28)),
    )
    people = _contributors(school, review, plan, pupil)
    invited = school.weekday(held - D(days=35), held - D(days=22))
    for person in people:
        person.invited_on = invited
        person.advice_requested_on = invited
        person.advice_received_on = school.weekday(invited + D(days=3), held - D(days=16))
        person.advice = school.rng.choice(ADVICE)
        person.attended = school.rng.random() < 0.7
    Contributor.objects.bulk_create(people)


def _open_review(school, stage, plan, pupil, senco, today, rng) -> None:
    day = school.weekday
    review = AnnualReview(
        plan=plan,
        kind=AnnualReview.Kind.ANNUAL,
        owner=senco,
        created_by=senco,
        meeting_time=rng.choice(("3.30pm, the meeting room", "9am, online (Teams)")),
    )
    if stage == "booked":
        review.meeting_on = day(today + D(days=28), today + D(days=56))
    elif stage == "invitations_overdue":
        review.meeting_on = day(today + D(days=5), today + D(days=9))
    elif stage == "advice_awaited":
        review.meeting_on = day(today + D(days=21), today + D(days=35))
    else:
        held_ago = {"report_due": (3, 8), "decision_awaited": (20, 27), "amending": (45, 60)}
        lo, hi = held_ago[stage]
        review.meeting_on = review.held_on = day(today - D(days=hi), today - D(days=lo))
    held = review.held_on
    meeting = review.meeting_on
    review.created_at = school.moment(min(today, meeting - D(days=42)))
    if held:
        review.advice_circulated_on = day(held - D(days=20), held - D(days=15))
        review.pupil_view = rng.choice(PUPIL_VIEWS)
        review.parent_view = rng.choice(PARENT_VIEWS)
        review.attendees = "Class teacher; the teaching assistant"
    elif stage == "advice_awaited":
        review.pupil_view = rng.choice(PUPIL_VIEWS)
    if stage in ("decision_awaited", "amending"):
        review.progress = "Outcome 1 achieved; outcomes 2 and 3 partly achieved."
        review.recommendations = "Amend section F: add a social communication group."
        review.report_sent_on = day(held + D(days=3), held + D(days=10))
    if stage == "report_due":
        review.progress = "Outcome 1 achieved; outcome 2 partly achieved."
    if stage == "amending":
        review.decision = AnnualReview.Decision.AMEND
        review.decision_on = day(held + D(days=18), held + D(days=26))
        review.proposals_on = day(review.decision_on + D(days=3), review.decision_on + D(days=10))
    if stage in ("advice_awaited", "report_due", "decision_awaited", "amending"):
        review.views_requested_at = school.moment(min(today - D(days=6), meeting - D(days=21)))
    review.save()
    people = _contributors(school, review, plan, pupil)
    if stage in ("booked", "invitations_overdue"):
        pass  # added, nobody invited yet
    else:
        if held:
            invited = day(held - D(days=28), held - D(days=22))
            received_by = held - D(days=16)
        else:  # the meeting is 3 to 5 weeks away
            invited = day(today - D(days=6), today - D(days=1))
            received_by = today
        for n, person in enumerate(people):
            person.invited_on = invited
            person.advice_requested_on = invited
            if held or n % 2 == 0:
                person.advice_received_on = day(invited + D(days=2), received_by)
                person.advice = rng.choice(ADVICE)
            person.attended = bool(held) and rng.random() < 0.75
    Contributor.objects.bulk_create(people)
    EHCPlan.objects.filter(pk=plan.pk).update(
        status=EHCPlan.Status.BEING_AMENDED if stage == "amending" else EHCPlan.Status.UNDER_REVIEW
    )
    if stage in ("advice_awaited", "report_due", "decision_awaited", "amending"):
        _teacher_views(school, review, pupil, answered_all=bool(held))


def _teacher_views(school, review, pupil, *, answered_all: bool) -> None:
    subject = subject_of(review)
    plans_services.view_requests_create_for(
        actor=Actor.system(),
        pupil=pupil,
        subject=subject,
        question=TEACHER_QUESTION.format(name=pupil.full_name),
        due_on=review.meeting_on,
        link=reverse("ehcp_review_views", args=[pupil.pk, review.pk]),
        asked_at=review.views_requested_at,
    )
    for n, request in enumerate(plans_selectors.view_requests_about(subject)):
        if answered_all or n % 2 == 0:
            plans_services.view_request_answer(
                actor=Actor(request.teacher),
                view_request=request,
                view=school.rng.choice(TEACHER_VIEWS),
                answered_at=review.views_requested_at + D(days=school.rng.randint(1, 5)),
            )
