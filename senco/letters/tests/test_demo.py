"""The demo trust's letters to families this school year."""

import pytest
from django.core import mail
from django.urls import reverse

from senco.accounts.models import Membership, Role
from senco.demo.outline import DEMO_TODAY
from senco.letters.models import Batch, Channel, Kind, Message
from senco.schools.models import School
from senco.testing import assert_valid_html


@pytest.mark.django_db
def test_letters_sent_this_year(demo_trust, client):
    assert mail.outbox == []  # the demo sends nothing
    assert not Message.objects.filter(status=Message.Status.QUEUED).exists()
    assert not Message.objects.filter(created_at__date__gt=DEMO_TODAY).exists()
    for school in School.objects.all():
        batches = Batch.objects.filter(school=school)
        assert batches.filter(kind=Kind.JOINED_REGISTER, channel=Channel.EMAIL).exists()
        assert batches.filter(channel=Channel.LETTER).exists()
        assert batches.filter(kind=Kind.STARTING_INTERVENTION).exists()
        sent = Message.objects.filter(school=school, status=Message.Status.SENT)
        assert sent.exists() and not sent.filter(sent_at__isnull=True).exists()
        # Nobody who must not be told got anything.
        assert (
            not Message.objects.filter(school=school, contact__no_contact=True)
            .exclude(status=Message.Status.REFUSED)
            .exists()
        )
        senco = Membership.objects.filter(school=school, role=Role.SENCO).first().user
        client.force_login(senco)
        page = client.get(reverse("letters_batches", args=[school.urn]))
        assert page.status_code == 200
        assert_valid_html(page)
    # Where the school has a review day, every family on the register was invited; those
    # with no email address are refused with the reason.
    invitations = Batch.objects.filter(kind=Kind.REVIEW_DAY)
    if invitations.exists():
        refused = Message.objects.filter(batch__in=invitations, status=Message.Status.REFUSED)
        assert refused.exists()
        assert refused.exclude(reason="").count() == refused.count()
