"""The SENCO's year: the year page (to-do view, then the year month by month merged with
every capability's dated events), setting the year up, and adding, changing, deleting and
ticking off tasks."""

from django.contrib import messages
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from senco.access import school_view
from senco.audit.services import audit_list, audit_record
from senco.lib.clock import academic_year_label, academic_year_of
from senco.lib.drawn import Drawn, asked
from senco.lib.forms import saved
from senco.registry import event_kinds
from senco.year import calendars
from senco.year import tasks_selectors as selectors
from senco.year import tasks_services as services
from senco.year.audit import YearAction
from senco.year.tasks_forms import EVERYONE, MINE, DoneForm, SetupForm, TaskForm, YearFilterForm
from senco.year.tasks_html import RowPainter


def _posted(request):
    return request.POST if request.method == "POST" else None


def _task_url(scope):
    """The link of each task on the year page: its form for the SENCO; none for others."""
    if not scope.runs_year:
        return lambda task_id: ""
    edit = reverse("year_task_edit", args=[scope.school.urn, 0])
    return lambda task_id: edit.replace("/0/", f"/{task_id}/")


def _year_url(scope, academic_year: int | None = None) -> str:
    url = reverse("year_tasks", args=[scope.school.urn])
    return f"{url}?year={academic_year}" if academic_year is not None else url


@school_view("has_year_tasks")
def year_tasks(request, scope):
    """The year: what is overdue, due this week and the rest of this half term, then every
    task and dated event of the academic year, month by month."""
    today = timezone.localdate()
    current = academic_year_of(today)
    years, kinds = selectors.offered_years(today), event_kinds()
    form = YearFilterForm(
        request.GET or None,
        years=years,
        current=current,
        kinds=kinds,
        initial={"year": current, "who": EVERYONE},
    )
    academic_year, mine_only, kind = form.chosen()
    view = selectors.year_view(
        scope, academic_year, today, mine_only=mine_only, kind=kind, task_url=_task_url(scope)
    )
    audit_list(
        actor=request.actor,
        action=YearAction.TASKS_VIEW,
        school=scope.school,
        pupils=sorted(view.pupil_ids),
        detail={"academic_year": academic_year, "mine": mine_only, "kind": kind},
    )
    setup = None
    if scope.runs_year and not kind and not mine_only and view.task_count == 0:
        setup = _setup_offer(scope, academic_year, current)
    back = request.get_full_path()
    painter = RowPainter(scope, today, get_token(request), back)
    return render(
        request,
        "year/tasks/year.html",
        {
            "scope": scope,
            "form": form,
            "view": view,
            "today": today,
            "label": academic_year_label(academic_year),
            "mine_only": mine_only,
            "kind": kind,
            "setup": setup,
            "back": back,
            "filter_form": _filter_form(form, scope.school.urn, years, current, kinds),
            "months": [
                (*_month_heading(m.first), painter.rows(m.rows) if m.rows else "")
                for m in view.months
            ],
            "overdue": painter.rows(view.overdue),
            "this_week": painter.rows(view.this_week),
            "half_term": painter.rows(view.half_term),
            "previous_year": academic_year - 1 if academic_year - 1 in years else None,
            "next_year": academic_year + 1 if academic_year + 1 in years else None,
            "filtered": bool(kind or mine_only),
            "who_mine": MINE,
        },
    )


# The filter form as HTML, by all that decides it: the school, the values asked for (none
# when the form is not filled in), the years and kinds offered. Nearly every request draws
# the same one, which took the template engine ~0.3 ms (three includes of a field).
_FILTER_FORMS = Drawn(kept=64)


def _filter_form(form, urn: str, years: list[int], current: int, kinds: list[str]) -> str:
    return _FILTER_FORMS.once(
        (urn, asked(form), tuple(years), current, tuple(kinds)),
        lambda: render_to_string("year/tasks/filter.html", {"form": form, "urn": urn}),
    )


def _month_heading(first) -> tuple[str, str]:
    """A month's id ("2026-09") and name ("September 2026") as the `date` filter writes
    them ("Y-m", "F Y": the name from Django's own translated month names), worked out
    here: twelve months' three filters were a fifth of the template's time."""
    return f"{first.year:04d}-{first.month:02d}", f"{MONTHS[first.month]} {first.year:04d}"


def _setup_offer(scope, academic_year: int, current: int) -> dict | None:
    """What the SENCO may set an empty year up from: this year or next year only."""
    if academic_year not in (current, current + 1):
        return None
    last_year = selectors.tasks_in_year(scope.school, academic_year - 1).filter(repeats=True)
    return {
        "academic_year": academic_year,
        "label": academic_year_label(academic_year),
        "calendar": calendars.calendar_name(scope.school.phase),
        "items": len(calendars.calendar_for(scope.school.phase)),
        "carry": last_year.count(),
        "last_label": academic_year_label(academic_year - 1),
        "source": calendars.SOURCE,
    }


