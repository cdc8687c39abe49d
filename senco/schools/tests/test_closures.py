"""The SENCO records INSET days and closures beside the term dates: days that are not
working days for the statutory clock."""

import datetime

import pytest
from django.urls import reverse

from senco.audit.models import AuditEvent
from senco.lib import clock
from senco.lib.forms import date_data
from senco.schools.models import ClosureDay
from senco.schools.selectors import saved_closures
from senco.testing import SENCO_ONLY_SCHOOL_ACTION, assert_valid_html, role_table

ADD = role_table("closure_add", SENCO_ONLY_SCHOOL_ACTION, method="POST")
REMOVE = role_table("closure_remove", SENCO_ONLY_SCHOOL_ACTION, method="POST")

INSET = datetime.date(2027, 1, 4)  # a Monday


def added(day=INSET, reason="INSET day"):
    return {**date_data("closure-date", day), "closure-reason": reason}


@pytest.mark.parametrize(("role", "status"), ADD.items())
def test_each_role_adds(role, status, cast, client_for, school):
    response = client_for(cast[role]).post(reverse("closure_add", args=[school.urn]), added())
    assert response.status_code == status
    assert ClosureDay.objects.filter(school=school).exists() == (status == 302)


@pytest.mark.parametrize(("role", "status"), REMOVE.items())
def test_each_role_removes(role, status, cast, client_for, school):
    closure = ClosureDay.objects.create(school=school, date=INSET, reason="INSET day")
    url = reverse("closure_remove", args=[school.urn, closure.pk])
    assert client_for(cast[role]).post(url).status_code == status
    assert ClosureDay.objects.filter(pk=closure.pk).exists() == (status != 302)


def test_the_senco_adds_and_removes_a_closure_day(client_for, senco, school):
    client = client_for(senco)
    response = client.post(reverse("closure_add", args=[school.urn]), added())
    assert response["Location"] == reverse("term_dates", args=[school.urn]) + "?year=2026"
    page = client.get(response["Location"])
    assert_valid_html(page)
    assert "Monday 4 January 2027" in page.content.decode()
    assert saved_closures(school) == {INSET}
    # The clock skips it: two weeks before a meeting on 18 January 2027 is the 4th.
    invitations = clock.statutory(
        "review_invitations", datetime.date(2027, 1, 18), closures=saved_closures(school)
    )
    assert invitations.due == datetime.date(2026, 12, 31)
    assert AuditEvent.objects.filter(action="closure.add", school=school).exists()

    closure = ClosureDay.objects.get()
    client.post(reverse("closure_remove", args=[school.urn, closure.pk]))
    assert not ClosureDay.objects.exists()
    assert AuditEvent.objects.filter(action="closure.remove", school=school).exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (added(datetime.date(2027, 1, 2)), "Date must be a weekday"),
        (added(reason=""), "Enter why the school is closed"),
        ({**date_data("closure-date", ("31", "2", "2027")), "closure-reason": "x"}, "real date"),
    ],
)
def test_mistakes_are_named_and_what_was_typed_kept(client_for, senco, school, data, message):
    response = client_for(senco).post(reverse("closure_add", args=[school.urn]), data)
    assert response.status_code == 200
    assert_valid_html(response)
    content = response.content.decode()
    assert message in content and "There is a problem" in content
    assert not ClosureDay.objects.exists()


def test_a_day_recorded_twice_is_refused(client_for, senco, school):
    client = client_for(senco)
    client.post(reverse("closure_add", args=[school.urn]), added())
    again = client.post(reverse("closure_add", args=[school.urn]), added(reason="Again"))
    assert "already a closure day" in again.content.decode()
    assert ClosureDay.objects.count() == 1


def test_another_schools_closure_is_404(client_for, senco, school, other_school):
    theirs = ClosureDay.objects.create(school=other_school, date=INSET, reason="INSET day")
    url = reverse("closure_remove", args=[school.urn, theirs.pk])
    assert client_for(senco).post(url).status_code == 404
    assert ClosureDay.objects.filter(pk=theirs.pk).exists()
