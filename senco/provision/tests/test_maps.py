"""The provision maps through their pages: figures, slices, filters, audit, query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from senco import factories as f
from senco.audit.models import AuditEvent
from senco.provision.tests.map_fixtures import add_group, map_offer  # noqa: F401
from senco.pupils.models import TeachingGroup
from senco.testing import assert_valid_html

pytestmark = pytest.mark.django_db


def _map(client, school, **params):
    response = client.get(reverse("provision_map", args=[school.urn]), params)
    assert response.status_code == 200
    assert_valid_html(response)
    return response.content.decode()


def test_the_whole_school_map_costs_each_intervention(client_for, senco, school, map_offer):  # noqa: F811
    page = _map(client_for(senco), school)
    # Two held sessions of 30 minutes at £20 an hour, and £100 of licences, for 4 pupils.
    assert "Lexia" in page and "£120.00" in page and "£30.00" in page
    assert "Zones of Regulation" in page and "Outside agency" in page
    assert "Too few pupils to judge" in page
    # Lexia meets three times a week for 30 minutes: 1.5 staff hours a week.
    assert ">1.5<" in page
    seen = set(
        AuditEvent.objects.filter(action="provision.map.view").values_list("pupil_id", flat=True)
    )
    assert seen == {
        m.pupil_id for g in (map_offer["group"], map_offer["zones_group"]) for m in g.members.all()
    }


def test_slices_share_a_group_between_its_pupils(client_for, senco, school, map_offer):  # noqa: F811
    page = _map(client_for(senco), school, by="year")
    assert "By year group" in page
    # Year 8 holds three of Lexia's four pupils: three quarters of £120.00.
    assert "£90.00" in page
    page = _map(client_for(senco), school, by="staff")
    assert "Outside agency" in page


def test_a_filter_limits_the_map(client_for, senco, school, map_offer):  # noqa: F811
    page = _map(client_for(senco), school, sen="E")
    assert "Lexia" in page and "Zones of Regulation" not in page
    assert "£30.00" in page and "£120.00" not in page
    page = _map(client_for(senco), school, wave="3")
    assert "Zones of Regulation" in page and "Lexia" not in page


def test_nonsense_in_the_address_shows_a_message(client_for, senco, school, map_offer):  # noqa: F811
    page = _map(client_for(senco), school, period="never", wave="9")
    assert "Choose a period from the list" in page
    assert "Choose a wave from the list" in page
    assert "Lexia" in page


def test_a_teacher_sees_their_class_share_only(client_for, teacher, school, pupil, map_offer):  # noqa: F811
    group = TeachingGroup.objects.get(school=school, name="7A/En1")
    response = client_for(teacher).get(reverse("provision_map_class", args=[school.urn, group.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Łukasiewicz" in page
    assert "£30.00" in page and "£120.00" not in page
    assert "Other0" not in page and "Zones of Regulation" not in page
    classes = client_for(teacher).get(reverse("provision_map_classes", args=[school.urn]))
    assert "7A/En1" in classes.content.decode()
    assert_valid_html(classes)


def test_a_pupils_map_lists_what_they_receive(client_for, senco, pupil, map_offer):  # noqa: F811
    response = client_for(senco).get(reverse("provision_map_pupil", args=[pupil.pk]))
    page = response.content.decode()
    assert "Lexia Y7 Monday" in page and "£30.00" in page and ">1.5<" in page
    assert "Zones" not in page
    assert AuditEvent.objects.filter(action="provision.map.pupil", pupil=pupil).exists()


def test_the_maps_queries_do_not_grow_with_groups(client_for, senco, school, map_offer):  # noqa: F811
    client = client_for(senco)
    url = reverse("provision_map", args=[school.urn])
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url, {"by": "class"})
    for n in range(4):
        pupils = [f.SenPupilFactory(school=school) for _ in range(3)]
        add_group(school, map_offer["lexia"], pupils, name=f"Lexia {n}")
    with CaptureQueriesContext(connection) as after:
        response = client.get(url, {"by": "class"})
    assert response.content.decode().count("Lexia") >= 1
    assert len(after.captured_queries) == len(before.captured_queries)


def test_a_lines_staff_are_named_in_alphabetical_order():
    """The same order on the page and in the downloads, whatever order a set gives."""
    from senco.provision.maps import Line

    line = Line(intervention=None, staff={"Zara Young", "Amir Khan", "Beth Lee"})
    assert line.staff_names == "Amir Khan, Beth Lee, Zara Young"
