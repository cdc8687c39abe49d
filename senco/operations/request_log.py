"""One structured log line per request, and nothing from the record in it.

Each line is JSON: a request id (also sent back as `X-Request-ID`, and taken from a
proxy's `X-Request-ID` when it looks like one), the method, the route's name and the path
(ids only: senco's URLs hold no names), the status, the time taken in milliseconds, and
the user's id. Never the query string (a search may be a parent's name), form data,
headers or anything from the page.
"""

import json
import logging
import re
import time
import uuid

logger = logging.getLogger("senco.requests")

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def request_id(request) -> str:
    given = request.META.get("HTTP_X_REQUEST_ID", "")
    return given if _REQUEST_ID.match(given) else uuid.uuid4().hex


class RequestLogMiddleware:
    """First in MIDDLEWARE, so that it times everything and sees every answer."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        request.request_id = request_id(request)
        response = self.get_response(request)
        response["X-Request-ID"] = request.request_id
        if logger.isEnabledFor(logging.INFO):
            logger.info(json.dumps(log_fields(request, response, started), separators=(",", ":")))
        return response


def log_fields(request, response, started: float) -> dict:
    user = getattr(request, "user", None)
    match = getattr(request, "resolver_match", None)
    return {
        "event": "request",
        "request_id": request.request_id,
        "method": request.method,
        "route": match.view_name if match else None,
        "path": _path(request, match),
        "status": response.status_code,
        "ms": round((time.perf_counter() - started) * 1000, 1),
        "user_id": user.pk if user is not None and user.is_authenticated else None,
    }


def _path(request, match) -> str:
    """The path, with a secret in it (a password reset link's or a calendar feed's token)
    hidden: whoever reads the log must not be able to use the address."""
    path = request.path
    for name, value in match.kwargs.items() if match else ():
        if "token" in name and value:
            path = path.replace(str(value), "[hidden]")
    return path
