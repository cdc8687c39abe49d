"""The cycle's page asks a fixed number of queries, whatever the evidence, notes and
teachers asked, and its lists are written once (senco/lib/prepared.py; issue 13)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from senco.audit.actor import Actor
from senco.plans import selectors, services

pytestmark = pytest.mark.django_db


def _page(client, pupil, cycle):
    url = reverse("plans_cycle", args=[pupil.pk, cycle.pk])
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return response, len(captured)


def _add(cycle, senco, today, n):
    for i in range(n):
        services.evidence_add(
            actor=Actor(senco),
            cycle=cycle,
            kind="observation",
            date=today - datetime.timedelta(days=i),
            given_by="Class teacher",
            summary=f"Observation {i}",
        )
        services.note_add(actor=Actor(senco), cycle=cycle, date=today, text=f"Note {i}")


def test_the_cycle_page_asks_the_same_queries_however_full(
    client_for, senco, teacher, pupil, planned, today
):
    client = client_for(senco)
    services.view_requests_create(actor=Actor(senco), cycle=planned)
    _add(planned, senco, today, 1)
    response, few = _page(client, pupil, planned)
    assert "Observation 0" in response.text and "Note 0" in response.text
    _add(planned, senco, today + datetime.timedelta(days=1), 4)
    response, many = _page(client, pupil, planned)
    assert "Observation 3" in response.text and "Note 3" in response.text
    assert teacher.get_full_name() in response.text  # the teacher asked for a view
    assert many == few


def test_the_cycle_pages_lists_are_written_once(client_for, senco, pupil, planned, today):
    _add(planned, senco, today, 2)
    services.view_requests_create(actor=Actor(senco), cycle=planned)
    lists = [
        selectors._cycle_of,
        selectors._evidence_of,
        selectors._notes_of,
        selectors._view_requests_of,
    ]
    for prepared in lists:
        prepared.forget()
    _page(client_for(senco), pupil, planned)
    assert all(p._plans and not p.refused() for p in lists)
    # Written once, they give what the ORM gives: the same rows in the same order.
    assert [e.summary for e in selectors.cycle_evidence(planned)] == [
        e.summary for e in planned.evidence.all()
    ]
    assert [n.pk for n in selectors.cycle_notes(planned)] == [n.pk for n in planned.notes.all()]
    assert [r.pk for r in selectors.cycle_view_requests(planned)] == [
        r.pk for r in planned.view_requests.all()
    ]
