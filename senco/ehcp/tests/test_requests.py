"""Requests for an EHC needs assessment: recording one, its steps and deadlines, bad dates,
stale saves, the school's list and who may do what."""

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
from senco.ehcp.models import AssessmentRequest
from senco.ehcp.request_services import request_save
from senco.lib.forms import date_data
from senco.testing import (
    ROLES,
    SENCO_ONLY_PUPIL_ACTION,
    SENCO_ONLY_PUPIL_PAGE,
    answers,
    assert_valid_html,
    role_tables,
)

D = datetime.timedelta
# The SENCO and leaders read a request; a teacher or TA who sees the pupil gets 403.
REQUEST_READERS = answers(404, senco=200, leader=200, teacher=403, ta=403)
SCHOOL_EHC_PAGE = answers(403, senco=200, leader=200, parent=404, outsider=404)

GETS = role_tables(
    {
        "ehcp_request_add": SENCO_ONLY_PUPIL_PAGE,
        "ehcp_request": REQUEST_READERS,
        "ehcp_request_edit": SENCO_ONLY_PUPIL_PAGE,
        "ehcp_requests": SCHOOL_EHC_PAGE,
    }
)
POSTS = role_tables(
    {
        "ehcp_request_add": SENCO_ONLY_PUPIL_ACTION,
        "ehcp_request_edit": SENCO_ONLY_PUPIL_ACTION,
    },
    method="POST",
)


def request_data(**overrides):
    today = timezone.localdate()
    data = {
        "la_code": "886",
        "requested_by": "school",
        "evidence": "Three cycles of SEN support; EP report",
        "decision": "",
        "outcome": "",
        "notes": "",
        **date_data("requested_on", today - D(days=20)),
        **date_data("decision_on", None),
        **date_data("draft_served_on", None),
        **date_data("response_sent_on", None),
        **date_data("outcome_on", None),
    }
    data.update(overrides)
    return data


@pytest.fixture
def assessment(senco, pupil):
    return request_save(
        actor=Actor(senco),
        pupil=pupil,
        la_code="886",
        requested_by="school",
        requested_on=timezone.localdate() - D(days=20),
        evidence="EP report",
    )


def _url(name, pupil, assessment, school):
    if name == "ehcp_requests":
        return reverse(name, args=[school.urn])
    if name == "ehcp_request_add":
        return reverse(name, args=[pupil.pk])
    return reverse(name, args=[pupil.pk, assessment.pk])


@pytest.mark.parametrize("name", sorted(GETS))
@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_the_right_answer(name, role, cast, client_for, pupil, assessment, school):
    response = client_for(cast[role]).get(_url(name, pupil, assessment, school))
    assert response.status_code == GETS[name][role]
    assert_valid_html(response)
    if response.status_code != 200:
        assert pupil.legal_surname.encode() not in response.content
    else:
        assert AuditEvent.objects.filter(action__startswith="ehcp.request").exists()


@pytest.mark.parametrize("role", ROLES)
def test_who_may_record_a_request(role, cast, client_for, pupil):
    response = client_for(cast[role]).post(
        reverse("ehcp_request_add", args=[pupil.pk]), request_data()
    )
    assert response.status_code == POSTS["ehcp_request_add"][role]
    assert AssessmentRequest.objects.exists() == (response.status_code == 302)


@pytest.mark.parametrize("role", ROLES)
def test_who_may_change_a_request(role, cast, client_for, pupil, assessment):
    url = reverse("ehcp_request_edit", args=[pupil.pk, assessment.pk])
    data = request_data(notes=f"By {role}", version=str(assessment.version))
    response = client_for(cast[role]).post(url, data)
    assert response.status_code == POSTS["ehcp_request_edit"][role]
    assessment.refresh_from_db()
    assert (assessment.notes == f"By {role}") == (response.status_code == 302)


def test_the_senco_records_a_request_and_sees_its_deadlines(client_for, senco, pupil):
    client = client_for(senco)
    response = client.post(reverse("ehcp_request_add", args=[pupil.pk]), request_data())
    saved = AssessmentRequest.objects.get()
    assert response.url == reverse("ehcp_request", args=[pupil.pk, saved.pk])
    assert (saved.la_code, saved.requested_by, saved.version) == ("886", "school", 1)
    assert saved.created_by == senco
    assert AuditEvent.objects.filter(pupil=pupil, action="ehcp.request.create").exists()
    page = client.get(response.url)
    assert_valid_html(page)
    html = page.content.decode()
    due = saved.requested_on + D(weeks=6)
    assert f"Decision whether to assess due {due:%-d %B %Y}" in html
    assert "reg. 5(1)" in html and "reg. 13(2)" in html
    assert AuditEvent.objects.filter(pupil=pupil, action="ehcp.request.view").exists()
    # The pupil page links to it and offers to record another.
    pupil_page = client.get(reverse("pupil_detail", args=[pupil.pk])).content.decode()
    assert reverse("ehcp_request", args=[pupil.pk, saved.pk]) in pupil_page
    assert reverse("ehcp_request_add", args=[pupil.pk]) in pupil_page


