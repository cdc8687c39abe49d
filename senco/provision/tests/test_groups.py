"""Intervention groups and their members: setting a group up, adding pupils, entry and exit
scores, parents told, scores on a measure and the pupil page's panel."""

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
from senco.lib.forms import date_data
from senco.provision.models import GroupMember, InterventionGroup, Score
from senco.provision.tests.offer_fixtures import *  # noqa: F403
from senco.provision.tests.offer_fixtures import group_data, reading_score
from senco.testing import assert_valid_html

D = datetime.timedelta


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_senco_sets_up_a_group(client_for, senco, school, intervention, ta):
    client = client_for(senco)
    url = reverse("provision_group_add", args=[school.urn])
    page = client.get(url + f"?intervention={intervention.pk}")
    assert_valid_html(page)
    assert 'value="0"' in page.content.decode()  # Monday's checkbox
    response = client.post(url, group_data(intervention, ta, days=["4", "0"]))
    assert response.status_code == 302
    group = InterventionGroup.objects.get()
    assert (group.days, group.staff, group.created_by) == ("04", ta, senco)
    detail = client.get(response.url)
    assert_valid_html(detail)
    html = detail.content.decode()
    assert "Monday, Friday at 9:15, Library" in html
    assert "planned (none recorded yet)" in html
    assert AuditEvent.objects.filter(action="provision.group.add").exists()


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        (
            {**date_data("ends_on", timezone.localdate() - D(days=30))},
            "ends_on",
            "Ends on must be the same as or after the date it starts",
        ),
        ({"days": []}, "days", "Choose the days it runs"),
        ({"staff_name": ""}, "staff", "Choose who delivers it, or enter their name"),
        ({"time": "quarter past"}, "time", "Enter the time like 9:15 or 14:30"),
        ({"name": ""}, "name", "Enter the name of the group"),
    ],
)
def test_bad_group_input_names_the_field(
    client_for, senco, school, intervention, ta, overrides, field, message
):
    response = client_for(senco).post(
        reverse("provision_group_add", args=[school.urn]),
        group_data(intervention, None if field == "staff" else ta, **overrides),
    )
    assert response.status_code == 200
    assert_valid_html(response)
    html = response.content.decode()
    assert escape(message) in html
    assert f'href="#id_{field}' in html
    assert not InterventionGroup.objects.exists()


def test_someone_from_outside_may_deliver_it(client_for, senco, school, intervention):
    data = group_data(intervention, None, staff_name="Speech therapist, NHS")
    assert (
        client_for(senco).post(reverse("provision_group_add", args=[school.urn]), data).status_code
        == 302
    )
    assert InterventionGroup.objects.get().staff_name == "Speech therapist, NHS"


def test_staff_of_another_school_cannot_deliver_it(
    client_for, senco, school, intervention, outsider
):
    response = client_for(senco).post(
        reverse("provision_group_add", args=[school.urn]), group_data(intervention, outsider)
    )
    assert response.status_code == 200
    assert not InterventionGroup.objects.exists()


def test_the_list_by_status_and_its_filters(client_for, senco, school, intervention, group, ta):
    today = timezone.localdate()
    ended = InterventionGroup.objects.create(
        intervention=intervention,
        school=school,
        name="Last year",
        days="1",
        starts_on=today - D(days=300),
        ends_on=today - D(days=200),
        staff_name="Visitor",
    )
    client = client_for(senco)
    url = reverse("provision_groups", args=[school.urn])
    page = client.get(url)
    assert_valid_html(page)
    html = page.content.decode()
    assert html.index("Year 7 reading") < html.index("Last year")
    assert 'id="running"' in html and 'id="ended"' in html
    mine = client.get(url + f"?staff={ta.pk}").content.decode()
    assert "Year 7 reading" in mine and ended.name not in mine
    # Nonsense in the address shows every group, never a 500.
    assert client.get(url + "?staff=nobody&intervention=%00").status_code == 200


def test_the_list_queries_do_not_grow(client_for, senco, school, intervention, ta):
    client = client_for(senco)
    url = reverse("provision_groups", args=[school.urn])
    today = timezone.localdate()

    def add(n):
        for i in range(n):
            g = InterventionGroup.objects.create(
                intervention=intervention,
                school=school,
                name=f"G{i}",
                staff=ta,
                days="0",
                starts_on=today,
                ends_on=today + D(days=10),
            )
            GroupMember.objects.create(
                group=g, pupil=f.SenPupilFactory(school=school), joined_on=today
            )

    add(1)
    few = _count(client, url)
    add(6)
    assert _count(client, url) == few


def test_the_group_page_queries_do_not_grow(client_for, senco, school, group):
    client = client_for(senco)
    url = reverse("provision_group_detail", args=[school.urn, group.pk])
    GroupMember.objects.create(
        group=group, pupil=f.SenPupilFactory(school=school), joined_on=group.starts_on
    )
    few = _count(client, url)
    for _ in range(6):
        p = f.SenPupilFactory(school=school)
        GroupMember.objects.create(group=group, pupil=p, joined_on=group.starts_on)
        reading_score(p, 3)
    assert _count(client, url) == few


