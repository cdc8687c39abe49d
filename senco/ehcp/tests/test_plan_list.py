"""Every EHC plan of the school on one page: the SENCO's spreadsheet, kept by the app."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from senco.audit.models import AuditEvent
from senco.ehcp.models import AnnualReview
from senco.ehcp.tests.test_compliance import SCHOOL_EHC_PAGE, _plan
from senco.testing import ROLES, assert_valid_html, role_tables

D = datetime.timedelta
GETS = role_tables({"ehcp_plans": SCHOOL_EHC_PAGE})


def url(school, **query):
    base = reverse("ehcp_plans", args=[school.urn])
    return base + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_the_right_answer(role, cast, client_for, school, senco):
    _plan(senco, school)
    response = client_for(cast[role]).get(url(school))
    assert response.status_code == GETS["ehcp_plans"][role]
    assert_valid_html(response)


def test_each_plan_soonest_review_first_with_what_is_in_progress(client_for, senco, school):
    today = timezone.localdate()
    later = _plan(senco, school, last_days=30)
    overdue = _plan(senco, school, last_days=400, in_place=False)
    running = _plan(senco, school, last_days=340)
    AnnualReview.objects.create(plan=running, meeting_on=today + D(days=10))
    response = client_for(senco).get(url(school))
    assert_valid_html(response)
    html = response.content.decode()
    names = [escape(p.pupil.full_name) for p in (overdue, running, later)]
    assert [html.index(n) for n in names] == sorted(html.index(n) for n in names)
    assert "Overdue" in html
    assert "1 not in place" in html
    # The running review's next step with a deadline: invitations, 2 weeks before.
    assert "Invitations to the review meeting" not in html  # the step's own title is shown
    assert "Send the invitations by" in html
    logged = set(
        AuditEvent.objects.filter(action="ehcp.plans.list").values_list("pupil", flat=True)
    )
    assert logged == {later.pupil_id, overdue.pupil_id, running.pupil_id}


def test_filters_by_authority_and_by_need(client_for, senco, school):
    due = _plan(senco, school, last_days=340)
    gap = _plan(senco, school, last_days=30, in_place=False)
    other_la = _plan(senco, school, last_days=30)
    other_la.la_code, other_la.la_name = "302", "Barnet"
    other_la.save()
    client = client_for(senco)

    def shown(**query):
        html = client.get(url(school, **query)).content.decode()
        return {p for p in (due, gap, other_la) if escape(p.pupil.full_name) in html}

    assert shown(la="302") == {other_la}
    assert shown(show="due") == {due}
    assert shown(show="gaps") == {gap}
    # Only the school's authorities are offered.
    html = client.get(url(school)).content.decode()
    assert '<option value="302">Barnet</option>' in html
    assert "Westminster" not in html


@pytest.mark.parametrize("query", [{"la": "999"}, {"show": "everything"}, {"la": "%00"}])
def test_nonsense_in_the_address_says_so_and_shows_every_plan(client_for, senco, school, query):
    plan = _plan(senco, school)
    response = client_for(senco).get(url(school, **query))
    assert response.status_code == 200
    assert_valid_html(response)
    html = response.content.decode()
    assert "from the list" in html
    assert escape(plan.pupil.full_name) in html


def test_queries_do_not_grow_with_the_number_of_plans(client_for, senco, school):
    client = client_for(senco)
    for _ in range(2):
        plan = _plan(senco, school)
        AnnualReview.objects.create(plan=plan, meeting_on=timezone.localdate() + D(days=30))
    with CaptureQueriesContext(connection) as few:
        client.get(url(school))
    for _ in range(6):
        plan = _plan(senco, school)
        AnnualReview.objects.create(plan=plan, meeting_on=timezone.localdate() + D(days=30))
    with CaptureQueriesContext(connection) as many:
        client.get(url(school))
    assert len(many) == len(few)


def test_a_review_whose_meeting_is_after_the_due_date_is_still_overdue(client_for, senco, school):
    today = timezone.localdate()
    late = _plan(senco, school, last_days=400)  # due about a month ago
    AnnualReview.objects.create(plan=late, meeting_on=today + D(days=20))
    on_time = _plan(senco, school, last_days=350)  # due in about two weeks
    AnnualReview.objects.create(plan=on_time, meeting_on=today + D(days=5))
    html = client_for(senco).get(url(school)).content.decode()
    rows = html.split('<tr class="govuk-table__row">')[1:]
    late_row = next(r for r in rows if escape(late.pupil.full_name) in r)
    on_time_row = next(r for r in rows if escape(on_time.pupil.full_name) in r)
    due_cell = lambda row: row.split('data-label="Annual review due"')[1].split("</td>")[0]  # noqa: E731
    assert "Overdue" in due_cell(late_row)
    assert "Due soon" not in due_cell(on_time_row) and "Overdue" not in due_cell(on_time_row)
