"""A session stays alive 30 minutes after the last request, and is written at most once a
minute to keep it so (senco.middleware.SessionTouchMiddleware)."""

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from senco import middleware


def session_writes(client, path="/"):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return [q for q in captured.captured_queries if q["sql"].startswith('UPDATE "django_session"')]


@pytest.fixture
def clock(monkeypatch):
    now = [1_800_000_000.0]
    monkeypatch.setattr(middleware.time, "time", lambda: now[0])
    return now


@pytest.mark.django_db
def test_a_session_is_written_at_most_once_a_minute(senco, clock):
    client = Client()
    client.force_login(senco)
    key = client.cookies["sessionid"].value
    assert len(session_writes(client)) == 1  # the first request since signing in
    expiry = Session.objects.get(session_key=key).expire_date
    clock[0] += 30
    assert session_writes(client) == []  # within the minute: no write
    clock[0] += 31
    assert len(session_writes(client)) == 1  # a minute on: the expiry moves
    assert Session.objects.get(session_key=key).expire_date >= expiry


@pytest.mark.django_db
def test_signing_out_still_ends_the_session(client_for, senco, clock):
    client = client_for(senco)
    key = client.cookies["sessionid"].value
    client.get("/")
    client.post("/accounts/logout/")
    assert not Session.objects.filter(session_key=key).exists()
    assert client.get("/").status_code == 302


def test_an_anonymous_request_writes_no_session(client, db):
    with CaptureQueriesContext(connection) as captured:
        client.get("/accounts/login/")
    assert not [q for q in captured.captured_queries if "django_session" in q["sql"]]
