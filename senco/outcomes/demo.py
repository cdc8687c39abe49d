"""The demo trust's attendance, suspensions and results: three academic years of each.

Registered in capability.py as `DemoBuilder("outcomes", build, order=50)`, after every other
builder (the register's history, which says how each pupil was in past years, is built by
the core before any builder). Every school gets, from 2024/25 to the demo's today:

- **Attendance** per pupil per half term: 2024/25 and 2025/26 in full (six half terms each,
  split from the school's term dates with a week's break in the middle of each term), and
  2026/27 as Autumn 1 and "Autumn 2 to date", a half term that ends on the last school day
  before today (a SENCO imports what the MIS has so far; the full half term, imported later,
  takes its place). Absence is near England's for each group (no SEN about 6%, SEN support
  about 10%, EHC plans about 12%, falling year on year), with a heavy tail: most pupils near
  their group's mean, a few persistent absentees missing 30 to 60% of sessions, who make
  most of the EHC gap. Pupils with SEMH needs and pupils with pupil premium miss more.
- **Suspensions**: about 6 per 100 pupils a year in a secondary, far fewer in a primary,
  several times as likely at SEN support or with an EHC plan, three times as likely with
  SEMH needs; 1 to 3 days, mostly for persistent disruption or verbal abuse; never before
  the pupil started. The first secondary school has one permanent exclusion (in 2024/25,
  overturned by the governors: the pupil is still on roll, as every demo pupil is), and each
  other secondary school may have one.
- **Results**: two data drops a year, "Autumn" (mid November, before the autumn reports
  home) and "Summer" (early July), none after today: 2026/27 has its Autumn drop only (it
  is the only drop with today's Year 6 or Year 7, since pupils who have left are not in the
  demo). A primary school reports Reading, Writing and
  Maths for Years 1 to 6 as teacher assessment (WTS, EXS, GDS), with scaled scores in
  Reading and Maths for Year 6; a secondary school English, Maths, Science, History,
  Geography and Art, as GCSE grades 9 to 1 for Years 10 and 11 and the school's own
  four-step scale for Years 7 to 9. The teacher is the one of the pupil's teaching group in
  the subject (History and Geography: humanities; the class teacher in a primary school),
  moved on one teacher in the department for each year back, so that "by teacher" shows
  something in every year; Art has no teaching groups in the demo, so no teacher.
  Pupils at SEN support and with EHC plans are less often at the expected standard.

Only the pupils on roll today have a history (pupils who have left are not in the demo), and
only for the years in which their year group then was one the school teaches: a secondary
school's 2024/25 has today's Years 9 to 11, then in Years 7 to 9. Each row's provision, need
and year group are as the pupil was at the period's end, the drop's date, or (suspensions)
the end of the half term the suspension started in: `snapshots.as_they_were_each`, one query
for every period's end and drop's date. Everything is drawn from the school's `rng`;
attendance and results are written by executemany (`insert`), the rest with bulk_create.
"""

import datetime
import math
from decimal import Decimal

from django.db import connection

from senco.lib import clock
from senco.lib.codes import Need, Provision
from senco.lib.csvfile import heading_key
from senco.lib.text import person_name
from senco.outcomes.models import (
    Attendance,
    DataDrop,
    Grade,
    Period,
    Result,
    Scale,
    Subject,
    Suspension,
)
from senco.outcomes.scales import BUILT_IN
from senco.outcomes.snapshots import as_they_were_each
from senco.pupils.models import TeachingGroup
from senco.schools.models import School

BATCH = 2000
FIRST_YEAR = 2024
ONE_DAY = datetime.timedelta(days=1)
E, K, N = Provision.EHC_PLAN, Provision.SEN_SUPPORT, Provision.NONE

