"""The session and the signed-in user read with SQL written once (accounts/fast_reads.py)
answer as Django's own store and backend do: an expired or unknown session, a user
switched off or whose password changed, all sign the person out."""

import datetime

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from senco.accounts.fast_reads import ModelBackend, SessionStore

pytestmark = pytest.mark.django_db


def _home(client):
    return client.get(reverse("home"))


def test_a_signed_in_session_is_read_and_its_user_found(client_for, senco):
    client = client_for(senco)
    response = _home(client)
    assert response.status_code == 200
    assert response.wsgi_request.user == senco
    store = SessionStore(client.session.session_key)
    assert int(store[SESSION_KEY]) == senco.pk


def test_an_expired_session_signs_the_person_out(client_for, senco):
    client = client_for(senco)
    key = client.session.session_key
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )
    response = _home(client)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    store = SessionStore(key)
    assert store.load() == {} and store.session_key is None


def test_an_unknown_session_key_is_no_one(client):
    store = SessionStore("x" * 32)
    assert store.load() == {}
    assert store.session_key is None


def test_a_user_switched_off_or_whose_password_changed_is_signed_out(client_for, senco):
    client = client_for(senco)
    assert _home(client).status_code == 200
    senco.set_password("a-new-long-password-2026")
    senco.save()
    assert _home(client).status_code == 302  # the session's hash no longer matches
    client = client_for(senco)
    type(senco).objects.filter(pk=senco.pk).update(is_active=False)
    assert _home(client).status_code == 302
    assert ModelBackend().get_user(senco.pk) is None
    assert ModelBackend().get_user(10**6) is None
