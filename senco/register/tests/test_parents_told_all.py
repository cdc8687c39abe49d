import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from senco import factories as f
from senco.audit.actor import Actor
from senco.audit.models import AuditEvent
from senco.lib.forms import date_data
from senco.register.models import RegisterChange
from senco.register.services import register_change_record
from senco.testing import ROLES, SENCO_ONLY_SCHOOL_ACTION, role_table

TODAY = timezone.localdate()
TELLING_ALL = role_table("register_parents_told_all", SENCO_ONLY_SCHOOL_ACTION, method="POST")


@pytest.fixture
def untold(senco, school, pupil):
    pupils = [pupil] + f.SenPupilFactory.create_batch(2, school=school, year_group=8)
    for p in pupils:
        register_change_record(
            actor=Actor(senco),
            pupil=p,
            to_provision="E",
            to_primary_need="ASD",
            to_secondary_need="",
            reason="EHC plan issued",
            effective_date=TODAY,
        )
    return pupils


def url(school, **params):
    base = reverse("register_parents_told_all", args=[school.urn])
    return base + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


def test_senco_records_parents_told_for_everyone_listed(client_for, senco, school, untold):
    response = client_for(senco).post(url(school, not_told="on"), date_data("told_on", TODAY))
    assert response.status_code == 302
    assert not RegisterChange.objects.filter(parents_told=False).exists()
    assert all(not p.parents_not_told for p in school.pupils.all())
    assert AuditEvent.objects.filter(action="register.parents_told").count() == 3


def test_it_covers_only_the_pupils_the_filters_list(client_for, senco, school, untold):
    client_for(senco).post(url(school, not_told="on", year="8"), date_data("told_on", TODAY))
    assert list(
        RegisterChange.objects.filter(parents_told=False).values_list("pupil", flat=True)
    ) == [untold[0].pk]


def test_a_missing_or_future_date_changes_nothing(client_for, senco, school, untold):
    client = client_for(senco)
    client.post(url(school, not_told="on"), date_data("told_on", None))
    future = TODAY + datetime.timedelta(days=3)
    client.post(url(school, not_told="on"), date_data("told_on", future))
    assert RegisterChange.objects.filter(parents_told=False).count() == 3


def test_the_form_shows_on_the_not_told_list(client_for, senco, school, untold):
    page = client_for(senco).get(reverse("register", args=[school.urn]), {"not_told": "on"})
    assert b"Record parents told for all 3" in page.content
    plain = client_for(senco).get(reverse("register", args=[school.urn]))
    assert b"Record parents told for all" not in plain.content


@pytest.mark.parametrize("role", ROLES)
def test_each_role(role, cast, client_for, school, untold):
    response = client_for(cast[role]).post(url(school, not_told="on"), date_data("told_on", TODAY))
    assert response.status_code == TELLING_ALL[role]
    told = not RegisterChange.objects.filter(parents_told=False).exists()
    assert told == (role == "senco")


def test_it_rejects_get(client_for, senco, school):
    assert client_for(senco).get(url(school)).status_code == 405
