"""The intervention offer: adding, changing and stopping interventions, what a run costs,
bad input, no lost updates, and the pupils its entry criteria suggest."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from senco import factories as f
from senco.audit.models import AuditEvent
from senco.provision.models import GroupMember, Intervention, InterventionGroup
from senco.provision.offer_selectors import age_in_months, meets_entry, meets_exit
from senco.provision.tests.offer_fixtures import *  # noqa: F403
from senco.provision.tests.offer_fixtures import offer_data, reading_score
from senco.testing import assert_valid_html

D = datetime.timedelta


def _errors(response) -> str:
    return response.content.decode()


def test_the_senco_adds_an_intervention_and_sees_its_cost(client_for, senco, school):
    client = client_for(senco)
    response = client.post(reverse("provision_offer_add", args=[school.urn]), offer_data())
    assert response.status_code == 302
    found = Intervention.objects.get(school=school)
    assert (found.measure, found.entry_threshold, found.version) == ("reading_age", 12, 1)
    assert AuditEvent.objects.filter(action="provision.intervention.add").exists()
    page = client.get(reverse("provision_offer", args=[school.urn]))
    assert_valid_html(page)
    html = page.content.decode()
    # 30 sessions of 30 minutes at £16.00 an hour is £240.00, plus £40.00 of resources.
    assert "£280.00" in html
    assert "£70.00" in html  # per pupil in a group of 4
    assert "Cognition and learning" in html


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"hourly_rate": "-1"}, "hourly_rate", "Staff cost an hour must be £0 or more"),
        ({"resources_cost": "-5"}, "resources_cost", "must be £0 or more"),
        ({"weeks": "0"}, "weeks", "Number of weeks must be 1 or more"),
        ({"name": ""}, "name", "Enter the name of the intervention"),
        (
            {"measure": "standardised", "entry_threshold": "12", "exit_threshold": "90"},
            "entry_threshold",
            "Entry threshold must be a standardised score from 40 to 160",
        ),
        (
            {"entry_threshold": "-3"},
            "entry_threshold",
            "Entry threshold must be a number of months behind, from 0 to 120",
        ),
        (
            {"entry_threshold": "6", "exit_threshold": "12"},
            "exit_threshold",
            "Exit threshold must be the same number of months behind",
        ),
        (
            {"measure": "standardised", "entry_threshold": "90", "exit_threshold": "85"},
            "exit_threshold",
            "the same as or above the entry threshold",
        ),
        ({"hourly_rate": "lots"}, "hourly_rate", "Staff cost an hour must be a number"),
    ],
)
def test_bad_input_names_the_field_and_keeps_what_was_typed(
    client_for, senco, school, overrides, field, message
):
    response = client_for(senco).post(
        reverse("provision_offer_add", args=[school.urn]), offer_data(**overrides)
    )
    assert response.status_code == 200
    assert_valid_html(response)
    html = response.content.decode()
    assert escape(message) in html
    assert f'href="#id_{field}' in html  # the error summary links to the field
    assert "Daily phonics and fluency" in html  # nothing typed is lost
    assert not Intervention.objects.exists()


def test_a_name_used_already_is_refused(client_for, senco, school, intervention):
    response = client_for(senco).post(
        reverse("provision_offer_add", args=[school.urn]), offer_data(name="reading CATCH-UP")
    )
    assert response.status_code == 200
    assert "already has an intervention with this name" in response.content.decode()


def test_a_stale_change_is_refused_and_shows_theirs(client_for, senco, school, intervention):
    client = client_for(senco)
    url = reverse("provision_offer_edit", args=[school.urn, intervention.pk])
    assert client.post(url, offer_data(weeks="12", version="1")).status_code == 302
    response = client.post(url, offer_data(weeks="20", version="1"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Someone else changed this since you opened it" in html
    assert 'id="their-changes"' in html
    intervention.refresh_from_db()
    assert (intervention.weeks, intervention.version) == (12, 2)
    # Saving again from the version now shown works.
    assert client.post(url, offer_data(weeks="20", version="2")).status_code == 302


def test_an_intervention_with_groups_is_stopped_not_removed(
    client_for, senco, school, intervention, group
):
    client = client_for(senco)
    url = reverse("provision_offer_stop", args=[school.urn, intervention.pk])
    assert "Stop offering" in client.get(url).content.decode()
    assert client.post(url, {"version": "1"}).status_code == 302
    intervention.refresh_from_db()
    assert not intervention.active
    assert InterventionGroup.objects.filter(pk=group.pk).exists()
    html = client.get(reverse("provision_offer", args=[school.urn])).content.decode()
    assert "Not offered now" in html
    assert AuditEvent.objects.filter(action="provision.intervention.stop").exists()


def test_an_intervention_that_never_ran_is_removed(client_for, senco, school, intervention):
    url = reverse("provision_offer_stop", args=[school.urn, intervention.pk])
    assert client_for(senco).post(url, {"version": "1"}).status_code == 302
    assert not Intervention.objects.exists()


def test_leaders_read_but_do_not_see_the_buttons(client_for, leader, school, intervention):
    response = client_for(leader).get(
        reverse("provision_offer_detail", args=[school.urn, intervention.pk])
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert reverse("provision_offer_edit", args=[school.urn, intervention.pk]) not in html


# --- Entry and exit criteria -----------------------------------------------------------------


def test_age_in_months():
    assert age_in_months(datetime.date(2013, 5, 1), datetime.date(2026, 5, 1)) == 156
    assert age_in_months(datetime.date(2013, 5, 2), datetime.date(2026, 5, 1)) == 155


def test_criteria_by_measure(intervention):
    dob, on = datetime.date(2013, 5, 1), datetime.date(2026, 5, 1)  # 156 months old
    assert meets_entry(intervention, Decimal(144), dob, on)  # 12 behind
    assert not meets_entry(intervention, Decimal(145), dob, on)  # 11 behind
    assert meets_exit(intervention, Decimal(150), dob, on)  # 6 behind
    assert not meets_exit(intervention, Decimal(149), dob, on)
    standard = Intervention(
        measure="standardised", entry_threshold=Decimal(85), exit_threshold=Decimal(90)
    )
    assert meets_entry(standard, Decimal(84), dob, on)
    assert not meets_entry(standard, Decimal(85), dob, on)
    assert meets_exit(standard, Decimal(90), dob, on)


def test_suggestions_from_the_latest_score_with_one_click_to_add(
    client_for, senco, school, intervention, group
):
    behind = f.SenPupilFactory(school=school, legal_surname="Behind")
    caught_up = f.SenPupilFactory(school=school, legal_surname="Caughtup")
    reading_score(caught_up, 20, on=timezone.localdate() - D(days=200))
    reading_score(caught_up, 2)  # the latest counts
    reading_score(behind, 15)
    client = client_for(senco)
    url = reverse("provision_offer_detail", args=[school.urn, intervention.pk])
    page = client.get(url)
    assert_valid_html(page)
    html = page.content.decode()
    assert "Behind" in html and "15 months behind their age" in html
    assert "Caughtup" not in html
    assert set(
        AuditEvent.objects.filter(action="provision.suggestions.view").values_list(
            "pupil", flat=True
        )
    ) == {behind.pk}
    add = reverse("provision_group_member_quick_add", args=[school.urn, group.pk])
    assert add in html
    assert client.post(add, {"pupil": behind.pk}).status_code == 302
    member = GroupMember.objects.get(pupil=behind)
    assert member.baseline_score is not None and member.joined_on == timezone.localdate()
    # Now in a running group of it: no longer suggested. Added twice: refused, kept once.
    assert f"{behind.full_name}</a>" not in client.get(url).content.decode()
    response = client.post(add, {"pupil": behind.pk}, follow=True)
    assert "is already in Year 7 reading" in response.content.decode()
    assert GroupMember.objects.filter(pupil=behind).count() == 1


def test_suggestions_cost_the_same_queries_for_many_pupils(client_for, senco, school, intervention):
    client = client_for(senco)
    url = reverse("provision_offer_detail", args=[school.urn, intervention.pk])

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    reading_score(f.SenPupilFactory(school=school), 20)
    few = count()
    for _ in range(8):
        reading_score(f.SenPupilFactory(school=school), 20)
    assert count() == few


def test_offer_list_queries_do_not_grow(client_for, senco, school):
    client = client_for(senco)
    url = reverse("provision_offer", args=[school.urn])

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    Intervention.objects.create(school=school, name="A", area="CL", measure="checklist")
    few = count()
    for n in range(6):
        Intervention.objects.create(school=school, name=f"B{n}", area="SEMH", measure="rating")
    assert count() == few
