"""The demo trust's year of meetings with families."""

import pytest
from django.db.models import Count, Q

from senco.demo.outline import DEMO_TODAY
from senco.families.models import FollowUp, Meeting
from senco.families.selectors import this_term, three_a_year
from senco.pupils.models import Pupil
from senco.schools.models import School
from senco.schools.selectors import saved_terms


@pytest.mark.django_db
def test_a_realistic_year_of_meetings(demo_trust):
    for school in School.objects.all():
        page = three_a_year(school, DEMO_TODAY)
        assert page.total >= 20
        counts = [row.this_year for row in page.rows]
        two_or_three = sum(1 for c in counts if 2 <= c <= 4)
        assert two_or_three > len(counts) / 2  # most families met two or three times
        assert 0 < page.not_met_term < page.total / 3  # some not met this term
        assert not Meeting.objects.filter(school=school, held_on__gt=DEMO_TODAY).exists()
        term = this_term(saved_terms(school), DEMO_TODAY)
        assert Meeting.objects.filter(school=school, held_on__gte=term.starts_on).exists()
    # Only pupils on the register, contacts who may be told, and some actions open.
    assert not Meeting.objects.exclude(pupil__sen_provision__in=["K", "E"]).exists()
    assert not Meeting.objects.filter(
        Q(contacts__no_contact=True) | Q(contacts__no_information=True)
    ).exists()
    open_actions = FollowUp.objects.filter(done_on__isnull=True)
    assert open_actions.exists() and FollowUp.objects.filter(done_on__isnull=False).exists()
    with_contacts = Meeting.objects.annotate(n=Count("contacts")).filter(n__gt=0)
    assert with_contacts.count() > Meeting.objects.count() / 2
    assert Pupil.objects.filter(family_meetings__isnull=False).exists()


@pytest.mark.django_db
def test_review_days_one_held_with_meetings_and_one_coming_half_booked(demo_trust):
    from senco.families.models import ReviewDay, Slot

    for school in School.objects.all():
        past = ReviewDay.objects.filter(school=school, held_on__lt=DEMO_TODAY).get()
        coming = ReviewDay.objects.filter(school=school, held_on__gt=DEMO_TODAY).get()
        held = Slot.objects.filter(day=past, pupil__isnull=False)
        assert held.count() > past.slots.count() / 2
        assert not held.filter(meeting__isnull=True).exists()
        assert not Meeting.objects.filter(slot__day=past).exclude(held_on=past.held_on).exists()
        booked = Slot.objects.filter(day=coming, pupil__isnull=False).count()
        assert 0 < booked < coming.slots.count()
        assert coming.parents_may_book
