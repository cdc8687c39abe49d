"""The demo trust's line management meetings: a year in progress.

Registered in capability.py as `DemoBuilder("strategy.meetings", build, order=68)`, after
the builders whose records the figures come from. At every school, this school year: two
line manager meetings (the SENCO and a senior leader) and one link governor meeting, each
with answers, the figures shown that day (small numbers hidden for the governor's) and
actions: some done (one closed at the next meeting), some open, one overdue.
"""

import datetime

from senco.accounts.models import Role
from senco.lib import clock
from senco.registry import evidence_for
from senco.strategy.meeting_questions import LINE_MANAGER, LINK_GOVERNOR
from senco.strategy.meeting_selectors import figures_as_saved
from senco.strategy.models import Meeting, MeetingAction, MeetingAnswer

LINE_MANAGER_ANSWERS = {
    "lm.action_plan.priorities": (
        "Three priorities agreed for this year: adaptive teaching in every classroom, the "
        "graduated approach written down for every pupil at SEN support, and attendance of "
        "pupils with SEN. Line manager took part in scoring the self-evaluation in July."
    ),
    "lm.needs.data": (
        "Numbers on the register are close to last year. Most new identifications are "
        "communication and interaction, mainly speech and language."
    ),
    "lm.needs.highest": (
        "Speech, language and communication needs are the highest need; the provision map "
        "has two language groups, but not enough for the younger years."
    ),
    "lm.attendance.trends": (
        "Persistent absence is higher for pupils with SEN than for the school. The "
        "attendance officer and SENCO will look at the pupils at SEN support together."
    ),
    "lm.parents.reviewing": (
        "Families are met each term; the autumn review meetings are booked for the review "
        "day. Parents' views are recorded on each plan."
    ),
    "lm.staffing.deployed": (
        "Teaching assistants are deployed to classes in the morning and to interventions in "
        "the afternoon. Two TAs need training in the new reading programme."
    ),
    "lm.wellbeing.workload": (
        "Workload is high in the weeks before annual reviews. Agreed to protect one "
        "afternoon a fortnight for SENCO time, and to look at supervision."
    ),
    "lm.wellbeing.admin": (
        "Annual review paperwork takes about three hours a review. The office could send "
        "the invitations and collect the advice."
    ),
}

GOVERNOR_ANSWERS = {
    "gov.percent.reasons": (
        "The percentage on the register is close to England's. The school is popular with "
        "families of children with speech and language needs because of its resource base."
    ),
    "gov.percent.trends": "More requests for assessment than last year, in line with the area.",
    "gov.needs.identified": (
        "Teachers raise concerns through the referral form; the SENCO screens and the "
        "graduated approach starts within two weeks."
    ),
    "gov.priorities.development": (
        "The governor read the SEND development plan: two actions on track, one with some "
        "concerns (the training for teaching assistants)."
    ),
    "gov.staffing.deployed": (
        "Teaching assistants work in classes in the mornings and run interventions in the "
        "afternoons."
    ),
}

# (what, days after the meeting it is due, who owns it: "senco", "leader" or a name)
FIRST_ACTIONS = (
    ("Draft the SEND development plan's priorities for the governors", 14, "senco"),
    ("Book reading programme training for two teaching assistants", 21, "leader"),
    ("Ask the office to send annual review invitations from January", 35, "leader"),
)
SECOND_ACTIONS = (
    ("Look at attendance of pupils at SEN support with the attendance officer", 28, "senco"),
    ("Put SEND on the agenda of the next staff professional development day", 45, "leader"),
    ("Share the provision map with the finance manager", 10, "senco"),
)
GOVERNOR_ACTIONS = (
    ("Report the SEND figures to the full governing board", 40, "governor"),
    ("Send the governor the SEN information report to read", 7, "senco"),
)


def build(demo) -> None:
    for school in demo.schools:
        _build_school(demo, school)


def _figures(ds, keys, day: datetime.date, *, suppress: bool) -> list[dict]:
    return figures_as_saved(evidence_for(keys, ds.school, day, suppress=suppress))


def _owner(ds, who: str):
    staff = ds.staff
    if who == "senco":
        return ds.senco, ""
    if who == "leader":
        return staff[Role.LEADER][0], ""
    if who == "governor" and staff.get(Role.GOVERNOR):
        return staff[Role.GOVERNOR][0], ""
    return None, "The chair of governors"


