"""Fixtures of the development plan's tests: a plan for this year with two priorities,
three actions (one overdue) and a piece of evidence. Import them by name."""

import datetime

import pytest
from django.utils import timezone

from senco.audit.actor import Actor
from senco.lib import clock
from senco.strategy import plan_services
from senco.strategy.models import Status


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def year(today):
    return clock.academic_year_of(today)


@pytest.fixture
def plan(senco, leader, school, year, today):
    """Two priorities; three actions: green, red and overdue, done."""
    actor = Actor(senco)
    first = plan_services.priority_add(
        actor=actor, school=school, academic_year=year, title="Improve attendance", why="Low"
    )
    second = plan_services.priority_add(
        actor=actor, school=school, academic_year=year, title="Adaptive teaching"
    )
    on_track = plan_services.action_add(
        actor=actor,
        priority=first,
        what="Weekly check-ins",
        owner=leader,
        due=today + datetime.timedelta(days=30),
        status=Status.GREEN,
        success_criteria="Persistent absence below 25%",
    )
    overdue = plan_services.action_add(
        actor=actor,
        priority=first,
        what="Meet every family",
        owner_name="Educational psychologist",
        starts=today - datetime.timedelta(days=60),
        due=today - datetime.timedelta(days=3),
        status=Status.RED,
    )
    done = plan_services.action_add(
        actor=actor,
        priority=second,
        what="Training for all staff",
        owner=senco,
        due=today - datetime.timedelta(days=10),
        status=Status.DONE,
    )
    evidence = plan_services.evidence_link_add(
        actor=actor, action=on_track, label="The register", url=f"/school/{school.urn}/register/"
    )
    return {
        "first": first,
        "second": second,
        "on_track": on_track,
        "overdue": overdue,
        "done": done,
        "evidence": evidence,
    }


PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def evidence_file(plan, senco, media):
    """A PDF kept as evidence for the action on track."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    return plan_services.evidence_file_add(
        actor=Actor(senco),
        action=plan["on_track"],
        label="Minutes of the meeting",
        upload=SimpleUploadedFile("minutes.pdf", PDF_BYTES, content_type="application/pdf"),
    )