# Absence, by the year and the group the pupil was in: (the mean share of sessions missed by
# most pupils, the chance of being one of the few who miss 30 to 60%). With the noise of
# each half term this gives about 6%, 10% and 12-14% overall, and persistent absence of
# about 17%, 30% and 35% (docs/outcomes.md; England's are in senco/outcomes/national.py).
ABSENCE = {
    2024: {N: (0.049, 0.012), K: (0.072, 0.06), E: (0.090, 0.14)},
    2025: {N: (0.048, 0.012), K: (0.071, 0.06), E: (0.080, 0.11)},
    2026: {N: (0.047, 0.011), K: (0.070, 0.055), E: (0.072, 0.09)},
}
HEAVY = (0.30, 0.60)
# The few with EHC plans who miss most miss less each year (the school's work with them):
# the trend the EHC group's absence shows.
HEAVY_EHC = {2024: (0.38, 0.65), 2025: (0.32, 0.58), 2026: (0.28, 0.50)}
SEMH_MORE, PP_MORE = 1.3, 1.15

# Suspensions per 100 pupils a year in a secondary school, by group; SEMH needs triple it.
SUSPENSIONS = {N: 4.0, K: 14.0, E: 11.0}
PRIMARY_SHARE = 0.12
SEMH_SUSPENDED = 3.0
REASONS = (
    (Suspension.Reason.DISRUPTIVE, 36),
    (Suspension.Reason.VERBAL_ADULT, 18),
    (Suspension.Reason.VERBAL_PUPIL, 10),
    (Suspension.Reason.PHYSICAL_PUPIL, 12),
    (Suspension.Reason.PHYSICAL_ADULT, 4),
    (Suspension.Reason.DRUGS, 3),
    (Suspension.Reason.DAMAGE, 4),
    (Suspension.Reason.BULLYING, 3),
    (Suspension.Reason.WEAPON, 2),
    (Suspension.Reason.ONLINE, 3),
    (Suspension.Reason.RACIST, 2),
    (Suspension.Reason.OTHER, 3),
)
DAYS = ((1, 55), (2, 30), (3, 15))  # length in days, weight

# Results: a pupil's standing, in standard deviations, moved by their group then.
STANDING = {N: 0.15, K: -0.9, E: -1.6}
EXPECTED_AT = -0.47  # a standing at or above this meets the expected standard
SUMMER_GAIN = 0.1
PRIMARY_SUBJECTS = ("Reading", "Writing", "Maths")
SECONDARY_SUBJECTS = ("English", "Maths", "Science", "History", "Geography", "Art")
# The teaching groups' subject for each subject reported (senco/demo/outline.SUBJECTS).
GROUP_SUBJECT = {
    "English": "English",
    "Maths": "Maths",
    "Science": "Science",
    "History": "Humanities",
    "Geography": "Humanities",
}
OWN_SCALE = "Key stage 3 steps"
OWN_GRADES = (("Emerging", 1), ("Developing", 2), ("Secure", 3), ("Excelling", 4))
OWN_EXPECTED = 3


ATTENDANCE_COLUMNS = (
    "pupil",
    "period",
    "possible",
    "attended",
    "authorised",
    "unauthorised",
    "provision",
    "need",
    "year_group",
)
RESULT_COLUMNS = (
    "drop",
    "pupil",
    "subject",
    "scale",
    "grade",
    "value",
    "expected",
    "teacher",
    "provision",
    "need",
    "year_group",
)


def build(demo) -> None:
    for index, school in enumerate(demo.schools):
        _School(school, demo.today, first_secondary=_first_secondary(demo, index)).build()


def _first_secondary(demo, index: int) -> bool:
    phases = [s.phase for s in demo.schools[: index + 1]]
    return phases.count(School.Phase.SECONDARY) == 1 and phases[-1] == School.Phase.SECONDARY


