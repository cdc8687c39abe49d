"""The demo trust's SENCO's year: a year in progress in every school."""

import datetime

import pytest
from django.urls import reverse

from senco.accounts.models import Membership, Role
from senco.demo.outline import DEMO_TODAY
from senco.lib.clock import academic_year_of
from senco.schools.models import School
from senco.year import calendars
from senco.year.models import YearTask


@pytest.mark.django_db
def test_every_school_has_a_year_in_progress(demo_trust):
    year = academic_year_of(DEMO_TODAY)
    start = datetime.date(year, 9, 1)
    for school in School.objects.all():
        tasks = YearTask.objects.filter(school=school)
        this_year = tasks.filter(due__gte=start)
        last_year = tasks.filter(due__lt=start, due__gte=datetime.date(year - 1, 9, 1))
        keys = {i.key for i in calendars.calendar_for(school.phase)}
        assert (
            set(this_year.exclude(from_calendar="").values_list("from_calendar", flat=True)) == keys
        )
        assert (
            set(last_year.exclude(from_calendar="").values_list("from_calendar", flat=True)) == keys
        )
        # Last year's nearly all done; this year's before today mostly done, some overdue.
        assert last_year.filter(done_at__isnull=True).count() < last_year.count() / 5
        past = this_year.filter(due__lt=DEMO_TODAY)
        overdue = past.filter(done_at__isnull=True).count()
        assert 0 < overdue < past.count() / 2
        assert not this_year.filter(due__gte=DEMO_TODAY, done_at__isnull=False).exists()
        assert not tasks.filter(done_at__date__gt=DEMO_TODAY).exists()
        given = set(tasks.exclude(assigned_to=None).values_list("assigned_to", flat=True))
        roles = set(
            Membership.objects.filter(school=school, user__in=given).values_list("role", flat=True)
        )
        assert given and roles <= {Role.LEADER, Role.TA}


@pytest.mark.django_db
def test_the_demo_sencos_year_page_opens(demo_trust, client):
    school = School.objects.order_by("urn").first()
    senco = Membership.objects.filter(school=school, role=Role.SENCO).first().user
    client.force_login(senco)
    response = client.get(reverse("year_tasks", args=[school.urn]))
    assert response.status_code == 200
    assert response.context["view"].task_count > 50
