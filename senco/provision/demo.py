"""The demo trust's intervention offer, groups, sessions, scores and funding.

Registered in capability.py as `DemoBuilder("provision", build, order=40)`. Each school gets
an offer (25 interventions at a secondary school, 14 at a primary), groups over the last
academic year and this one (about 60 at a large secondary school), members from the SEN
register, every session from the start to the demo's today with attendance, baseline and
exit scores with a spread of impact (some groups under 5 pupils), termly scores for the
suggestions, parents told for most, a funding row and some top-ups. All bulk_create.
"""

import datetime
from decimal import Decimal

from senco.lib import clock
from senco.lib.codes import Provision
from senco.provision.models import (
    Attendance,
    Funding,
    GroupMember,
    Intervention,
    InterventionGroup,
    Measure,
    Score,
    Session,
    TopUp,
)

# name, area, measure, wave, minutes, sessions a week, weeks, role, rate, resources, phases
OFFER = (
    ("Precision teaching", "CL", Measure.CHECKLIST, 3, 10, 5, 10, "ta", "15.00", "0", "ps"),
    ("Lexia", "CL", Measure.STANDARDISED, 2, 30, 3, 20, "ta", "15.00", "450", "ps"),
    ("Fresh Start", "CL", Measure.READING_AGE, 2, 45, 3, 12, "hlta", "18.50", "120", "s"),
    ("Read Write Inc. catch-up", "CL", Measure.READING_AGE, 2, 20, 5, 12, "ta", "15.00", "80", "p"),
    ("Numicon intervention", "CL", Measure.STANDARDISED, 2, 30, 2, 12, "ta", "15.00", "150", "ps"),
    ("Toe by Toe", "CL", Measure.READING_AGE, 3, 20, 4, 16, "ta", "15.00", "30", "ps"),
    ("Spelling catch-up", "CL", Measure.SPELLING_AGE, 2, 30, 2, 10, "ta", "15.00", "0", "s"),
    ("Handwriting group", "SP", Measure.CHECKLIST, 2, 20, 2, 10, "ta", "15.00", "40", "ps"),
    ("Touch typing", "SP", Measure.CHECKLIST, 2, 30, 2, 10, "ta", "15.00", "60", "s"),
    ("Sensory circuits", "SP", Measure.RATING, 3, 15, 5, 12, "ta", "15.00", "100", "p"),
    ("Fine motor skills group", "SP", Measure.CHECKLIST, 2, 20, 3, 10, "ta", "15.00", "50", "p"),
    ("Zones of Regulation", "SEMH", Measure.RATING, 2, 40, 1, 12, "hlta", "18.50", "35", "ps"),
    ("Anxiety (Cool Kids)", "SEMH", Measure.RATING, 2, 60, 1, 10, "teacher", "32.00", "90", "s"),
    ("ELSA", "SEMH", Measure.RATING, 3, 30, 1, 8, "hlta", "18.50", "0", "ps"),
    ("Drawing and talking", "SEMH", Measure.RATING, 3, 30, 1, 12, "ta", "15.00", "0", "ps"),
    ("Lunchtime club", "SEMH", Measure.CHECKLIST, 1, 30, 5, 30, "ta", "15.00", "0", "ps"),
    ("Mentoring", "SEMH", Measure.RATING, 3, 30, 1, 12, "teacher", "32.00", "0", "s"),
    ("Talkabout", "CI", Measure.CHECKLIST, 2, 45, 1, 12, "hlta", "18.50", "60", "ps"),
    ("Lego-based therapy", "CI", Measure.CHECKLIST, 2, 45, 1, 10, "ta", "15.00", "200", "ps"),
    ("Social skills group", "CI", Measure.CHECKLIST, 2, 40, 1, 12, "ta", "15.00", "0", "ps"),
    (
        "Speech and language programme",
        "CI",
        Measure.CHECKLIST,
        3,
        20,
        3,
        12,
        "specialist",
        "45.00",
        "0",
        "ps",
    ),  # noqa: E501
    (
        "Word Aware vocabulary",
        "CI",
        Measure.STANDARDISED,
        1,
        20,
        2,
        12,
        "teacher",
        "32.00",
        "75",
        "ps",
    ),  # noqa: E501
    ("Comic strip conversations", "CI", Measure.RATING, 3, 20, 1, 8, "ta", "15.00", "0", "s"),
    (
        "Maths catch-up (Third Space)",
        "CL",
        Measure.STANDARDISED,
        2,
        60,
        1,
        14,
        "specialist",
        "40.00",
        "0",
        "s",
    ),  # noqa: E501
    ("Reciprocal reading", "CL", Measure.READING_AGE, 2, 30, 2, 12, "ta", "15.00", "0", "s"),
    ("Study skills", "CL", Measure.CHECKLIST, 1, 50, 1, 10, "teacher", "32.00", "0", "s"),
    ("Pre-teaching of vocabulary", "CL", Measure.CHECKLIST, 1, 15, 3, 10, "ta", "15.00", "0", "s"),
)
# Groups a year for a school of this many pupils on the SEN register, at least 4.
REGISTER_PER_GROUP = 4
MAX_GROUPS_A_YEAR = 32
DAYS = ("0", "1", "2", "3", "4", "02", "13", "024", "0134", "01234")


def build(demo) -> None:
    for school in demo.schools:
        _build_school(school, demo.today)


