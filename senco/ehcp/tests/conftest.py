import datetime

import pytest
from django.utils import timezone

from senco.audit.actor import Actor
from senco.ehcp import review_services, services
from senco.ehcp.models import Contributor, ProvisionItem
from senco.lib.codes import Provision
from senco.lib.forms import date_data
from senco.pupils.models import Pupil


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def ehc_pupil(pupil):
    """The cast's pupil, with an EHC plan on the register."""
    Pupil.objects.filter(pk=pupil.pk).update(sen_provision=Provision.EHC_PLAN)
    pupil.refresh_from_db()
    return pupil


def plan_fields(**overrides):
    today = timezone.localdate()
    return {
        "la_code": "886",
        "officer_name": "Priya Shah",
        "officer_email": "priya.shah@example.gov.uk",
        "officer_phone": "01632 960 101",
        "issued_on": today - datetime.timedelta(days=400),
        "last_review_on": today - datetime.timedelta(days=100),
        "status": "in_force",
        "needs": "Autism; finds noise hard",
        "outcomes": "Asks for help when stuck",
        **overrides,
    }


def plan_data(**overrides):
    fields = plan_fields()
    data = {k: v for k, v in fields.items() if k not in ("issued_on", "last_review_on")}
    data |= date_data("issued_on", fields["issued_on"])
    data |= date_data("last_review_on", fields["last_review_on"])
    data.update(overrides)
    return data


def item_data(**overrides):
    return {
        "what": "Speech and language therapy programme",
        "who": "Teaching assistant",
        "how_often": "3 times a week",
        "how_long": "30 minutes",
        "kind": "intervention",
        "in_place": "on",
        **date_data("in_place_since", timezone.localdate() - datetime.timedelta(days=30)),
        "evidence": "Seen on the register of the group",
        **overrides,
    }


@pytest.fixture
def plan(senco, ehc_pupil):
    return services.plan_save(actor=Actor(senco), pupil=ehc_pupil, **plan_fields())


@pytest.fixture
def item(senco, plan):
    return services.item_add(
        actor=Actor(senco),
        plan=plan,
        what="Social communication group",
        who="SENCO",
        how_often="Weekly",
        how_long="45 minutes",
        kind=ProvisionItem.Kind.INTERVENTION,
        in_place=False,
    )


# --- The annual review (test_review_*.py) --------------------------------------------


@pytest.fixture
def review(senco, plan):
    """An annual review started, its meeting booked in 3 weeks, one parent added."""
    review = review_services.review_start(actor=Actor(senco), plan=plan, kind="annual")
    review = review_services.meeting_set(
        actor=Actor(senco),
        review=review,
        meeting_on=timezone.localdate() + datetime.timedelta(days=21),
    )
    review_services.contributor_add(
        actor=Actor(senco), review=review, role=Contributor.Role.PARENT, name="Sam Parent"
    )
    review.refresh_from_db()
    return review


@pytest.fixture
def contributor(review):
    return review.contributors.get()
