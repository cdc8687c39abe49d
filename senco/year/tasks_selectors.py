"""Reads of the SENCO's year: whose tasks a person sees, the to-do view (overdue, this
week, the rest of this half term) and the year month by month, merged with every dated
event the other capabilities register (senco.registry.events_for; none is named here)."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.http import Http404

from senco.accounts.models import Membership, Role, User
from senco.lib.clock import TermDates, academic_year_of, school_terms
from senco.lib.prepared import Prepared
from senco.lib.text import person_name
from senco.registry import DatedEvent, events_for
from senco.schools.selectors import saved_terms
from senco.year.models import YearTask

# The kind of the year's tasks in the calendar, its filter and the iCalendar feed.
TASKS_KIND = "SENCO's tasks"
STAFF_ROLES = (Role.SENCO, Role.LEADER, Role.TEACHER, Role.TA, Role.OFFICE)
# The academic years the year page offers: a few back, and next year to plan it.
YEARS_BACK = 5
YEARS_AHEAD = 1


def _mine(user: int, *, runs_year: bool) -> Q:
    """Whose tasks are a person's own: those given to them and, for the SENCO (who runs the
    year), those given to nobody. The one statement of the rule for queries: who sees
    what (`tasks_of`), the year page's "mine" and the home page's to-do all filter by it,
    through the shapes of `_seen`; `is_mine` asks it of one task in hand."""
    mine = Q(assigned_to_id=user)
    if runs_year:
        mine |= Q(assigned_to__isnull=True)
    return mine


# Which of the school's tasks a person sees, as the `shape` of the queries written once
# (senco/lib/prepared.py): every one; the SENCO's own and nobody's (the SENCO showing only
# theirs); only those given to them (anyone else who is given tasks: also all they may
# filter to); none.
ALL, MINE, OWN, NONE = "all", "mine", "own", "none"


def _seen(scope, *, mine_only: bool = False) -> str:
    """The shape of what `scope` sees of the tasks, perhaps only its own (`_mine`)."""
    if scope.runs_year:
        return MINE if mine_only else ALL
    if scope.has_year_tasks:
        return OWN
    return NONE


def _tasks_seen(shape: str, school: int, user: int) -> QuerySet[YearTask]:
    """The school's tasks a person sees, from the shape (`_seen`) and two ids, so that a
    query built on it can be written once."""
    tasks = YearTask.objects.filter(school_id=school)
    if shape == ALL:
        return tasks
    if shape == NONE:
        return tasks.none()
    return tasks.filter(_mine(user, runs_year=shape == MINE))


def tasks_of(scope) -> QuerySet[YearTask]:
    """Every task of the school the person may see: the SENCO (who runs the year) all of
    them; anyone else who may be given tasks only those given to them."""
    return _tasks_seen(_seen(scope), scope.school.pk, scope.user.pk)


def task_for(scope, task_id: int) -> YearTask:
    """A task the person may see, or 404: another school's task, or one given to someone
    else, is the same 404 as one that does not exist."""
    task = tasks_of(scope).select_related("assigned_to", "done_by").filter(pk=task_id).first()
    if task is None:
        raise Http404("Not found")
    return task


def is_mine(assigned_to: int | None, user: int, *, runs_year: bool) -> bool:
    """A task given to `assigned_to` (an id, or None) is the person's (the id `user`):
    given to them, or, for the SENCO (who runs the year), given to nobody. `_mine` asked
    of one task in hand."""
    if assigned_to == user:
        return True
    return assigned_to is None and runs_year


def staff_of(school) -> QuerySet[User]:
    """Who a task may be given to: the school's active staff, by name."""
    staff = Membership.objects.filter(school=school, is_active=True, role__in=STAFF_ROLES)
    return User.objects.filter(pk__in=staff.values("user_id")).order_by(
        "last_name", "first_name", "username"
    )


def person(user) -> str:
    return person_name(user.first_name, user.last_name, user.username)


def year_bounds(academic_year: int) -> tuple[datetime.date, datetime.date]:
    """1 September to 31 August."""
    return datetime.date(academic_year, 9, 1), datetime.date(academic_year + 1, 8, 31)


def offered_years(today: datetime.date) -> list[int]:
    current = academic_year_of(today)
    return list(range(current + YEARS_AHEAD, current - YEARS_BACK - 1, -1))


def tasks_in_year(school, academic_year: int) -> QuerySet[YearTask]:
    start, end = year_bounds(academic_year)
    return YearTask.objects.filter(school=school, due__gte=start, due__lte=end)


