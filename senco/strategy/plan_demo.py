"""The demo trust's SEND development plans: every school has this year's plan (four
priorities, two to four actions each, a mix of statuses, some actions past their due date
and not done, evidence linking to the school's real demo pages) and last year's, mostly
done. Registered in capability.py as `DemoBuilder("strategy.plan", build, order=64)`.

Statuses follow the demo's today: an action due before it is mostly done, with a few still
red, amber or green (overdue); one due later is green, amber or not started. Three bulk
inserts for the whole trust."""

import datetime

from django.urls import reverse

from senco.accounts.models import Role
from senco.lib import clock
from senco.strategy.models import Action, ActionEvidence, Priority, Status

# (title, why, [(what, owner role or an outside name, month due, success criteria,
#   [(evidence label, URL name)])]). Months are of the academic year (9 = September).
PLAN = [
    (
        "Improve attendance of pupils with SEN",
        "Persistent absence of pupils at SEN support is well above the rest of the school "
        "and above England's.",
        [
            (
                "Weekly attendance check-in for the persistent absentees on the register",
                Role.LEADER,
                10,
                "Each pupil on the list has a named adult and a weekly check-in.",
                [("Attendance of pupils with SEN", "outcomes_attendance")],
            ),
            (
                "Meet every family of a persistent absentee with SEN to agree a plan",
                Role.SENCO,
                12,
                "A plan agreed with every family by the end of the autumn term.",
                [("Meetings with families", "families_three_a_year")],
            ),
            (
                "Report SEN attendance to governors each term",
                Role.SENCO,
                3,
                "Persistent absence at SEN support below 25% by the spring census.",
                [],
            ),
        ],
    ),
    (
        "Quality-first teaching: adaptive teaching in every classroom",
        "Learning walks last year found strategies on passports used in fewer than half of "
        "lessons.",
        [
            (
                "Training on adaptive teaching for all teaching staff",
                Role.SENCO,
                10,
                "Every teacher has had the training; the slides are on the staff drive.",
                [],
            ),
            (
                "Learning walks focused on passport strategies",
                Role.LEADER,
                2,
                "Strategies seen in three quarters of lessons visited.",
                [("The SEN register", "register")],
            ),
            (
                "Refresh every pupil passport with the pupil and family",
                Role.TEACHER,
                11,
                "All passports updated this school year.",
                [],
            ),
        ],
    ),
    (
        "Interventions that show their impact",
        "Several interventions ran last year with no measure taken before or after.",
        [
            (
                "Entry and exit scores recorded for every intervention group",
                Role.SENCO,
                1,
                "Every group started this year has entry scores.",
                [("Interventions offered", "provision_offer")],
            ),
            (
                "Review the intervention offer against the impact figures",
                Role.SENCO,
                4,
                "Interventions with no measured impact stopped or changed.",
                [("Impact and value for money", "provision_impact")],
            ),
            (
                "Train teaching assistants in precision teaching",
                "Local authority learning support service",
                6,
                "Four teaching assistants trained and delivering.",
                [],
            ),
        ],
    ),
    (
        "EHC plans' annual reviews on time",
        "Two annual reviews went past their date last year.",
        [
            (
                "Calendar of every annual review for the year, shared with staff",
                Role.SENCO,
                9,
                "Every review date set by the end of September.",
                [("Annual reviews and EHC plans", "ehcp_compliance")],
            ),
            (
                "Invite advice six weeks before each review",
                Role.OFFICE,
                7,
                "No review held without the advice asked for.",
                [],
            ),
        ],
    ),
]
# Last year's plan: fewer priorities, nearly all done.
LAST_YEAR = [
    (
        "A clear SEN register with needs recorded for every pupil",
        "The census showed pupils at SEN support with no primary need.",
        [
            ("Check every pupil at K has a primary need", Role.SENCO, 10, "", []),
            (
                "Tell every family when their child joins or leaves the register",
                Role.OFFICE,
                12,
                "",
                [],
            ),
            ("Review the register with each head of year", Role.LEADER, 3, "", []),
        ],
    ),
    (
        "Pupil passports for every pupil on the register",
        "Teachers asked for one page on each pupil's needs.",
        [
            ("Passport template agreed with staff", Role.SENCO, 9, "", []),
            ("Passports written with each pupil", Role.TEACHER, 2, "", []),
        ],
    ),
    (
        "Three meetings a year with every family on the register",
        "The SEND Code of Practice (6.65) expects a review with parents three times a year.",
        [
            ("SEND parent review days each term", Role.SENCO, 11, "", []),
            ("Follow up the families who did not come", Role.TA, 5, "", []),
        ],
    ),
]


