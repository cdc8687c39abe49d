"""The statutory clock of EHC needs assessments, plans and annual reviews.

Pure functions of dates: every deadline senco shows comes from here, with the rule in
plain English and its legal source, and no other code does date arithmetic of its own.
`senco.lib.clock` offers them as `clock.statutory`, `clock.add_working_days` and
`clock.phase_transfer_deadline`.

The SEND Regulations 2014 count these deadlines in calendar weeks and days, so they fall
where the law puts them. The three steps the school itself must take by a date
(invitations, advice, the review report) are brought back to the last working day on or
before that date when it falls on a weekend, a bank holiday in England or one of the
school's closure days: sent then, they are still in time. Working days skip all three.
"""

import datetime
from bisect import bisect_right
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache

import holidays

DAY = datetime.timedelta(days=1)
REGS = "SEND Regulations 2014"


@lru_cache(maxsize=64)
def _bank_holidays(year: int) -> frozenset[datetime.date]:
    """England's bank holidays in a year, substitute days included (offline)."""
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def is_bank_holiday(day: datetime.date) -> bool:
    return day in _bank_holidays(day.year)


def is_working_day(day: datetime.date, *, closures: Collection[datetime.date] = ()) -> bool:
    """Monday to Friday, not a bank holiday in England, not a closure day of the school."""
    return day.weekday() < 5 and not is_bank_holiday(day) and day not in closures


def add_working_days(
    start: datetime.date, days: int, *, closures: Collection[datetime.date] = ()
) -> datetime.date:
    """The date `days` working days after `start` (before it, for a negative number).
    `start` itself is not counted; 0 gives `start`."""
    step = DAY if days >= 0 else -DAY
    day, left = start, abs(days)
    while left:
        day += step
        if is_working_day(day, closures=closures):
            left -= 1
    return day


def working_days_between(
    start: datetime.date, end: datetime.date, *, closures: Collection[datetime.date] = ()
) -> int:
    """How many working days from `start` (not counted) to `end` (counted): the inverse of
    add_working_days, negative when `end` is before `start`. Counted, not walked: the
    weekdays, less the bank holidays and closure days on weekdays between."""
    if end < start:
        return -working_days_between(end, start, closures=closures)
    weeks, rest = divmod((end - start).days, 7)
    first = start.weekday()
    weekdays = weeks * 5 + sum(1 for i in range(1, rest + 1) if (first + i) % 7 < 5)
    holidays_off = sum(
        1
        for year in range(start.year, end.year + 1)
        for day in _bank_holidays(year)
        if start < day <= end and day.weekday() < 5
    )
    closed = _closed_weekdays(closures if isinstance(closures, frozenset) else frozenset(closures))
    return weekdays - holidays_off - (bisect_right(closed, end) - bisect_right(closed, start))


@lru_cache(maxsize=64)
def _closed_weekdays(closures: frozenset) -> tuple[datetime.date, ...]:
    """A school's closure days that would otherwise be working days, in order."""
    return tuple(sorted(d for d in closures if d.weekday() < 5 and not is_bank_holiday(d)))


def last_working_day(day: datetime.date, *, closures: Collection[datetime.date] = ()):
    """`day`, or the last working day before it."""
    while not is_working_day(day, closures=closures):
        day -= DAY
    return day


def add_months(start: datetime.date, months: int) -> datetime.date:
    """The same day `months` later; a day the month lacks becomes its last (29 February
    plus 12 months is 28 February)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    for day in (start.day, 30, 29, 28):
        try:
            return datetime.date(year, month, day)
        except ValueError:
            continue
    raise ValueError(start)  # unreachable: every month has a 28th


@dataclass(frozen=True)
class Deadline:
    """A statutory date, with what it is, the rule in plain English and its source."""

    due: datetime.date
    step: str
    rule: str
    citation: str
    moved: bool = False  # brought back from a weekend, bank holiday or closure day

    def __str__(self) -> str:
        moved = " (the last working day before it)" if self.moved else ""
        return f"{self.step} due {self.due:%-d %B %Y}{moved}: {self.rule}, {self.citation}"


@dataclass(frozen=True)
class _Rule:
    step: str
    rule: str
    citation: str
    days: int = 0  # calendar days from the start (negative: before it)
    months: int = 0
    by_school: bool = False  # the school's own step: brought back to a working day


RULES: dict[str, _Rule] = {
    "assessment_decision": _Rule(
        "Decision whether to assess",
        "within 6 weeks of the request for an assessment",
        f"{REGS}, reg. 5(1)",
        days=6 * 7,
    ),
    "final_plan": _Rule(
        "Final EHC plan",
        "within 20 weeks of the request for an assessment",
        f"{REGS}, reg. 13(2)",
        days=20 * 7,
    ),
    "draft_plan_response": _Rule(
        "Response to the draft plan",
        "at least 15 days, beginning with the day the draft plan is served",
        f"{REGS}, reg. 13(1)",
        days=14,
    ),
    "review_invitations": _Rule(
        "Invitations to the review meeting",
        "at least 2 weeks before the meeting",
        f"{REGS}, reg. 20(3)",
        days=-14,
        by_school=True,
    ),
    "review_advice": _Rule(
        "Advice circulated",
        "at least 2 weeks before the meeting",
        f"{REGS}, reg. 20(4)",
        days=-14,
        by_school=True,
    ),
    "review_report": _Rule(
        "Review report",
        "within 2 weeks of the meeting",
        f"{REGS}, reg. 20(7)",
        days=14,
        by_school=True,
    ),
    "review_decision": _Rule(
        "Local authority's decision",
        "within 4 weeks of the meeting, with any proposed amendments",
        f"{REGS}, reg. 20(10); R (L) v Devon County Council [2022] EWHC 493 (Admin)",
        days=4 * 7,
    ),
    "amendment_final": _Rule(
        "Final amended plan",
        "within 8 weeks of the proposed amendments being sent",
        f"{REGS}, reg. 22(5)",
        days=8 * 7,
    ),
    "next_review": _Rule(
        "Next annual review",
        "within 12 months of the plan being issued or of the last review meeting",
        "Children and Families Act 2014, s.44(1); SEND Regulations 2014, reg. 18",
        months=12,
    ),
}


def statutory(
    rule: str, start: datetime.date, *, closures: Collection[datetime.date] = ()
) -> Deadline:
    """The deadline of a step (a key of RULES) counted from `start`: the request, the day
    the draft is served, the meeting, the day amendments were sent, or the plan's issue or
    last review meeting."""
    try:
        r = RULES[rule]
    except KeyError:
        raise ValueError(f"No statutory rule called {rule!r}") from None
    due = add_months(start, r.months) if r.months else start + datetime.timedelta(days=r.days)
    moved = False
    if r.by_school and not is_working_day(due, closures=closures):
        due, moved = last_working_day(due, closures=closures), True
    return Deadline(due, r.step, r.rule, r.citation, moved)


def phase_transfer_deadline(academic_year: int, *, to_post16: bool) -> Deadline:
    """For a pupil moving phase at the end of the academic year that starts in September of
    `academic_year`: the date by which the plan must be reviewed and amended to name the
    next school or college."""
    year = academic_year + 1
    if to_post16:
        return Deadline(
            datetime.date(year, 3, 31),
            "Plan amended for the move to post-16",
            "by 31 March in the year of the move",
            f"{REGS}, reg. 18(1)(b)",
        )
    return Deadline(
        datetime.date(year, 2, 15),
        "Plan amended for the move to the next school",
        "by 15 February in the year of the move",
        f"{REGS}, reg. 18(1)(a)",
    )
