"""The SENCO runs an annual review from start to close through the pages, a teacher gives
their view on the way; closing it moves the plan's last review."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from senco.audit.actor import Actor
from senco.audit.models import AuditEvent
from senco.ehcp import review_services
from senco.ehcp.models import AnnualReview, Contributor, EHCPlan
from senco.ehcp.tests.review_fixtures import days, text, url
from senco.lib.forms import date_data
from senco.lib.statutory import add_months
from senco.plans.models import ViewRequest
from senco.testing import assert_valid_html


def _ok(client, address, data):
    response = client.post(address, data)
    assert response.status_code == 302, text(response)[:3000]
    return response


def _version(review) -> str:
    review.refresh_from_db()
    return str(review.version)


def test_the_whole_review_as_the_senco_with_a_teachers_view(
    client_for, senco, teacher, ehc_pupil, plan
):
    client = client_for(senco)
    plan_page = client.get(reverse("ehcp_plan", args=[ehc_pupil.pk]))
    assert "Start a review" in text(plan_page)

    # Start it.
    start = reverse("ehcp_review_start", args=[ehc_pupil.pk])
    page = client.get(start)
    assert_valid_html(page)
    response = _ok(client, start, {"kind": "annual"})
    review = AnnualReview.objects.get(plan=plan)
    assert response["Location"] == url("ehcp_review", review)
    plan.refresh_from_db()
    assert plan.status == EHCPlan.Status.UNDER_REVIEW
    task_list = client.get(url("ehcp_review", review))
    assert_valid_html(task_list)
    assert "0 of 7 steps completed" in text(task_list)
    assert "Cannot start yet" in text(task_list)

    # The meeting, held 10 days ago (recorded after the fact), within 12 months.
    _ok(
        client,
        url("ehcp_review_meeting_date", review),
        {
            "version": _version(review),
            **date_data("meeting_on", days(-10)),
            "meeting_time": "3.30pm",
        },
    )
    page = client.get(url("ehcp_review", review))
    assert "Invitations to the review meeting due" in text(
        page
    ) and "SEND Regulations 2014, reg. 20(3)" in text(page)

    # Invitees, invited on one day with one form.
    for role, name in (("parent", "Sam Parent"), ("local_authority", "Priya Shah")):
        _ok(client, url("ehcp_review_contributor_add", review), {"role": role, "name": name})
    ids = [str(pk) for pk in review.contributors.values_list("pk", flat=True)]
    invitations = client.get(url("ehcp_review_invitations", review))
    assert_valid_html(invitations)
    _ok(
        client,
        url("ehcp_review_invitations", review),
        {"version": _version(review), "contributors": ids, **date_data("invited_on", days(-30))},
    )
    assert set(review.contributors.values_list("invited_on", flat=True)) == {days(-30)}

    # Advice asked of and received from the LA, then circulated.
    la = review.contributors.get(role="local_authority")
    edit = url("ehcp_review_contributor_edit", review, la.pk)
    assert_valid_html(client.get(edit))
    _ok(
        client,
        edit,
        {
            "version": str(la.version),
            "role": "local_authority",
            "name": "Priya Shah",
            **date_data("advice_requested_on", days(-30)),
            **date_data("advice_received_on", days(-22)),
            "advice": "Keep the speech and language programme",
        },
    )
    assert_valid_html(client.get(url("ehcp_review_advice", review)))
    _ok(
        client,
        url("ehcp_review_advice", review),
        {"version": _version(review), **date_data("advice_circulated_on", days(-20))},
    )

    # Views: the pupil's and the parents' typed in; the teacher asked, and answering.
    _ok(
        client,
        url("ehcp_review_views", review),
        {"version": _version(review), "pupil_view": "I like art", "parent_view": "Happier"},
    )
    _ok(client, url("ehcp_review_views_ask", review), {})
    request = ViewRequest.objects.get(subject=f"ehcp-review:{review.pk}")
    assert (request.teacher, request.pupil, request.cycle) == (teacher, ehc_pupil, None)
    home = client_for(teacher).get(reverse("home"))
    assert reverse("plans_view_answer", args=[request.pk]) in home.content.decode()
    answer = client_for(teacher).get(reverse("plans_view_answer", args=[request.pk]))
    assert_valid_html(answer)
    assert "annual review of" in text(answer)
    response = client_for(teacher).post(
        reverse("plans_view_answer", args=[request.pk]), {"view": "Settled in science"}
    )
    assert response.status_code == 302
    views_page = client.get(url("ehcp_review_views", review))
    assert_valid_html(views_page)
    assert "Settled in science" in text(views_page)

    # The meeting held, who came; the report; the LA's decision.
    parent = review.contributors.get(role="parent")
    assert_valid_html(client.get(url("ehcp_review_held", review)))
    _ok(
        client,
        url("ehcp_review_held", review),
        {
            "version": _version(review),
            **date_data("held_on", days(-10)),
            "attended": [str(parent.pk)],
            "attendees": "Class teacher",
        },
    )
    assert list(review.contributors.filter(attended=True)) == [parent]
    assert_valid_html(client.get(url("ehcp_review_report", review)))
    _ok(
        client,
        url("ehcp_review_report", review),
        {
            "version": _version(review),
            "progress": "Reads with understanding",
            "recommendations": "Keep the plan",
            **date_data("report_sent_on", days(-5)),
        },
    )
    assert_valid_html(client.get(url("ehcp_review_decision", review)))
    _ok(
        client,
        url("ehcp_review_decision", review),
        {
            "version": _version(review),
            "decision": "maintain",
            **date_data("decision_on", days(-1)),
        },
    )
    page = client.get(url("ehcp_review", review))
    assert_valid_html(page)
    assert "7 of 7 steps completed" in text(page)
    assert "Settled in science" in text(page)

    # Close: the next review counts from the meeting.
    response = _ok(client, url("ehcp_review_close", review), {"version": _version(review)})
    assert response["Location"] == reverse("ehcp_plan", args=[ehc_pupil.pk])
    plan.refresh_from_db()
    assert (plan.last_review_on, plan.status) == (days(-10), EHCPlan.Status.IN_FORCE)
    review.refresh_from_db()
    assert review.closed_at is not None
    request.refresh_from_db()
    assert request.closed_at is not None
    plan_page = client.get(reverse("ehcp_plan", args=[ehc_pupil.pk]))
    assert_valid_html(plan_page)
    due = add_months(days(-10), 12)
    assert f"Next annual review due {due:%-d %B %Y}" in text(plan_page)
    assert "Past reviews" in text(plan_page)
    actions = set(AuditEvent.objects.filter(pupil=ehc_pupil).values_list("action", flat=True))
    assert {
        "ehcp.review.start",
        "ehcp.review.save",
        "ehcp.review.invitee.add",
        "ehcp.review.invitee.save",
        "ehcp.review.views.ask",
        "ehcp.review.close",
        "ehcp.review.view",
        "ehcp.review.form",
        "plans.views.answer",
    } <= actions
    # A closed review is read, never changed.
    assert client.get(url("ehcp_review_report", review)).status_code == 404


def test_closing_a_review_not_finished_is_refused(client_for, senco, review):
    response = client_for(senco).post(
        url("ehcp_review_close", review), {"version": str(review.version)}, follow=True
    )
    assert "Finish every step before closing the review" in text(response)
    review.refresh_from_db()
    assert review.closed_at is None


def test_ceasing_and_amending_set_the_plans_status(senco, review, plan):
    actor = Actor(senco)
    review_services.meeting_set(actor=actor, review=review, meeting_on=days(-10))
    review_services.meeting_held(actor=actor, review=review, held_on=days(-10), attended_ids=[])
    review_services.decision_save(
        actor=actor, review=review, decision="amend", decision_on=days(-3)
    )
    plan.refresh_from_db()
    assert plan.status == EHCPlan.Status.BEING_AMENDED
    review_services.decision_save(
        actor=actor,
        review=review,
        decision="amend",
        decision_on=days(-3),
        proposals_on=days(-2),
        final_plan_on=days(-1),
    )
    plan.refresh_from_db()
    assert plan.status == EHCPlan.Status.UNDER_REVIEW
    review_services.decision_save(
        actor=actor, review=review, decision="cease", decision_on=days(-3)
    )
    review.refresh_from_db()
    assert (review.proposals_on, review.final_plan_on) == (None, None)


def test_one_review_at_a_time(client_for, senco, review, ehc_pupil):
    start = reverse("ehcp_review_start", args=[ehc_pupil.pk])
    assert "already in progress" in text(client_for(senco).get(start))
    response = client_for(senco).post(start, {"kind": "early"})
    assert response.status_code == 200
    assert "already in progress" in text(response)
    assert AnnualReview.objects.count() == 1


def test_the_review_page_costs_the_same_queries_however_many_are_invited(client_for, senco, review):
    client = client_for(senco)
    address = url("ehcp_review", review)
    client.get(address)
    with CaptureQueriesContext(connection) as one:
        client.get(address)
    for n in range(6):
        Contributor.objects.create(
            review=review, role="professional", name=f"Therapist {n}", invited_on=days(-1)
        )
    with CaptureQueriesContext(connection) as seven:
        page = client.get(address)
    assert "Therapist 5" in text(page)
    assert len(seven) == len(one)


def test_a_pupil_no_teacher_teaches_does_not_hold_the_views_up(client_for, senco, review):
    client = client_for(senco)
    _ok(client, url("ehcp_review_views_ask", review), {})
    _ok(
        client,
        url("ehcp_review_views", review),
        {"version": _version(review), "pupil_view": "Fine", "parent_view": "Happy"},
    )
    page = text(client.get(url("ehcp_review", review)))
    assert 'id="step-views-status"> Completed' in page
    assert not ViewRequest.objects.exists()
