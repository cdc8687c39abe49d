"""/healthz: the database answers, and the scheduler and worker were seen lately."""

import datetime

from django.db import DatabaseError
from django.urls import reverse
from django.utils import timezone

from senco.operations.models import Heartbeat


def test_healthy_with_nothing_run_yet(client, db):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "scheduler": {"last_seen": None, "minutes_ago": None, "recent": False},
        "worker": {"last_seen": None, "minutes_ago": None, "recent": False},
    }
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_says_when_the_scheduler_and_worker_were_seen(client, db):
    now = timezone.now()
    Heartbeat.objects.create(name="scheduler", at=now - datetime.timedelta(minutes=4))
    Heartbeat.objects.create(name="worker", at=now - datetime.timedelta(hours=2))
    report = client.get(reverse("healthz")).json()
    assert report["scheduler"]["recent"] and report["scheduler"]["minutes_ago"] == 4
    assert not report["worker"]["recent"] and report["worker"]["minutes_ago"] == 120


def test_a_database_that_does_not_answer_is_503(client, db, monkeypatch):
    class Gone:
        def cursor(self):
            raise DatabaseError("gone")

    monkeypatch.setattr("senco.operations.health.connection", Gone())
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"
