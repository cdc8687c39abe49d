"""Phase transfers: who moves phase next September, the deadlines and whether a review is
booked."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from senco import factories as f
from senco.audit.actor import Actor
from senco.audit.models import AuditEvent
from senco.ehcp import compliance, services
from senco.ehcp.models import AnnualReview
from senco.ehcp.tests.conftest import plan_fields
from senco.lib import clock
from senco.lib.codes import Provision
from senco.schools.models import School
from senco.testing import ROLES, answers, assert_valid_html, role_table

D = datetime.timedelta
TRANSFERS = role_table(
    "ehcp_transfers", answers(403, senco=200, leader=200, parent=404, outsider=404)
)


def _plan(senco, school, year):
    pupil = f.SenPupilFactory(school=school, sen_provision=Provision.EHC_PLAN, year_group=year)
    return services.plan_save(actor=Actor(senco), pupil=pupil, **plan_fields())


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_the_right_answer(role, cast, client_for, school, senco):
    _plan(senco, school, 6)
    response = client_for(cast[role]).get(reverse("ehcp_transfers", args=[school.urn]))
    assert response.status_code == TRANSFERS[role]
    assert_valid_html(response)


def test_the_review_must_be_held_12_weeks_before_the_deadline():
    deadline = clock.phase_transfer_deadline(2026, to_post16=False)
    assert deadline.due == datetime.date(2027, 2, 15)
    held_by = compliance.review_held_by(deadline)
    # 4 weeks for the decision, then 8 for the final amended plan: 84 days.
    assert held_by == datetime.date(2026, 11, 23)
    post16 = compliance.review_held_by(clock.phase_transfer_deadline(2026, to_post16=True))
    assert post16 == datetime.date(2027, 1, 6)


@pytest.mark.parametrize(
    ("phase", "top", "year", "move"),
    [
        (School.Phase.PRIMARY, 6, 6, compliance.TO_SECONDARY),
        (School.Phase.PRIMARY, 6, 2, ""),  # a primary school keeps its Year 2
        (School.Phase.PRIMARY, 2, 2, compliance.TO_JUNIOR),  # an infant school
        (School.Phase.SECONDARY, 11, 11, compliance.TO_POST16),
        (School.Phase.SECONDARY, 13, 13, compliance.LEAVING),
        (School.Phase.SECONDARY, 11, 9, ""),
    ],
)
def test_who_moves(db, phase, top, year, move):
    school = f.SchoolFactory(phase=phase)
    f.PupilFactory(school=school, year_group=top)
    infant, sixth_form = compliance.school_shape(school)
    assert compliance.move_of(year, infant=infant, sixth_form=sixth_form) == move


def test_the_page_lists_movers_with_deadlines_and_bookings(client_for, senco, school):
    today = timezone.localdate()
    year6 = _plan(senco, school, 6)
    year11 = _plan(senco, school, 11)
    booked = _plan(senco, school, 6)
    staying = _plan(senco, school, 8)
    AnnualReview.objects.create(
        plan=booked,
        kind=AnnualReview.Kind.PHASE_TRANSFER,
        meeting_on=today + D(days=20),
        next_setting="Northgate College",
    )
    response = client_for(senco).get(reverse("ehcp_transfers", args=[school.urn]))
    assert_valid_html(response)
    html = response.content.decode()
    for plan in (year6, year11, booked):
        assert escape(plan.pupil.full_name) in html
    assert escape(staying.pupil.full_name) not in html
    year = clock.academic_year_of(today)
    assert f"15 February {year + 1}" in html and f"31 March {year + 1}" in html
    assert "reg. 18(1)(a)" in html and "reg. 18(1)(b)" in html
    assert "Northgate College" in html
    assert html.count("Not booked") == 2
    assert "reg. 20(10)" in html and "reg. 22(5)" in html  # how the day to hold it by is found
    logged = set(
        AuditEvent.objects.filter(action="ehcp.transfers.view").values_list("pupil", flat=True)
    )
    assert logged == {year6.pupil_id, year11.pupil_id, booked.pupil_id}
    # Not booked also shows on the compliance page.
    checklist = client_for(senco).get(reverse("ehcp_compliance", args=[school.urn]))
    text = checklist.content.decode()
    start = text.index('id="transfers"')
    part = text[start : text.index("<h2", start)]
    assert escape(year6.pupil.full_name) in part and escape(booked.pupil.full_name) not in part


def test_an_annual_review_is_not_a_phase_transfer_booking(client_for, senco, school):
    plan = _plan(senco, school, 11)
    AnnualReview.objects.create(plan=plan, meeting_on=timezone.localdate() + D(days=3))
    html = client_for(senco).get(reverse("ehcp_transfers", args=[school.urn])).content.decode()
    assert "Not booked" in html


@pytest.mark.parametrize("n", [1, 10])
def test_the_queries_do_not_grow(n, client_for, senco, school):
    for i in range(n):
        plan = _plan(senco, school, 6 if i % 2 else 11)
        AnnualReview.objects.create(plan=plan, kind="phase_transfer")
    client = client_for(senco)
    url = reverse("ehcp_transfers", args=[school.urn])
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    assert len(ctx.captured_queries) == TRANSFER_QUERIES


# Session, user, school with the membership, the plans, their open reviews, the reviews'
# contributors, the top year group on roll, the audit insert.
TRANSFER_QUERIES = 8
