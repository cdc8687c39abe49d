"""Each role's answer on every page of the self-evaluation (GET and POST)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from senco.lib import clock
from senco.strategy.models import SelfEvaluation, SelfEvaluationAnswer
from senco.strategy.selfeval_questions import COMPLIANCE
from senco.testing import ROLES, answers, assert_valid_html, role_tables

# The SENCO and their line manager (a leader) read and write it; other staff, governors and
# the trust's SEND lead may not (403); a parent and another school's SENCO: 404.
SELF_EVALUATORS = answers(403, senco=200, leader=200, parent=404, outsider=404)
SELF_EVALUATORS_ACTION = {**SELF_EVALUATORS, "senco": 302, "leader": 302}

GETS = role_tables(
    {
        "strategy_selfeval": SELF_EVALUATORS,
        "strategy_selfeval_set": SELF_EVALUATORS,
        "strategy_selfeval_answer": SELF_EVALUATORS,
    }
)
POSTS = role_tables(
    {
        "strategy_selfeval_set": SELF_EVALUATORS_ACTION,
        "strategy_selfeval_answer": SELF_EVALUATORS_ACTION,
    },
    method="POST",
)


def _url(name, school):
    args = {
        "strategy_selfeval": [school.urn],
        "strategy_selfeval_set": [school.urn, "compliance"],
        "strategy_selfeval_answer": [school.urn, "compliance", "apdr"],
    }[name]
    return reverse(name, args=args)


def _all_answered(school, senco):
    evaluation = SelfEvaluation.objects.create(
        school=school,
        academic_year=clock.academic_year_of(timezone.localdate()),
        questions="compliance",
        started_by=senco,
    )
    SelfEvaluationAnswer.objects.bulk_create(
        SelfEvaluationAnswer(evaluation=evaluation, question=q.key, rating="yes")
        for q in COMPLIANCE.questions
    )
    return evaluation


@pytest.mark.parametrize("name", sorted(GETS))
@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_the_right_answer(name, role, cast, client_for, school, senco):
    _all_answered(school, senco)
    response = client_for(cast[role]).get(_url(name, school))
    assert response.status_code == GETS[name][role]
    if response.status_code == 200:
        assert_valid_html(response)


@pytest.mark.parametrize("name", sorted(POSTS))
@pytest.mark.parametrize("role", ROLES)
def test_each_role_may_post_only_as_the_table_says(name, role, cast, client_for, school, senco):
    evaluation = _all_answered(school, senco)
    data = {"rating": "partly", "words": "Started", "version": "1"}
    response = client_for(cast[role]).post(_url(name, school), data)
    assert response.status_code == POSTS[name][role]
    evaluation.refresh_from_db()
    answer = evaluation.answers.get(question="apdr")
    allowed = POSTS[name][role] == 302
    if name == "strategy_selfeval_set":
        assert (evaluation.finished_at is not None) == allowed
    else:
        assert (answer.rating == "partly") == allowed
