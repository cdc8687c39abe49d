"""The demo trust's assess-plan-do-review cycles.

Registered in capability.py as `DemoBuilder("plans", build, order=20)`: senco/demo builds
the core, then calls `build(demo)` with its `DemoTrust` (senco/demo/context.py), after the
passports' builder (they share each school's random generator, so the order is part of the
data). Everything is written with `bulk_create`, so the 20-school bench trust stays quick to
seed and every run gives the same rows.

As of the demo's today (25 November 2026, autumn term 2026/27), about 85% of pupils at SEN
support and 40% of those with an EHC plan have a cycle in progress, a third of them after a
reviewed earlier cycle whose unmet outcomes were carried forward; about 5% of the reviews
are overdue and 10% due within two weeks, with the teachers' views asked for; ~6% of the
cycles are new and still at "Assess".
"""

import datetime

from django.db.models import Case, DateTimeField, Value, When
from django.utils import timezone

from senco.lib.clock import current_term, previous_term
from senco.lib.codes import Provision
from senco.plans.demo_texts import (
    BELOW,
    NEED_TEXT,
    NEXT_STEPS,
    NOTES,
    OBSERVATIONS,
    PARENT_VIEWS,
    PUPIL_VIEWS,
    REVIEW_VIEWS,
    SCREENER_FINDINGS,
    SUBJECTS,
    TEACHER_VIEWS,
)
from senco.plans.models import Cycle, Evidence, Note, Outcome, OutcomeProgress, Review, ViewRequest
from senco.schools.models import School

BATCH = 500
HISTORY_START = datetime.date(2024, 9, 5)
CYCLE_SHARE = {Provision.SEN_SUPPORT: 0.85, Provision.EHC_PLAN: 0.40}
CLOSED_SHARE = 0.33
OVERDUE_SHARE = 0.05
DUE_SOON_SHARE = 0.10
UNPLANNED_SHARE = 0.06
# A reviewed earlier cycle: for pupils on the register before this day, started in the
# previous (summer) term by this day, and reviewed in July or in September.
CLOSED_IF_SINCE_BEFORE = datetime.date(2026, 4, 20)
CLOSED_STARTED_BY = datetime.date(2026, 5, 22)
HELD_IN_JULY = (datetime.date(2026, 7, 6), datetime.date(2026, 7, 21))
HELD_IN_SEPTEMBER = (datetime.date(2026, 9, 7), datetime.date(2026, 9, 25))


def build(demo) -> None:
    """Cycles for most of each demo school's register."""
    for school in demo.schools:
        _Cycles(school, demo.today, demo.voices).build()


def _name(user) -> str:
    return f"{user.first_name} {user.last_name}"


def _set_times(model, field: str, rows: list, times: list) -> None:
    """Give auto_now_add fields the demo's dates rather than the moment of seeding."""
    for start in range(0, len(rows), BATCH):
        chunk = list(zip(rows[start : start + BATCH], times[start : start + BATCH], strict=True))
        whens = [When(pk=row.pk, then=Value(at)) for row, at in chunk]
        model.objects.filter(pk__in=[row.pk for row, _ in chunk]).update(
            **{field: Case(*whens, output_field=DateTimeField())}
        )