def _days_for(rng, per_week: int) -> str:
    options = [d for d in DAYS if len(d) == min(per_week, 5)] or ["0"]
    return rng.choice(options)


def _build_school(ds, today: datetime.date) -> None:
    rng, school = ds.rng, ds.school
    phase = "p" if ds.phase == "primary" else "s"
    offer = [
        Intervention(
            school=school,
            name=name,
            area=area,
            measure=measure,
            wave=wave,
            session_minutes=minutes,
            sessions_per_week=per_week,
            weeks=weeks,
            staff_role=role,
            hourly_rate=Decimal(rate),
            resources_cost=Decimal(resources),
            group_size=1 if wave == 3 else 5,
            entry_threshold=Decimal(85) if measure == Measure.STANDARDISED else None,
            exit_threshold=Decimal(95) if measure == Measure.STANDARDISED else None,
        )
        for (
            name,
            area,
            measure,
            wave,
            minutes,
            per_week,
            weeks,
            role,
            rate,
            resources,
            phases,
        ) in OFFER  # noqa: E501
        if phase in phases
    ]
    offer = Intervention.objects.bulk_create(offer)
    register = [p for p in ds.pupils if p.sen_provision != Provision.NONE]
    if not register:
        return
    staff = (ds.staff.get("ta") or []) + (ds.staff.get("teacher") or [])[:3] or [ds.senco]
    this_year = clock.academic_year_of(today)
    per_year = max(4, min(MAX_GROUPS_A_YEAR, len(register) // REGISTER_PER_GROUP))
    groups, members_of = [], []
    for year in (this_year - 1, this_year):
        for n in range(per_year):
            intervention = offer[(n * 7 + year) % len(offer)]
            term_start = datetime.date(year, 9, 8) + datetime.timedelta(
                weeks=rng.choice((0, 14, 28))
            )
            starts_on = term_start if term_start <= today else datetime.date(year, 9, 8)
            ends_on = starts_on + datetime.timedelta(weeks=intervention.weeks, days=-3)
            size = 1 if intervention.wave == 3 else rng.randint(2, 8)
            pupils = rng.sample(register, min(size, len(register)))
            groups.append(
                InterventionGroup(
                    intervention=intervention,
                    school=school,
                    name=f"{intervention.name} {clock.academic_year_label(year)} #{n + 1}",
                    staff=rng.choice(staff),
                    days=_days_for(rng, intervention.sessions_per_week),
                    starts_on=starts_on,
                    ends_on=ends_on,
                    created_by=ds.senco,
                )
            )
            members_of.append(pupils)
    groups = InterventionGroup.objects.bulk_create(groups)
    members = []
    for group, pupils in zip(groups, members_of, strict=True):
        ended = group.ends_on < today
        for p in pupils:
            base = Decimal(rng.randint(70, 88))
            gain = Decimal(rng.randint(-3, 14))
            members.append(
                GroupMember(
                    group=group,
                    pupil=p,
                    joined_on=group.starts_on,
                    left_on=group.ends_on if ended else None,
                    baseline_score=base,
                    baseline_on=group.starts_on,
                    exit_score=base + gain if ended else None,
                    exit_on=group.ends_on if ended else None,
                    parents_told_joining=group.starts_on if rng.random() < 0.85 else None,
                    parents_told_leaving=group.ends_on if ended and rng.random() < 0.8 else None,
                )
            )
    members = GroupMember.objects.bulk_create(members)
    by_group: dict[int, list[GroupMember]] = {}
    for m in members:
        by_group.setdefault(m.group_id, []).append(m)
    sessions = []
    for group in groups:
        days = {int(d) for d in group.days}
        day, end = group.starts_on, min(group.ends_on, today)
        while day <= end:
            if day.weekday() in days and clock.is_working_day(day):
                held = rng.random() < 0.9
                sessions.append(
                    Session(
                        group=group,
                        date=day,
                        held=held,
                        not_held_reason="" if held else Session.NotHeld.STAFF_ABSENT,
                        recorded_by=group.staff,
                    )
                )
            day += datetime.timedelta(days=1)
    sessions = Session.objects.bulk_create(sessions, batch_size=2000)
    attendance = [
        Attendance(session=s, member=m, present=rng.random() < 0.92)
        for s in sessions
        if s.held
        for m in by_group.get(s.group_id, ())
    ]
    Attendance.objects.bulk_create(attendance, batch_size=5000)
    scores = [
        Score(
            pupil=p,
            measure=Measure.STANDARDISED,
            value=Decimal(rng.randint(72, 110)),
            taken_on=datetime.date(this_year, 10, 1),
            test_name="Termly reading test",
            recorded_by=ds.senco,
        )
        for p in register
    ]
    Score.objects.bulk_create(scores)
    Funding.objects.create(
        school=school,
        academic_year=this_year,
        notional_budget=Decimal(len(ds.pupils) * 420).quantize(Decimal(1)),
    )
    at_e = [p for p in register if p.sen_provision == Provision.EHC_PLAN]
    TopUp.objects.bulk_create(
        TopUp(
            pupil=p,
            academic_year=this_year,
            amount=Decimal(rng.choice((3000, 4500, 6000, 8000))),
            note="Band B top-up" if rng.random() < 0.5 else "",
        )
        for p in at_e[: max(1, len(at_e) // 2)]
    )
