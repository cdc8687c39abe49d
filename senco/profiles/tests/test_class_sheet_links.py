"""Class sheets are one click away: from a teaching group's page, from My pupils (all of a
teacher's classes, or a TA's pupils, as one PDF) and from the register's year filter."""

import pytest
from django.urls import reverse

from senco import factories as f
from senco.audit.models import AuditEvent
from senco.testing import ROLES, answers, role_table

MY_SHEETS = role_table(
    "my_class_sheets_pdf",
    # Those who teach or support pupils get their sheet; the SENCO and leader teach no
    # group in the cast, so there is nothing to print: 404 as for anything not there.
    answers(404, teacher=200, ta=200, office=403, governor=403, trust_lead=403),
)


@pytest.mark.parametrize("role", ROLES)
def test_each_role_and_my_class_sheets(role, cast, client_for, school, pupil):
    response = client_for(cast[role]).get(reverse("my_class_sheets_pdf", args=[school.urn]))
    assert response.status_code == MY_SHEETS[role]


def test_a_teacher_prints_all_their_classes_as_one_pdf(client_for, teacher, school, pupil):
    client = client_for(teacher)
    assert (
        reverse("my_class_sheets_pdf", args=[school.urn])
        in client.get(reverse("my_pupils", args=[school.urn])).content.decode()
    )
    response = client.get(reverse("my_class_sheets_pdf", args=[school.urn]))
    assert response.content.startswith(b"%PDF")
    event = AuditEvent.objects.get(action="class_sheet.pdf")
    assert event.pupil == pupil


def test_a_ta_prints_the_sheet_of_the_pupils_they_support(client_for, ta, school, pupil):
    response = client_for(ta).get(reverse("my_class_sheets_pdf", args=[school.urn]))
    assert response.content.startswith(b"%PDF")
    event = AuditEvent.objects.get(action="class_sheet.pdf")
    assert (event.detail["groups"], event.pupil) == ([], pupil)


def test_the_senco_prints_a_groups_sheet_from_its_page(client_for, senco, school):
    group = f.TeachingGroupFactory(school=school, name="8B/Ma2")
    html = (
        client_for(senco).get(reverse("group_detail", args=[school.urn, group.pk])).content.decode()
    )
    assert reverse("class_sheet_pdf", args=[school.urn, group.pk]) in html


def test_the_register_links_the_year_groups_sheets(client_for, senco, leader, teacher, school):
    url = reverse("register", args=[school.urn]) + "?year=9"
    sheets = reverse("class_sheets_year", args=[school.urn, 9])
    assert sheets in client_for(senco).get(url).content.decode()
    assert sheets in client_for(leader).get(url).content.decode()
    assert sheets not in client_for(teacher).get(url).content.decode()
    assert (
        sheets not in client_for(senco).get(reverse("register", args=[school.urn])).content.decode()
    )
