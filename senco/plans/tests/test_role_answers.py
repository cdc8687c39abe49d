"""Each role's answer on every page of the graduated approach."""

import pytest
from django.urls import reverse

from senco.audit.actor import Actor
from senco.lib.forms import date_data
from senco.plans.models import OutcomeProgress, Review, ViewRequest
from senco.plans.tests.conftest import plan_data
from senco.testing import (
    CYCLE_RUNNERS_ACTION,
    CYCLE_RUNNERS_PAGE,
    NOTE_WRITERS_ACTION,
    ONLY_THE_TEACHER_ASKED,
    ONLY_THE_TEACHER_ASKED_ACTION,
    PUPIL_READERS,
    ROLES,
    SENCO_ONLY_PUPIL_ACTION,
    assert_valid_html,
    role_table,
    role_tables,
)

GETS = role_tables(
    {
        "plans_cycles": PUPIL_READERS,
        "plans_cycle": PUPIL_READERS,
        "plans_evidence_add": CYCLE_RUNNERS_PAGE,
        "plans_plan": CYCLE_RUNNERS_PAGE,
        "plans_review": CYCLE_RUNNERS_PAGE,
        "plans_plan_history": PUPIL_READERS,
        "plans_plan_compare": PUPIL_READERS,
    }
)
POSTS = role_tables(
    {
        "plans_start": CYCLE_RUNNERS_ACTION,
        "plans_evidence_add": CYCLE_RUNNERS_ACTION,
        "plans_plan": CYCLE_RUNNERS_ACTION,
        "plans_review": CYCLE_RUNNERS_ACTION,
        "plans_note_add": NOTE_WRITERS_ACTION,
        "plans_views_request": SENCO_ONLY_PUPIL_ACTION,
    },
    method="POST",
)
VIEW_ANSWER = role_table("plans_view_answer", ONLY_THE_TEACHER_ASKED)
VIEW_ANSWER_POST = role_table("plans_view_answer", ONLY_THE_TEACHER_ASKED_ACTION, method="POST")


def test_the_tables_cover_every_role():
    for answers in [*GETS.values(), *POSTS.values(), VIEW_ANSWER, VIEW_ANSWER_POST]:
        assert set(answers) == set(ROLES)


@pytest.mark.parametrize("name", sorted(GETS))
@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_the_right_answer(name, role, cast, client_for, pupil, planned):
    args = [pupil.pk] if name == "plans_cycles" else [pupil.pk, planned.pk]
    response = client_for(cast[role]).get(reverse(name, args=args))
    assert response.status_code == GETS[name][role]
    assert_valid_html(response)
    if response.status_code != 200:
        assert pupil.legal_surname.encode() not in response.content


@pytest.mark.parametrize("role", ROLES)
def test_who_may_start_a_cycle(role, cast, client_for, pupil):
    response = client_for(cast[role]).post(reverse("plans_start", args=[pupil.pk]))
    assert response.status_code == POSTS["plans_start"][role]
    assert pupil.cycles.exists() == (POSTS["plans_start"][role] == 302)


@pytest.mark.parametrize("role", ROLES)
def test_who_may_write_a_note(role, cast, client_for, pupil, planned, today):
    url = reverse("plans_note_add", args=[pupil.pk, planned.pk])
    response = client_for(cast[role]).post(url, {**date_data("date", today), "text": "Read well"})
    assert response.status_code == POSTS["plans_note_add"][role]
    assert planned.notes.exists() == (POSTS["plans_note_add"][role] == 302)


@pytest.mark.parametrize("role", ROLES)
def test_who_may_add_evidence(role, cast, client_for, pupil, cycle, today):
    url = reverse("plans_evidence_add", args=[pupil.pk, cycle.pk])
    data = {
        "kind": "observation",
        **date_data("date", today),
        "given_by": "Mr Patel",
        "summary": "Loses focus after ten minutes",
    }
    response = client_for(cast[role]).post(url, data)
    assert response.status_code == POSTS["plans_evidence_add"][role]


@pytest.mark.parametrize("role", ROLES)
def test_only_the_senco_asks_teachers_for_views(role, cast, client_for, pupil, planned):
    url = reverse("plans_views_request", args=[pupil.pk, planned.pk])
    response = client_for(cast[role]).post(url)
    assert response.status_code == POSTS["plans_views_request"][role]
    assert ViewRequest.objects.exists() == (role == "senco")


@pytest.mark.parametrize("role", ROLES)
def test_only_the_teacher_asked_opens_their_view_form(role, cast, client_for, pupil, planned):
    request = ViewRequest.objects.create(cycle=planned, teacher=cast["teacher"])
    response = client_for(cast[role]).get(reverse("plans_view_answer", args=[request.pk]))
    assert response.status_code == VIEW_ANSWER[role]
    assert_valid_html(response)


@pytest.mark.parametrize("role", ROLES)
def test_only_the_teacher_asked_gives_their_view(role, cast, client_for, pupil, planned):
    request = ViewRequest.objects.create(cycle=planned, teacher=cast["teacher"])
    url = reverse("plans_view_answer", args=[request.pk])
    response = client_for(cast[role]).post(url, {"view": "Much more settled in English"})
    assert response.status_code == VIEW_ANSWER_POST[role]
    request.refresh_from_db()
    assert (request.answered_at is not None) == (role == "teacher")


@pytest.mark.parametrize("role", ROLES)
def test_who_may_write_the_plan(role, cast, client_for, pupil, cycle):
    url = reverse("plans_plan", args=[pupil.pk, cycle.pk])
    response = client_for(cast[role]).post(url, plan_data())
    assert response.status_code == POSTS["plans_plan"][role]
    cycle.refresh_from_db()
    assert (cycle.planned_at is not None) == (role in ("senco", "teacher"))


@pytest.mark.parametrize("role", ROLES)
def test_who_may_record_the_review(role, cast, client_for, pupil, planned, today):
    first, second = planned.outcomes.all()
    data = {
        **date_data("held_on", today),
        "kind": Review.Kind.STANDARD,
        f"rating_{first.pk}": OutcomeProgress.Rating.ACHIEVED,
        f"rating_{second.pk}": OutcomeProgress.Rating.SOME,
        "pupil_view": "I like the group",
    }
    url = reverse("plans_review", args=[pupil.pk, planned.pk])
    response = client_for(cast[role]).post(url, data)
    assert response.status_code == POSTS["plans_review"][role]
    planned.refresh_from_db()
    assert planned.is_open == (role not in ("senco", "teacher"))


def test_a_cycle_of_another_pupil_is_not_found(client_for, senco, school, pupil, planned):
    from senco import factories as f

    other = f.SenPupilFactory(school=school)
    url = reverse("plans_cycle", args=[other.pk, planned.pk])
    assert client_for(senco).get(url).status_code == 404


def test_another_schools_cycle_is_not_found(client_for, senco, outsider, other_pupil):
    from senco.plans.services import cycle_start

    theirs = cycle_start(actor=Actor(outsider), pupil=other_pupil)
    url = reverse("plans_cycle", args=[other_pupil.pk, theirs.pk])
    assert client_for(senco).get(url).status_code == 404


@pytest.mark.parametrize("name", ["plans_cycles", "plans_cycle"])
def test_signed_out_users_are_sent_to_sign_in(name, client, pupil, planned):
    args = [pupil.pk] if name == "plans_cycles" else [pupil.pk, planned.pk]
    response = client.get(reverse(name, args=args))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
