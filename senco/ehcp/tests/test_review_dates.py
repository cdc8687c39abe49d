"""Bad input on an annual review's forms: a message that names the field, beside it, and
nothing typed is lost. A stale form is refused, showing what someone else saved."""

import pytest
from django.urls import reverse

from senco.audit.actor import Actor
from senco.ehcp import review_services
from senco.ehcp.models import EHCPlan
from senco.ehcp.tests.review_fixtures import (
    days,
    meeting_data,
    text,
    url,
)
from senco.lib.forms import date_data
from senco.lib.statutory import add_months
from senco.testing import assert_valid_html


def _refused(client, address, data, message, kept=()):
    response = client.post(address, data)
    assert response.status_code == 200
    assert_valid_html(response)
    page = text(response)
    assert "There is a problem" in page
    assert message in page, page[:4000]
    for typed in kept:
        assert typed in page
    return response


@pytest.fixture
def held(senco, review, contributor):
    """The meeting on 10 days ago, invited 30 days ago, held."""
    actor = Actor(senco)
    review_services.meeting_set(actor=actor, review=review, meeting_on=days(-10))
    review_services.invitations_send(
        actor=actor, review=review, contributor_ids=[contributor.pk], invited_on=days(-30)
    )
    review_services.meeting_held(actor=actor, review=review, held_on=days(-10), attended_ids=[])
    review.refresh_from_db()
    return review


def test_an_invitation_sent_after_the_meeting(client_for, senco, review, contributor):
    review_services.meeting_set(actor=Actor(senco), review=review, meeting_on=days(-10))
    review.refresh_from_db()
    _refused(
        client_for(senco),
        url("ehcp_review_invitations", review),
        {
            "version": str(review.version),
            "contributors": [str(contributor.pk)],
            **date_data("invited_on", days(-5)),
        },
        "Date the invitations were sent must be on or before the meeting",
    )
    contributor.refresh_from_db()
    assert contributor.invited_on is None


def test_an_invitation_sent_in_the_future(client_for, senco, review, contributor):
    _refused(
        client_for(senco),
        url("ehcp_review_invitations", review),
        {
            "version": str(review.version),
            "contributors": [str(contributor.pk)],
            **date_data("invited_on", days(3)),
        },
        "Date the invitations were sent must be today or in the past",
    )


def test_nobody_chosen_to_invite(client_for, senco, review):
    _refused(
        client_for(senco),
        url("ehcp_review_invitations", review),
        {"version": str(review.version), **date_data("invited_on", days(0))},
        "Choose who the invitation was sent to",
    )


def test_advice_circulated_after_the_meeting(client_for, senco, held):
    _refused(
        client_for(senco),
        url("ehcp_review_advice", held),
        {"version": str(held.version), **date_data("advice_circulated_on", days(-2))},
        "Date the advice was circulated must be on or before the meeting (",
    )


def test_a_meeting_held_before_the_invitations(client_for, senco, review, contributor):
    actor = Actor(senco)
    review_services.meeting_set(actor=actor, review=review, meeting_on=days(-10))
    review_services.invitations_send(
        actor=actor, review=review, contributor_ids=[contributor.pk], invited_on=days(-20)
    )
    review.refresh_from_db()
    _refused(
        client_for(senco),
        url("ehcp_review_held", review),
        {
            "version": str(review.version),
            **date_data("held_on", days(-25)),
            "attendees": "The class teacher",
        },
        "Date the meeting was held must be on or after the invitations were sent",
        kept=["The class teacher"],
    )


def test_a_meeting_held_in_the_future(client_for, senco, review):
    _refused(
        client_for(senco),
        url("ehcp_review_held", review),
        {"version": str(review.version), **date_data("held_on", days(2))},
        "Date the meeting was held must be today or in the past",
    )


def test_a_report_sent_before_the_meeting(client_for, senco, held):
    _refused(
        client_for(senco),
        url("ehcp_review_report", held),
        {
            "version": str(held.version),
            "progress": "Reads well now",
            "recommendations": "",
            **date_data("report_sent_on", days(-12)),
        },
        "Date the report was sent must be on or after the meeting",
        kept=["Reads well now"],
    )


def test_a_decision_before_the_meeting_and_a_final_plan_before_the_proposals(
    client_for, senco, held
):
    client = client_for(senco)
    address = url("ehcp_review_decision", held)
    _refused(
        client,
        address,
        {
            "version": str(held.version),
            "decision": "maintain",
            **date_data("decision_on", days(-11)),
        },
        "Date the decision was received must be on or after the meeting",
    )
    _refused(
        client,
        address,
        {
            "version": str(held.version),
            "decision": "amend",
            **date_data("decision_on", days(-8)),
            **date_data("proposals_on", days(-5)),
            **date_data("final_plan_on", days(-6)),
        },
        "Date the final amended plan was issued must be on or after the proposals were received",
    )
    _refused(
        client,
        address,
        {"version": str(held.version), "decision": "maintain"},
        "Enter the date the decision was received",
    )


