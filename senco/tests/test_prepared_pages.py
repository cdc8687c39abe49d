"""The daily pages' queries written once (senco/lib/prepared.py) are written once: none
falls back to the ORM, which would still answer but as slowly as before (issue 13)."""

import pytest
from django.urls import reverse

from senco.lib.prepared import every_prepared
from senco.tests.test_query_counts import _fill

pytestmark = pytest.mark.django_db


def test_no_daily_page_falls_back_to_the_orm(client_for, cast, school, pupil, senco, teacher):
    _fill(school, senco, 5)  # pupils at K and E, with contacts and register changes
    for prepared in every_prepared():
        prepared.forget()
    pages = [
        reverse("home"),
        reverse("pupil_detail", args=[pupil.pk]),
        reverse("register", args=[school.urn]),
        reverse("diary_calendar", args=[school.urn]),
        reverse("year_tasks", args=[school.urn]),
        reverse("my_pupils", args=[school.urn]),
    ]
    for role in ("senco", "teacher", "leader", "ta"):
        client = client_for(cast[role])
        for url in pages:
            assert client.get(url).status_code in {200, 403}, (role, url)
    refused = {
        f"{p.build.__module__}.{p.build.__qualname__}": p.refused()
        for p in every_prepared()
        if ".tests." not in p.build.__module__ and p.refused()
    }
    assert refused == {}
    assert sum(1 for p in every_prepared() if p._plans) >= 20  # they were used