@require_POST
@school_view("runs_year")
def year_setup(request, scope):
    """Set a year up from the phase's calendar or from last year's repeating tasks. Pressed
    twice, it makes nothing twice."""
    today = timezone.localdate()
    current = academic_year_of(today)
    form = SetupForm(request.POST)
    if not form.is_valid() or form.cleaned_data["academic_year"] not in (current, current + 1):
        messages.error(request, "Choose this year or next year to set up.")
        return redirect(_year_url(scope))
    year = form.cleaned_data["academic_year"]
    label = academic_year_label(year)
    if form.cleaned_data["source"] == SetupForm.CALENDAR:
        made = services.year_setup_from_calendar(
            actor=request.actor, school=scope.school, academic_year=year
        )
        messages.success(
            request,
            f"{made} task{'s' if made != 1 else ''} added to {label} from "
            f"{calendars.calendar_name(scope.school.phase)}."
            if made
            else f"{label} already has every task of the calendar.",
        )
    else:
        made = services.year_carry_forward(
            actor=request.actor, school=scope.school, academic_year=year
        )
        messages.success(
            request,
            f"{made} repeating task{'s' if made != 1 else ''} carried forward into {label}."
            if made
            else f"{label} already has every repeating task of last year.",
        )
    return redirect(_year_url(scope, year))


def _back_to(request, scope, task=None) -> str:
    """Back where the person came from on the year page (a safe local address only)."""
    back = request.POST.get("next") or request.GET.get("next") or ""
    year_page = reverse("year_tasks", args=[scope.school.urn])
    if (
        back
        and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()})
        and back.startswith(year_page)
    ):
        return back
    if task is not None:
        return _year_url(scope, academic_year_of(task.due))
    return _year_url(scope)


@school_view("runs_year")
def task_add(request, scope):
    staff = selectors.staff_of(scope.school)
    form = TaskForm(_posted(request), staff=staff, initial={"repeats": True})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        result = {}

        def save():
            result["task"] = services.task_add(
                actor=request.actor,
                school=scope.school,
                title=data["title"],
                details=data["details"],
                due=data["due"],
                assigned_to=data["assigned_to"],
                repeats=data["repeats"],
            )

        if saved(request, form, save, "The task has been added."):
            return redirect(_year_url(scope, academic_year_of(result["task"].due)))
    audit_record(actor=request.actor, school=scope.school, action=YearAction.TASK_FORM_VIEW)
    return render(
        request,
        "year/tasks/form.html",
        {"scope": scope, "form": form, "task": None, "back": _back_to(request, scope)},
    )


@school_view("runs_year")
def task_edit(request, scope, task_id):
    task = selectors.task_for(scope, task_id)
    form = TaskForm(
        _posted(request),
        staff=selectors.staff_of(scope.school),
        initial={
            "title": task.title,
            "details": task.details,
            "due": task.due,
            "assigned_to": task.assigned_to_id,
            "repeats": task.repeats,
        },
        version=task.version,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def save():
            services.task_save(
                actor=request.actor,
                task=task,
                version=form.opened_version,
                title=data["title"],
                details=data["details"],
                due=data["due"],
                assigned_to=data["assigned_to"],
                repeats=data["repeats"],
            )

        if saved(request, form, save, "The task has been saved."):
            return redirect(_year_url(scope, academic_year_of(data["due"])))
    audit_record(
        actor=request.actor,
        school=scope.school,
        action=YearAction.TASK_FORM_VIEW,
        detail={"task": task.pk},
    )
    return render(
        request,
        "year/tasks/form.html",
        {
            "scope": scope,
            "form": form,
            "task": task,
            "calendar_source": calendars.SOURCE if task.from_calendar else "",
            "back": _back_to(request, scope, task),
        },
    )


@school_view("runs_year")
def task_delete(request, scope, task_id):
    """Ask, then delete the task (POST)."""
    task = selectors.task_for(scope, task_id)
    if request.method == "POST":
        year = academic_year_of(task.due)
        services.task_delete(actor=request.actor, task=task)
        messages.success(request, "The task has been deleted.")
        return redirect(_year_url(scope, year))
    audit_record(
        actor=request.actor,
        school=scope.school,
        action=YearAction.TASK_FORM_VIEW,
        detail={"task": task.pk, "delete": True},
    )
    return render(request, "year/tasks/delete.html", {"scope": scope, "task": task})


@require_POST
@school_view("has_year_tasks")
def task_done(request, scope, task_id):
    """Tick a task off or untick it: the person it is given to, or the SENCO."""
    task = selectors.task_for(scope, task_id)
    form = DoneForm(request.POST)
    done = form.cleaned_data["done"] if form.is_valid() else True
    task = services.task_tick(actor=request.actor, task=task, done=done)
    if done:
        messages.success(request, f"Done: {task.title}")
    else:
        messages.success(request, f"Not done yet: {task.title}")
    return redirect(_back_to(request, scope, task))