def test_an_overdue_decision_is_marked(client_for, senco, pupil):
    request_save(
        actor=Actor(senco),
        pupil=pupil,
        la_code="886",
        requested_by="parent",
        requested_on=timezone.localdate() - D(weeks=8),
    )
    saved = AssessmentRequest.objects.get()
    html = client_for(senco).get(reverse("ehcp_request", args=[pupil.pk, saved.pk])).content
    assert b"Overdue" in html
    listing = client_for(senco).get(reverse("ehcp_requests", args=[pupil.school.urn])).content
    assert b"Overdue" in listing and escape(pupil.legal_surname).encode() in listing


def test_the_steps_follow_the_request(client_for, senco, pupil, assessment):
    today = timezone.localdate()
    url = reverse("ehcp_request_edit", args=[pupil.pk, assessment.pk])
    data = request_data(
        decision="assess",
        version="1",
        **date_data("requested_on", today - D(days=60)),
        **date_data("decision_on", today - D(days=30)),
        **date_data("draft_served_on", today - D(days=3)),
    )
    assert client_for(senco).post(url, data).status_code == 302
    assessment.refresh_from_db()
    html = client_for(senco).get(reverse("ehcp_request", args=[pupil.pk, assessment.pk]))
    text = html.content.decode()
    response_due = today - D(days=3) + D(days=14)
    assert f"Response to the draft plan due {response_due:%-d %B %Y}" in text
    assert "Due soon" in text  # 11 days left at most: within 10 school days


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"decision": "assess", "decision_on": -30, "requested_on": -20},
            "decision_on",
            "must be on or after the date of the request",
        ),
        (
            {"decision": "assess", "decision_on": -10, "draft_served_on": -15},
            "draft_served_on",
            "must be on or after the date of the decision",
        ),
        (
            {"draft_served_on": -5},
            "draft_served_on",
            "Record the decision to assess before the draft plan",
        ),
        (
            {
                "decision": "assess",
                "decision_on": -15,
                "draft_served_on": -5,
                "response_sent_on": -8,
            },
            "response_sent_on",
            "must be on or after the date the draft plan was received",
        ),
        ({"requested_on": 3}, "requested_on", "must be today or in the past"),
        (
            {"decision": "refused", "decision_on": -5, "draft_served_on": -2},
            "draft_served_on",
            "decided not to assess",
        ),
        ({"decision": "assess"}, "decision_on", "Enter the date the decision was received"),
        (
            {"outcome": "plan_issued", "outcome_on": -1},
            "outcome",
            "Only a request the local authority agreed to assess",
        ),
    ],
)
def test_bad_dates_are_refused_with_a_clear_message(
    client_for, senco, pupil, overrides, field, message
):
    today = timezone.localdate()
    data = request_data()
    for name, value in overrides.items():
        if name.endswith("_on"):
            data |= date_data(name, today + D(days=value))
        else:
            data[name] = value
    response = client_for(senco).post(reverse("ehcp_request_add", args=[pupil.pk]), data)
    assert response.status_code == 200
    assert_valid_html(response)
    assert message in response.content.decode()
    assert f'href="#id_{field}' in response.content.decode()  # the error summary links to it
    assert not AssessmentRequest.objects.exists()
    # Nothing typed is lost.
    assert b"Three cycles of SEN support; EP report" in response.content


def test_the_service_refuses_bad_dates_too(senco, pupil):
    from django.core.exceptions import ValidationError

    today = timezone.localdate()
    with pytest.raises(ValidationError) as caught:
        request_save(
            actor=Actor(senco),
            pupil=pupil,
            la_code="886",
            requested_by="school",
            requested_on=today,
            decision="assess",
            decision_on=today - D(days=1),
        )
    assert "decision_on" in caught.value.message_dict


