import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from senco.audit.actor import Actor
from senco.audit.models import AuditEvent
from senco.lib.forms import date_data
from senco.register.models import RegisterChange
from senco.register.services import register_change_mark_parents_told, register_change_record
from senco.testing import ROLES, SENCO_ONLY_PUPIL_ACTION, assert_valid_html, role_tables

TODAY = timezone.localdate()
CHANGES = role_tables(
    {"register_change": SENCO_ONLY_PUPIL_ACTION, "register_parents_told": SENCO_ONLY_PUPIL_ACTION},
    method="POST",
)


def change_form(**overrides):
    data = {
        "to_provision": "E",
        "to_primary_need": "ASD",
        "to_secondary_need": "SLCN",
        "effective_date": TODAY,
        "reason": "EHC plan issued by the local authority",
    }
    data.update(overrides)
    # Dates go as GOV.UK's three boxes: a date, the boxes as typed, or "" for empty boxes.
    for name in ("effective_date", "parents_told_on"):
        if name in data:
            data.update(date_data(name, data.pop(name)))
    return data


def test_senco_changes_provision(client_for, senco, pupil):
    url = reverse("register_change", args=[pupil.pk])
    response = client_for(senco).post(url, change_form())
    assert response.status_code == 302
    # At E with no EHC plan recorded: the plan's form comes next (the registry's
    # `after_register_change`; senco/ehcp/tests/test_register_e.py).
    assert response["Location"] == reverse("ehcp_plan_edit", args=[pupil.pk])
    pupil.refresh_from_db()
    assert (pupil.sen_provision, pupil.primary_need, pupil.secondary_need) == ("E", "ASD", "SLCN")
    assert pupil.parents_not_told
    change = RegisterChange.objects.get(pupil=pupil)
    assert (change.from_provision, change.to_provision) == ("K", "E")
    assert (change.from_primary_need, change.to_primary_need) == ("SLCN", "ASD")
    assert change.changed_by == senco
    assert change.reason == "EHC plan issued by the local authority"
    assert not change.parents_told
    event = AuditEvent.objects.get(action="register.change")
    assert event.pupil == pupil
    assert event.user == senco
    assert event.detail["provision"] == ["K", "E"]


def test_the_history_shows_the_change(client_for, senco, pupil):
    client = client_for(senco)
    client.post(reverse("register_change", args=[pupil.pk]), change_form())
    page = client.get(reverse("pupil_detail", args=[pupil.pk]))
    content = page.content.decode()
    assert "Provision: SEN support to EHC plan" in content
    assert "EHC plan issued by the local authority" in content
    assert "Not yet" in content
    assert_valid_html(page)


def test_parents_told_with_the_change(client_for, senco, pupil):
    told = TODAY - datetime.timedelta(days=1)
    client_for(senco).post(
        reverse("register_change", args=[pupil.pk]),
        change_form(parents_told="on", parents_told_on=told),
    )
    pupil.refresh_from_db()
    assert not pupil.parents_not_told
    assert RegisterChange.objects.get().parents_told_on == told


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"reason": ""}, "reason", "Enter the reason for the change"),
        ({"effective_date": ""}, "effective_date", "Enter the date the change takes effect"),
        (
            {"effective_date": ("31", "2", "2026")},
            "effective_date",
            "Date the change takes effect must be a real date",
        ),
        (
            {"effective_date": ("3", "", "2026")},
            "effective_date",
            "Date the change takes effect must include a month",
        ),
        ({"to_primary_need": ""}, "to_primary_need", "Choose the primary need"),
        ({"to_secondary_need": "ASD"}, "to_secondary_need", "must differ"),
        ({"parents_told": "on", "parents_told_on": ""}, "parents_told_on", "Enter the date"),
        (
            {"to_provision": "K", "to_primary_need": "SLCN", "to_secondary_need": ""},
            "to_provision",
            "Nothing has changed",
        ),
    ],
)
def test_bad_input_gets_a_clear_error_and_keeps_what_was_typed(
    client_for, senco, pupil, overrides, field, message
):
    response = client_for(senco).post(
        reverse("register_change", args=[pupil.pk]), change_form(**overrides)
    )
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors.get(field, []))
    assert message in errors
    assert b"There is a problem" in response.content
    assert b"EHC plan issued by the local authority" in response.content or field == "reason"
    assert not RegisterChange.objects.exists()
    assert_valid_html(response)