def _due(year: int, month: int, school) -> datetime.date:
    calendar_year = year if month >= 9 else year + 1
    day = school.rng.choice([14, 17, 21, 24, 28])
    return datetime.date(calendar_year, month, day)


def _status(due: datetime.date, today: datetime.date, rng) -> str:
    if due < today:
        return rng.choices(
            [Status.DONE, Status.GREEN, Status.AMBER, Status.RED], weights=[6, 1, 1, 1]
        )[0]
    if (due - today).days < 75:
        return rng.choice([Status.GREEN, Status.GREEN, Status.AMBER, Status.RED])
    return rng.choice([Status.NOT_STARTED, Status.NOT_STARTED, Status.GREEN, Status.AMBER])


PROGRESS = {
    Status.DONE: "Done: see the evidence.",
    Status.GREEN: "Going to plan; next check at the line management meeting.",
    Status.AMBER: "Started late: staff absence in the autumn term. Catching up.",
    Status.RED: "Not happening yet: no time found in the calendar. Raised with the head.",
    Status.NOT_STARTED: "",
}


def _owner(school, who):
    if who in Role.values:
        people = school.staff.get(who) or [school.senco]
        return people[school.rng.randrange(len(people))], ""
    return None, who


def _build_year(school, year, plan, today, *, last_year: bool, out):
    priorities, actions, evidence = out
    urn = school.school.urn
    for position, (title, why, steps) in enumerate(plan, start=1):
        priority = Priority(
            school=school.school,
            academic_year=year,
            title=title,
            why=why,
            position=position,
            created_by=school.senco,
            created_at=school.moment(datetime.date(year, 7, 10)),
        )
        priorities.append(priority)
        for n, (what, who, month, criteria, links) in enumerate(steps, start=1):
            due = _due(year, month, school)
            if last_year:
                status = school.rng.choices([Status.DONE, Status.AMBER], weights=[9, 1])[0]
            else:
                status = _status(due, today, school.rng)
            owner, owner_name = _owner(school, who)
            action = Action(
                priority=priority,
                what=what,
                owner=owner,
                owner_name=owner_name,
                starts=datetime.date(year, 9, 1),
                due=due,
                success_criteria=criteria,
                status=status,
                progress=PROGRESS[status],
                position=n,
                updated_by=school.senco,
                updated_at=school.moment(min(today, due)),
            )
            actions.append(action)
            for label, url_name in links:
                evidence.append(
                    ActionEvidence(
                        action=action,
                        label=label,
                        url=reverse(url_name, args=[urn]),
                        added_by=school.senco,
                        added_at=school.moment(min(today, due)),
                    )
                )


def build(demo) -> None:
    year = clock.academic_year_of(demo.today)
    out = ([], [], [])
    for school in demo.schools:
        _build_year(school, year - 1, LAST_YEAR, demo.today, last_year=True, out=out)
        _build_year(school, year, PLAN, demo.today, last_year=False, out=out)
    priorities, actions, evidence = out
    Priority.objects.bulk_create(priorities)
    for action in actions:
        action.priority_id = action.priority.pk
    Action.objects.bulk_create(actions)
    for item in evidence:
        item.action_id = item.action.pk
    ActionEvidence.objects.bulk_create(evidence)
