"""Who is acting: the signed-in person and where they are, built once per request."""

import ipaddress
from dataclasses import dataclass

from django.conf import settings


def client_ip(request) -> str | None:
    """The client's address.

    With TRUSTED_PROXY_COUNT = 0 (the default), REMOTE_ADDR: a header the client can write
    is never believed. With N proxies in front of senco, each appends the address it saw to
    X-Forwarded-For, so the N-th address from the right was written by the outermost of
    them and is the client's; anything further left came from the client and may be forged.
    A value that is no IP address falls back to REMOTE_ADDR.
    """
    count = settings.TRUSTED_PROXY_COUNT
    if count > 0:
        hops = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if len(hops) >= count:
            forwarded = _address(hops[-count])
            if forwarded:
                return forwarded
    return _address(request.META.get("REMOTE_ADDR", ""))


def _address(text: str) -> str | None:
    """The text as an IP address, or None: a header saying "unknown" must not reach the
    database (PostgreSQL's inet column would refuse it and the page would fail)."""
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


@dataclass(frozen=True)
class Actor:
    """The person a service acts for, or nobody for a scheduled job or a command."""

    user: object | None = None
    ip_address: str | None = None

    @classmethod
    def for_request(cls, request) -> "Actor":
        return cls(request.user, client_ip(request))

    @classmethod
    def system(cls) -> "Actor":
        """A scheduled job or a management command: no person, no address."""
        return cls()

    @property
    def person(self):
        """The signed-in user, or None (an anonymous user or a job)."""
        user = self.user
        if user is None or not user.is_authenticated:
            return None
        return user

    @property
    def pk(self):
        person = self.person
        return person.pk if person is not None else None


class ActorMiddleware:
    """Sets `request.actor`, the one Actor every service call of this request receives."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.actor = Actor.for_request(request)
        return self.get_response(request)
