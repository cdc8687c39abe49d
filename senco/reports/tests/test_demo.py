"""The demo trust's reports: last year's governors' report and SEN information report issued
with their figures kept, this year's governors' report in draft with some sections written."""

import pytest
from django.urls import reverse

from senco.accounts.models import Membership
from senco.demo.outline import DEMO_TODAY
from senco.lib.clock import academic_year_of
from senco.reports.models import Report
from senco.reports.services import names_in
from senco.schools.models import School


@pytest.mark.django_db
def test_last_years_reports_issued_and_this_years_in_draft(demo_trust):
    year = academic_year_of(DEMO_TODAY)
    for school in School.objects.all():
        reports = {(r.kind, r.academic_year): r for r in Report.objects.filter(school=school)}
        last = reports[("governors", year - 1)]
        assert last.is_issued and last.issued_at.date() <= DEMO_TODAY
        assert last.figures["register"]  # kept as they were
        # No count of pupils from 1 to 4 (the development plan's counts are of actions).
        values = [
            row["value"]
            for key, rows in last.figures.items()
            for row in rows
            if key != "development_plan"
        ]
        assert not [v for v in values if v.split(" ")[0] in {"1", "2", "3", "4"}]
        assert reports[("information", year - 1)].is_issued
        this = reports[("governors", year)]
        assert not this.is_issued and this.created_at.date() < DEMO_TODAY
        written = this.sections.filter(updated_by__isnull=False).count()
        assert 0 < written < this.sections.count()
        words = [s.words for r in reports.values() for s in r.sections.all()]
        assert names_in(school, words) == []


@pytest.mark.django_db
def test_a_demo_governor_reads_last_years_report(demo_trust, client):
    membership = Membership.objects.filter(role="governor").select_related("school").first()
    client.force_login(membership.user)
    school = membership.school
    listed = client.get(reverse("reports_list", args=[school.urn])).content.decode()
    last = Report.objects.get(school=school, kind="governors", issued_at__isnull=False)
    draft = Report.objects.get(school=school, kind="governors", issued_at__isnull=True)
    assert reverse("reports_report", args=[school.urn, last.pk]) in listed
    assert reverse("reports_report", args=[school.urn, draft.pk]) not in listed
    page = client.get(reverse("reports_report", args=[school.urn, last.pk]))
    assert page.status_code == 200
    assert "hidden" in page.content.decode() or last.figures
