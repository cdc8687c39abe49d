"""The school's side of what families send: the pupil page's "From the family" panel, the
SENCO's answer to a request for a meeting (versioned), "Mark as read", and "What needs
doing"."""

import pytest
from django.urls import reverse

from senco import factories as f
from senco.audit.models import AuditEvent
from senco.parents.models import MeetingRequest, ParentViews
from senco.testing import (
    ROLES,
    SENCO_ONLY_PUPIL_ACTION,
    SENCO_ONLY_PUPIL_PAGE,
    assert_valid_html,
    role_table,
)

ANSWER_PAGE = role_table("parents_request_answer", SENCO_ONLY_PUPIL_PAGE)
ANSWER_POST = role_table("parents_request_answer", SENCO_ONLY_PUPIL_ACTION, method="POST")
READ_POST = role_table("parents_views_read", SENCO_ONLY_PUPIL_ACTION, method="POST")


@pytest.fixture
def sent(pupil, parent_link, parent):
    contact = parent_link["contact"]
    views = ParentViews.objects.create(
        pupil=pupil, contact=contact, written_by=parent, worries="Homework takes her hours."
    )
    asked = MeetingRequest.objects.create(
        pupil=pupil, contact=contact, asked_by=parent, about="Her homework", when="Mornings"
    )
    return {"views": views, "asked": asked}


def _answer(version, **extra):
    return {"status": "arranged", "answer": "Tuesday 4pm, room 4", "version": version, **extra}


@pytest.mark.parametrize("role", ROLES)
def test_answer_page_for_each_role(role, cast, client_for, pupil, sent):
    url = reverse("parents_request_answer", args=[pupil.pk, sent["asked"].pk])
    response = client_for(cast[role]).get(url)
    assert response.status_code == ANSWER_PAGE[role]
    assert_valid_html(response)


@pytest.mark.parametrize("role", ROLES)
def test_answer_post_for_each_role(role, cast, client_for, pupil, sent):
    url = reverse("parents_request_answer", args=[pupil.pk, sent["asked"].pk])
    response = client_for(cast[role]).post(url, _answer(1))
    assert response.status_code == ANSWER_POST[role]
    sent["asked"].refresh_from_db()
    assert (sent["asked"].status == "arranged") == (role == "senco")


@pytest.mark.parametrize("role", ROLES)
def test_mark_as_read_for_each_role(role, cast, client_for, pupil, sent):
    url = reverse("parents_views_read", args=[pupil.pk, sent["views"].pk])
    response = client_for(cast[role]).post(url)
    assert response.status_code == READ_POST[role]
    sent["views"].refresh_from_db()
    assert (sent["views"].read_at is not None) == (role == "senco")


def test_an_answer_from_an_older_version_is_refused_and_loses_nothing(
    senco, client_for, pupil, sent
):
    url = reverse("parents_request_answer", args=[pupil.pk, sent["asked"].pk])
    client = client_for(senco)
    assert client.post(url, _answer(1)).status_code == 302
    stale = client.post(url, _answer(1, answer="Wednesday instead", status="closed"))
    assert stale.status_code == 200
    assert_valid_html(stale)
    assert b"Someone else changed this" in stale.content
    assert b"Wednesday instead" in stale.content  # what they typed is kept
    sent["asked"].refresh_from_db()
    assert (sent["asked"].answer, sent["asked"].version) == ("Tuesday 4pm, room 4", 2)


def test_an_empty_answer_names_the_fields(senco, client_for, pupil, sent):
    url = reverse("parents_request_answer", args=[pupil.pk, sent["asked"].pk])
    response = client_for(senco).post(url, {"version": "1"})
    assert b"Choose what happens next" in response.content
    assert b"Enter your answer to the family" in response.content


def test_the_family_sees_the_answer(senco, parent, client_for, pupil, sent):
    url = reverse("parents_request_answer", args=[pupil.pk, sent["asked"].pk])
    client_for(senco).post(url, _answer(1))
    page = client_for(parent).get(reverse("parent_child", args=[pupil.pk]))
    assert b"Tuesday 4pm, room 4" in page.content and b"Meeting arranged" in page.content
    assert AuditEvent.objects.filter(pupil=pupil, action="parents.request.answer").exists()


def test_the_pupil_page_panel(senco, leader, teacher, client_for, pupil, sent):
    page = client_for(senco).get(reverse("pupil_detail", args=[pupil.pk]))
    assert_valid_html(page)
    body = page.content.decode()
    assert "From the family" in body and "Homework takes her hours." in body
    assert "Mark as read" in body and "Answer" in body
    # Leaders read; they do not answer.
    body = client_for(leader).get(reverse("pupil_detail", args=[pupil.pk])).content.decode()
    assert "Homework takes her hours." in body and "Mark as read" not in body
    # Teachers do not see the panel.
    body = client_for(teacher).get(reverse("pupil_detail", args=[pupil.pk])).content.decode()
    assert "From the family" not in body


def test_what_needs_doing_for_the_senco(senco, client_for, pupil, sent, school):
    body = client_for(senco).get(reverse("home")).content.decode()
    assert "Families asking for a meeting" in body
    assert "Views from families not yet read" in body
    client_for(senco).post(reverse("parents_views_read", args=[pupil.pk, sent["views"].pk]))
    body = client_for(senco).get(reverse("home")).content.decode()
    assert "Views from families not yet read" not in body


def test_what_needs_doing_queries_do_not_grow(
    senco, client_for, pupil, sent, school, django_assert_max_num_queries
):
    client = client_for(senco)
    client.get(reverse("home"))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as before:
        client.get(reverse("home"))
    for n in range(5):
        other = f.SenPupilFactory(school=school, legal_surname=f"Family{n}", forename="Kit")
        ParentViews.objects.create(pupil=other, worries="x")
        MeetingRequest.objects.create(pupil=other, about="y")
    with django_assert_max_num_queries(len(before.captured_queries)):
        client.get(reverse("home"))


def test_the_familys_views_are_in_the_plan_review_form(senco, client_for, pupil, sent):
    from senco.audit.actor import Actor
    from senco.plans.services import cycle_start

    cycle = cycle_start(actor=Actor(senco), pupil=pupil)
    page = client_for(senco).get(reverse("plans_review", args=[pupil.pk, cycle.pk]))
    assert page.status_code == 200
    form = page.context["form"]
    assert "What worries them: Homework takes her hours." in form.initial["parent_view"]
