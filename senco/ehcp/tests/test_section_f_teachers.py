"""Section F for teachers: an EHC plan's classroom strategies, and what to do when things
are not going well, beside the passport in My pupils and on class sheets, for the pupils
each teacher teaches; those not in place yet stand out."""

import collections
import io

import pikepdf
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from senco import factories as f
from senco.access import scope_at
from senco.audit.actor import Actor
from senco.ehcp import services
from senco.ehcp.models import EHCPlan, ProvisionItem
from senco.ehcp.tests.conftest import plan_fields
from senco.lib.codes import Provision
from senco.profiles import pdf
from senco.profiles.selectors import class_sheet_groups
from senco.profiles.tests.test_pdfs import pdf_text, spy_on_pdfs
from senco.testing import assert_valid_html

Kind = ProvisionItem.Kind

IN_PLACE = "Sit near the front, away from the door"
NOT_YET = "Give instructions one step at a time, written down"
STRUGGLING = "Offer the quiet room with a time-out card"
INTERVENTION = "Speech and language therapy twice a week"


def _items(senco, plan):
    for what, kind, in_place in [
        (IN_PLACE, Kind.CLASSROOM, True),
        (NOT_YET, Kind.CLASSROOM, False),
        (STRUGGLING, Kind.WHEN_STRUGGLING, True),
        (INTERVENTION, Kind.INTERVENTION, False),
    ]:
        services.item_add(actor=Actor(senco), plan=plan, what=what, kind=kind, in_place=in_place)


@pytest.fixture
def strategies(senco, plan):
    _items(senco, plan)
    return plan


def _my_pupils(client, school):
    response = client.get(reverse("my_pupils", args=[school.urn]))
    assert response.status_code == 200
    assert_valid_html(response)
    return response.content.decode()


def test_a_teacher_sees_the_classroom_strategies_of_the_pupils_they_teach(
    client_for, teacher, school, ehc_pupil, strategies
):
    html = _my_pupils(client_for(teacher), school)
    assert "EHC plan, section F: in every lesson" in html
    assert IN_PLACE in html
    assert NOT_YET in html
    assert "EHC plan, section F: when things are not going well" in html
    assert STRUGGLING in html
    # Interventions are delivered by someone else: not on the teacher's page.
    assert INTERVENTION not in html
    # Only the item not in place is tagged.
    assert html.count("Not in place yet") == 1
    assert html.index(NOT_YET) < html.index("Not in place yet") < html.index(STRUGGLING)


def test_a_ta_who_supports_the_pupil_sees_them(client_for, ta, school, ehc_pupil, strategies):
    html = _my_pupils(client_for(ta), school)
    assert IN_PLACE in html
    assert STRUGGLING in html


def test_a_teacher_who_does_not_teach_the_pupil_sees_nothing_of_them(
    client_for, other_teacher, school, ehc_pupil, strategies
):
    group = f.TeachingGroupFactory(school=school, name="8B/Ma")
    group.teachers.add(other_teacher)
    group.pupils.add(f.SenPupilFactory(school=school))
    html = _my_pupils(client_for(other_teacher), school)
    assert "8B/Ma" in html
    assert IN_PLACE not in html
    assert "section F" not in html


def test_a_ceased_plan_shows_nothing(client_for, teacher, school, ehc_pupil, strategies):
    EHCPlan.objects.filter(pk=strategies.pk).update(status=EHCPlan.Status.CEASED)
    html = _my_pupils(client_for(teacher), school)
    assert IN_PLACE not in html


def test_a_pupil_without_a_plan_shows_nothing(client_for, teacher, school, pupil):
    html = _my_pupils(client_for(teacher), school)
    assert "section F" not in html


@pytest.fixture
def rendered(monkeypatch):
    return spy_on_pdfs(monkeypatch)


def test_the_class_sheet_prints_them(client_for, teacher, school, ehc_pupil, strategies, rendered):
    group = teacher.teaching_groups.get()
    response = client_for(teacher).get(reverse("class_sheet_pdf", args=[school.urn, group.pk]))
    assert response.content.startswith(b"%PDF")
    (html,) = rendered
    text = " ".join(pdf_text(html).split())
    assert "EHC plan, section F: in every lesson" in text
    assert IN_PLACE in text
    assert f"{NOT_YET} (Not in place yet)" in text
    assert STRUGGLING in text
    assert INTERVENTION not in text


def _tags(element, found: collections.Counter) -> collections.Counter:
    """How many of each structure tag a tagged PDF's tree holds under `element`."""
    if isinstance(element, pikepdf.Dictionary) and "/S" in element:
        found[str(element.S)] += 1
    kids = element.get("/K") if isinstance(element, pikepdf.Dictionary) else None
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary):
            _tags(kid, found)
    return found


def test_the_class_sheets_lines_are_a_list_a_screen_reader_can_walk(
    client_for, teacher, school, ehc_pupil, strategies
):
    """Each line is a list item with its body (the bullet is the item's own text: less
    for WeasyPrint to lay out than a marker, docs/demo-and-bench.md)."""
    group = teacher.teaching_groups.get()
    response = client_for(teacher).get(reverse("class_sheet_pdf", args=[school.urn, group.pk]))
    with pikepdf.open(io.BytesIO(response.content)) as document:
        tags = _tags(document.Root.StructTreeRoot, collections.Counter())
    assert tags["/L"] == 2  # in every lesson; when things are not going well
    assert tags["/LI"] >= 3 and tags["/LBody"] == tags["/LI"]


def test_the_senco_prints_a_year_groups_sheets_with_them(
    senco, teacher, school, ehc_pupil, strategies
):
    group = teacher.teaching_groups.get()
    scope = scope_at(senco, school)
    groups = class_sheet_groups(scope=scope, year_group=group.year_group)
    html = pdf.class_sheets_html(scope=scope, groups=groups, title="Sheets")
    assert IN_PLACE in html
    assert "Not in place yet" in html


# --- Queries -------------------------------------------------------------------------------


def _fill(school, senco, teacher, n):
    group = f.TeachingGroupFactory(school=school, name="9C/Sc")
    group.teachers.add(teacher)
    pupils = f.SenPupilFactory.create_batch(n, school=school, sen_provision=Provision.EHC_PLAN)
    group.pupils.add(*pupils)
    for p in pupils:
        plan = services.plan_save(actor=Actor(senco), pupil=p, **plan_fields())
        _items(senco, plan)


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response


@pytest.mark.parametrize("n", [2, 12])
def test_my_pupils_costs_one_query_more_whatever_the_number_of_plans(n, client_for, senco, school):
    teacher = f.MembershipFactory(school=school, role="teacher").user
    url = reverse("my_pupils", args=[school.urn])
    client = client_for(teacher)
    group = f.TeachingGroupFactory(school=school, name="9C/En")
    group.teachers.add(teacher)
    group.pupils.add(*f.SenPupilFactory.create_batch(3, school=school))
    without, _ = _queries(client, url)
    _fill(school, senco, teacher, n)
    with_plans, response = _queries(client, url)
    assert response.content.decode().count(IN_PLACE) == n
    assert with_plans == without + 1
