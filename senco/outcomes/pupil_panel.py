"""The pupil page's panel "Attendance, suspensions and results": one pupil's own figures,
beside their plan, for those who see the pupil and have `sees_pupil_outcomes`.

- Attendance: this academic year's sessions missed of possible and the share missed, with
  persistent absence (10% or more, `figures.PERSISTENT`) said plainly; each period of the
  year (terms and half terms that do not overlap); last year's total. Which periods make a
  year is `figures.year_periods`, as on the comparison pages.
- Suspensions and permanent exclusions: every one recorded, newest first, with its length
  and the DfE's reason in words.
- Results: the pupil's latest data drop (the last one holding a result of theirs), each
  subject's grade and whether it is at or above the expected standard.

One query for all three (a UNION ALL of three small selects, the latest drop found by a
subquery); none for someone who may not see the panel. Values, never model instances.
"""

import datetime
from dataclasses import dataclass

from django.db.models import (
    CharField,
    DateField,
    F,
    IntegerField,
    Subquery,
    Value,
)
from django.db.models.functions import Cast
from django.utils import timezone

from senco.lib.clock import academic_year_label, academic_year_of
from senco.lib.prepared import Prepared
from senco.outcomes.figures import PERSISTENT, P, year_periods
from senco.outcomes.models import Attendance, Period, Result, Suspension

# The columns every branch of the UNION selects, in this order.
COLUMNS = ("tag", "ref", "day", "until", "year", "text1", "text2", "text3", "n1", "n2")
ATTENDANCE, SUSPENSION, RESULT = "a", "s", "r"


@dataclass(frozen=True)
class Sessions:
    """Sessions missed of possible over one period or a year."""

    label: str
    possible: int
    attended: int

    @property
    def missed(self) -> int:
        return self.possible - self.attended

    @property
    def absence(self) -> float | None:
        """The share of possible sessions missed, as a percent."""
        return 100 * self.missed / self.possible if self.possible else None

    @property
    def persistent(self) -> bool:
        return bool(self.possible) and self.missed >= PERSISTENT * self.possible


@dataclass(frozen=True)
class Exclusion:
    starts: datetime.date
    permanent: bool
    kind: str  # "Suspension" or "Permanent exclusion"
    length: str  # "2 days", "half a day", "" for a permanent exclusion
    reason: str  # in words


@dataclass(frozen=True)
class Grade:
    subject: str
    grade: str
    expected: bool


def length_in_words(sessions: int | None) -> str:
    """A suspension's length, from sessions (half days): 1 -> "half a day", 5 -> "2.5 days"."""
    if sessions is None:
        return ""
    if sessions == 1:
        return "half a day"
    days = sessions / 2
    figure = f"{days:g}"
    return f"{figure} day" if days == 1 else f"{figure} days"


def _typed(value, field):
    return Value(value, output_field=field)


def _rows(pupil, since_year: int) -> list[tuple]:
    """The pupil's attendance since `since_year`, suspensions and latest drop's results, as
    tuples of COLUMNS: one query, its SQL written once (senco/lib/prepared.py)."""
    return _union.rows(pupil=pupil.pk, since_year=since_year)