def test_a_stale_save_is_refused_and_shows_what_changed(client_for, senco, pupil, assessment):
    url = reverse("ehcp_request_edit", args=[pupil.pk, assessment.pk])
    request_save(actor=Actor(senco), pupil=pupil, request=assessment, version="1", notes="Theirs")
    response = client_for(senco).post(url, request_data(notes="Mine", version="1"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Someone else changed this" in html and "Theirs" in html
    assessment.refresh_from_db()
    assert assessment.notes == "Theirs"
    # Saving again from the version now in the form works.
    again = client_for(senco).post(url, request_data(notes="Mine", version="2"))
    assert again.status_code == 302
    assessment.refresh_from_db()
    assert (assessment.notes, assessment.version) == ("Mine", 3)


def test_a_final_plan_offers_to_record_the_plan(client_for, senco, pupil, assessment):
    from senco.lib.codes import Provision
    from senco.pupils.models import Pupil

    today = timezone.localdate()
    request_save(
        actor=Actor(senco),
        pupil=pupil,
        request=assessment,
        version="1",
        requested_on=today - D(weeks=21),
        decision="assess",
        decision_on=today - D(weeks=15),
        draft_served_on=today - D(weeks=4),
        response_sent_on=today - D(weeks=3),
        outcome="plan_issued",
        outcome_on=today - D(days=1),
    )
    url = reverse("ehcp_request", args=[pupil.pk, assessment.pk])
    page = client_for(senco).get(url).content.decode()
    assert reverse("register_change", args=[pupil.pk]) in page  # not at E yet
    Pupil.objects.filter(pk=pupil.pk).update(sen_provision=Provision.EHC_PLAN)
    page = client_for(senco).get(url).content.decode()
    assert reverse("ehcp_plan_edit", args=[pupil.pk]) in page
    # Closed: the list shows it below the open ones.
    listing = client_for(senco).get(reverse("ehcp_requests", args=[pupil.school.urn]))
    html = listing.content.decode()
    assert html.index("Closed (1)") < html.index(escape(pupil.legal_surname))


def test_the_list_names_each_pupil_in_the_audit_log(client_for, leader, senco, pupil, assessment):
    client_for(leader).get(reverse("ehcp_requests", args=[pupil.school.urn]))
    assert AuditEvent.objects.filter(pupil=pupil, action="ehcp.requests.list").count() == 1


def test_a_request_of_another_pupil_is_not_found(client_for, senco, school, assessment):
    other = f.SenPupilFactory(school=school)
    response = client_for(senco).get(reverse("ehcp_request", args=[other.pk, assessment.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize("n", [3, 30])
def test_the_list_costs_the_same_whatever_its_length(n, client_for, senco, school):
    pupils = f.SenPupilFactory.create_batch(n, school=school)
    for p in pupils:
        request_save(
            actor=Actor(senco),
            pupil=p,
            la_code="886",
            requested_by="school",
            requested_on=timezone.localdate() - D(days=50),
        )
    client = client_for(senco)
    url = reverse("ehcp_requests", args=[school.urn])
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    assert len(ctx.captured_queries) == LIST_QUERIES


# Session, user, school with the membership, closure days, the requests with their pupils,
# the audit insert.
LIST_QUERIES = 6


def test_the_demo_has_requests_at_every_stage_and_movers(db, demo_trust):
    from senco.demo.outline import TRUST_NAME
    from senco.ehcp import compliance
    from senco.ehcp.models import AnnualReview
    from senco.schools.models import Trust

    trust = Trust.objects.get(name=TRUST_NAME)
    found = AssessmentRequest.objects.filter(pupil__school__trust=trust)
    assert found.count() == 12
    assert found.filter(decision="").count() == 4  # awaited, and overdue
    assert found.filter(decision="refused").count() == 2
    assert found.filter(outcome="plan_issued").count() == 2
    assert found.filter(draft_served_on__isnull=False, response_sent_on__isnull=True).count() == 2
    for r in found:  # every demo request passes the form's checks
        fields = {name: getattr(r, name) for name in ("requested_on", "decision", "decision_on")}
        fields |= {n: getattr(r, n) for n in ("draft_served_on", "response_sent_on", "outcome")}
        fields["outcome_on"] = r.outcome_on
        from senco.ehcp.request_services import request_dates_errors

        assert request_dates_errors(fields, timezone.localdate()) == {}
    overdue = [r for r in found if r.requested_on < timezone.localdate() - D(weeks=6)]
    assert any(not r.decision for r in overdue)
    assert AnnualReview.objects.filter(
        plan__pupil__school__trust=trust, kind="phase_transfer", meeting_on__isnull=False
    ).exists()
    for school in trust.schools.all():
        infant, sixth = compliance.school_shape(school)
        assert not infant and not sixth