def half_terms(terms, academic_year: int) -> list[tuple[str, datetime.date, datetime.date]]:
    """The six half terms of a year: each term split at a week's break in its middle."""
    found = []
    for term in clock.school_terms(terms, academic_year):
        middle = term.starts_on + datetime.timedelta(days=(term.ends_on - term.starts_on).days // 2)
        # The Monday nearest the middle: the week's break starts there.
        shift = -middle.weekday() if middle.weekday() < 3 else 7 - middle.weekday()
        monday = middle + datetime.timedelta(days=shift)
        first_end = monday - datetime.timedelta(days=3)  # the Friday before
        second_start = monday + datetime.timedelta(days=7)
        name = term.name.capitalize()
        found.append((f"{name} 1", term.starts_on, first_end))
        found.append((f"{name} 2", second_start, term.ends_on))
    return found


def weekdays(start: datetime.date, end: datetime.date) -> int:
    """Weekdays from `start` to `end`, both counted."""
    if end < start:
        return 0
    days = (end - start).days + 1
    weeks, rest = divmod(days, 7)
    first = start.weekday()
    return weeks * 5 + sum(1 for k in range(rest) if (first + k) % 7 < 5)


def last_weekday_before(day: datetime.date) -> datetime.date:
    day -= ONE_DAY
    while day.weekday() >= 5:
        day -= ONE_DAY
    return day


def near_weekday(day: datetime.date) -> datetime.date:
    while day.weekday() >= 5:
        day += ONE_DAY
    return day


class _School:
    def __init__(self, demo_school, today: datetime.date, *, first_secondary: bool):
        self.d = demo_school
        self.rng = demo_school.rng
        self.school = demo_school.school
        self.today = today
        self.first_secondary = first_secondary
        self.primary = demo_school.phase == School.Phase.PRIMARY
        self.years = range(0, 7) if self.primary else range(7, 12)
        self.pupils = demo_school.pupils
        self.this_year = clock.academic_year_of(today)

    def build(self) -> None:
        periods = self._periods()
        drops = self._drops()
        self._was = self._snapshots([p.ends for p in periods] + [d.taken_on for d in drops])
        # (period, its snapshot) for each period, in date order.
        snapshots = [(p, self._was[p.ends]) for p in periods]
        self._attendance(snapshots)
        self._suspensions(snapshots)
        self._results(drops)

    def _snapshots(self, days) -> dict:
        """Each day -> each pupil's provision, need and year group on it, by pupil id: one
        query for every day (`as_they_were` on each day took a third of the builder's
        time)."""
        days = sorted(set(days))
        each = as_they_were_each(((p, d) for d in days for p in self.pupils), today=self.today)
        return {d: {p.pk: each[(p.pk, d)] for p in self.pupils} for d in days}

    # -- attendance ------------------------------------------------------------------

    def _periods(self) -> list[Period]:
        periods = []
        for year in range(FIRST_YEAR, self.this_year + 1):
            for label, starts, ends in half_terms(self.d.terms, year):
                if starts >= self.today:
                    continue
                if ends >= self.today:
                    ends = last_weekday_before(self.today)
                    label = f"{label} to date"
                    if ends < starts:
                        continue
                periods.append(
                    Period(
                        school=self.school,
                        academic_year=year,
                        kind=Period.Kind.HALF_TERM,
                        label=label,
                        starts=starts,
                        ends=ends,
                    )
                )
        return Period.objects.bulk_create(periods)

    def _in_school(self, pupil, year_group: int, ends: datetime.date) -> bool:
        return year_group in self.years and not (pupil.date_started and pupil.date_started > ends)

    def _attendance(self, snapshots) -> None:
        rng = self.rng
        # Who is one of the few who miss most: the same pupils from year to year, fewer as
        # the years go on (a pupil's draw against their group's chance that year).
        self._risk = {p.pk: rng.random() for p in self.pupils}
        heavy_ones = {
            year: self._heavy(year, [(p, was) for p, was in snapshots if p.academic_year == year])
            for year in {p.academic_year for p, _ in snapshots}
        }
        rates: dict[tuple[int, int], tuple[float, bool]] = {}
        rows = []
        for period, was in snapshots:
            days = weekdays(period.starts, period.ends)
            heavy_then = heavy_ones[period.academic_year]
            for pupil in self.pupils:
                then = was[pupil.pk]
                if not self._in_school(pupil, then.year_group, period.ends):
                    continue
                key = (pupil.pk, period.academic_year)
                if key not in rates:
                    rates[key] = self._yearly_rate(
                        pupil, then, period.academic_year, heavy=pupil.pk in heavy_then
                    )
                rate, heavy = rates[key]
                started = pupil.date_started
                possible = 2 * (
                    weekdays(started, period.ends) if started and started > period.starts else days
                )
                if not possible:
                    continue
                share = min(rate * rng.gammavariate(4.0, 0.25), 0.95)
                missed = min(possible, round(possible * share))
                authorised_share = rng.uniform(0.35, 0.6) if heavy else rng.uniform(0.65, 0.9)
                authorised = round(missed * authorised_share)
                rows.append(
                    (
                        pupil.pk,
                        period.pk,
                        possible,
                        possible - missed,
                        authorised,
                        missed - authorised,
                        then.provision,
                        then.need,
                        then.year_group,
                    )
                )
        insert(Attendance, ATTENDANCE_COLUMNS, rows)

    def _heavy(self, year: int, of_year) -> set[int]:
        """The few in each group who miss 30 to 60% of the year: as many as the group's
        share says, rounded (so that a small group is not left to luck), those most at risk (a draw
        of each pupil's, kept from year to year, made likelier by SEMH needs and pupil
        premium)."""
        if not of_year:
            return set()
        period, was = of_year[-1]
        by_group: dict[str, list[tuple[float, int]]] = {}
        for pupil in self.pupils:
            then = was[pupil.pk]
            if not self._in_school(pupil, then.year_group, period.ends):
                continue
            more = self._more(pupil, then)
            by_group.setdefault(then.provision, []).append((self._risk[pupil.pk] / more, pupil.pk))
        chosen = set()
        for provision, pupils in by_group.items():
            count = math.floor(ABSENCE[min(year, max(ABSENCE))][provision][1] * len(pupils) + 0.5)
            chosen.update(pk for _, pk in sorted(pupils)[:count])
        return chosen

    @staticmethod
    def _more(pupil, then) -> float:
        return (SEMH_MORE if then.need == Need.SEMH else 1.0) * (
            PP_MORE if pupil.pupil_premium else 1.0
        )

    def _yearly_rate(self, pupil, then, year: int, *, heavy: bool) -> tuple[float, bool]:
        if heavy:
            span = HEAVY_EHC.get(year, HEAVY) if then.provision == E else HEAVY
            return self.rng.uniform(*span), True
        mean = ABSENCE[min(year, max(ABSENCE))][then.provision][0] * self._more(pupil, then)
        # Most pupils: a spread around the mean, a long way from zero for a few.
        return self.rng.gammavariate(2.0, mean / 2.0), False

    # -- suspensions -----------------------------------------------------------------

    def _suspensions(self, snapshots) -> None:
        rng = self.rng
        reasons, reason_weights = zip(*REASONS, strict=True)
        lengths, length_weights = zip(*DAYS, strict=True)
        rows = []
        taken: set[tuple[int, datetime.date]] = set()
        share = PRIMARY_SHARE if self.primary else 1.0
        for year in range(FIRST_YEAR, self.this_year + 1):
            of_year = [(p, was) for p, was in snapshots if p.academic_year == year]
            if not of_year:
                continue
            # The year so far, as a share of a full year (39 weeks).
            weeks = sum(weekdays(p.starts, p.ends) for p, _ in of_year) / 5 / 39
            last = of_year[-1][1]
            for pupil in self.pupils:
                then = last[pupil.pk]
                if then.year_group not in self.years:
                    continue
                per_100 = SUSPENSIONS[then.provision] * share * weeks
                if then.need == Need.SEMH:
                    per_100 *= SEMH_SUSPENDED
                for _ in range(_poisson(rng, per_100 / 100)):
                    period, was = rng.choice(of_year)
                    lo = max(period.starts, pupil.date_started or period.starts)
                    if lo > period.ends:
                        continue
                    day = self.d.weekday(lo, period.ends)
                    if day.weekday() >= 5 or (pupil.pk, day) in taken:
                        continue
                    taken.add((pupil.pk, day))
                    at = was[pupil.pk]
                    length = rng.choices(lengths, length_weights)[0]
                    rows.append(
                        Suspension(
                            school=self.school,
                            pupil_id=pupil.pk,
                            kind=Suspension.Kind.SUSPENSION,
                            starts=day,
                            sessions=2 * length,
                            reason=rng.choices(reasons, reason_weights)[0],
                            academic_year=year,
                            provision=at.provision,
                            need=at.need,
                            year_group=at.year_group,
                        )
                    )
        rows.extend(self._permanent(rows, snapshots))
        Suspension.objects.bulk_create(rows, batch_size=BATCH)

    def _permanent(self, suspensions, snapshots) -> list[Suspension]:
        """One permanent exclusion at the first secondary school (2024/25), and perhaps one
        at each other: a pupil suspended more than once that year, after the last time."""
        if self.primary or not (self.first_secondary or self.rng.random() < 0.3):
            return []
        year = FIRST_YEAR if self.first_secondary else self.rng.choice([FIRST_YEAR, FIRST_YEAR + 1])
        last: dict[int, Suspension] = {}
        count: dict[int, int] = {}
        for s in suspensions:
            if s.academic_year == year:
                count[s.pupil_id] = count.get(s.pupil_id, 0) + 1
                if s.pupil_id not in last or s.starts > last[s.pupil_id].starts:
                    last[s.pupil_id] = s
        candidates = sorted(p for p, n in count.items() if n >= 2) or sorted(count)
        if not candidates:
            return []
        before = last[self.rng.choice(candidates)]
        # A school day of a later half term of the year (or the same one), a week on at least.
        lo = before.starts + datetime.timedelta(days=7)
        spans = [
            (max(lo, p.starts), p.ends)
            for p, _ in snapshots
            if p.academic_year == year and p.ends >= lo
        ]
        if not spans:
            return []
        day = self.d.weekday(*self.rng.choice(spans))
        return [
            Suspension(
                school=self.school,
                pupil_id=before.pupil_id,
                kind=Suspension.Kind.PERMANENT,
                starts=day,
                sessions=None,
                reason=self.rng.choice(
                    [Suspension.Reason.PHYSICAL_ADULT, Suspension.Reason.DISRUPTIVE]
                ),
                academic_year=year,
                provision=before.provision,
                need=before.need,
                year_group=before.year_group,
            )
        ]

    # -- results ---------------------------------------------------------------------

    def _drops(self) -> list[DataDrop]:
        drops = []
        for year in range(FIRST_YEAR, self.this_year + 1):
            for name, day in (
                (f"Autumn {year}", datetime.date(year, 11, 13)),
                (f"Summer {year + 1}", datetime.date(year + 1, 7, 8)),
            ):
                day = near_weekday(day)
                if day <= self.today:
                    drops.append(
                        DataDrop(school=self.school, name=name, academic_year=year, taken_on=day)
                    )
        return DataDrop.objects.bulk_create(drops)

    def _scales(self) -> dict[str, Scale]:
        kinds = (
            [Scale.Kind.TEACHER_ASSESSMENT, Scale.Kind.SCALED_SCORE]
            if self.primary
            else [Scale.Kind.GCSE]
        )
        scales = [
            Scale(school=self.school, kind=k, name=BUILT_IN[k].name, expected=BUILT_IN[k].expected)
            for k in kinds
        ]
        if not self.primary:
            scales.append(
                Scale(
                    school=self.school,
                    kind=Scale.Kind.OWN,
                    name=OWN_SCALE,
                    expected=Decimal(OWN_EXPECTED),
                )
            )
        Scale.objects.bulk_create(scales)
        if not self.primary:
            Grade.objects.bulk_create(
                Grade(scale=scales[-1], label=label, key=heading_key(label), value=Decimal(value))
                for label, value in OWN_GRADES
            )
        return {s.kind: s for s in scales}

    def _teachers(self) -> dict[tuple[int, str], tuple[list[str], int]]:
        """(pupil, the teaching groups' subject) -> (the department's teachers, the place
        of the pupil's teacher among them): two queries."""
        names: dict[int, list[str]] = {}
        subject_of: dict[int, str] = {}
        rows = TeachingGroup.teachers.through.objects.filter(
            teachinggroup__school=self.school
        ).values_list(
            "teachinggroup_id",
            "teachinggroup__subject",
            "user__first_name",
            "user__last_name",
            "user__username",
        )
        for group, subject, first, last, username in rows:
            names.setdefault(group, []).append(person_name(first, last, username))
            subject_of[group] = subject
        department: dict[str, list[str]] = {}
        for group, subject in subject_of.items():
            department.setdefault(subject, []).extend(names[group])
        department = {s: sorted(set(v)) for s, v in department.items()}
        found = {}
        members = TeachingGroup.pupils.through.objects.filter(
            teachinggroup__school=self.school
        ).values_list("pupil_id", "teachinggroup_id")
        for pupil, group in members:
            subject = subject_of.get(group)
            if subject is None or subject == "Tutor group" or not names.get(group):
                continue
            staff = department[subject]
            found[(pupil, subject)] = (staff, staff.index(names[group][0]))
        return found

    def _results(self, drops) -> None:
        if not drops:
            return
        rng = self.rng
        scales = self._scales()
        names = PRIMARY_SUBJECTS if self.primary else SECONDARY_SUBJECTS
        subjects = Subject.objects.bulk_create(
            Subject(school=self.school, name=n, key=heading_key(n)) for n in names
        )
        teachers = self._teachers()
        standing = {p.pk: rng.gauss(0, 1) for p in self.pupils}
        flair = {(p.pk, s.name): rng.gauss(0, 0.5) for p in self.pupils for s in subjects}
        rows = []
        for drop in drops:
            was = self._was[drop.taken_on]
            back = self.this_year - drop.academic_year
            gain = SUMMER_GAIN if drop.name.startswith("Summer") else 0.0
            for pupil in self.pupils:
                then = was[pupil.pk]
                year_group = then.year_group
                if year_group not in self.years or year_group == 0:
                    continue
                if pupil.date_started and pupil.date_started > drop.taken_on:
                    continue
                for subject in subjects:
                    z = (
                        standing[pupil.pk]
                        + STANDING[then.provision]
                        + flair[(pupil.pk, subject.name)]
                        + gain
                        + rng.gauss(0, 0.3)
                    )
                    kind, grade, value = self._grade(year_group, subject.name, z)
                    scale = scales[kind]
                    rows.append(
                        (
                            drop.pk,
                            pupil.pk,
                            subject.pk,
                            scale.pk,
                            grade,
                            value,
                            value >= scale.expected,
                            self._teacher(teachers, pupil, subject.name, back),
                            then.provision,
                            then.need,
                            year_group,
                        )
                    )
        insert(Result, RESULT_COLUMNS, rows)

    def _teacher(self, teachers, pupil, subject: str, back: int) -> str:
        group_subject = "" if self.primary else GROUP_SUBJECT.get(subject)
        if group_subject is None:
            return ""
        found = teachers.get((pupil.pk, group_subject))
        if not found:
            return ""
        staff, place = found
        return staff[(place + back) % len(staff)][:100]

    def _grade(self, year_group: int, subject: str, z: float) -> tuple[str, str, Decimal]:
        """(the scale's kind, the grade as the school writes it, its value)."""
        above = z - EXPECTED_AT
        if self.primary:
            if year_group == 6 and subject != "Writing":
                score = max(80, min(120, round(100 + 6 * above)))
                return Scale.Kind.SCALED_SCORE, str(score), Decimal(score)
            step = 1 if above < 0 else 3 if z >= 1.0 else 2
            return Scale.Kind.TEACHER_ASSESSMENT, ("WTS", "EXS", "GDS")[step - 1], Decimal(step)
        if year_group >= 10:
            grade = max(1, min(9, math.floor(4 + 1.7 * above)))
            return Scale.Kind.GCSE, str(grade), Decimal(grade)
        step = 1 if z < -1.2 else 2 if above < 0 else 3 if z < 1.0 else 4
        return Scale.Kind.OWN, OWN_GRADES[step - 1][0], Decimal(step)


def insert(model, fields: tuple[str, ...], rows: list[tuple]) -> None:
    """Rows of a model's table by executemany, `BATCH` at a time: about 300,000 attendance
    rows and 300,000 results for the bench's trust, where a model instance for each row took
    most of the time (as senco/demo/school.insert_links)."""
    quote = connection.ops.quote_name
    meta = model._meta
    columns = ", ".join(quote(meta.get_field(f).column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES ({marks})"  # noqa: S608
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            cursor.executemany(sql, rows[start : start + BATCH])


def _poisson(rng, mean: float) -> int:
    """A count with the given mean (Knuth's method: the means here are small)."""
    limit, k, p = math.exp(-mean), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k
