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
from senco.registry import DatedEvent, events_for
from senco.schools.selectors import saved_terms
from senco.year.models import YearTask

# The kind of the year's tasks in the calendar, its filter and the iCalendar feed.
TASKS_KIND = "SENCO's tasks"
STAFF_ROLES = (Role.SENCO, Role.LEADER, Role.TEACHER, Role.TA, Role.OFFICE)
# The academic years the year page offers: a few back, and next year to plan it.
YEARS_BACK = 5
YEARS_AHEAD = 1


def tasks_of(scope) -> QuerySet[YearTask]:
    """Every task of the school the person may see: the SENCO (who runs the year) all of
    them; anyone else who may be given tasks only those given to them."""
    tasks = YearTask.objects.filter(school=scope.school)
    if scope.runs_year:
        return tasks
    if scope.has_year_tasks:
        return tasks.filter(assigned_to=scope.user)
    return tasks.none()


def task_for(scope, task_id: int) -> YearTask:
    """A task the person may see, or 404: another school's task, or one given to someone
    else, is the same 404 as one that does not exist."""
    task = tasks_of(scope).select_related("assigned_to", "done_by").filter(pk=task_id).first()
    if task is None:
        raise Http404("Not found")
    return task


def is_mine(task: YearTask, scope) -> bool:
    """The task is the person's: given to them, or, for the SENCO, given to nobody."""
    if task.assigned_to_id == scope.user.pk:
        return True
    return task.assigned_to_id is None and scope.runs_year


def mine_filter(scope) -> Q:
    if scope.runs_year:
        return Q(assigned_to=scope.user) | Q(assigned_to__isnull=True)
    return Q(assigned_to=scope.user)


def staff_of(school) -> QuerySet[User]:
    """Who a task may be given to: the school's active staff, by name."""
    staff = Membership.objects.filter(school=school, is_active=True, role__in=STAFF_ROLES)
    return User.objects.filter(pk__in=staff.values("user_id")).order_by(
        "last_name", "first_name", "username"
    )


def person(user) -> str:
    return user.get_full_name() or user.username


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


@dataclass
class Row:
    """One line of the year: a task (with `task`) or another capability's dated event."""

    date: datetime.date
    title: str
    kind: str
    url: str = ""
    task: YearTask | None = None
    event: DatedEvent | None = None
    assignee: str = ""
    mine: bool = False
    may_tick: bool = False

    @property
    def done(self) -> bool:
        return self.task is not None and self.task.is_done


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


def _task_row(task: YearTask, scope, url: str) -> Row:
    mine = is_mine(task, scope)
    return Row(
        date=task.due,
        title=task.title,
        kind=TASKS_KIND,
        url=url,
        task=task,
        assignee=person(task.assigned_to) if task.assigned_to_id else "",
        mine=mine,
        may_tick=mine or scope.runs_year,
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
    task_url=lambda task: "",
) -> YearView:
    """The year page: every task and dated event of the academic year the person may see,
    by month, and, for the current year, the to-do view. A fixed number of queries,
    whatever the number of tasks and events: the tasks in one, each capability's events
    in its own few, the terms in one."""
    start, end = year_bounds(academic_year)
    tasks = tasks_of(scope).filter(due__gte=start, due__lte=end).select_related("assigned_to")
    if mine_only:
        tasks = tasks.filter(mine_filter(scope))
    rows: list[Row] = []
    task_count = 0
    if not kind or kind == TASKS_KIND:
        for task in tasks:
            rows.append(_task_row(task, scope, task_url(task)))
            task_count += 1
    # The tasks are rows of their own above: not read again as the calendar's events.
    from senco.year.tasks_hooks import task_events

    events = events_for(scope, start, end, skip={task_events})
    if kind:
        events = [e for e in events if e.kind == kind]
    if mine_only:
        events = [e for e in events if e.owner_id in (None, scope.user.pk)]
    rows += [_event_row(e) for e in events]
    rows.sort(key=lambda r: (r.date, r.task is None, r.title))
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
            if row.date < today and (row.task is not None or row.event.urgency == "overdue"):
                overdue.append(row)
            elif today <= row.date <= week_end:
                this_week.append(row)
            elif week_end < row.date <= half.ends_on:
                rest.append(row)
        # Tasks left undone from earlier years are overdue too.
        earlier = tasks_of(scope).filter(due__lt=start, done_at__isnull=True)
        if mine_only:
            earlier = earlier.filter(mine_filter(scope))
        if not kind or kind == TASKS_KIND:
            old = [_task_row(t, scope, task_url(t)) for t in earlier.select_related("assigned_to")]
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
    """`todo_tasks`'s query: `shape` "runs_year" for the SENCO (theirs and nobody's), else
    only theirs (as `tasks_of` and `mine_filter`)."""
    mine = Q(assigned_to_id=user)
    if shape == "runs_year":
        mine |= Q(assigned_to__isnull=True)
    return (
        YearTask.objects.filter(school_id=school, done_at__isnull=True, due__lte=week_end)
        .filter(mine)
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
        shape="runs_year" if scope.runs_year else "own",
        school=scope.school.pk,
        user=scope.user.pk,
        week_end=week_end,
    )
    return [t for t in found if t.due < today], [t for t in found if t.due >= today]


def tasks_between(scope, start: datetime.date, end: datetime.date) -> list[YearTask]:
    return list(tasks_of(scope).filter(due__gte=start, due__lte=end).order_by("due", "pk"))
