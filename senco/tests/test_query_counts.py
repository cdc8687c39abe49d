"""The register and the pupil page cost the same number of queries at 50 and 500 pupils."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from senco import factories as f
from senco.audit.actor import Actor
from senco.register.services import register_change_record

# Register: session, user, school with the membership (senco/access.py), registration
# groups for the filter, count,
# audit insert, parents-not-told count, the page of pupils, the EHC plans of its pupils at E
# (the registry's `pupil_notes`: "Record the EHC plan"; none when no pupil is at E)
# (the session is written at most once a minute: none here, senco/middleware.py).
REGISTER_QUERIES = 9
# Pupil: session, user, pupil with school and membership (the SENCO sees the whole school: no
# visibility query), audit insert, groups, TAs assigned, TAs to choose from, contacts,
# history (read once: the letters panel finds the latest move in it too), the photo, the
# live cycle (plans panel), the EHC plan with its section F counts (ehcp panel, for a pupil
# at E), the pupil's intervention groups (provision panel), the last meetings with the
# family (families panel), the last letters to the family (letters panel: whether a letter
# followed the latest move is in them, or in a query more when they do not say), the
# family's views and requests for a meeting (parents panel: two), the pupil's attendance,
# suspensions and latest results (outcomes panel: one UNION).
PUPIL_QUERIES = 18


def _fill(school, senco, n):
    pupils = f.SenPupilFactory.create_batch(n, school=school, reg_group="7A")
    for p in pupils[:3]:
        # First by name, so that the register's first page always holds pupils at E.
        p.legal_surname = f"Abbott{p.pk}"
        p.save()
        f.ContactFactory(pupil=p)
        register_change_record(
            actor=Actor(senco),
            pupil=p,
            to_provision="E",
            to_primary_need="ASD",
            to_secondary_need="",
            reason="EHC plan issued",
            effective_date=p.on_register_since,
        )
    return pupils


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("n", [50, 500])
def test_register_queries_do_not_grow(n, client_for, senco, school):
    _fill(school, senco, n)
    client = client_for(senco)
    url = reverse("register", args=[school.urn])
    assert _count(client, url) == REGISTER_QUERIES
    assert _count(client, url + "?show_all=on&sort=year") == REGISTER_QUERIES


@pytest.mark.parametrize("n", [50, 500])
def test_pupil_page_queries_do_not_grow(n, client_for, senco, school):
    pupils = _fill(school, senco, n)
    client = client_for(senco)
    assert _count(client, reverse("pupil_detail", args=[pupils[0].pk])) == PUPIL_QUERIES


@pytest.mark.parametrize("n", [50, 500])
def test_teacher_register_queries_do_not_grow(n, client_for, teacher, senco, school):
    pupils = _fill(school, senco, n)
    group = teacher.teaching_groups.get()
    group.pupils.add(*pupils[: n // 2])
    assert _count(client_for(teacher), reverse("register", args=[school.urn])) == REGISTER_QUERIES
