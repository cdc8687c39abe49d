"""A parent's own pages (their children, a child's page, their views, asking for a
meeting) and the SENCO's answers to them. A parent reaches a child only through
`senco.access.parent_view` (`child_for`): another family's child is the same 404 as one
that does not exist. Every page a parent opens is written to the child's log."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from senco import registry
from senco.access import parent_view, pupil_view, signed_in_view
from senco.audit.services import audit_list, audit_record
from senco.lib.forms import add_service_errors
from senco.parents import selectors, services
from senco.parents.audit import ParentsAction
from senco.parents.forms import MeetingAskForm, ParentViewsForm, RequestAnswerForm
from senco.parents.models import MeetingRequest


def _posted(request):
    return request.POST if request.method == "POST" else None


def _audit(request, pupil, action, **detail) -> None:
    audit_record(actor=request.actor, pupil=pupil, action=action, detail=detail or None)


def _page(request, template, context, status=200):
    # `parent_page` gives the header its "Your children" entry.
    return render(request, template, {"parent_page": True, **context}, status=status)


@signed_in_view
def parent_home(request):
    """The parent's children, with open requests. Not a parent (no active link that may be
    told): 404, as for any parent page."""
    contacts = selectors.children_of(request.user)
    if not contacts:
        raise Http404("Not found")
    children = list({c.pupil_id: c.pupil for c in contacts}.values())
    by_school: dict[int, list] = {}
    for child in children:
        by_school.setdefault(child.school_id, []).append(child)
    for school_id, pupils in by_school.items():
        audit_list(
            actor=request.actor, action=ParentsAction.HOME_VIEW, school=school_id, pupils=pupils
        )
    return _page(
        request,
        "parents/home.html",
        {"children": children, "requests": selectors.open_requests_of(request.user)},
    )


@parent_view
def parent_child(request, pupil, contacts):
    today = timezone.localdate()
    panels = registry.parent_panels_for(pupil, contacts, today)
    views, requests = selectors.sent_by_family(pupil, contacts)
    _audit(request, pupil, ParentsAction.CHILD_VIEW, contacts=[c.pk for c in contacts])
    return _page(
        request,
        "parents/child.html",
        {"pupil": pupil, "panels": panels, "views_sent": views, "requests": requests},
    )


def _family_form(request, pupil, *, form, save, done: str, template: str, opened: str):
    """A form a parent sends the school about their child: `save(cleaned_data)` writes it,
    then back to the child's page saying `done`; a refusal is shown beside the fields."""
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, done)
            return redirect("parent_child", pk=pupil.pk)
    _audit(request, pupil, opened)
    return _page(request, template, {"pupil": pupil, "form": form})


@parent_view
def parent_views_add(request, pupil, contacts):
    return _family_form(
        request,
        pupil,
        form=ParentViewsForm(_posted(request)),
        save=lambda data: services.views_add(
            actor=request.actor,
            pupil=pupil,
            contacts=contacts,
            going_well=data["going_well"],
            worries=data["worries"],
            hopes=data["hopes"],
        ),
        done=(
            f"Your views have been sent. The SENCO will read them before "
            f"{pupil.forename}'s next review."
        ),
        template="parents/views_form.html",
        opened=ParentsAction.VIEWS_FORM,
    )


@parent_view
def parent_meeting_ask(request, pupil, contacts):
    return _family_form(
        request,
        pupil,
        form=MeetingAskForm(_posted(request)),
        save=lambda data: services.meeting_ask(
            actor=request.actor,
            pupil=pupil,
            contacts=contacts,
            about=data["about"],
            when=data["when"],
        ),
        done=(
            f"Your request has been sent. The SENCO will answer here, on {pupil.forename}'s page."
        ),
        template="parents/ask_form.html",
        opened=ParentsAction.ASK_FORM,
    )


# --- The school's side ------------------------------------------------------------------------


@pupil_view("answers_family_requests")
def request_answer(request, pupil, scope, meeting_request_id):
    asked = selectors.request_for(pupil, meeting_request_id)
    initial = {"answer": asked.answer}
    if asked.status != MeetingRequest.Status.OPEN:
        initial["status"] = asked.status
    form = RequestAnswerForm(_posted(request), initial=initial, version=asked.version)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.request_answer(
                actor=request.actor,
                request=asked,
                version=form.opened_version,
                status=data["status"],
                answer=data["answer"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, "Your answer has been saved. The family will see it on their page."
            )
            return redirect("pupil_detail", pk=pupil.pk)
    _audit(request, pupil, ParentsAction.REQUEST_VIEW, request_id=asked.pk)
    return render(
        request,
        "parents/request_answer.html",
        {"scope": scope, "pupil": pupil, "asked": asked, "form": form},
    )


@require_POST
@pupil_view("answers_family_requests")
def views_read(request, pupil, scope, views_id):
    views = selectors.views_for(pupil, views_id)
    services.views_read(actor=request.actor, views=views)
    messages.success(request, "Marked as read.")
    return redirect("pupil_detail", pk=pupil.pk)
