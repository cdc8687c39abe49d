"""The demo trust's self-evaluations: a year in progress.

Registered in capability.py as `DemoBuilder("strategy.selfeval", build, order=66)`. At every
school: last school year's statutory compliance check and operational areas answered and
finished (the compliance check in the Spring term, as the SENCO's checklist advises; the
operational areas in July, with the line manager's comments on some), and this school
year's compliance check half answered. Draws nothing from the random generator.
"""

import datetime

from senco.accounts.models import Role
from senco.lib import clock
from senco.strategy.models import Rating, SelfEvaluation, SelfEvaluationAnswer
from senco.strategy.selfeval_questions import COMPLIANCE, OPERATIONAL

Y, P, N, NA = Rating.YES, Rating.PARTLY, Rating.NO, Rating.NOT_APPLICABLE

# question key -> (rating, what we do and how we know, next step, line manager's comments)
LAST_YEAR_COMPLIANCE = {
    "annual_reviews": (
        P,
        "Every review is in the calendar. Invitations for two spring reviews went out less "
        "than two weeks before the meeting because the advice came late.",
        "Send invitations six weeks ahead; the office to chase advice at four weeks.",
        "Agreed. The office manager will take the invitations on from April.",
    ),
    "parent_meetings": (
        P,
        "About two thirds of families were met twice by February. Key stage 2 parents' "
        "evenings are well attended; key stage 1 less so.",
        "A SEND review day each term, bookable online.",
        "",
    ),
    "parents_told": (
        Y,
        "A letter goes home for every change on the register and every new group; the "
        "register shows any still to send.",
        "",
        "",
    ),
    "section_f": (
        P,
        "All section F provision is in place except speech and language therapy for one "
        "pupil, waiting for the NHS service.",
        "Raise with the local authority at the annual review.",
        "Escalate to the LA caseworker if there is no date by Easter.",
    ),
    "apdr": (
        Y,
        "Every pupil at SEN support has a plan with outcomes and a review date; reviews "
        "are termly.",
        "Teachers to add their own notes in the do stage.",
        "",
    ),
    "information_report": (
        N,
        "The information report on the website is from two years ago and does not name "
        "the current SENCO.",
        "Rewrite the report with parents in the summer term, against Schedule 1.",
        "A priority for the development plan: governors to approve it in July.",
    ),
}

THIS_YEAR_COMPLIANCE = {
    "annual_reviews": (
        Y,
        "All reviews are calendared for the year; invitations now go six weeks ahead.",
        "",
        "",
    ),
    "parent_meetings": (
        P,
        "The autumn review day met most families; those who could not come are being "
        "phoned by the key workers.",
        "Check the families not met this term before the spring review day.",
        "",
    ),
    "parents_told": (
        P,
        "Letters go home for register changes, but some intervention groups started "
        "without a letter.",
        "Send the letters for the new groups this week.",
        "",
    ),
}

OPERATIONAL_WORDS = {
    "qa_plans": (P, "Plans are sampled each term; passports are not yet checked."),
    "qa_statutory": (P, "Policies are in date except the information report."),
    "qa_register": (Y, "The register is checked before each census with the office."),
    "qa_assurance": (Y, "The annual SEND report went to governors in July."),
    "finance": (P, "The provision map is costed; top-up funding is not yet matched to it."),
    "attainment": (P, "Progress of pupils at SEN support in writing is behind the school."),
    "identification": (Y, "Teachers refer through the concern form; training in autumn."),
    "attendance_behaviour": (P, "Persistent absence of pupils with SEN is watched monthly."),
    "support_staff": (Y, "TAs are deployed to classes in the morning, groups after lunch."),
    "key_pupils": (Y, "Three pupils of concern, each with a named key adult."),
    "provision_map": (Y, "Interventions for each broad area are on the provision map."),
    "transitions": (Y, "Extra visits for pupils moving on were arranged in June."),
    "access_arrangements": (P, "Access arrangements are in place for tests; mocks next."),
}


def build(demo) -> None:
    year = clock.academic_year_of(demo.today)
    for ds in demo.schools:
        _build_school(demo, ds, year)


def _evaluation(ds, year, questions, started_on, finished_on=None) -> SelfEvaluation:
    return SelfEvaluation.objects.create(
        school=ds.school,
        academic_year=year,
        questions=questions,
        started_by=ds.senco,
        started_at=ds.moment(started_on),
        finished_at=ds.moment(finished_on) if finished_on else None,
    )


def _answers(ds, evaluation, answers: dict, day: datetime.date, leader) -> list:
    rows = []
    for key, (rating, words, next_step, comments) in answers.items():
        rows.append(
            SelfEvaluationAnswer(
                evaluation=evaluation,
                question=key,
                rating=rating,
                words=words,
                next_step=next_step,
                line_manager_words=comments,
                updated_by=leader if comments else ds.senco,
                updated_at=ds.moment(day),
                version=2 if comments else 1,
            )
        )
    return rows


def _build_school(demo, ds, year: int) -> None:
    leaders = ds.staff.get(Role.LEADER) or [ds.senco]
    leader = leaders[0]
    spring = datetime.date(year, 1, 20)  # last school year's spring term
    july = datetime.date(year, 7, 8)
    rows = []
    compliance = _evaluation(ds, year - 1, COMPLIANCE.key, spring, spring)
    rows += _answers(ds, compliance, LAST_YEAR_COMPLIANCE, spring, leader)
    operational = _evaluation(ds, year - 1, OPERATIONAL.key, july, july)
    rows += _answers(
        ds,
        operational,
        {k: (r, w, "", "") for k, (r, w) in OPERATIONAL_WORDS.items()},
        july,
        leader,
    )
    # This year's compliance check: half answered, a week ago (or today, early in the year).
    day = max(datetime.date(year, 9, 1), demo.today - datetime.timedelta(days=7))
    this_year = _evaluation(ds, year, COMPLIANCE.key, day)
    rows += _answers(ds, this_year, THIS_YEAR_COMPLIANCE, day, leader)
    SelfEvaluationAnswer.objects.bulk_create(rows)
