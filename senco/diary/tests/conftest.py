import datetime

import pytest
from django.utils import timezone

from senco.audit.actor import Actor
from senco.diary.models import CalendarFeed, token_hash
from senco.ehcp import services as ehcp_services
from senco.ehcp.models import AnnualReview, AssessmentRequest, Contributor
from senco.ehcp.tests.conftest import plan_fields
from senco.lib.codes import Provision
from senco.pupils.models import Pupil


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def ehc_pupil(pupil):
    Pupil.objects.filter(pk=pupil.pk).update(sen_provision=Provision.EHC_PLAN)
    pupil.refresh_from_db()
    return pupil


@pytest.fixture
def plan(senco, ehc_pupil):
    return ehcp_services.plan_save(actor=Actor(senco), pupil=ehc_pupil, **plan_fields())


@pytest.fixture
def review(plan, teacher, today):
    """An annual review whose meeting is in 12 days: invitations and advice are due 2 weeks
    before it (overdue now), and one invitee has not been invited."""
    review = AnnualReview.objects.create(
        plan=plan, owner=teacher, meeting_on=today + datetime.timedelta(days=12)
    )
    Contributor.objects.create(review=review, role="parent", name="Mary O'Brien")
    return review


@pytest.fixture
def request_(ehc_pupil, today):
    """A request for a needs assessment sent 5 weeks ago: the decision is due in a week."""
    return AssessmentRequest.objects.create(
        pupil=ehc_pupil,
        la_code="886",
        requested_by="school",
        requested_on=today - datetime.timedelta(weeks=5),
    )


def make_feed(user, school, token="a-secret-token-for-tests-0123456789", full_names=False):
    CalendarFeed.objects.create(
        user=user, school=school, token_hash=token_hash(token), full_names=full_names
    )
    return token
