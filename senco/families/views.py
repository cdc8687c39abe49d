"""Meetings with a pupil's family and their follow-up actions (pupil pages), and the
three-a-year page of the school (SEND Code of Practice 6.65)."""

import functools
from html import escape

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString
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
from senco.lib.html import url_pattern
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


# The tags of the table's last two columns.
THREE_OR_MORE = ' <strong class="govuk-tag govuk-tag--green">3 or more</strong>'
NOT_MET = '<strong class="govuk-tag govuk-tag--red">Not met</strong>'


def three_a_year_rows(rows) -> list[str]:
    """The table's rows as HTML, built in Python: two hundred rows through the template
    engine were half the page's time (`make bench`). Each value is escaped as `html_row`
    (senco/lib/html.py) escapes it, and the text that repeats from row to row (a year
    group, key workers, a date) is escaped or written once; each pupil's link is filled
    into one reversed address. An f-string, not `html_row`'s `str.format` of a constant:
    formatting parses the 600 characters of the row again for every row; with the repeats
    escaped once, the 208 rows of the bench's school went from 1.5 ms to 0.6 ms."""
    url = escape(url_pattern("families_meetings", 1))
    years: dict = {}
    workers: dict = {}
    dates: dict = {}
    table = []
    for row in rows:
        pupil, last, this_year = row.pupil, row.last, row.this_year
        year = years.get(pupil.year_group)
        if year is None:
            year = years[pupil.year_group] = escape(pupil.year_group_label)
        names = row.workers
        names_html = workers.get(names)
        if names_html is None:
            names_html = workers[names] = escape(names)
        date = dates.get(last)
        if date is None:
            date = dates[last] = escape(f"{last:%-d %B %Y}") if last else "Never"
        table.append(
            '<tr class="govuk-table__row">'
            '<td class="govuk-table__cell" data-label="Pupil"><a class="govuk-link" '
            f'href="{url.format(pupil.pk)}">{escape(pupil.full_name)}</a></td>'
            f'<td class="govuk-table__cell" data-label="Year">{year}</td>'
            f'<td class="govuk-table__cell" data-label="Key worker">{names_html}</td>'
            '<td class="govuk-table__cell govuk-table__cell--numeric" '
            f'data-label="Meetings this year">{this_year}{THREE_OR_MORE if this_year >= 3 else ""}'
            "</td>"
            f'<td class="govuk-table__cell" data-label="Last met">{date}</td>'
            '<td class="govuk-table__cell" data-label="This term">'
            f"{'Met' if row.this_term else NOT_MET}</td>"
            "</tr>"
        )
    return table


# The filters' fields and the counting kinds' checkboxes are the same HTML for every visit
# with the same query string and key workers (or the same kinds that count), and drawing
# them through includes/field.html and the checkboxes' template cost 0.7 ms of the page,
# the filter form itself 0.15 ms more: each is made once a process for each such input
# (a bounded cache, as the input comes from the query string). The templates stay the
# one source of the HTML.


def filters_of(query, key_workers: list) -> tuple[dict, SafeString]:
    """The filters chosen in the query string (none when it is not understood: see
    `FilterForm.filters`) and the page's three filter fields drawn for it
    (families/_filter_fields.html). Only whether there is a query string and the values
    of the three fields change either."""
    chosen = None
    if query:
        chosen = tuple((name, query[name]) for name in FilterForm.base_fields if name in query)
    filters, fields = _filters_of(chosen, tuple(key_workers))
    return dict(filters), fields


@functools.lru_cache(maxsize=256)
def _filters_of(chosen, key_workers) -> tuple[dict, SafeString]:
    form = FilterForm(None if chosen is None else dict(chosen), key_workers=key_workers)
    filters = {} if chosen is None else form.filters()
    return filters, render_to_string("families/_filter_fields.html", {"form": form})


@functools.lru_cache(maxsize=64)
def kinds_checkboxes(kinds: tuple) -> SafeString:
    """The checkboxes of the kinds that count, unticked but for `kinds` (no error: the
    form on this page is never a posted one)."""
    form = CountingKindsForm(initial={"kinds": list(kinds)})
    return render_to_string("ehcp/review/_checkboxes.html", {"field": form["kinds"]})


@school_view("follows_three_a_year")
def three_a_year(request, scope):
    today = timezone.localdate()
    filters, filter_fields = filters_of(request.GET, selectors.key_workers_of(scope.school))
    page = selectors.three_a_year(scope.school, today, **filters)
    # Pages of 250 families, as the register: a school with a thousand on it stays quick.
    rows = Paginator(page.rows, PAGE_SIZE).get_page(PageForm.number(request.GET))
    families = rows.object_list  # a list: iterating the Page asks its __getitem__ each row
    audit_list(
        actor=request.actor,
        action=FamiliesAction.THREE_A_YEAR_VIEW,
        school=scope.school,
        pupils=[row.pupil.pk for row in families],
        detail={k: str(v) for k, v in filters.items() if v},
    )
    # One string for the template: its loop over two hundred rows cost a millisecond.
    table = SafeString("".join(three_a_year_rows(families)))
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
            "filter_fields": filter_fields,
            "kind_labels": selectors.kind_labels(page.kinds),
            "kinds_form": CountingKindsForm(initial={"kinds": page.kinds}, version=page.version),
            "kinds_checkboxes": kinds_checkboxes(tuple(page.kinds)),
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