def _person(user) -> str:
    return user.get_full_name() or user.username


def _meeting(ds, kind, day, who, answers, *, figures, created_by) -> Meeting:
    """A meeting with most of `answers` and `figures` (None: the figures of the questions
    answered, with small numbers hidden, as a link governor meeting keeps them)."""
    rng = ds.rng
    chosen = {k: v for k, v in answers.items() if rng.random() < 0.85}
    if figures is None:
        keys = [e for q in kind.questions if q.key in chosen for e in q.evidence]
        figures = _figures(ds, list(dict.fromkeys(keys)), day, suppress=True)
    meeting = Meeting.objects.create(
        school=ds.school,
        kind=kind.key,
        held_on=day,
        who_was_there=who,
        notes="",
        data_shown=figures,
        created_by=created_by,
        created_at=ds.moment(day),
        updated_at=ds.moment(day),
    )
    MeetingAnswer.objects.bulk_create(
        [MeetingAnswer(meeting=meeting, question=k, answer=v) for k, v in chosen.items()]
    )
    return meeting


def _actions(ds, meeting, specs) -> list[MeetingAction]:
    made = []
    for what, days, who in specs:
        owner, owner_name = _owner(ds, who)
        made.append(
            MeetingAction(
                meeting=meeting,
                what=what,
                owner=owner,
                owner_name=owner_name,
                due=meeting.held_on + datetime.timedelta(days=days),
            )
        )
    return MeetingAction.objects.bulk_create(made)


def _done(ds, action, day, note, *, at_meeting=None) -> None:
    action.done_at = ds.moment(day)
    action.done_note = note
    action.closed_at_meeting = at_meeting
    action.version = 2
    action.save(update_fields=["done_at", "done_note", "closed_at_meeting", "version"])


def _build_school(demo, ds) -> None:
    today = demo.today
    year = clock.academic_year_of(today)
    autumn = clock.school_terms(ds.terms, year)[0]
    start = autumn.starts_on
    if today - start < datetime.timedelta(days=42):  # early in the year: last term's dates
        start = today - datetime.timedelta(days=70)
    senco, leader = ds.senco, ds.staff[Role.LEADER][0]
    governor = (ds.staff.get(Role.GOVERNOR) or [None])[0]
    first_day = ds.weekday(start + datetime.timedelta(days=14), start + datetime.timedelta(days=20))
    second_day = ds.weekday(
        today - datetime.timedelta(days=24), today - datetime.timedelta(days=18)
    )
    governor_day = ds.weekday(first_day + datetime.timedelta(days=7), second_day)
    together = f"{_person(leader)} (line manager), {_person(senco)} (SENCO)"
    # The line manager meetings' figures once, as they are on the demo's today: the
    # evidence costs a few tenths of a second a school (seed_demo stays quick).
    shown = _figures(ds, LINE_MANAGER.evidence_keys, today, suppress=False)

    first = _meeting(
        ds,
        LINE_MANAGER,
        first_day,
        together,
        LINE_MANAGER_ANSWERS,
        figures=shown,
        created_by=leader,
    )
    booked, training, invitations = _actions(ds, first, FIRST_ACTIONS)
    second = _meeting(
        ds,
        LINE_MANAGER,
        second_day,
        together,
        LINE_MANAGER_ANSWERS,
        figures=shown,
        created_by=leader,
    )
    # The first meeting's actions: one closed at the second meeting, one done on its own
    # page, one still open and overdue (due before today).
    _done(ds, booked, second_day, "Shared with the chair of governors", at_meeting=second)
    _done(ds, invitations, second_day - datetime.timedelta(days=3), "Agreed with the office")
    extra = _actions(ds, second, SECOND_ACTIONS)
    _done(ds, extra[2], second_day + datetime.timedelta(days=5), "Sent by email")

    if governor is not None:
        who = f"{_person(governor)} (link governor), {_person(senco)} (SENCO)"
        meeting = _meeting(
            ds,
            LINK_GOVERNOR,
            governor_day,
            who,
            GOVERNOR_ANSWERS,
            figures=None,
            created_by=senco,
        )
        report, information = _actions(ds, meeting, GOVERNOR_ACTIONS)
        _done(ds, information, governor_day + datetime.timedelta(days=4), "Sent by email")
