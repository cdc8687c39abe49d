"""The calendar page: a month of dated events, by day, filtered by kind."""

import datetime
from html import escape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from senco import factories as f
from senco.audit.models import AuditEvent
from senco.ehcp.models import AnnualReview, EHCPlan
from senco.lib.codes import Provision
from senco.testing import assert_valid_html


def _month(day):
    return {"month": str(day.month), "year": str(day.year)}


def _get(client, school, **params):
    response = client.get(reverse("diary_calendar", args=[school.urn]), params)
    assert response.status_code == 200
    assert_valid_html(response)
    return response


def test_the_month_lists_each_event_by_day_with_its_rule(
    client_for, senco, school, review, ehc_pupil
):
    (invitations,) = [s for s in review_steps(review) if s.key == "invitations"]
    response = _get(client_for(senco), school, **_month(invitations.deadline.due))
    html = response.content.decode()
    assert invitations.deadline.due.strftime("%A %-d %B") in html
    assert escape(f"{ehc_pupil.full_name}'s EHC plan: send the invitations") in html
    assert invitations.deadline.rule in html and "reg. 20(3)" in html
    assert "Overdue" in html
    assert reverse("ehcp_plan", args=[ehc_pupil.pk]) in html or "/reviews/" in html


def review_steps(review):
    from senco.ehcp import steps

    return steps.open_steps(steps.review_steps(review, contributors=review.contributors.all()))


def test_a_kind_can_be_chosen(client_for, senco, school, review, request_, today):
    client = client_for(senco)
    decision = request_.requested_on + datetime.timedelta(weeks=6)
    everything = _get(client, school, **_month(decision)).content.decode()
    assert "Needs assessment of" in everything
    only_reviews = _get(client, school, **_month(decision), kind="Annual reviews").content.decode()
    assert "Needs assessment of" not in only_reviews
    assert 'value="Annual reviews" checked' in only_reviews
    # The next month's link keeps the choice.
    assert "kind=Annual+reviews" in only_reviews


@pytest.mark.parametrize(
    "params, message",
    [
        ({"month": "13", "year": "2026"}, "Choose a month from the list"),
        ({"month": "x", "year": "2026"}, "Choose a month from the list"),
        ({"month": "3", "year": "twenty"}, "Year must be a number, like 2027"),
        ({"month": "3", "year": "99999"}, "Year must be 2100 or earlier"),
        ({"month": "3", "year": "-5"}, "Year must be 2000 or later"),
        ({"kind": "Birthdays"}, "Choose what to show from the list"),
    ],
)
def test_nonsense_in_the_address_gives_a_message_and_this_month(
    client_for, senco, school, today, params, message
):
    html = _get(client_for(senco), school, **params).content.decode()
    assert message in html and "There is a problem" in html
    assert f'id="month-heading">{today:%B %Y}<' in html


def test_the_first_and_last_months_have_no_link_beyond(client_for, senco, school):
    html = _get(client_for(senco), school, month="1", year="2000").content.decode()
    assert 'rel="prev"' not in html and 'rel="next"' in html
    html = _get(client_for(senco), school, month="12", year="2100").content.decode()
    assert 'rel="next"' not in html


def test_previous_and_next_months(client_for, senco, school):
    html = _get(client_for(senco), school, month="1", year="2027").content.decode()
    assert "month=12&amp;year=2026" in html and "month=2&amp;year=2027" in html
    assert "Back to this month" in html


def test_the_view_is_audited_for_each_pupil_shown(client_for, senco, school, review, ehc_pupil):
    (step, *_) = review_steps(review)
    _get(client_for(senco), school, **_month(step.deadline.due))
    row = AuditEvent.objects.get(action="diary.calendar.view", pupil=ehc_pupil)
    assert row.user == senco and row.school == school
    assert row.detail["month"] == step.deadline.due.strftime("%Y-%m")


def test_an_empty_month_is_audited_for_the_school(client_for, senco, school):
    # August: no census day, no census check, no task (none set up).
    html = _get(client_for(senco), school, month="8", year="2001").content.decode()
    assert "Nothing is due in August 2001" in html
    row = AuditEvent.objects.get(action="diary.calendar.view")
    assert row.pupil is None and row.school == school


def test_a_teacher_sees_only_the_events_of_pupils_they_teach(
    client_for, teacher, other_teacher, school, review, ehc_pupil
):
    (step, *_) = review_steps(review)
    assert (
        escape(ehc_pupil.full_name)
        in _get(client_for(teacher), school, **_month(step.deadline.due)).content.decode()
    )
    assert (
        ehc_pupil.legal_surname
        not in _get(client_for(other_teacher), school, **_month(step.deadline.due)).content.decode()
    )


def _add_plans(school, n, today, owner):
    for _ in range(n):
        pupil = f.PupilFactory(school=school, sen_provision=Provision.EHC_PLAN, year_group=11)
        plan = EHCPlan.objects.create(
            pupil=pupil,
            la_code="886",
            la_name="Kent",
            issued_on=today - datetime.timedelta(days=300),
        )
        AnnualReview.objects.create(
            plan=plan, owner=owner, meeting_on=today + datetime.timedelta(days=12)
        )
        f.PupilFactory(school=school, sen_provision=Provision.EHC_PLAN)


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response


def test_the_calendars_queries_do_not_grow_with_the_plans(client_for, senco, school, today):
    client = client_for(senco)
    url = reverse("diary_calendar", args=[school.urn]) + f"?month={today.month}&year={today.year}"
    _add_plans(school, 2, today, senco)
    client.get(url)
    few, first = _count(client, url)
    _add_plans(school, 12, today, senco)
    many, second = _count(client, url)
    assert many == few
    assert second.content.decode().count("send the invitations") > first.content.decode().count(
        "send the invitations"
    )
