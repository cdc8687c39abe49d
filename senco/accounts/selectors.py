"""Reads about accounts that the staff pages need."""

from axes.models import AccessAttempt
from django.conf import settings
from django.utils import timezone


def locked_out_usernames(usernames) -> set[str]:
    """Which of these usernames django-axes refuses now, from at least one address."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    return set(
        AccessAttempt.objects.filter(
            username__in=list(usernames),
            failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
            attempt_time__gte=since,
        ).values_list("username", flat=True)
    )