class _Cycles:
    """One school's cycles, drawn from the school's generator."""

    def __init__(self, school, today: datetime.date, voices):
        self.school = school
        self.voices = voices  # pupils' own words shared with other builders
        self.rng = school.rng
        self.today = today
        self.senco = school.senco
        # The previous term holds the reviewed cycles; open ones are reviewed by the end of
        # this term, or of the next.
        self.previous = previous_term(school.terms, today)
        self.current = current_term(school.terms, today)
        self.following = current_term(
            school.terms, self.current.ends_on + datetime.timedelta(days=1)
        )

    def _review_kind(self) -> str:
        """ "overdue", "soon" or "" for the review date of an open cycle."""
        roll = self.rng.random()
        if roll < OVERDUE_SHARE:
            return "overdue"
        if roll < OVERDUE_SHARE + DUE_SOON_SHARE:
            return "soon"
        return ""

    def _review_date(self, kind: str, started: datetime.date) -> datetime.date:
        rng, today = self.rng, self.today
        if kind == "overdue":
            return self.school.weekday(
                today - datetime.timedelta(days=20), today - datetime.timedelta(days=1)
            )
        if kind == "soon":
            return self.school.weekday(today, today + datetime.timedelta(days=13))
        if started > self.current.ends_on - datetime.timedelta(days=14) or rng.random() < 0.08:
            return self.following.ends_on
        return self.current.ends_on

    def _who_does_what(self, pupil) -> str:
        rng = self.rng
        ta = self.school.ta_of.get(pupil.pk)
        teachers = self.school.teachers_of.get(pupil.pk, [])
        parts = []
        if ta is not None:
            parts.append(f"{_name(ta)} (TA) runs the sessions and keeps the log.")
        if teachers:
            teacher = rng.choice(teachers)
            parts.append(f"{_name(teacher)} uses the strategies in lessons and gives feedback.")
        parts.append(
            f"{_name(self.senco)} (SENCO) checks progress half-termly and updates parents."
        )
        if rng.random() < 0.5:
            parts.append("Parents practise the targets at home and use the home-school book.")
        return " ".join(parts)

    def _evidence(self, cycle, pupil, started: datetime.date) -> list[Evidence]:
        rng, phase = self.rng, self.school.phase
        t = NEED_TEXT[pupil.primary_need]
        subject = rng.choice(SUBJECTS[phase])
        before = started - datetime.timedelta(days=21)
        rows = []
        tests = t.get("primary_tests", t["tests"]) if phase == School.Phase.PRIMARY else t["tests"]
        name, low, high = rng.choice(tests)
        if name.startswith("SDQ"):
            score = f"total difficulties {rng.randint(low, high)}"
            summary = f"{name}: in the 'high' or 'very high' band; parents' version agrees."
            kinds = [(Evidence.Kind.SCREENER, summary, "Class teacher and parents", score)]
        elif high:
            score = f"standard score {rng.randint(low, high)}"
            summary = f"{name}: {rng.choice(BELOW)}"
            kinds = [(Evidence.Kind.STANDARDISED, summary, "Learning support department", score)]
        else:
            summary = f"{name}: {SCREENER_FINDINGS[name]}"
            kinds = [(Evidence.Kind.SCREENER, summary, "Learning support department", "")]
        kinds.append(
            (
                Evidence.Kind.OBSERVATION,
                rng.choice(OBSERVATIONS).format(subject=subject),
                f"{_name(self.senco)}, SENCO",
                "",
            )
        )
        if rng.random() < 0.8:
            kinds.append(
                (
                    Evidence.Kind.PUPIL_VIEWS,
                    rng.choice(PUPIL_VIEWS).format(subject=subject),
                    "The pupil, with the SENCO",
                    "",
                )
            )
        if rng.random() < 0.7:
            kinds.append((Evidence.Kind.PARENT_VIEWS, rng.choice(PARENT_VIEWS), "Parents", ""))
        for kind, text, by, score in kinds:
            rows.append(
                Evidence(
                    cycle=cycle,
                    kind=kind,
                    date=self.school.weekday(before, started),
                    given_by=by,
                    summary=text,
                    score=score,
                    recorded_by=self.senco,
                )
            )
        return rows

    def _outcomes(self, cycle, pupil, count: int) -> list[Outcome]:
        t = NEED_TEXT[pupil.primary_need]
        chosen = self.rng.sample(t["outcomes"], min(count, len(t["outcomes"])))
        if len(chosen) < count:
            extra = [o for o in NEED_TEXT["SOCIAL"]["outcomes"] if o not in chosen]
            chosen += self.rng.sample(extra, min(len(extra), count - len(chosen)))
        return [
            Outcome(cycle=cycle, position=i, text=text, success_criteria=criteria)
            for i, (text, criteria) in enumerate(chosen, 1)
        ]

    def _plan(self, cycle, pupil) -> None:
        provision = self.school.some(NEED_TEXT[pupil.primary_need]["provision"], 1, 3)
        cycle.provision = "\n".join(provision)
        cycle.who_does_what = self._who_does_what(pupil)

    def _notes(self, cycle, pupil, lo: datetime.date, hi: datetime.date, n: int) -> list[Note]:
        rng = self.rng
        authors = [self.school.ta_of.get(pupil.pk) or self.senco] + self.school.teachers_of.get(
            pupil.pk, []
        )[:2]
        return [
            Note(
                cycle=cycle,
                date=self.school.weekday(lo, hi),
                text=rng.choice(NOTES),
                author=rng.choice(authors),
            )
            for _ in range(n)
        ]

    def _cycles(self, pupils: list) -> None:
        rng, today = self.rng, self.today
        cycles, children, closed = [], [], []
        for p in pupils:
            since = p.on_register_since or HISTORY_START
            with_closed = since < CLOSED_IF_SINCE_BEFORE and rng.random() < CLOSED_SHARE
            number = 1
            if with_closed:
                start = self.school.weekday(max(since, self.previous.starts_on), CLOSED_STARTED_BY)
                held = self.school.weekday(*HELD_IN_JULY)
                if rng.random() < 0.4:
                    held = self.school.weekday(*HELD_IN_SEPTEMBER)
                old = Cycle(
                    pupil=p,
                    number=1,
                    started_on=start,
                    review_date=self.previous.ends_on,
                    planned_at=self.school.moment(
                        start + datetime.timedelta(days=rng.randint(3, 12))
                    ),
                    status=Cycle.Status.REVIEWED,
                    created_by=self.senco,
                )
                self._plan(old, p)
                cycles.append(old)
                closed.append((old, p, held))
                number = 2
                started = held
                kind = self._review_kind()
            else:
                kind = self._review_kind()
                latest = today - datetime.timedelta(days=40 if kind else 3)
                lo = min(max(since + datetime.timedelta(days=2), self.previous.starts_on), today)
                started = self.school.weekday(lo, latest)
                if started > latest:  # on the register too recently for an early review
                    kind = ""
            planned = with_closed or rng.random() > UNPLANNED_SHARE
            if not planned:
                started = self.school.weekday(
                    max(since, today - datetime.timedelta(days=25)),
                    today - datetime.timedelta(days=1),
                )
                kind = ""
            cycle = Cycle(
                pupil=p,
                number=number,
                started_on=started,
                review_date=self._review_date(kind, started),
                created_by=self.senco,
            )
            if planned:
                cycle.planned_at = self.school.moment(
                    min(
                        today - datetime.timedelta(days=1),
                        started + datetime.timedelta(days=rng.randint(2, 10)),
                    ),
                )
                self._plan(cycle, p)
            cycles.append(cycle)
            children.append((cycle, p, planned, kind))
        Cycle.objects.bulk_create(cycles, batch_size=BATCH)

        evidence, outcomes, notes = [], [], []
        reviews, progress_rows, carried = [], [], []
        old_outcomes = {}
        for old, p, held in closed:
            outs = self._outcomes(old, p, rng.randint(2, 4))
            old_outcomes[id(old)] = outs
            outcomes += outs
            evidence += self._evidence(old, p, old.started_on)
            notes += self._notes(old, p, old.started_on, held, rng.randint(1, 3))
            kind = rng.choices(
                [Review.Kind.STANDARD, Review.Kind.PERSON_CENTRED, Review.Kind.STRUCTURED],
                [70, 20, 10],
            )[0]
            review = Review(
                cycle=old,
                held_on=held,
                kind=kind,
                pupil_view=rng.choice(REVIEW_VIEWS["pupil"]),
                parent_view=rng.choice(REVIEW_VIEWS["parent"]),
                teacher_view=rng.choice(REVIEW_VIEWS["teacher"]),
                next_steps=rng.choice(NEXT_STEPS),
                completed_by=self.senco,
            )
            if kind == Review.Kind.PERSON_CENTRED:
                review.pcr_appreciation = rng.choice(self.voices.LIKED_AND_ADMIRED)
                review.pcr_important_now = rng.choice(self.voices.IMPORTANT_TO_ME)
                review.pcr_working = "Working: the small-group sessions. Not working: homework."
                review.pcr_actions = (
                    "Continue the plan; SENCO to share the passport with new teachers."
                )
            elif kind == Review.Kind.STRUCTURED:
                review.sc_explore = rng.choice(PARENT_VIEWS)
                review.sc_focus = "Reading at home and settling in the mornings."
                review.sc_plan = "School: daily check-in. Parents: ten minutes' reading each night."
                review.sc_review = "Meet again at the end of the autumn term."
            reviews.append(review)
        Outcome.objects.bulk_create(outcomes, batch_size=BATCH)
        Review.objects.bulk_create(reviews, batch_size=BATCH)
        _set_times(
            Review, "completed_at", reviews, [self.school.moment(r.held_on) for r in reviews]
        )
        ratings = [
            OutcomeProgress.Rating.NOT_YET,
            OutcomeProgress.Rating.SOME,
            OutcomeProgress.Rating.GOOD,
            OutcomeProgress.Rating.ACHIEVED,
        ]
        next_of = {id(cycle): None for cycle, *_ in children}
        by_pupil = {id(p): cycle for cycle, p, *_ in children}
        for (old, p, _), review in zip(closed, reviews, strict=True):
            position = 0
            for o in old_outcomes[id(old)]:
                rating = rng.choices(ratings, [10, 35, 30, 25])[0]
                progress_rows.append(
                    OutcomeProgress(
                        review=review, outcome=o, rating=rating, evidence=rng.choice(TEACHER_VIEWS)
                    )
                )
                if rating != OutcomeProgress.Rating.ACHIEVED:
                    position += 1
                    carried.append(
                        Outcome(
                            cycle=by_pupil[id(p)],
                            position=position,
                            text=o.text,
                            success_criteria=o.success_criteria,
                            carried_from=o,
                        )
                    )
            next_of[id(by_pupil[id(p)])] = position
        OutcomeProgress.objects.bulk_create(progress_rows, batch_size=BATCH)

        outcomes, requests = list(carried), []
        for cycle, p, planned, kind in children:
            evidence += self._evidence(cycle, p, cycle.started_on)[
                : 4 if planned else rng.randint(0, 2)
            ]
            if not planned:
                continue
            have = next_of[id(cycle)] or 0
            want = max(2, min(4, have + rng.randint(0, 2)))
            if want > have:
                existing = {o.text for o in carried if o.cycle is cycle}
                new = [o for o in self._outcomes(cycle, p, 4) if o.text not in existing]
                for k, o in enumerate(new[: want - have], have + 1):
                    o.position = k
                    outcomes.append(o)
            notes += self._notes(
                cycle, p, cycle.started_on, today - datetime.timedelta(days=1), rng.randint(0, 3)
            )
            if kind:
                answered_share = 0.6 if kind == "overdue" else 0.35
                seen = set()
                for teacher in self.school.teachers_of.get(p.pk, []):
                    if teacher.pk in seen:
                        continue
                    seen.add(teacher.pk)
                    request = ViewRequest(cycle=cycle, pupil_id=cycle.pupil_id, teacher=teacher)
                    if rng.random() < answered_share:
                        request.view = rng.choice(TEACHER_VIEWS)
                        request.answered_at = self.school.moment(
                            self.school.weekday(
                                today - datetime.timedelta(days=6),
                                today - datetime.timedelta(days=1),
                            ),
                        )
                    requests.append(request)
        Outcome.objects.bulk_create(outcomes, batch_size=BATCH)
        Evidence.objects.bulk_create(evidence, batch_size=BATCH)
        Note.objects.bulk_create(notes, batch_size=BATCH)
        ViewRequest.objects.bulk_create(requests, batch_size=BATCH)
        # Asked by the daily job a week ago, before any answer.
        asked = timezone.make_aware(
            datetime.datetime.combine(today - datetime.timedelta(days=7), datetime.time(6, 0))
        )
        ViewRequest.objects.filter(pk__in=[r.pk for r in requests]).update(requested_at=asked)

    def build(self) -> None:
        register = [p for p in self.school.pupils if p.sen_provision != Provision.NONE]
        rng = self.rng
        self._cycles([p for p in register if rng.random() < CYCLE_SHARE[p.sen_provision]])
