"""Meetings with a pupil's family and their follow-up actions (pupil pages), and the
three-a-year page of the school (SEND Code of Practice 6.65)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_POST

from senco.access import pupil_view, school_view
from senco.audit.services import audit_list, audit_record
from senco.ehcp.selectors import annual_reviews_for_meetings
from senco.families import selectors, services
from senco.families.audit import FamiliesAction
from senco.families.forms import (
    CountingKindsForm,
    FilterForm,
    FollowUpForm,
    MeetingForm,
    review_initial,
)
from senco.lib.forms import PageForm, saved
from senco.lib.html import html_row, url_pattern
from senco.plans.selectors import cycles_for_meetings

RULE = "Meet the parents of pupils at SEN support at least three times a year"
SOURCE = "SEND Code of Practice 6.65"
PAGE_SIZE = 250


def _posted(request):
    return request.POST if request.method == "POST" else None


def _audit(request, pupil, action, **detail) -> None:
    audit_record(actor=request.actor, pupil=pupil, action=action, detail=detail or None)


@pupil_view("reads_family_meetings")
def meeting_list(request, pupil, scope):
    meetings = list(selectors.meetings_for(pupil))
    _audit(request, pupil, FamiliesAction.MEETINGS_VIEW)
    return render(
        request,
        "families/meeting_list.html",
        {"scope": scope, "pupil": pupil, "meetings": meetings},
    )


@pupil_view("records_family_meetings")
def meeting_add(request, pupil, scope):
    form = MeetingForm(
        _posted(request),
        contacts=selectors.told_contacts(pupil),
        cycles=cycles_for_meetings(pupil),
        annual_reviews=annual_reviews_for_meetings(pupil),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        result = {}

        def save():
            result["meeting"] = services.meeting_add(
                actor=request.actor,
                pupil=pupil,
                kind=data["kind"],
                held_on=data["held_on"],
                contacts=list(data["contacts"]),
                others=data["others"],
                agreed=data["agreed"],
                cycle=data["cycle"],
                annual_review=data["annual_review"],
            )

        if saved(request, form, save, "The meeting has been recorded."):
            return redirect("families_meeting", pk=pupil.pk, meeting_id=result["meeting"].pk)
    _audit(request, pupil, FamiliesAction.MEETING_FORM_VIEW)
    return render(
        request,
        "families/meeting_form.html",
        {"scope": scope, "pupil": pupil, "form": form, "meeting": None},
    )


@pupil_view("reads_family_meetings")
def meeting_detail(request, pupil, scope, meeting_id):
    meeting = selectors.meeting_for(pupil, meeting_id)
    _audit(request, pupil, FamiliesAction.MEETING_VIEW, meeting_id=meeting.pk)
    return render(
        request,
        "families/meeting_detail.html",
        {"scope": scope, "pupil": pupil, "meeting": meeting, "today": timezone.localdate()},
    )


@pupil_view("records_family_meetings")
def meeting_edit(request, pupil, scope, meeting_id):
    meeting = selectors.meeting_for(pupil, meeting_id)
    # The review the meeting is for now stays on offer, however old.
    cycles = cycles_for_meetings(pupil)
    if meeting.cycle is not None and meeting.cycle not in cycles:
        cycles.append(meeting.cycle)
    annual_reviews = annual_reviews_for_meetings(pupil)
    if meeting.annual_review is not None and meeting.annual_review not in annual_reviews:
        annual_reviews.append(meeting.annual_review)
    form = MeetingForm(
        _posted(request),
        contacts=selectors.told_contacts(pupil),
        cycles=cycles,
        annual_reviews=annual_reviews,
        initial={
            "review": review_initial(meeting) or "none",
            "kind": meeting.kind,
            "held_on": meeting.held_on,
            "contacts": [c.pk for c in meeting.contacts.all()],
            "others": meeting.others,
            "agreed": meeting.agreed,
        },
        version=meeting.version,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def save():
            services.meeting_save(
                actor=request.actor,
                meeting=meeting,
                version=form.opened_version,
                kind=data["kind"],
                held_on=data["held_on"],
                contacts=list(data["contacts"]),
                others=data["others"],
                agreed=data["agreed"],
                cycle=data["cycle"],
                annual_review=data["annual_review"],
            )

        if saved(request, form, save, "The meeting has been saved."):
            return redirect("families_meeting", pk=pupil.pk, meeting_id=meeting.pk)
    _audit(request, pupil, FamiliesAction.MEETING_FORM_VIEW, meeting_id=meeting.pk)
    return render(
        request,
        "families/meeting_form.html",
        {"scope": scope, "pupil": pupil, "form": form, "meeting": meeting},
    )


@pupil_view("records_family_meetings")
def follow_up_add(request, pupil, scope, meeting_id):
    meeting = selectors.meeting_for(pupil, meeting_id)
    form = FollowUpForm(_posted(request), staff=selectors.staff_of(pupil.school))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def save():
            services.follow_up_add(
                actor=request.actor,
                meeting=meeting,
                what=data["what"],
                owner=data["owner"],
                due_on=data["due_on"],
            )

        if saved(request, form, save, "The follow-up action has been added."):
            return redirect("families_meeting", pk=pupil.pk, meeting_id=meeting.pk)
    _audit(request, pupil, FamiliesAction.MEETING_FORM_VIEW, meeting_id=meeting.pk)
    return render(
        request,
        "families/follow_up_form.html",
        {"scope": scope, "pupil": pupil, "form": form, "meeting": meeting},
    )


@require_POST
@pupil_view("records_family_meetings")
def follow_up_done(request, pupil, scope, meeting_id, follow_up_id):
    meeting = selectors.meeting_for(pupil, meeting_id)
    action = selectors.follow_up_for(meeting, follow_up_id)
    services.follow_up_done(actor=request.actor, follow_up=action)
    messages.success(request, f"Done: {action.what}")
    return redirect("families_meeting", pk=pupil.pk, meeting_id=meeting.pk)


# One family's row of the three-a-year table, filled by `html_row` (senco/lib/html.py):
# two hundred rows through the template engine were half the page's time (`make bench`).
THREE_A_YEAR_ROW = (
    '<tr class="govuk-table__row">'
    '<td class="govuk-table__cell" data-label="Pupil"><a class="govuk-link" href="{}">{}</a></td>'
    '<td class="govuk-table__cell" data-label="Year">{}</td>'
    '<td class="govuk-table__cell" data-label="Key worker">{}</td>'
    '<td class="govuk-table__cell govuk-table__cell--numeric" data-label="Meetings this year">'
    "{}{}</td>"
    '<td class="govuk-table__cell" data-label="Last met">{}</td>'
    '<td class="govuk-table__cell" data-label="This term">{}</td>'
    "</tr>"
)
THREE_OR_MORE = mark_safe(' <strong class="govuk-tag govuk-tag--green">3 or more</strong>')
NOT_MET = mark_safe('<strong class="govuk-tag govuk-tag--red">Not met</strong>')


def three_a_year_rows(rows) -> list:
    """The table's rows as HTML; each pupil's link filled into one reversed address, and
    each date written once however many families were last met on it."""
    url = url_pattern("families_meetings", 1)
    dates: dict = {}
    table = []
    for row in rows:
        pupil, last = row.pupil, row.last
        if last not in dates:
            dates[last] = f"{last:%-d %B %Y}" if last else "Never"
        table.append(
            html_row(
                THREE_A_YEAR_ROW,
                url.format(pupil.pk),
                pupil.full_name,
                pupil.year_group_label,
                row.workers,
                row.this_year,
                THREE_OR_MORE if row.this_year >= 3 else "",
                dates[last],
                "Met" if row.this_term else NOT_MET,
            )
        )
    return table


@school_view("follows_three_a_year")
def three_a_year(request, scope):
    today = timezone.localdate()
    form = FilterForm(request.GET or None, key_workers=selectors.key_workers_of(scope.school))
    filters = form.filters() if request.GET else {}
    page = selectors.three_a_year(scope.school, today, **filters)
    # Pages of 250 families, as the register: a school with a thousand on it stays quick.
    rows = Paginator(page.rows, PAGE_SIZE).get_page(PageForm.number(request.GET))
    audit_list(
        actor=request.actor,
        action=FamiliesAction.THREE_A_YEAR_VIEW,
        school=scope.school,
        pupils=[row.pupil.pk for row in rows],
        detail={k: str(v) for k, v in filters.items() if v},
    )
    # One string for the template: its loop over two hundred rows cost a millisecond.
    table = SafeString("".join(three_a_year_rows(rows)))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "families/three_a_year.html",
        {
            "scope": scope,
            "page": page,
            "table": table,
            "rows": rows,
            "query": query.urlencode(),
            "form": form,
            "kind_labels": selectors.kind_labels(page.kinds),
            "kinds_form": CountingKindsForm(initial={"kinds": page.kinds}, version=page.version),
            "rule": RULE,
            "source": SOURCE,
            "filtered": any(filters.values()),
        },
    )


@school_view("sets_counting_kinds")
def counting_kinds(request, scope):
    setting = selectors.counting_kinds(scope.school)
    form = CountingKindsForm(
        _posted(request), initial={"kinds": setting.kinds}, version=setting.version
    )
    if request.method == "POST" and form.is_valid():

        def save():
            services.counting_kinds_save(
                actor=request.actor,
                school=scope.school,
                kinds=form.cleaned_data["kinds"],
                version=form.opened_version,
            )

        if saved(request, form, save, "The kinds of meeting that count have been saved."):
            return redirect("families_three_a_year", urn=scope.school.urn)
    return render(request, "families/counting_kinds.html", {"scope": scope, "form": form})
