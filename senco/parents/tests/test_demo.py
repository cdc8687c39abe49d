"""The demo trust's parents: accounts that sign in with the demo password, views, requests
(one answered) and an invitation waiting at each school; the printout names one parent."""

import pytest

from senco.access import parent_contacts
from senco.accounts.models import ParentInvitation, ParentLink, User
from senco.demo.outline import DEMO_PASSWORD
from senco.parents.models import MeetingRequest, ParentViews
from senco.schools.models import School


@pytest.mark.django_db
def test_the_demo_has_parents_with_what_they_sent(demo_trust):
    for school in School.objects.all():
        links = ParentLink.objects.filter(contact__pupil__school=school).select_related("user")
        assert links.count() == 4
        for link in links:
            assert link.user.username == link.contact.email.lower()
            assert not link.user.memberships.exists()
            assert parent_contacts(link.user).filter(pk=link.contact_id).exists()
        assert ParentViews.objects.filter(pupil__school=school).count() == 3
        assert ParentViews.objects.filter(pupil__school=school, read_at=None).count() == 2
        statuses = sorted(
            MeetingRequest.objects.filter(pupil__school=school).values_list("status", flat=True)
        )
        assert statuses == ["arranged", "open"]
        assert (
            ParentInvitation.objects.filter(contact__pupil__school=school, used_at=None).count()
            == 1
        )
    line = next(line for line in demo_trust.splitlines() if line.startswith("A parent at"))
    assert "Hillside Academy" in line and DEMO_PASSWORD in line
    username = line.split("username ")[1].split(",")[0]
    assert User.objects.get(username=username).check_password(DEMO_PASSWORD)
