"""Each role's answer on every page and form of an annual review."""

import pytest

from senco.audit.models import AuditEvent
from senco.ehcp.models import AnnualReview
from senco.ehcp.tests.review_fixtures import days, url
from senco.lib.forms import date_data
from senco.testing import (
    PUPIL_READERS,
    ROLES,
    SENCO_ONLY_PUPIL_ACTION,
    SENCO_ONLY_PUPIL_PAGE,
    assert_valid_html,
    role_tables,
)

STEP_FORMS = [
    "ehcp_review_meeting_date",
    "ehcp_review_invitations",
    "ehcp_review_contributor_add",
    "ehcp_review_contributor_edit",
    "ehcp_review_advice",
    "ehcp_review_views",
    "ehcp_review_held",
    "ehcp_review_report",
    "ehcp_review_decision",
]
GETS = role_tables(
    {
        "ehcp_review": PUPIL_READERS,
        "ehcp_review_start": SENCO_ONLY_PUPIL_PAGE,
        **{name: SENCO_ONLY_PUPIL_PAGE for name in STEP_FORMS},
    }
)
POSTS = role_tables(
    {
        "ehcp_review_start": SENCO_ONLY_PUPIL_ACTION,
        **{name: SENCO_ONLY_PUPIL_ACTION for name in STEP_FORMS},
        "ehcp_review_contributor_remove": SENCO_ONLY_PUPIL_ACTION,
        "ehcp_review_views_ask": SENCO_ONLY_PUPIL_ACTION,
        "ehcp_review_close": SENCO_ONLY_PUPIL_ACTION,
    },
    method="POST",
)


def _url(name, review, contributor):
    from django.urls import reverse

    if name == "ehcp_review_start":
        return reverse(name, args=[review.plan.pupil_id])
    if name in ("ehcp_review_contributor_edit", "ehcp_review_contributor_remove"):
        return url(name, review, contributor.pk)
    return url(name, review)


def _data(name, review, contributor) -> dict:
    version = {"version": str(review.version)}
    return {
        "ehcp_review_start": {"kind": "annual"},
        "ehcp_review_meeting_date": {**version, **date_data("meeting_on", days(20))},
        "ehcp_review_invitations": {
            **version,
            "contributors": [str(contributor.pk)],
            **date_data("invited_on", days(0)),
        },
        "ehcp_review_contributor_add": {"role": "local_authority", "name": "Priya Shah"},
        "ehcp_review_contributor_edit": {
            "version": str(contributor.version),
            "role": "parent",
            "name": "Sam Parent",
            **date_data("advice_requested_on", days(0)),
        },
        "ehcp_review_advice": {**version, **date_data("advice_circulated_on", None)},
        "ehcp_review_views": {**version, "pupil_view": "I like maths", "parent_view": ""},
        "ehcp_review_held": {**version, **date_data("held_on", days(0)), "attendees": ""},
        "ehcp_review_report": {
            **version,
            "progress": "Good progress",
            "recommendations": "",
            **date_data("report_sent_on", None),
        },
        "ehcp_review_decision": {
            **version,
            "decision": "",
            **date_data("decision_on", None),
            **date_data("proposals_on", None),
            **date_data("final_plan_on", None),
        },
        "ehcp_review_close": version,
    }.get(name, {})


@pytest.mark.parametrize("name", sorted(GETS))
@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_the_right_answer(name, role, cast, client_for, review, contributor):
    pupil = review.plan.pupil
    response = client_for(cast[role]).get(_url(name, review, contributor))
    assert response.status_code == GETS[name][role]
    assert_valid_html(response)
    if response.status_code != 200:
        assert pupil.legal_surname.encode() not in response.content
    else:
        assert AuditEvent.objects.filter(
            pupil=pupil, action__in=["ehcp.review.view", "ehcp.review.form"], user=cast[role]
        ).exists()


@pytest.mark.parametrize("name", sorted(POSTS))
@pytest.mark.parametrize("role", ROLES)
def test_only_the_senco_changes_a_review(name, role, cast, client_for, review, contributor):
    if name == "ehcp_review_start":
        AnnualReview.objects.filter(pk=review.pk).update(closed_at=review.created_at)
    before = AuditEvent.objects.filter(action__startswith="ehcp.review.").exclude(
        action__in=["ehcp.review.view", "ehcp.review.form"]
    )
    count = before.count()
    response = client_for(cast[role]).post(
        _url(name, review, contributor), _data(name, review, contributor)
    )
    assert response.status_code == POSTS[name][role], response.content[:2000]
    wrote = before.count() > count
    # Closing a review not finished writes nothing (it says why); every other action does.
    assert wrote == (response.status_code == 302 and name != "ehcp_review_close")
