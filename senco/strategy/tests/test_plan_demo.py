"""The demo trust's SEND development plans: this year's, in progress, in every school, and
last year's; each prints on two sides of A4 and its evidence links open."""

import pytest
from django.test import Client

from senco.access import school_scope
from senco.accounts.models import Membership, Role
from senco.demo.outline import DEMO_TODAY
from senco.lib.clock import academic_year_of
from senco.schools.models import School
from senco.strategy import plan_pdf, plan_selectors
from senco.strategy.models import ActionEvidence, Priority, Status


@pytest.mark.django_db
def test_every_school_has_a_plan_in_progress_that_prints_on_two_pages(demo_trust):
    year = academic_year_of(DEMO_TODAY)
    schools = list(School.objects.all())
    assert schools
    for school in schools:
        priorities = plan_selectors.plan_of(school, year)
        assert 3 <= len(priorities) <= 4
        assert all(2 <= len(p.actions.all()) <= 4 for p in priorities)
        summary = plan_selectors.summarise(priorities, DEMO_TODAY)
        assert summary.overdue >= 1
        assert len(summary.by_status) >= 3
        assert Status.DONE in summary.by_status
        assert Priority.objects.filter(school=school, academic_year=year - 1).exists()
        senco = Membership.objects.filter(school=school, role=Role.SENCO).first().user
        scope = school_scope(senco, school.urn)
        html = plan_pdf.plan_html(scope, year, priorities, DEMO_TODAY)
        assert plan_pdf.page_count(html) <= 2, school.name


@pytest.mark.django_db
def test_the_demo_evidence_links_open(demo_trust):
    school = School.objects.order_by("pk").first()
    senco = Membership.objects.filter(school=school, role=Role.SENCO).first().user
    client = Client()
    client.force_login(senco)
    urls = set(
        ActionEvidence.objects.filter(action__priority__school=school).values_list("url", flat=True)
    )
    assert len(urls) >= 4
    for url in urls:
        assert client.get(url).status_code == 200, url