def test_a_meeting_after_the_review_is_due_needs_the_senco_to_confirm(
    client_for, senco, review, plan
):
    client = client_for(senco)
    address = url("ehcp_review_meeting_date", review)
    due = add_months(plan.last_review_on, 12)
    late = add_months(plan.last_review_on, 13)
    response = _refused(
        client,
        address,
        meeting_data(review, late, meeting_time="4pm, library"),
        f"The meeting is after the review is due ({due:%-d %B %Y})",
        kept=["4pm, library", "I know this is after the review is due"],
    )
    assert 'id="id_late_confirmed"' in response.content.decode()
    review.refresh_from_db()
    assert review.meeting_on == days(21)
    response = client.post(address, meeting_data(review, late, late_confirmed="on"))
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.meeting_on == late
    page = text(client.get(url("ehcp_review", review)))
    assert "The meeting is after the review is due" in page
    form = text(client.get(address))
    assert "The meeting is set after the review is due" in form


def test_a_stale_form_is_refused_and_saving_again_works(client_for, senco, review):
    opened = str(review.version)
    review_services.meeting_set(
        actor=Actor(senco), review=review, meeting_on=days(25), meeting_time="Saved by them"
    )
    client = client_for(senco)
    address = url("ehcp_review_meeting_date", review)
    response = _refused(
        client,
        address,
        {"version": opened, **date_data("meeting_on", days(28)), "meeting_time": "Mine"},
        "Someone else changed this since you opened it",
        kept=["Saved by them", "Mine"],
    )
    review.refresh_from_db()
    assert (review.meeting_on, review.meeting_time) == (days(25), "Saved by them")
    again = client.post(
        address,
        {
            "version": response.context["form"].data["version"],
            **date_data("meeting_on", days(28)),
            "meeting_time": "Mine",
        },
    )
    assert again.status_code == 302
    review.refresh_from_db()
    assert review.meeting_time == "Mine"


def test_a_stale_invitee_form_is_refused(client_for, senco, review, contributor):
    opened = str(contributor.version)
    review_services.contributor_save(
        actor=Actor(senco),
        contributor=contributor,
        role="parent",
        name="Sam Parent-Jones",
    )
    _refused(
        client_for(senco),
        url("ehcp_review_contributor_edit", review, contributor.pk),
        {"version": opened, "role": "parent", "name": "Sam P"},
        "Someone else changed this since you opened it",
        kept=["Sam Parent-Jones", "Sam P"],
    )


def test_advice_received_before_it_was_asked_for(client_for, senco, review, contributor):
    _refused(
        client_for(senco),
        url("ehcp_review_contributor_edit", review, contributor.pk),
        {
            "version": str(contributor.version),
            "role": "parent",
            "name": "Sam Parent",
            **date_data("advice_requested_on", days(-3)),
            **date_data("advice_received_on", days(-5)),
            "advice": "Wants more reading help",
        },
        "Date advice was received must be on or after it was asked for",
        kept=["Wants more reading help"],
    )


def test_empty_forms_name_their_fields(client_for, senco, review):
    client = client_for(senco)
    _refused(
        client,
        url("ehcp_review_meeting_date", review),
        {"version": str(review.version), **date_data("meeting_on", None)},
        "Enter the meeting date",
    )
    _refused(
        client,
        url("ehcp_review_held", review),
        {"version": str(review.version), **date_data("held_on", ("31", "2", "2026"))},
        "Date the meeting was held must be a real date",
    )
    _refused(client, url("ehcp_review_contributor_add", review), {}, "Choose who they are")
    _refused(
        client,
        url("ehcp_review_contributor_add", review),
        {"role": "parent"},
        "Enter their name",
    )
    start = reverse("ehcp_review_start", args=[review.plan.pupil_id])
    _refused(client, start, {}, "Choose the kind of review")


def test_a_ceased_plan_is_not_reviewed(client_for, senco, plan, ehc_pupil):
    EHCPlan.objects.filter(pk=plan.pk).update(status=EHCPlan.Status.CEASED)
    response = client_for(senco).post(
        reverse("ehcp_review_start", args=[ehc_pupil.pk]), {"kind": "annual"}
    )
    assert response.status_code == 200
    assert "The plan has ceased" in text(response)
