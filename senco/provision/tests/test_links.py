"""Linking a pupil's place in a group to section F of their EHC plan and to their cycle,
the plans' pages showing what the sessions say, and the interventions not happening."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from senco import factories as f
from senco.access import Scope
from senco.audit.actor import Actor
from senco.audit.models import AuditEvent
from senco.provision import link_services, links
from senco.provision.models import GroupMember, ProvisionLink
from senco.provision.tests import links_fixtures as lf
from senco.provision.tests.links_fixtures import add_item, hold, make_group
from senco.testing import (
    ROLES,
    SENCO_ONLY_PUPIL_ACTION,
    SENCO_ONLY_PUPIL_PAGE,
    SENCO_ONLY_SCHOOL_PAGE,
    assert_valid_html,
    role_tables,
)

GETS = role_tables({"provision_member_links": SENCO_ONLY_PUPIL_PAGE})
POSTS = role_tables(
    {
        "provision_member_links": SENCO_ONLY_PUPIL_ACTION,
        "provision_member_link_remove": SENCO_ONLY_PUPIL_ACTION,
    },
    method="POST",
)
SCHOOL_GETS = role_tables({"provision_gaps": SENCO_ONLY_SCHOOL_PAGE})

# The fixtures of links_fixtures.py.
today, ehc_pupil, ehc_plan, f_item = lf.today, lf.ehc_pupil, lf.ehc_plan, lf.f_item
open_cycle, lexia, running_group, member = lf.open_cycle, lf.lexia, lf.running_group, lf.member


def _links_url(member):
    return reverse("provision_member_links", args=[member.pupil_id, member.pk])


def _scope(user, school, role):
    return Scope(user, school, role, False)


# --- Who may do what ---------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_each_role_on_the_links_page(role, cast, client_for, member, f_item):
    response = client_for(cast[role]).get(_links_url(member))
    assert response.status_code == GETS["provision_member_links"][role]
    assert_valid_html(response)
    if response.status_code == 200:
        assert b"Daily reading intervention" in response.content
        assert AuditEvent.objects.filter(pupil=member.pupil, action="provision.links.view").exists()
    else:
        assert member.pupil.legal_surname.encode() not in response.content


@pytest.mark.parametrize("role", ROLES)
def test_who_may_link(role, cast, client_for, member, f_item):
    response = client_for(cast[role]).post(_links_url(member), {"target": f"item-{f_item.pk}"})
    assert response.status_code == POSTS["provision_member_links"][role]
    assert ProvisionLink.objects.filter(member=member).exists() == (response.status_code == 302)


@pytest.mark.parametrize("role", ROLES)
def test_who_may_remove_a_link(role, cast, client_for, member, f_item):
    link = ProvisionLink.objects.create(member=member, ehcp_item_id=f_item.pk)
    url = reverse("provision_member_link_remove", args=[member.pupil_id, member.pk])
    response = client_for(cast[role]).post(url, {"link": link.pk})
    assert response.status_code == POSTS["provision_member_link_remove"][role]
    assert ProvisionLink.objects.filter(pk=link.pk).exists() == (response.status_code != 302)


@pytest.mark.parametrize("role", ROLES)
def test_each_role_on_the_list_of_interventions_not_happening(role, cast, client_for, school):
    response = client_for(cast[role]).get(reverse("provision_gaps", args=[school.urn]))
    assert response.status_code == SCHOOL_GETS["provision_gaps"][role]
    assert_valid_html(response)


def test_a_member_of_another_pupil_is_not_there(client_for, senco, member, school):
    other = f.SenPupilFactory(school=school, legal_surname="Other")
    response = client_for(senco).get(reverse("provision_member_links", args=[other.pk, member.pk]))
    assert response.status_code == 404


# --- Linking -------------------------------------------------------------------------------


def test_the_senco_links_a_place_to_section_f_and_the_plan_page_shows_it(
    client_for, senco, member, f_item, open_cycle, today
):
    client = client_for(senco)
    page = client.get(_links_url(member))
    assert b"Daily reading intervention" in page.content
    assert b"Plan of cycle 1" in page.content
    response = client.post(_links_url(member), {"target": f"item-{f_item.pk}"})
    assert response.status_code == 302
    link = ProvisionLink.objects.get(member=member)
    assert link.ehcp_item_id == f_item.pk and link.cycle_id is None
    event = AuditEvent.objects.get(pupil=member.pupil, action="provision.link.add")
    assert event.detail["ehcp_item_id"] == f_item.pk
    # Shown on the member's side, and no longer offered.
    page = client.get(_links_url(member))
    assert_valid_html(page)
    assert b"EHC plan, section F: Daily reading intervention" in page.content
    assert f'value="item-{f_item.pk}"'.encode() not in page.content
    # And on the plan's side.
    hold(member.group, today - datetime.timedelta(days=1), present=[member])
    plan_page = client.get(reverse("ehcp_plan", args=[member.pupil_id]))
    assert_valid_html(plan_page)
    text = plan_page.content.decode()
    assert "Delivered by Lexia group (Mon, Wed)" in text
    assert "attended 1." in text
    assert _links_url(member) in text


def test_the_teacher_sees_the_delivery_without_the_link_to_change_it(
    client_for, teacher, member, f_item, today
):
    ProvisionLink.objects.create(member=member, ehcp_item_id=f_item.pk)
    page = client_for(teacher).get(reverse("ehcp_plan", args=[member.pupil_id]))
    assert page.status_code == 200
    assert b"Delivered by Lexia group" in page.content
    assert _links_url(member).encode() not in page.content


def test_an_intervention_with_no_group_says_so(client_for, senco, f_item):
    page = client_for(senco).get(reverse("ehcp_plan", args=[f_item.plan.pupil_id]))
    assert b"No intervention group linked yet." in page.content


def test_linking_to_the_cycle_shows_on_the_cycle_page(client_for, senco, member, open_cycle, today):
    client = client_for(senco)
    response = client.post(_links_url(member), {"target": f"cycle-{open_cycle.pk}"})
    assert response.status_code == 302
    assert ProvisionLink.objects.get(member=member).cycle_id == open_cycle.pk
    hold(member.group, today, present=[member])
    page = client.get(reverse("plans_cycle", args=[member.pupil_id, open_cycle.pk]))
    assert_valid_html(page)
    assert b"Groups delivering the provision" in page.content
    assert b"Delivered by Lexia group (Mon, Wed)" in page.content


def test_nothing_chosen_or_something_not_offered_is_refused(client_for, senco, member, f_item):
    client = client_for(senco)
    for data in ({}, {"target": "item-999999"}, {"target": "nonsense"}):
        response = client.post(_links_url(member), data)
        assert response.status_code == 200
        assert_valid_html(response)
        assert b"Choose what this group delivers" in response.content
        assert b'href="#id_target"' in response.content
    assert not ProvisionLink.objects.exists()


def test_a_classroom_strategy_or_another_pupils_item_cannot_be_linked(
    senco, member, ehc_plan, school
):
    strategy = add_item(senco, ehc_plan, what="Seat near the front", kind="classroom")
    offered = {c.value for c in links.link_choices(member)}
    assert f"item-{strategy.pk}" not in offered
    with pytest.raises(ValidationError):
        link_services.link_add(actor=Actor(senco), member=member, choice=f"item-{strategy.pk}")
    other = f.SenPupilFactory(school=school, legal_surname="Other")
    other_member = GroupMember.objects.create(
        group=member.group, pupil=other, joined_on=member.joined_on
    )
    item = ehc_plan.items.get(kind="classroom")
    with pytest.raises(ValidationError):
        link_services.link_add(actor=Actor(senco), member=other_member, choice=f"item-{item.pk}")
    assert not ProvisionLink.objects.exists()


def test_the_same_link_twice_is_refused_with_a_message(senco, member, f_item):
    link_services.link_add(actor=Actor(senco), member=member, choice=f"item-{f_item.pk}")
    with pytest.raises(ValidationError) as error:
        link_services.link_add(actor=Actor(senco), member=member, choice=f"item-{f_item.pk}")
    assert "already linked" in str(error.value)
    assert ProvisionLink.objects.count() == 1


def test_a_reviewed_cycle_cannot_be_linked(senco, member, open_cycle):
    type(open_cycle).objects.filter(pk=open_cycle.pk).update(status="reviewed")
    with pytest.raises(ValidationError):
        link_services.link_add(actor=Actor(senco), member=member, choice=f"cycle-{open_cycle.pk}")


def test_removing_a_link(client_for, senco, member, f_item):
    link = ProvisionLink.objects.create(member=member, ehcp_item_id=f_item.pk)
    url = reverse("provision_member_link_remove", args=[member.pupil_id, member.pk])
    client = client_for(senco)
    response = client.post(url, {"link": link.pk}, follow=True)
    assert b"The link has been removed." in response.content
    assert not ProvisionLink.objects.exists()
    assert AuditEvent.objects.filter(action="provision.link.remove").count() == 1
    again = client.post(url, {"link": link.pk}, follow=True)
    assert b"That link had already been removed." in again.content


# --- What the sessions say ----------------------------------------------------------------

# A Wednesday in the autumn term (the usual term dates: 1 September to 19 December).
WEDNESDAY = datetime.date(2026, 11, 25)
# The Mondays and Wednesdays of the four weeks to WEDNESDAY.
RECENT_DAYS = [datetime.date(2026, 11, d) for d in (2, 4, 9, 11, 16, 18, 23, 25)]


@pytest.fixture
def autumn_group(lexia, ehc_pupil, f_item):
    group = make_group(
        lexia, starts_on=datetime.date(2026, 9, 7), ends_on=datetime.date(2026, 12, 18)
    )
    member = GroupMember.objects.create(group=group, pupil=ehc_pupil, joined_on=group.starts_on)
    ProvisionLink.objects.create(member=member, ehcp_item_id=f_item.pk)
    return member


def _lines(user, school, f_item, today=WEDNESDAY, role="senco"):
    return links.delivery(_scope(user, school, role), "ehcp_item", [f_item.pk], today)[f_item.pk]


def test_sessions_held_and_attended_in_the_last_four_weeks(senco, school, f_item, autumn_group):
    group = autumn_group.group
    for day in RECENT_DAYS[:7]:
        hold(group, day, present=[autumn_group] if day != RECENT_DAYS[0] else [])
    hold(group, RECENT_DAYS[7], held=False)
    hold(group, datetime.date(2026, 10, 26), present=[autumn_group])  # before the 4 weeks
    [line] = _lines(senco, school, f_item)
    assert line.text == (
        "Delivered by Lexia group (Mon, Wed): 7 of 8 sessions held in the last 4 weeks, attended 6."
    )
    assert line.tag == ""
    assert line.url == _links_url(autumn_group)


def test_no_session_for_two_weeks_of_term_time_is_flagged(
    senco, school, f_item, autumn_group, django_assert_max_num_queries
):
    hold(autumn_group.group, datetime.date(2026, 11, 9), present=[autumn_group])
    with django_assert_max_num_queries(4):
        [line] = _lines(senco, school, f_item)
    assert line.tag == "No session recorded since 9 November 2026"
    assert "1 of 8 sessions held" in line.text
    # A session on 11 November, ten school days back, is recent enough.
    hold(autumn_group.group, datetime.date(2026, 11, 11), present=[autumn_group])
    [line] = _lines(senco, school, f_item)
    assert line.tag == ""


def test_a_group_with_no_session_at_all_says_since_when(senco, school, f_item, autumn_group):
    [line] = _lines(senco, school, f_item)
    assert line.tag == "No session recorded since it started on 7 September 2026"
    assert "0 of 8 sessions held" in line.text


def test_a_group_not_started_or_ended_or_left_says_so(senco, school, f_item, autumn_group):
    [line] = _lines(senco, school, f_item, today=datetime.date(2026, 9, 1))
    assert line.tag == "Not started"
    assert "starts on 7 September 2026" in line.text
    [line] = _lines(senco, school, f_item, today=datetime.date(2027, 1, 6))
    assert line.tag == "Ended"
    GroupMember.objects.filter(pk=autumn_group.pk).update(left_on=datetime.date(2026, 10, 1))
    [line] = _lines(senco, school, f_item)
    assert line.tag == "Left"


def test_a_teacher_gets_no_link_to_change_it(teacher, school, f_item, autumn_group):
    [line] = _lines(teacher, school, f_item, role="teacher")
    assert line.url == ""


def test_nothing_linked_costs_one_query(senco, school, f_item, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert (
            links.delivery(_scope(senco, school, "senco"), "ehcp_item", [f_item.pk], WEDNESDAY)
            == {}
        )


# --- What needs doing ---------------------------------------------------------------------


def test_what_needs_doing_lists_quiet_groups_and_unlinked_interventions(
    client_for, senco, school, lexia, member, f_item, today
):
    quiet = make_group(
        lexia,
        name="Quiet group",
        starts_on=today - datetime.timedelta(days=30),
        ends_on=today + datetime.timedelta(days=30),
    )
    hold(quiet, today - datetime.timedelta(days=10))
    busy = make_group(
        lexia,
        name="Busy group",
        starts_on=today - datetime.timedelta(days=30),
        ends_on=today + datetime.timedelta(days=30),
    )
    hold(busy, today - datetime.timedelta(days=2))
    page = client_for(senco).get(reverse("home"))
    text = page.content.decode()
    assert "Quiet group: last session recorded" in text
    assert "Busy group" not in text
    assert "Daily reading intervention" in text  # no group linked
    ProvisionLink.objects.create(member=member, ehcp_item_id=f_item.pk)
    text = client_for(senco).get(reverse("home")).content.decode()
    assert "Daily reading intervention" not in text


def test_a_link_from_a_group_that_has_ended_does_not_count(senco, school, member, f_item, today):
    ProvisionLink.objects.create(member=member, ehcp_item_id=f_item.pk)
    scope = _scope(senco, school, "senco")
    assert links.unlinked_interventions(scope, today) == []
    type(member.group).objects.filter(pk=member.group_id).update(
        ends_on=today - datetime.timedelta(days=1)
    )
    assert [i.pk for i in links.unlinked_interventions(scope, today)] == [f_item.pk]


def test_only_the_senco_has_the_section(teacher, leader, school, today):
    assert links.todo(_scope(teacher, school, "teacher"), today) is None
    assert links.todo(_scope(leader, school, "leader"), today) is None


def test_the_full_list_shows_everything_in_a_constant_number_of_queries(
    client_for, senco, school, lexia, senco_pupils, today, django_assert_max_num_queries
):
    client = client_for(senco)
    url = reverse("provision_gaps", args=[school.urn])

    def count_queries():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        return len(queries), response

    senco_pupils(1, lexia, today)
    few, _ = count_queries()
    senco_pupils(6, lexia, today)
    many, response = count_queries()
    assert few == many
    assert_valid_html(response)
    assert response.content.count(b"Quiet ") == 7
    events = AuditEvent.objects.filter(action="provision.gaps.view")
    assert events.count() == 1 + 7


@pytest.fixture
def senco_pupils(senco, school):
    """`senco_pupils(n, intervention, today)`: n more pupils at E, each with a section F
    intervention no group delivers and a quiet group."""
    from senco.ehcp import services as ehcp_services
    from senco.lib.codes import Provision
    from senco.provision.tests.links_fixtures import add_item as item

    made = []

    def make(n, intervention, today):
        for _ in range(n):
            k = len(made)
            p = f.SenPupilFactory(
                school=school, legal_surname=f"Gap{k}", sen_provision=Provision.EHC_PLAN
            )
            plan = ehcp_services.plan_save(
                actor=Actor(senco),
                pupil=p,
                la_code="886",
                issued_on=today - datetime.timedelta(days=100),
                last_review_on=None,
                status="in_force",
                needs="",
                outcomes="",
            )
            item(senco, plan, what=f"Intervention {k}")
            make_group(
                intervention,
                name=f"Quiet {k}",
                starts_on=today - datetime.timedelta(days=30),
                ends_on=today + datetime.timedelta(days=30),
            )
            made.append(p)

    return make


def test_what_needs_doing_shows_five_and_links_to_all(client_for, senco, school, ehc_plan, today):
    for n in range(7):
        add_item(senco, ehc_plan, what=f"Intervention number {n}")
    todo = links.todo(_scope(senco, school, "senco"), today)
    assert len(todo["items"]) == 5 and todo["n_items"] == 7
    text = client_for(senco).get(reverse("home")).content.decode()
    assert text.count("Intervention number") == 5
    assert "See all 0 groups and 7 section F items not happening" in text
