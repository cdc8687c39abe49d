"""Recording intervention sessions from a phone, the groups a person delivers, a group's
sessions with attendance, and who is withdrawn from lessons when.

Whoever delivers a group (its `staff`) records its sessions; the SENCO records any group's.
Anyone else's group is the same 404 as one that is not there; a leader, who reads every
group, reads its sessions and gets 403 on the forms."""

import datetime
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from senco.access import pupils_visible_to, school_view
from senco.audit.services import audit_list, audit_record
from senco.lib.forms import PageForm, add_service_errors
from senco.provision import session_selectors as sel
from senco.provision import session_services as services
from senco.provision.audit import ProvisionAction
from senco.provision.session_forms import SessionForm, WithdrawalsForm, posted_date
from senco.pupils.models import TeachingGroup

SESSIONS_A_PAGE = 20


def group_view(*, record: bool):
    """A page of one intervention group: `group_id` becomes `group` and `scope`
    (session_selectors.group_for). `record`: a page that records sessions."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, group_id, *args, **kwargs):
            group, scope = sel.group_for(request.user, group_id, record=record)
            return view(request, group, scope, *args, **kwargs)

        wrapped.access_policy = f"group:{'record' if record else 'read'}"
        return wrapped

    return decorator


def group_page_url(group, scope) -> str:
    """The group's own page (group_views.py) for those who read it, or "" (a TA)."""
    if not scope.may("reads_provision"):
        return ""
    try:
        return reverse("provision_group_detail", args=[group.school.urn, group.pk])
    except NoReverseMatch:
        return ""


def _posted(request):
    return request.POST if request.method == "POST" else None


def _context(group, scope, **extra) -> dict:
    return {
        "scope": scope,
        "group": group,
        "when": sel.when_text(group),
        "staff": sel.staff_text(group),
        "group_url": group_page_url(group, scope),
        "records": sel.delivers(scope, group),
        **extra,
    }


# --- My groups -------------------------------------------------------------------------------


@school_view("delivers_interventions")
def my_groups(request, scope):
    """The groups this person delivers, those meeting today first, with today's session."""
    today = timezone.localdate()
    found = sel.my_groups(scope, today)
    audit_record(actor=request.actor, school=scope.school, action=ProvisionAction.MY_GROUPS_VIEW)
    return render(
        request,
        "provision/sessions/my_groups.html",
        {"scope": scope, "today": today, "found": found},
    )


# --- A group's sessions ----------------------------------------------------------------------


@group_view(record=False)
def session_list(request, group, scope):
    """The group's sessions, newest first, with who came, and each member's attendance."""
    members = list(group.members.select_related("pupil"))
    rates = sel.attendance_by_member([group.pk])
    for m in members:
        m.attended, m.held = rates.get(m.pk, (0, 0))
        m.rate = sel.rate_text(m.attended, m.held)
    attended = sum(m.attended for m in members)
    places = sum(m.held for m in members)
    page = Paginator(group.sessions.order_by("-date", "-pk"), SESSIONS_A_PAGE).get_page(
        PageForm.number(request.GET)
    )
    sessions = sel.sessions_page(group, page.object_list)
    held, not_held = sel.session_totals(group)
    audit_list(
        actor=request.actor,
        action=ProvisionAction.SESSIONS_VIEW,
        school=group.school,
        pupils=[m.pupil_id for m in members],
        detail={"group_id": group.pk, "page": page.number},
    )
    return render(
        request,
        "provision/sessions/list.html",
        _context(
            group,
            scope,
            members=members,
            group_rate=sel.rate_text(attended, places),
            group_percent=round(100 * attended / places) if places else None,
            too_few=len(members) < sel.FEW_PUPILS,
            page=page,
            sessions=sessions,
            held=held,
            not_held=not_held,
            today_session=group.sessions.filter(date=timezone.localdate()).first(),
        ),
    )


def _form_page(request, group, scope, form, members, *, session=None, existing=None):
    audit_list(
        actor=request.actor,
        action=ProvisionAction.SESSION_FORM_VIEW,
        school=group.school,
        pupils=[m.pupil_id for m in members],
        detail={"group_id": group.pk, "session_id": session.pk if session else None},
    )
    held_items = form["held"].radio_items
    for item in held_items:
        if item["value"] == "no":
            item["reveal"] = [form["not_held_reason"]]
    return render(
        request,
        "provision/sessions/form.html",
        _context(
            group,
            scope,
            form=form,
            session=session,
            existing=existing,
            held_items=held_items,
            members=members,
        ),
    )


def _default_day(group, today: datetime.date) -> datetime.date:
    """Today, or the group's last day once it has ended."""
    return min(today, group.ends_on)


