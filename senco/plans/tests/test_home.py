"""The home page: each person's list of what needs doing, at a fixed number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from senco import factories as f
from senco.audit.actor import Actor
from senco.plans import services
from senco.plans.models import Cycle, ViewRequest
from senco.testing import assert_valid_html


def _todo(section) -> dict:
    """Everything a school's section of the home page lists, by name."""
    return {name: rows for part in section["todo"] for name, rows in part.context.items()}


def _due_in(cycle, days, today):
    cycle.review_date = today + datetime.timedelta(days=days)
    cycle.save()
    return cycle


def test_the_senco_sees_what_needs_doing(client_for, senco, teacher, school, pupil, today):
    due = _due_in(services.cycle_start(actor=Actor(senco), pupil=pupil), 5, today)
    late_pupil = f.SenPupilFactory(school=school, legal_surname="Latey")
    _due_in(services.cycle_start(actor=Actor(senco), pupil=late_pupil), -3, today)
    f.SenPupilFactory(school=school, legal_surname="Nocycle")
    f.PupilFactory(school=school, legal_surname="Notonregister")
    ViewRequest.objects.create(cycle=due, teacher=teacher)

    response = client_for(senco).get(reverse("home"))
    assert response.status_code == 200
    assert_valid_html(response)
    content = response.content.decode()
    assert "Reviews due in the next two weeks" in content
    assert "Reviews overdue" in content
    section = _todo(response.context["sections"][0])
    assert [c.pupil for c, _ in section["reviews_due"]] == [pupil]
    assert [c.pupil for c, _ in section["reviews_overdue"]] == [late_pupil]
    assert [p.legal_surname for p in section["without_cycle"]] == ["Nocycle"]
    [awaited] = section["views_awaited"]
    assert awaited.startswith(f'<li>{teacher}, about <a class="govuk-link" href="')
    assert reverse("plans_cycle", args=[pupil.pk, due.pk]) in awaited
    assert f"(review by {due.review_date:%-d %b %Y})" in awaited
    assert "Overdue" in content and "Due soon" in content
    assert "Notonregister" not in content


def test_a_teacher_sees_their_requests_and_their_pupils_reviews(
    client_for, senco, teacher, school, pupil, today
):
    cycle = _due_in(services.cycle_start(actor=Actor(senco), pupil=pupil), 3, today)
    other = f.SenPupilFactory(school=school, legal_surname="Nottaught")
    _due_in(services.cycle_start(actor=Actor(senco), pupil=other), 3, today)
    request = ViewRequest.objects.create(cycle=cycle, teacher=teacher)
    response = client_for(teacher).get(reverse("home"))
    content = response.content.decode()
    assert reverse("plans_view_answer", args=[request.pk]) in content
    assert "Reviews coming up for your pupils" in content
    assert "Nottaught" not in content
    assert_valid_html(response)


def test_a_ta_sees_reviews_for_their_pupils(client_for, senco, ta, pupil, today):
    _due_in(services.cycle_start(actor=Actor(senco), pupil=pupil), 1, today)
    response = client_for(ta).get(reverse("home"))
    assert [c.pupil for c, _ in _todo(response.context["sections"][0])["reviews_coming"]] == [pupil]
    assert "Due soon" in response.content.decode()
    assert_valid_html(response)


@pytest.mark.parametrize("role", ["governor", "trust_lead", "office"])
def test_roles_without_pupils_never_see_a_name(role, cast, client_for, senco, pupil, today):
    _due_in(services.cycle_start(actor=Actor(senco), pupil=pupil), 1, today)
    response = client_for(cast[role]).get(reverse("home"))
    assert response.status_code == 200
    assert pupil.legal_surname not in response.content.decode()
    assert_valid_html(response)


def test_someone_at_two_schools_sees_a_section_for_each(client_for, senco, sister_school):
    f.MembershipFactory(user=senco, school=sister_school, role="teacher")
    response = client_for(senco).get(reverse("home"))
    assert len(response.context["sections"]) == 2
    assert response.context["scope"] is None
    assert_valid_html(response)


def _fill(school, senco, teacher, n, today):
    group = teacher.teaching_groups.get()
    for i, p in enumerate(f.SenPupilFactory.create_batch(n, school=school)):
        group.pupils.add(p)
        cycle = services.cycle_start(actor=Actor(senco), pupil=p)
        _due_in(cycle, [-2, 4, 30][i % 3], today)
        ViewRequest.objects.create(cycle=cycle, teacher=teacher)
    f.SenPupilFactory.create_batch(n // 5, school=school)


def _count(client):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("home"))
    assert response.status_code == 200
    return len(ctx.captured_queries)


# Session, user, memberships, trusts, then one query a list (the session is written at most
# once a minute: none here, senco/middleware.py). The SENCO's lists: reviews due, overdue,
# pupils with no cycle, views awaited, passports out of date (which reads the school's
# term dates once first), and the EHC plans' two lists (section F not in place, annual
# reviews due), and the statutory deadlines due (the sources of the calendar's events that
# carry them, `deadline_events`: EHC plans' next reviews, open annual reviews, needs
# assessments; not the cycles or review days, which have none). The teacher's:
# views to give and reviews coming. The interventions' section (provision/links.py): groups
# with no session recorded for a week, and section F interventions no group delivers. The
# families asking for a meeting and the views from families not yet read (parents). Everyone's:
# the follow-up actions from meetings with families they own (families/capability.py).
# The SENCO's and leaders': the last census check since two weeks before the next census
# day (year/census_hooks.py; one query all year, so the count does not depend on the day).
# Everyone's with tasks of the SENCO's year: theirs overdue or due this week (year/tasks_hooks.py).
HOME_QUERIES = {"senco": 22, "teacher": 8}


@pytest.mark.parametrize("role", ["senco", "teacher"])
def test_home_queries_do_not_grow(role, cast, client_for, senco, teacher, school, today):
    counts = []
    for n in (5, 50):
        Cycle.objects.all().delete()
        _fill(school, senco, teacher, n, today)
        counts.append(_count(client_for(cast[role])))
    assert counts == [HOME_QUERIES[role]] * 2


def test_a_long_list_of_views_awaited_shows_eight_and_folds_the_rest(
    client_for, senco, teacher, school, today
):
    for n in range(11):
        pupil = f.SenPupilFactory(school=school, legal_surname=f"Awaited{n:02}")
        cycle = _due_in(services.cycle_start(actor=Actor(senco), pupil=pupil), 5, today)
        ViewRequest.objects.create(cycle=cycle, teacher=teacher)
    response = client_for(senco).get(reverse("home"))
    assert_valid_html(response)
    content = response.content.decode()
    assert "Teachers' views still awaited (11)" in content
    shown, folded = content.split('id="views-awaited"')[1].split("Show 3 more")
    assert shown.count("Awaited") == 8
    assert folded.split("</details>")[0].count("Awaited") == 3
