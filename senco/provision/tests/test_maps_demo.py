"""The demo trust's intervention offer: enough for the maps and impact pages to show
something real, and the map of the big secondary school answers."""

import pytest
from django.db.models import Count
from django.test import Client

from senco.accounts.models import Membership, Role
from senco.provision.models import (
    Attendance,
    Funding,
    GroupMember,
    Intervention,
    InterventionGroup,
    Score,
    Session,
    TopUp,
)
from senco.schools.models import School


@pytest.mark.django_db
def test_each_demo_school_runs_an_offer(demo_trust):
    for school in School.objects.all():
        assert Intervention.objects.filter(school=school).count() >= 12
        assert InterventionGroup.objects.filter(school=school).count() >= 10
        assert Funding.objects.filter(school=school).exists()
    secondary = School.objects.get(phase="secondary")
    assert Intervention.objects.filter(school=secondary).count() >= 20
    assert InterventionGroup.objects.filter(school=secondary).count() >= 50
    sizes = GroupMember.objects.values("group").annotate(n=Count("pk")).values_list("n", flat=True)
    assert min(sizes) < 5 <= max(sizes)
    ended = GroupMember.objects.filter(exit_score__isnull=False)
    assert ended.exists() and GroupMember.objects.filter(exit_score__isnull=True).exists()
    assert Session.objects.filter(held=False).exists()
    assert Attendance.objects.filter(present=False).exists()
    assert Score.objects.exists() and TopUp.objects.exists()
    assert GroupMember.objects.filter(parents_told_joining__isnull=True).exists()


@pytest.mark.django_db
def test_the_secondary_schools_map_shows_its_offer(demo_trust):
    secondary = School.objects.get(phase="secondary")
    senco = Membership.objects.filter(school=secondary, role=Role.SENCO).first().user
    client = Client()
    client.force_login(senco)
    response = client.get(f"/school/{secondary.urn}/provision-map/")
    assert response.status_code == 200
    assert "Lexia" in response.content.decode() or "Precision teaching" in response.content.decode()