# --- Half terms ------------------------------------------------------------------------------


@dataclass(frozen=True)
class HalfTerm:
    label: str
    starts_on: datetime.date
    ends_on: datetime.date


def half_terms(terms: list[TermDates]) -> list[HalfTerm]:
    """Each term split at its middle: the clock knows the school's terms but not its half
    term holidays, so the first half ends on the Friday nearest the term's midpoint."""
    halves = []
    for term in terms:
        middle = term.starts_on + (term.ends_on - term.starts_on) / 2
        friday = middle + datetime.timedelta(days=(4 - middle.weekday() + 3) % 7 - 3)
        friday = min(max(friday, term.starts_on), term.ends_on)
        name = term.label.split(" ")[0]
        halves.append(HalfTerm(f"{name} 1", term.starts_on, friday))
        halves.append(HalfTerm(f"{name} 2", friday + datetime.timedelta(days=1), term.ends_on))
    return halves


def half_term_of(terms: list[TermDates], today: datetime.date) -> HalfTerm:
    """The half term containing `today` or, in a holiday, the next to start."""
    halves = half_terms(terms)
    for half in halves:
        if today <= half.ends_on:
            return half
    return halves[-1]


# --- The page ----------------------------------------------------------------------------------


@dataclass(slots=True)
class Row:
    """One line of the year: a task (with `task_id`) or another capability's dated event
    (with `event`)."""

    date: datetime.date
    title: str
    kind: str
    url: str = ""
    task_id: int | None = None
    event: DatedEvent | None = None
    assignee: str = ""
    mine: bool = False
    may_tick: bool = False
    # A task ticked off (an event is never done): asked of each row several times a page.
    done: bool = False
    done_at: datetime.datetime | None = None


@dataclass
class Month:
    first: datetime.date
    rows: list[Row] = field(default_factory=list)


@dataclass
class YearView:
    academic_year: int
    months: list[Month]
    overdue: list[Row]
    this_week: list[Row]
    half_term: list[Row]
    half: HalfTerm | None
    pupil_ids: set[int]
    task_count: int
    is_current: bool


def _task_row(found: tuple, url: str, user: int, *, runs_year: bool) -> Row:
    """A task's row (a tuple of `_ROW_FIELDS`) for the person with the id `user` (the SENCO
    when `runs_year`)."""
    pk, title, due, assigned_to, done_at, first_name, last_name, username = found
    mine = is_mine(assigned_to, user, runs_year=runs_year)
    return Row(
        date=due,
        title=title,
        kind=TASKS_KIND,
        url=url,
        task_id=pk,
        assignee=person_name(first_name, last_name, username) if assigned_to else "",
        mine=mine,
        may_tick=mine or runs_year,
        done=done_at is not None,
        done_at=done_at,
    )


# The year page's tasks, with SQL written once (senco/lib/prepared.py): the tasks of the
# year and those left undone from earlier years, each with only what a row shows (the
# title, date, who has it and when it was done), as tuples: no model instances (with the
# person each is given to, ~100 tasks made ~200 objects a page).
_ROW_FIELDS = (
    "pk",
    "title",
    "due",
    "assigned_to",
    "done_at",
    "assigned_to__first_name",
    "assigned_to__last_name",
    "assigned_to__username",
)
_tasks_in = Prepared(
    lambda shape, school, user, start, end: (
        _tasks_seen(shape, school, user)
        .filter(due__gte=start, due__lte=end)
        .values_list(*_ROW_FIELDS)
    )
)
_undone_before = Prepared(
    lambda shape, school, user, start: (
        _tasks_seen(shape, school, user)
        .filter(due__lt=start, done_at__isnull=True)
        .values_list(*_ROW_FIELDS)
    )
)


def _event_row(event: DatedEvent) -> Row:
    return Row(date=event.date, title=event.title, kind=event.kind, url=event.url, event=event)


