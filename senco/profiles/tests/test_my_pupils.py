"""My pupils: each group a teacher teaches, with its SEND pupils' essentials, in a fixed
number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from senco import factories as f
from senco.audit.models import AuditEvent
from senco.profiles.tests.conftest import add_photo, save_passport
from senco.testing import assert_valid_html

# Session, user, school with the membership, groups, their SEND pupils (with photo, and the
# latest version's three sections and last review as subqueries), one read of the school's
# term dates for "out of date" (senco.schools.selectors.saved_terms), the pupils'
# intervention groups running now (the provision app's `for_teachers`), and the audit insert
# (the session is written at most once a minute: none here, senco/middleware.py).
MY_PUPILS_QUERIES = 8


def _url(school):
    return reverse("my_pupils", args=[school.urn])


def test_a_teacher_sees_their_groups_send_pupils(client_for, teacher, school, pupil, passport):
    group = teacher.teaching_groups.get()
    group.pupils.add(f.PupilFactory(school=school, forename="Noneed"))
    response = client_for(teacher).get(_url(school))
    assert_valid_html(response)
    html = response.content.decode()
    assert "7A/En1 (English)" in html
    assert pupil.forename in html
    assert "Sitting near the front &amp; a visual timetable" in html
    assert "Loud rooms" in html and "Give me time to answer" in html
    assert "Noneed" not in html
    assert reverse("class_sheet_pdf", args=[school.urn, group.pk]) in html
    event = AuditEvent.objects.get(action="my_pupils.view")
    assert (event.pupil, event.school) == (pupil, school)


def test_a_ta_sees_the_pupils_they_support(client_for, ta, senco, school, pupil, passport):
    add_photo(pupil, senco)
    response = client_for(ta).get(_url(school))
    assert_valid_html(response)
    html = response.content.decode()
    assert "Pupils you support" in html
    assert "Give me time to answer" in html
    assert reverse("pupil_photo", args=[pupil.pk]) in html


def test_a_pupil_without_a_passport_is_flagged(client_for, teacher, school, pupil):
    response = client_for(teacher).get(_url(school))
    assert b"No passport" in response.content


def test_a_senco_with_no_groups_gets_a_message(client_for, senco, school):
    response = client_for(senco).get(_url(school))
    assert_valid_html(response)
    assert b"You do not teach any teaching group" in response.content


def test_a_teacher_with_no_groups_gets_a_message(client_for, other_teacher, school):
    response = client_for(other_teacher).get(_url(school))
    assert b"You do not teach any teaching group" in response.content


def _fill(school, senco, user, groups, per_group):
    for g in range(groups):
        group = f.TeachingGroupFactory(school=school, name=f"Q{g}", year_group=7)
        group.teachers.add(user)
        pupils = f.SenPupilFactory.create_batch(per_group, school=school)
        group.pupils.add(*pupils, f.PupilFactory(school=school))
        for i, p in enumerate(pupils):
            if i % 2:
                save_passport(p, senco, what_helps_me=f"Help {i}")
            if i % 3 == 0:
                add_photo(p, senco)


@pytest.mark.parametrize(("groups", "per_group"), [(2, 5), (8, 30)])
def test_my_pupils_queries_do_not_grow(groups, per_group, client_for, senco, school):
    teacher = f.MembershipFactory(school=school, role="teacher").user
    _fill(school, senco, teacher, groups, per_group)
    client = client_for(teacher)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(_url(school))
    assert response.status_code == 200
    assert response.content.count(b'<tr class="govuk-table__row">') == groups * (per_group + 1)
    assert len(ctx.captured_queries) == MY_PUPILS_QUERIES
