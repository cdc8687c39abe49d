"""Each role's answer on every page of the graduated approach."""

import pytest
from django.urls import reverse

from senco.conftest import ROLES, SENCO_ONLY_PUPIL_ACTION, assert_valid_html
from senco.plans.models import ViewRequest

SEES = {"senco": 200, "leader": 200, "teacher": 200, "ta": 200}
NOT_THEIRS = {
    "other_teacher": 404,
    "office": 404,
    "governor": 404,
    "trust_lead": 404,
    "parent": 404,
    "outsider": 404,
}
READ = {**SEES, **NOT_THEIRS}
RUNS = {"senco": 200, "teacher": 200, "leader": 403, "ta": 403, **NOT_THEIRS}
RUNS_POST = {"senco": 302, "teacher": 302, "leader": 403, "ta": 403, **NOT_THEIRS}
NOTES_POST = {"senco": 302, "teacher": 302, "ta": 302, "leader": 403, **NOT_THEIRS}

GETS = {
    "plans_cycles": READ,
    "plans_cycle": READ,
    "plans_evidence_add": RUNS,
    "plans_plan": RUNS,
    "plans_review": RUNS,
}


def test_the_tables_cover_every_role():
    for answers in [*GETS.values(), RUNS_POST, NOTES_POST]:
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
    assert response.status_code == RUNS_POST[role]
    assert pupil.cycles.exists() == (RUNS_POST[role] == 302)


@pytest.mark.parametrize("role", ROLES)
def test_who_may_write_a_note(role, cast, client_for, pupil, planned, today):
    url = reverse("plans_note_add", args=[pupil.pk, planned.pk])
    response = client_for(cast[role]).post(url, {"date": today.isoformat(), "text": "Read well"})
    assert response.status_code == NOTES_POST[role]
    assert planned.notes.exists() == (NOTES_POST[role] == 302)


@pytest.mark.parametrize("role", ROLES)
def test_who_may_add_evidence(role, cast, client_for, pupil, cycle, today):
    url = reverse("plans_evidence_add", args=[pupil.pk, cycle.pk])
    data = {
        "kind": "observation",
        "date": today.isoformat(),
        "given_by": "Mr Patel",
        "summary": "Loses focus after ten minutes",
    }
    response = client_for(cast[role]).post(url, data)
    assert response.status_code == RUNS_POST[role]


@pytest.mark.parametrize("role", ROLES)
def test_only_the_senco_asks_teachers_for_views(role, cast, client_for, pupil, planned):
    url = reverse("plans_views_request", args=[pupil.pk, planned.pk])
    response = client_for(cast[role]).post(url)
    assert response.status_code == SENCO_ONLY_PUPIL_ACTION[role]


@pytest.mark.parametrize("role", ROLES)
def test_only_the_teacher_asked_opens_their_view_form(role, cast, client_for, pupil, planned):
    request = ViewRequest.objects.create(cycle=planned, teacher=cast["teacher"])
    response = client_for(cast[role]).get(reverse("plans_view_answer", args=[request.pk]))
    assert response.status_code == (200 if role == "teacher" else 404)
    assert_valid_html(response)


def test_a_cycle_of_another_pupil_is_not_found(client_for, senco, school, pupil, planned):
    from senco import factories as f

    other = f.SenPupilFactory(school=school)
    url = reverse("plans_cycle", args=[other.pk, planned.pk])
    assert client_for(senco).get(url).status_code == 404


def test_another_schools_cycle_is_not_found(client_for, senco, outsider, other_pupil):
    from senco.plans.services import cycle_start

    theirs = cycle_start(user=outsider, pupil=other_pupil)
    url = reverse("plans_cycle", args=[other_pupil.pk, theirs.pk])
    assert client_for(senco).get(url).status_code == 404


@pytest.mark.parametrize("name", ["plans_cycles", "plans_cycle"])
def test_signed_out_users_are_sent_to_sign_in(name, client, pupil, planned):
    args = [pupil.pk] if name == "plans_cycles" else [pupil.pk, planned.pk]
    response = client.get(reverse(name, args=args))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