# --- Members ---------------------------------------------------------------------------------


def test_the_senco_finds_a_pupil_and_adds_them(client_for, senco, school, group, pupil):
    client = client_for(senco)
    url = reverse("provision_group_member_add", args=[school.urn, group.pk])
    page = client.get(url + "?q=lukasiewicz")
    assert_valid_html(page)
    assert escape(pupil.full_name) in page.content.decode()
    today = timezone.localdate()
    data = {
        "pupil": pupil.pk,
        **date_data("joined_on", today),
        "baseline_score": "120",
        **date_data("baseline_on", today),
        **date_data("parents_told_joining", None),
    }
    assert client.post(url, data).status_code == 302
    member = GroupMember.objects.get(pupil=pupil)
    assert member.baseline_score == Decimal(120)
    assert AuditEvent.objects.filter(action="provision.member.add", pupil=pupil).exists()
    # Added twice: refused with a clear message, nothing lost.
    again = client.post(url, data)
    assert again.status_code == 200
    assert escape(f"{pupil.full_name} is already in Year 7 reading") in again.content.decode()
    assert GroupMember.objects.filter(pupil=pupil).count() == 1


def test_joining_outside_the_groups_dates_is_refused(client_for, senco, school, group, pupil):
    url = reverse("provision_group_member_add", args=[school.urn, group.pk])
    data = {"pupil": pupil.pk, **date_data("joined_on", group.ends_on + D(days=1))}
    response = client_for(senco).post(url, data)
    assert response.status_code == 200
    assert "Joined on must be within the group" in response.content.decode()
    assert not GroupMember.objects.exists()


def test_a_pupil_of_another_school_cannot_be_added(client_for, senco, school, group, other_pupil):
    url = reverse("provision_group_member_add", args=[school.urn, group.pk])
    data = {"pupil": other_pupil.pk, **date_data("joined_on", timezone.localdate())}
    assert client_for(senco).post(url, data).status_code == 200
    assert not GroupMember.objects.exists()


def _member_data(member, **dates):
    data = {"version": str(member.version), **date_data("joined_on", member.joined_on)}
    for name in (
        "left_on",
        "baseline_on",
        "exit_on",
        "parents_told_joining",
        "parents_told_leaving",
    ):
        data |= date_data(name, dates.get(name))
    data["baseline_score"] = dates.get("baseline_score", "")
    data["exit_score"] = dates.get("exit_score", "")
    return data


def test_an_exit_score_before_the_baseline_is_refused(client_for, senco, school, group, member):
    today = timezone.localdate()
    url = reverse("provision_group_member_edit", args=[school.urn, group.pk, member.pk])
    data = _member_data(
        member,
        baseline_score="100",
        baseline_on=today - D(days=5),
        exit_score="130",
        exit_on=today - D(days=10),
    )
    response = client_for(senco).post(url, data)
    assert response.status_code == 200
    assert_valid_html(response)
    html = response.content.decode()
    assert "Exit score taken on must be on or after the entry score" in html
    assert 'value="130"' in html  # nothing typed is lost
    member.refresh_from_db()
    assert member.exit_score is None


def test_a_stale_member_change_is_refused(client_for, senco, school, group, member):
    client = client_for(senco)
    url = reverse("provision_group_member_edit", args=[school.urn, group.pk, member.pk])
    today = timezone.localdate()
    assert client.post(url, _member_data(member, left_on=today)).status_code == 302
    response = client.post(url, _member_data(member, baseline_score="99", baseline_on=today))
    assert "Someone else changed this since you opened it" in response.content.decode()
    member.refresh_from_db()
    assert (member.left_on, member.baseline_score) == (today, None)


def test_members_who_met_the_exit_criteria_are_flagged(
    client_for, senco, school, group, member, pupil
):
    other = f.SenPupilFactory(school=school, legal_surname="Still")
    GroupMember.objects.create(group=group, pupil=other, joined_on=group.starts_on)
    reading_score(pupil, 4)  # no more than 6 months behind: met
    reading_score(other, 10)
    html = (
        client_for(senco)
        .get(reverse("provision_group_detail", args=[school.urn, group.pk]))
        .content.decode()
    )
    assert html.count("Met the exit criteria") == 1
    assert html.index("Met the exit criteria") < html.index("Still")
    assert "too few pupils to judge" in html
    logged = set(
        AuditEvent.objects.filter(action="provision.group.view").values_list("pupil", flat=True)
    )
    assert logged == {pupil.pk, other.pk}


