"""Middleware of senco's own that belongs to no app."""

import time

from django.utils.cache import patch_cache_control


class NoStoreForSignedInMiddleware:
    """Every response to a signed-in person says `Cache-Control: no-store, private`.

    Pages, PDFs, CSV files and photos all hold pupils' data; none may stay in the
    browser's cache or a shared proxy's after the person signs out of a shared computer.
    Static files never get here (WhiteNoise answers them first). It goes after
    AuthenticationMiddleware, and asks after the view, so a sign-in response is covered.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, no_store=True, private=True)
        return response


# A session's expiry moves on at most this often (seconds): each move is a database write.
SESSION_TOUCH_EVERY = 60


class SessionTouchMiddleware:
    """Keeps a session alive for SESSION_COOKIE_AGE (30 minutes) after the person's last
    request, writing it to the database at most once a minute rather than on every request
    (Django's SESSION_SAVE_EVERY_REQUEST writes each time: a transaction per page view).

    So a session ends between 29 and 30 minutes after the last request. It goes after
    SessionMiddleware in MIDDLEWARE, so that its answer is seen before the session is saved;
    it looks only at a session the request has read already (no extra query)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or not session.accessed or session.modified:
            return response
        if session.session_key is None or session.is_empty():
            return response
        now = int(time.time())
        if now - session.get("_touched", 0) >= SESSION_TOUCH_EVERY:
            session["_touched"] = now  # modified: SessionMiddleware saves it, expiry moves
        return response
