"""The session and the signed-in user, read on every request with SQL written once
(`senco.lib.prepared`, issue 13): Django's own session store and sign-in backend, except
that each request's two lookups do not build and compile their queries again.

`SESSION_ENGINE = "senco.accounts.fast_reads"` and the `ModelBackend` here in
`AUTHENTICATION_BACKENDS`. A session signed in under Django's own backend's name is
asked to sign in again once: its backend is no longer listed.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend
from django.contrib.sessions.backends.db import SessionStore as DjangoSessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from senco.lib.prepared import Prepared

_session = Prepared(
    lambda key, now: Session.objects.filter(session_key=key, expire_date__gt=now).order_by()
)
_user = Prepared(lambda pk: get_user_model()._default_manager.filter(pk=pk).order_by())


class SessionStore(DjangoSessionStore):
    def _get_session_from_db(self):
        found = _session.first(key=self.session_key, now=timezone.now())
        if found is None:
            self._session_key = None
        return found


class ModelBackend(DjangoModelBackend):
    def get_user(self, user_id):
        user = _user.first(pk=user_id)
        return user if user is not None and self.user_can_authenticate(user) else None
