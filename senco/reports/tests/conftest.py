"""Reports' fixtures: a draft of this year's governors' report, last year's issued one, and
figures offered under two evidence keys by a stand-in app (one of them a small count, so
that what a report shows of it can be checked)."""

import datetime

import pytest
from django.utils import timezone

from senco import registry
from senco.audit.actor import Actor
from senco.lib.clock import academic_year_of
from senco.reports import services
from senco.reports.models import Kind

SMALL = "Pupils with an EHC plan for hearing impairment (test)"
LARGE = "Pupils at SEN support (test)"
TRAINING_SOURCE = "Test source: the school's census return"


@pytest.fixture
def offered(monkeypatch):
    """A stand-in app offering figures under "register" and "attendance"; returns the
    `suppress` it was asked with, each time."""
    asked = []

    def register_figures(school, today, suppress):
        asked.append(suppress)
        return [
            registry.Figure(
                LARGE,
                "120",
                url="/somewhere/",
                national="13.6% (DfE, 2025)",
                source=TRAINING_SOURCE,
            ),
            registry.Figure(SMALL, "hidden" if suppress else "3", national="0.1% (DfE, 2025)"),
        ]

    def attendance_figures(school, today, suppress):
        asked.append(suppress)
        return [registry.Figure("Absence of pupils with SEND (test)", "9.1%", national="8.0%")]

    capability = registry.Capability(
        app="zz_reports_test",
        evidence=(
            registry.Evidence("register", register_figures),
            registry.Evidence("attendance", attendance_figures),
        ),
    )
    monkeypatch.setitem(registry._CAPABILITIES, capability.app, capability)
    return asked


@pytest.fixture
def this_year():
    return academic_year_of(timezone.localdate())


@pytest.fixture
def draft(school, senco, this_year):
    report, _ = services.report_draft(
        actor=Actor(senco), school=school, kind=Kind.GOVERNORS, academic_year=this_year
    )
    return report


@pytest.fixture
def issued(school, senco, this_year, offered):
    report, _ = services.report_draft(
        actor=Actor(senco), school=school, kind=Kind.GOVERNORS, academic_year=this_year - 1
    )
    section = report.sections.get(key="training")
    services.section_save(
        actor=Actor(senco), section=section, words="Every teacher had training on autism."
    )
    return services.report_issue(
        actor=Actor(senco),
        report=report,
        today=timezone.localdate() - datetime.timedelta(days=120),
    )