def _union_of(pupil: int, since_year: int):
    text, date, number = CharField(), DateField(), IntegerField()
    attendance = (
        Attendance.objects.filter(pupil_id=pupil, period__academic_year__gte=since_year)
        .order_by()
        .annotate(
            tag=_typed(ATTENDANCE, text),
            ref=F("period_id"),
            day=F("period__starts"),
            until=F("period__ends"),
            year=F("period__academic_year"),
            text1=Cast("period__label", text),
            text2=Cast("period__kind", text),
            text3=_typed("", text),
            n1=Cast("possible", number),
            n2=Cast("attended", number),
        )
        .values_list(*COLUMNS)
    )
    suspensions = (
        Suspension.objects.filter(pupil_id=pupil)
        .order_by()
        .annotate(
            tag=_typed(SUSPENSION, text),
            ref=F("id"),
            day=F("starts"),
            until=_typed(None, date),
            year=F("academic_year"),
            text1=Cast("kind", text),
            text2=Cast("reason", text),
            text3=_typed("", text),
            n1=Cast("sessions", number),
            n2=_typed(None, number),
        )
        .values_list(*COLUMNS)
    )
    latest = (
        Result.objects.filter(pupil_id=pupil)
        .order_by("-drop__taken_on", "-drop_id")
        .values("drop_id")[:1]
    )
    results = (
        Result.objects.filter(pupil_id=pupil, drop_id=Subquery(latest))
        .order_by()
        .annotate(
            tag=_typed(RESULT, text),
            ref=F("drop_id"),
            day=F("drop__taken_on"),
            until=_typed(None, date),
            year=F("drop__academic_year"),
            text1=Cast("subject__name", text),
            text2=Cast("grade", text),
            text3=Cast("drop__name", text),
            n1=Cast("expected", number),
            n2=_typed(None, number),
        )
        .values_list(*COLUMNS)
    )
    return attendance.union(suspensions, results, all=True)


_union = Prepared(_union_of)


def _attendance(rows: list[tuple], this_year: int) -> dict:
    """This year's total, its periods and last year's total, from the attendance rows."""
    found: dict[int, tuple] = {}
    for _tag, ref, day, until, year, label, kind, _text3, possible, attended in rows:
        found[ref] = (
            P(id=ref, year=year, kind=kind, starts=day, ends=until),
            label,
            possible,
            attended,
        )

    def total(year: int, label: str) -> Sessions | None:
        chosen = year_periods([p for p, *_ in found.values()], year)
        if not chosen:
            return None
        return Sessions(
            label,
            sum(found[p.id][2] for p in chosen),
            sum(found[p.id][3] for p in chosen),
        )

    # The year's periods as a list: the terms and half terms that do not overlap (a "year
    # to date" only when the MIS sent nothing else).
    of_year = [p for p, *_ in found.values() if p.year == this_year]
    shown = year_periods([p for p in of_year if p.kind != Period.Kind.TO_DATE], this_year)
    shown = shown or year_periods(of_year, this_year)
    return {
        "this_year": total(this_year, academic_year_label(this_year)),
        "periods": [Sessions(found[p.id][1], found[p.id][2], found[p.id][3]) for p in shown],
        "last_year": total(this_year - 1, academic_year_label(this_year - 1)),
    }


def pupil_panel(request, pupil, scope, *, today: datetime.date | None = None) -> dict | None:
    """What the panel's template needs, or None for someone who may not see it (no query)."""
    if not scope.sees_pupil_outcomes:
        return None
    today = today or timezone.localdate()
    this_year = academic_year_of(today)
    rows = _rows(pupil, this_year - 1)
    by_tag: dict[str, list[tuple]] = {ATTENDANCE: [], SUSPENSION: [], RESULT: []}
    for row in rows:
        by_tag[row[0]].append(row)
    exclusions = [
        Exclusion(
            starts=day,
            permanent=kind == Suspension.Kind.PERMANENT,
            kind=Suspension.Kind(kind).label,
            length=length_in_words(sessions),
            reason=Suspension.Reason(reason).label if reason in Suspension.Reason.values else "",
        )
        for _t, _r, day, _u, _y, kind, reason, _x, sessions, _n in by_tag[SUSPENSION]
    ]
    exclusions.sort(key=lambda e: e.starts, reverse=True)
    results = sorted(
        (Grade(row[5], row[6], bool(row[8])) for row in by_tag[RESULT]),
        key=lambda g: g.subject.casefold(),
    )
    drop = by_tag[RESULT][0] if by_tag[RESULT] else None
    return {
        "empty": not rows,
        "year": academic_year_label(this_year),
        "last_year_label": academic_year_label(this_year - 1),
        **_attendance(by_tag[ATTENDANCE], this_year),
        "exclusions": exclusions,
        "results": results,
        "drop_name": drop[7] if drop else "",
        "drop_taken_on": drop[2] if drop else None,
        "at_expected": sum(g.expected for g in results),
    }