def year_view(
    scope,
    academic_year: int,
    today: datetime.date,
    *,
    mine_only: bool = False,
    kind: str = "",
    task_url=lambda task_id: "",
) -> YearView:
    """The year page: every task and dated event of the academic year the person may see,
    by month, and, for the current year, the to-do view. A fixed number of queries,
    whatever the number of tasks and events: the tasks in one, each capability's events
    in its own few, the terms in one."""
    start, end = year_bounds(academic_year)
    user, runs_year = scope.user.pk, scope.runs_year
    seen = {"shape": _seen(scope, mine_only=mine_only), "school": scope.school.pk, "user": user}
    rows: list[Row] = []
    task_count = 0
    if not kind or kind == TASKS_KIND:
        for task in _tasks_in.rows(**seen, start=start, end=end):
            rows.append(_task_row(task, task_url(task[0]), user, runs_year=runs_year))
            task_count += 1
    # The tasks are rows of their own above: not read again as the calendar's events.
    from senco.year.tasks_hooks import task_events

    events = events_for(scope, start, end, skip={task_events})
    if kind:
        events = [e for e in events if e.kind == kind]
    if mine_only:
        events = [e for e in events if e.owner_id in (None, user)]
    rows += [_event_row(e) for e in events]
    rows.sort(key=lambda r: (r.date, r.task_id is None, r.title))
    months: dict[tuple[int, int], Month] = {}
    first = start
    while first <= end:
        months[(first.year, first.month)] = Month(first)
        first = (first + datetime.timedelta(days=32)).replace(day=1)
    for row in rows:
        months[(row.date.year, row.date.month)].rows.append(row)
    is_current = academic_year == academic_year_of(today)
    overdue, this_week, rest, half = [], [], [], None
    if is_current:
        half = half_term_of(school_terms(saved_terms(scope.school), academic_year), today)
        week_end = today + datetime.timedelta(days=6 - today.weekday())
        for row in rows:
            if row.done:
                continue
            if row.date < today and (row.task_id is not None or row.event.urgency == "overdue"):
                overdue.append(row)
            elif today <= row.date <= week_end:
                this_week.append(row)
            elif week_end < row.date <= half.ends_on:
                rest.append(row)
        # Tasks left undone from earlier years are overdue too.
        if not kind or kind == TASKS_KIND:
            earlier = _undone_before.rows(**seen, start=start)
            old = [_task_row(t, task_url(t[0]), user, runs_year=runs_year) for t in earlier]
            overdue = old + overdue
    return YearView(
        academic_year=academic_year,
        months=list(months.values()),
        overdue=overdue,
        this_week=this_week,
        half_term=rest,
        half=half,
        pupil_ids={e.pupil_id for e in events if e.pupil_id},
        task_count=task_count,
        is_current=is_current,
    )


# --- Home page and calendar ------------------------------------------------------------------


def _todo_tasks_of(shape: str, school: int, user: int, week_end: datetime.date):
    """`todo_tasks`'s query: the person's own tasks (`_mine`, through the shape `MINE` for
    the SENCO, `OWN` for anyone else) not done and due by `week_end`."""
    return (
        _tasks_seen(shape, school, user)
        .filter(done_at__isnull=True, due__lte=week_end)
        .order_by("due", "pk")
    )


# Written once (senco/lib/prepared.py): everyone's home page asks it.
_todo_tasks = Prepared(_todo_tasks_of)


def todo_tasks(scope, today: datetime.date) -> tuple[list[YearTask], list[YearTask]]:
    """The person's own tasks not done: overdue, and due by the end of this week. One query
    (none for someone who may not be given tasks)."""
    if not scope.has_year_tasks:
        return [], []
    week_end = today + datetime.timedelta(days=6 - today.weekday())
    found = _todo_tasks.instances(
        shape=_seen(scope, mine_only=True),
        school=scope.school.pk,
        user=scope.user.pk,
        week_end=week_end,
    )
    return [t for t in found if t.due < today], [t for t in found if t.due >= today]


# The tasks a person sees due between two days, with only what a calendar event shows, as
# tuples: SQL written once (senco/lib/prepared.py), and no model instances (through the
# ORM, a year's hundred tasks cost ~30 microseconds each). Whether each is done, not when:
# a time read is a time parsed.
_tasks_between = Prepared(
    lambda shape, school, user, start, end: (
        _tasks_seen(shape, school, user)
        .filter(due__gte=start, due__lte=end)
        .annotate(done=Q(done_at__isnull=False))
        .order_by("due", "pk")
        .values_list("pk", "title", "due", "from_calendar", "assigned_to", "done")
    )
)


def tasks_between(scope, start: datetime.date, end: datetime.date) -> list[tuple]:
    """The tasks the person sees due between two days, soonest first, as rows of (id,
    title, due, from_calendar, assigned_to, done): one query."""
    return _tasks_between.rows(
        shape=_seen(scope), school=scope.school.pk, user=scope.user.pk, start=start, end=end
    )