def _save(request, form, save):
    """Run the service; its refusals go beside the form's fields, what was typed is kept.
    Returns (saved, the session already recorded that day when that was the refusal)."""
    try:
        save()
    except services.SessionTaken as error:
        add_service_errors(form, error)
        return False, error.existing
    except ValidationError as error:
        add_service_errors(form, error)
        return False, None
    return True, None


@group_view(record=True)
def session_add(request, group, scope):
    """Record a session in under a minute: the date (today), held or not, who came, a note."""
    today = timezone.localdate()
    day = posted_date(_posted(request)) or _default_day(group, today)
    members = sel.members_on(group, day)
    form = SessionForm(
        _posted(request),
        members=members,
        initial={"date": day, "held": "yes", "attended": [m.pk for m in members]},
    )
    existing = None
    if request.method == "POST" and form.is_valid():
        result = {}

        def save():
            result["session"] = services.session_record(
                actor=request.actor, group=group, today=today, **form.service_fields()
            )

        saved, existing = _save(request, form, save)
        if saved:
            messages.success(request, _saved_message(result["session"]))
            return redirect("provision_sessions", group_id=group.pk)
    elif request.method == "GET":
        existing = group.sessions.filter(date=day).first()
    return _form_page(request, group, scope, form, members, existing=existing)


@group_view(record=True)
def session_edit(request, group, scope, session_id):
    """Change a recorded session; a save from a form someone else saved since is refused."""
    session = sel.session_for(group, session_id)
    day = posted_date(_posted(request)) or session.date
    members = sel.members_on(group, day)
    present = set(session.attendance.filter(present=True).values_list("member_id", flat=True))
    form = SessionForm(
        _posted(request),
        members=members,
        version=session.version,
        initial={
            "date": session.date,
            "held": "yes" if session.held else "no",
            "not_held_reason": session.not_held_reason,
            "attended": [m.pk for m in members if m.pk in present or not session.held],
            "note": session.note,
        },
    )
    existing = None
    if request.method == "POST" and form.is_valid():
        result = {}

        def save():
            result["session"] = services.session_change(
                actor=request.actor,
                session=session,
                version=form.opened_version,
                **form.service_fields(),
            )

        saved, existing = _save(request, form, save)
        if saved:
            messages.success(request, _saved_message(result["session"], changed=True))
            return redirect("provision_sessions", group_id=group.pk)
    return _form_page(request, group, scope, form, members, session=session, existing=existing)


def _saved_message(session, *, changed: bool = False) -> str:
    day = f"{session.date:%A %-d %B}"
    verb = "changed" if changed else "recorded"
    if not session.held:
        why = session.get_not_held_reason_display().lower()
        return f"The session of {day} is {verb} as not held: {why}."
    came = session.attendance.filter(present=True).count()
    total = session.attendance.count()
    return f"The session of {day} is {verb}: {came} of {total} came."


# --- Who is withdrawn when -------------------------------------------------------------------


def _classes(scope):
    groups = TeachingGroup.objects.filter(school=scope.school)
    if not scope.sees_whole_school:
        if not scope.sees_taught_pupils:
            return TeachingGroup.objects.none()
        groups = groups.filter(teachers=scope.user)
    return groups.order_by("year_group", "name")


@school_view("sees_withdrawals")
def withdrawals(request, scope):
    """Day by day, this week or next, which pupils are out of lessons for interventions,
    when, and with whom: for one class, or every pupil the person sees."""
    classes = list(_classes(scope))
    everyone = "The whole school" if scope.sees_whole_school else "All your pupils"
    form = WithdrawalsForm(request.GET or None, groups=classes, everyone=everyone)
    chosen, week = None, "this"
    if form.is_bound and form.is_valid():
        chosen = next((g for g in classes if g.pk == form.cleaned_data["group"]), None)
        week = form.cleaned_data["week"] or "this"
    today = timezone.localdate()
    start = today + datetime.timedelta(weeks=1) if week == "next" else today
    pupils = pupils_visible_to(scope)
    if chosen is not None:
        pupils = pupils.filter(teaching_groups=chosen)
    days = sel.withdrawals(scope, sel.week_of(start), pupils)
    shown = sorted({p.pk for d in days for row in d.rows for p in row.pupils})
    audit_list(
        actor=request.actor,
        action=ProvisionAction.WITHDRAWALS_VIEW,
        school=scope.school,
        pupils=shown,
        detail={"class": chosen.pk if chosen else None, "week": week},
    )
    return render(
        request,
        "provision/sessions/withdrawals.html",
        {
            "scope": scope,
            "form": form,
            "days": days,
            "chosen": chosen,
            "everyone": everyone,
            "week": week,
            "today": today,
            "any": bool(shown),
        },
    )
