"""The reminders and "What needs doing" read only the sources declared as carrying
statutory deadlines (`Capability.deadline_events`): on the demo trust, where every kind of
dated event happens, they find every event with an urgency that all the sources give."""

import datetime

import pytest

from senco.access import scope_at
from senco.accounts.models import Membership, Role
from senco.demo.outline import TRUST_NAME
from senco.registry import events_for

pytestmark = pytest.mark.django_db


def test_every_urgent_event_comes_from_a_deadline_source(seeded):
    memberships = Membership.objects.filter(
        school__trust__name=TRUST_NAME, role=Role.SENCO
    ).select_related("user", "school")
    checked = 0
    for membership in memberships:
        scope = scope_at(membership.user, membership.school)
        today = datetime.date(2026, 11, 25)
        start, end = today - datetime.timedelta(days=400), today + datetime.timedelta(days=60)
        every = {e.uid for e in events_for(scope, start, end) if e.urgency}
        deadlines = {e.uid for e in events_for(scope, start, end, deadlines_only=True)}
        assert every, "the demo has statutory steps overdue or due soon"
        assert every <= deadlines
        checked += 1
    assert checked == 2