def test_parents_not_told_and_recording_it(client_for, senco, school, group, member, pupil):
    client = client_for(senco)
    url = reverse("provision_group_parents", args=[school.urn])
    page = client.get(url)
    assert_valid_html(page)
    told = reverse("provision_group_parents_told", args=[school.urn, group.pk, member.pk])
    assert told in page.content.decode()
    today = timezone.localdate()
    assert client.get(told).status_code == 200
    future = client.post(told, {"version": "1", **date_data("told_on", today + D(days=2))})
    assert "must be today or in the past" in future.content.decode()
    assert client.post(told, {"version": "1", **date_data("told_on", today)}).status_code == 302
    member.refresh_from_db()
    assert member.parents_told_joining == today
    assert told not in client.get(url).content.decode()
    # They leave: their parents are to be told again.
    member.left_on = today
    member.save()
    assert told in client.get(url).content.decode()
    assert client.post(told, {"version": "2", **date_data("told_on", today)}).status_code == 302
    member.refresh_from_db()
    assert member.parents_told_leaving == today
    assert (
        AuditEvent.objects.filter(action="provision.member.parents_told", pupil=pupil).count() == 2
    )


def test_the_parents_list_queries_do_not_grow(client_for, senco, school, group):
    client = client_for(senco)
    url = reverse("provision_group_parents", args=[school.urn])
    GroupMember.objects.create(
        group=group, pupil=f.SenPupilFactory(school=school), joined_on=group.starts_on
    )
    few = _count(client, url)
    for _ in range(6):
        GroupMember.objects.create(
            group=group, pupil=f.SenPupilFactory(school=school), joined_on=group.starts_on
        )
    assert _count(client, url) == few


# --- Scores ----------------------------------------------------------------------------------


def test_one_score_and_a_year_groups_scores(client_for, senco, school, pupil):
    client = client_for(senco)
    today = timezone.localdate()
    one = {
        "pupil": pupil.pk,
        "measure": "standardised",
        "value": "82",
        **date_data("taken_on", today),
    }
    assert client.post(reverse("provision_score_add", args=[school.urn]), one).status_code == 302
    bad = {**one, "value": "-4"}
    response = client.post(reverse("provision_score_add", args=[school.urn]), bad)
    assert "Score must be 0 or more" in response.content.decode()
    others = [f.SenPupilFactory(school=school, year_group=7) for _ in range(3)]
    url = reverse("provision_scores_year", args=[school.urn]) + "?year_group=7"
    page = client.get(url)
    assert_valid_html(page)
    data = {"measure": "reading_age", "test_name": "NGRT", **date_data("taken_on", today)}
    data |= {f"score_{p.pk}": "110" for p in others[:2]}
    assert client.post(url, data).status_code == 302
    assert Score.objects.filter(measure="reading_age").count() == 2
    listed = client.get(reverse("provision_scores", args=[school.urn]) + "?measure=reading_age")
    assert_valid_html(listed)
    assert listed.content.decode().count("NGRT") == 2
    assert AuditEvent.objects.filter(action="provision.score.add").count() == 3


def test_the_scores_list_queries_do_not_grow(client_for, senco, school):
    client = client_for(senco)
    url = reverse("provision_scores", args=[school.urn]) + "?measure=reading_age"
    reading_score(f.SenPupilFactory(school=school), 3)
    few = _count(client, url)
    for _ in range(6):
        p = f.SenPupilFactory(school=school)
        reading_score(p, 3, on=timezone.localdate() - D(days=40))
        reading_score(p, 3)
    assert _count(client, url) == few


# --- The pupil page --------------------------------------------------------------------------


def test_the_pupil_page_lists_their_groups(
    client_for, teacher, other_teacher, school, member, pupil
):
    member.baseline_score = Decimal(118)
    member.baseline_on = member.joined_on
    member.save()
    page = client_for(teacher).get(reverse("pupil_detail", args=[pupil.pk]))
    assert_valid_html(page)
    html = page.content.decode()
    assert 'id="interventions-panel"' in html
    assert "Reading catch-up" in html and "Entry score: 118" in html
    # A teacher reads the panel but has no link to the SENCO's group page.
    assert reverse("provision_group_detail", args=[school.urn, member.group_id]) not in html
    assert (
        client_for(other_teacher).get(reverse("pupil_detail", args=[pupil.pk])).status_code == 404
    )


def test_the_pupil_page_leads_to_the_pupils_provision_map(client_for, senco, teacher, ta, member):
    """Everything the pupil receives, with hours and cost: the evidence an LA asks for."""
    map_url = reverse("provision_map_pupil", args=[member.pupil_id])
    page = reverse("pupil_detail", args=[member.pupil_id])
    for user in (senco, teacher):
        html = client_for(user).get(page).content.decode()
        assert f'href="{map_url}"' in html
        assert client_for(user).get(map_url).status_code == 200
    # A TA sees the groups but not the costs.
    assert f'href="{map_url}"' not in client_for(ta).get(page).content.decode()
