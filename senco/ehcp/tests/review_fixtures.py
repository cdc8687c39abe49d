"""Helpers of the annual review's tests (test_review_*.py); the fixtures `review` and
`contributor` are in conftest.py."""

import datetime

from django.urls import reverse
from django.utils import timezone

from senco.lib.forms import date_data


def days(n: int) -> datetime.date:
    """n days from today (before it when negative)."""
    return timezone.localdate() + datetime.timedelta(days=n)


def url(name: str, review, *extra) -> str:
    return reverse(name, args=[review.plan.pupil_id, review.pk, *extra])


def text(response) -> str:
    return " ".join(response.content.decode().split())


def meeting_data(review, on, **extra) -> dict:
    return {"version": str(review.version), **date_data("meeting_on", on), **extra}