def test_taking_a_pupil_off_the_register_clears_needs_and_date(senco, pupil):
    register_change_record(
        actor=Actor(senco),
        pupil=pupil,
        to_provision="N",
        to_primary_need="SLCN",
        to_secondary_need="",
        reason="Good progress; no longer needs provision different from peers",
        effective_date=TODAY,
    )
    pupil.refresh_from_db()
    assert (pupil.sen_provision, pupil.primary_need, pupil.on_register_since) == ("N", "", None)


def test_joining_the_register_sets_the_date(senco, school):
    from senco import factories as f

    p = f.PupilFactory(school=school)
    day = TODAY - datetime.timedelta(days=3)
    register_change_record(
        actor=Actor(senco),
        pupil=p,
        to_provision="K",
        to_primary_need="MLD",
        to_secondary_need="",
        reason="Assessment showed needs",
        effective_date=day,
    )
    p.refresh_from_db()
    assert p.on_register_since == day


@pytest.mark.parametrize("role", ROLES)
def test_each_role_changing_the_register(role, cast, client_for, pupil):
    """Roles that see the pupil get 403, roles that do not 404; only the SENCO changes it."""
    response = client_for(cast[role]).post(
        reverse("register_change", args=[pupil.pk]), change_form()
    )
    assert response.status_code == CHANGES["register_change"][role]
    assert RegisterChange.objects.exists() == (role == "senco")


def ehc_plan_issued(senco, pupil):
    return register_change_record(
        actor=Actor(senco),
        pupil=pupil,
        to_provision="E",
        to_primary_need="SLCN",
        to_secondary_need="",
        reason="EHC plan issued",
        effective_date=TODAY,
    )


def test_recording_parents_told(client_for, senco, pupil):
    change = ehc_plan_issued(senco, pupil)
    url = reverse("register_parents_told", args=[pupil.pk, change.pk])
    response = client_for(senco).post(url, date_data("told_on", TODAY))
    assert response.status_code == 302
    change.refresh_from_db()
    pupil.refresh_from_db()
    assert change.parents_told and change.parents_told_on == TODAY
    assert not pupil.parents_not_told
    assert AuditEvent.objects.filter(action="register.parents_told", pupil=pupil).exists()


def test_parents_told_rejects_get(client_for, senco, pupil):
    change = ehc_plan_issued(senco, pupil)
    url = reverse("register_parents_told", args=[pupil.pk, change.pk])
    assert client_for(senco).get(url).status_code == 405


def test_parents_told_in_the_future_is_refused(senco, pupil):
    change = ehc_plan_issued(senco, pupil)
    with pytest.raises(ValidationError):
        register_change_mark_parents_told(
            actor=Actor(senco), change=change, told_on=TODAY + datetime.timedelta(days=2)
        )


@pytest.mark.parametrize(("role", "status"), CHANGES["register_parents_told"].items())
def test_each_role_recording_parents_told(role, status, cast, client_for, senco, pupil):
    change = ehc_plan_issued(senco, pupil)
    url = reverse("register_parents_told", args=[pupil.pk, change.pk])
    assert client_for(cast[role]).post(url, date_data("told_on", TODAY)).status_code == status


def test_a_change_of_another_pupil_is_404(client_for, senco, pupil, school):
    from senco import factories as f

    other = f.SenPupilFactory(school=school)
    change = register_change_record(
        actor=Actor(senco),
        pupil=other,
        to_provision="E",
        to_primary_need="SLCN",
        to_secondary_need="",
        reason="EHC plan issued",
        effective_date=TODAY,
    )
    url = reverse("register_parents_told", args=[pupil.pk, change.pk])
    assert client_for(senco).post(url, date_data("told_on", TODAY)).status_code == 404


def test_opening_the_change_form_is_audited(client_for, senco, pupil):
    client_for(senco).get(reverse("register_change", args=[pupil.pk]))
    assert AuditEvent.objects.filter(
        action="register.change.view", pupil=pupil, user=senco
    ).exists()
