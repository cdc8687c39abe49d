"""Line management meetings about SEND: the list with every open action, a new meeting
whose agenda starts from the open actions of the last ones, the record as it was, its
changes, and an action done or opened again.

Who: the SENCO and leaders (`records_meetings`) every kind; a governor
(`records_governor_meetings`) only link governor meetings, with small numbers hidden.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from senco.access import school_view
from senco.audit.services import audit_record
from senco.lib.forms import add_service_errors
from senco.registry import EVIDENCE_KEYS
from senco.strategy import meeting_selectors as selectors
from senco.strategy import meeting_services as services
from senco.strategy.audit import StrategyAction
from senco.strategy.meeting_forms import (
    EDIT_ROWS,
    NEW_ROWS,
    ActionForm,
    KindForm,
    MeetingForm,
    meeting_initial,
    rows_from,
)
from senco.strategy.meeting_questions import kind_for


def _posted(request):
    return request.POST if request.method == "POST" else None


def _audit(request, scope, action, **detail) -> None:
    audit_record(actor=request.actor, school=scope.school, action=action, detail=detail or None)


def _saved(form, save) -> bool:
    try:
        save()
    except ValidationError as error:
        add_service_errors(form, error)
        return False
    return True


@school_view("records_governor_meetings")
def meetings(request, scope):
    today = timezone.localdate()
    listed = list(selectors.meetings_for(scope))
    for meeting in listed:
        kind = kind_for(meeting.kind)
        meeting.kind_label = kind.label if kind else meeting.kind
    actions = selectors.open_actions_sorted(scope)
    _audit(request, scope, StrategyAction.MEETINGS_VIEW, meetings=len(listed))
    return render(
        request,
        "strategy/meetings/list.html",
        {
            "scope": scope,
            "meetings": listed,
            "open_actions": actions,
            "overdue": sum(1 for a in actions if a.due and a.due < today),
            "kinds": selectors.kinds_for(scope),
            "today": today,
        },
    )


def _areas(kind, figures, *, answers=None, form=None) -> list[dict]:
    """The kind's areas, each question with the figures of its evidence keys beside it, and
    its answer (a saved meeting) or its answer box (a form)."""
    return [
        {
            "area": area,
            "questions": [
                {
                    "question": q,
                    "figures": [f for key in q.evidence for f in figures.get(key, [])],
                    "answer": (answers or {}).get(q.key, ""),
                    "field": form[f"q-{q.key}"] if form is not None else None,
                }
                for q in area.questions
            ],
            "answered": any((answers or {}).get(q.key) for q in area.questions),
        }
        for area in kind.areas
    ]


def _form_page(request, scope, form, *, kind, meeting, figures, today):
    return render(
        request,
        "strategy/meetings/form.html",
        {
            "scope": scope,
            "form": form,
            "kind": kind,
            "meeting": meeting,
            "areas": _areas(kind, figures, form=form),
            "suppressed": selectors.suppressed(scope, kind),
            "today": today,
        },
    )


@school_view("records_governor_meetings")
def meeting_new(request, scope):
    kind = selectors.kind_or_404(scope, KindForm(request.GET).key())
    today = timezone.localdate()
    agenda = selectors.open_actions_sorted(scope, kind=kind.key)
    found = selectors.evidence(scope, kind, today)
    posted = _posted(request)
    form = MeetingForm(
        posted,
        kind=kind,
        staff=selectors.staff_of(scope.school),
        agenda=agenda,
        rows=rows_from(posted, NEW_ROWS),
        initial={"held_on": today},
    )
    if posted is not None and "add_row" in posted:
        form.without_errors()
    elif posted is not None and form.is_valid():
        data = form.cleaned_data
        made = {}

        def save():
            made["meeting"] = services.meeting_add(
                actor=request.actor,
                school=scope.school,
                kind=kind,
                held_on=data["held_on"],
                who_was_there=data["who_was_there"],
                notes=data["notes"],
                answers=form.answers(),
                data_shown=selectors.figures_as_saved(found),
                closing=form.closing(),
                new_actions=form.new_actions(),
                today=today,
            )

        if _saved(form, save):
            messages.success(request, "The meeting has been recorded.")
            return redirect("strategy_meeting", urn=scope.school.urn, meeting_id=made["meeting"].pk)
    _audit(request, scope, StrategyAction.MEETING_FORM_VIEW, kind=kind.key)
    figures = selectors.shown_by_key(selectors.figures_as_saved(found), selectors.LinkCheck(scope))
    return _form_page(request, scope, form, kind=kind, meeting=None, figures=figures, today=today)


def _kind_of(meeting):
    kind = kind_for(meeting.kind)
    if kind is None:  # a kind no longer in meeting_questions.py
        raise Http404("Not found")
    return kind


@school_view("records_governor_meetings")
def meeting_detail(request, scope, meeting_id):
    meeting = selectors.meeting_for(scope, meeting_id)
    kind = _kind_of(meeting)
    figures = selectors.shown_by_key(meeting.data_shown, selectors.LinkCheck(scope))
    answers = {a.question: a.answer for a in meeting.answers.all()}
    _audit(request, scope, StrategyAction.MEETING_VIEW, meeting_id=meeting.pk)
    return render(
        request,
        "strategy/meetings/detail.html",
        {
            "scope": scope,
            "meeting": meeting,
            "kind": kind,
            "areas": _areas(kind, figures, answers=answers),
            "figure_groups": [(EVIDENCE_KEYS.get(k, k), found) for k, found in figures.items()],
            "not_discussed": [q for q in kind.questions if not answers.get(q.key)],
            "suppressed": selectors.suppressed(scope, kind),
            "answered": len(answers),
            "actions": list(meeting.actions.all()),
            "closed": list(meeting.closed_actions.all()),
            "today": timezone.localdate(),
        },
    )


@school_view("records_governor_meetings")
def meeting_edit(request, scope, meeting_id):
    meeting = selectors.meeting_for(scope, meeting_id)
    kind = _kind_of(meeting)
    today = timezone.localdate()
    posted = _posted(request)
    form = MeetingForm(
        posted,
        kind=kind,
        staff=selectors.staff_of(scope.school),
        rows=rows_from(posted, EDIT_ROWS),
        initial=meeting_initial(meeting),
        version=meeting.version,
    )
    if posted is not None and "add_row" in posted:
        form.without_errors()
    elif posted is not None and form.is_valid():
        data = form.cleaned_data

        def save():
            services.meeting_save(
                actor=request.actor,
                meeting=meeting,
                version=form.opened_version,
                held_on=data["held_on"],
                who_was_there=data["who_was_there"],
                notes=data["notes"],
                answers=form.answers(),
                new_actions=form.new_actions(),
                today=today,
            )

        if _saved(form, save):
            messages.success(request, "The meeting has been saved.")
            return redirect("strategy_meeting", urn=scope.school.urn, meeting_id=meeting.pk)
    _audit(request, scope, StrategyAction.MEETING_FORM_VIEW, meeting_id=meeting.pk)
    figures = selectors.shown_by_key(meeting.data_shown, selectors.LinkCheck(scope))
    return _form_page(
        request, scope, form, kind=kind, meeting=meeting, figures=figures, today=today
    )


@require_POST
@school_view("records_governor_meetings")
def meeting_action(request, scope, action_id):
    """An action done with a note, or open again; back to its meeting's page (or the list)."""
    action = selectors.action_for(scope, action_id)
    form = ActionForm(request.POST)
    back = reverse("strategy_meeting", args=[scope.school.urn, action.meeting_id])
    if request.POST.get("back") == "list":
        back = reverse("strategy_meetings", args=[scope.school.urn])
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(back + f"#action-{action.pk}")
    try:
        if form.cleaned_data["change"] == "done":
            changed = services.action_done(
                actor=request.actor,
                action=action,
                version=form.opened_version,
                note=form.cleaned_data["note"],
            )
            text = f"Done: {action.what}" if changed else "That action was already done."
        else:
            changed = services.action_reopen(
                actor=request.actor, action=action, version=form.opened_version
            )
            text = f"Open again: {action.what}" if changed else "That action was already open."
    except ValidationError as error:
        messages.error(
            request, f"{error.messages[0]}: the action is shown as it is now. Try again."
        )
        return redirect(back + f"#action-{action.pk}")
    if changed:
        messages.success(request, text)
    else:
        messages.info(request, text)
    return redirect(back + f"#action-{action.pk}")
