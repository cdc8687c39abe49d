"""The self-evaluation: the sets, a set's questions with the evidence and last year's
answers, answering (versioned, audited), finishing, 404s and query counts."""

import random

import pytest
from django.urls import reverse
from django.utils import timezone

from senco import factories as f
from senco import registry
from senco.audit.actor import Actor
from senco.audit.models import AuditEvent
from senco.demo.context import DemoSchool, DemoTrust
from senco.lib import clock
from senco.strategy import selfeval_selectors as selectors
from senco.strategy import selfeval_services as services
from senco.strategy.audit import StrategyAction
from senco.strategy.models import SelfEvaluation, SelfEvaluationAnswer
from senco.strategy.selfeval_demo import build
from senco.strategy.selfeval_questions import COMPLIANCE, OPERATIONAL, QUESTION_SETS
from senco.testing import assert_valid_html

TODAY = timezone.localdate()
YEAR = clock.academic_year_of(TODAY)


def _answer(actor_user, school, question, rating="yes", year=YEAR, questions="compliance", **kw):
    return services.answer_save(
        actor=Actor(actor_user),
        school=school,
        year=year,
        questions=questions,
        question=question,
        rating=rating,
        **kw,
    )


def _set_url(school, key="compliance", year=None):
    url = reverse("strategy_selfeval_set", args=[school.urn, key])
    return url + (f"?year={year}" if year else "")


def _answer_url(school, question, key="compliance"):
    return reverse("strategy_selfeval_answer", args=[school.urn, key, question])


def test_the_question_sets_come_from_their_sources():
    assert set(QUESTION_SETS) == {"compliance", "operational"}
    assert [q.key for q in COMPLIANCE.questions] == [
        "annual_reviews",
        "parent_meetings",
        "parents_told",
        "section_f",
        "apdr",
        "information_report",
    ]
    assert "Schedule 1" in COMPLIANCE.source
    assert len(OPERATIONAL.questions) == 13
    for question_set in QUESTION_SETS.values():
        keys = [q.key for q in question_set.questions]
        assert len(keys) == len(set(keys))
        for q in question_set.questions:
            assert set(q.evidence) <= set(registry.EVIDENCE_KEYS)


def test_the_sets_as_a_task_list(client_for, senco, school):
    _answer(senco, school, "apdr")
    _answer(senco, school, "apdr", year=YEAR - 1)
    response = client_for(senco).get(reverse("strategy_selfeval", args=[school.urn]))
    assert_valid_html(response)
    html = response.content.decode()
    assert "1 of 6 answered" in html and "Last year: 1 of 6 answered." in html
    assert "Operational areas of focus" in html and "Not started" in html
    assert (
        AuditEvent.objects.filter(action=StrategyAction.SELFEVAL_VIEW, school=school).count() == 1
    )


def test_a_set_shows_the_evidence_this_years_and_last_years_answers(client_for, senco, school):
    f.SenPupilFactory.create_batch(3, school=school, parents_not_told=True)
    _answer(senco, school, "parents_told", "partly", words="Letters go home for most changes.")
    _answer(senco, school, "parents_told", "no", year=YEAR - 1, words="No letters were sent.")
    response = client_for(senco).get(_set_url(school))
    assert_valid_html(response)
    html = response.content.decode()
    assert "Letters go home for most changes." in html and "No letters were sent." in html
    assert "Pupils whose parents have not yet been told of a change on the register" in html
    assert "SEND Code of Practice 6.43" in html
    assert "1 of 6 questions answered" in html
    assert "Mark as finished" not in html


def test_another_years_set(client_for, senco, school):
    _answer(senco, school, "apdr", year=YEAR - 1, words="Last year's words")
    response = client_for(senco).get(_set_url(school, year=YEAR - 1))
    assert "Last year&#x27;s words" in response.content.decode()
    assert client_for(senco).get(_set_url(school, year="20x6")).status_code == 404


def test_unknown_sets_and_questions_are_404(client_for, senco, school, other_school):
    client = client_for(senco)
    assert client.get(_set_url(school, "nothing")).status_code == 404
    assert client.get(_answer_url(school, "nothing")).status_code == 404
    assert client.get(_answer_url(school, "qa_plans", key="compliance")).status_code == 404
    assert client.get(_set_url(other_school)).status_code == 404


def test_the_senco_answers_and_the_line_manager_comments(client_for, senco, leader, school):
    url = _answer_url(school, "section_f")
    page = client_for(senco).get(url)
    assert_valid_html(page)
    assert "Section F items of EHC plans" not in page.content.decode()  # no plans: no figure
    response = client_for(senco).post(
        url,
        {"rating": "partly", "words": "All but one", "next_step": "Chase the LA", "version": "0"},
    )
    assert response.status_code == 302
    assert response["Location"] == _set_url(school) + "#section_f"
    answer = SelfEvaluationAnswer.objects.get(question="section_f")
    assert (answer.rating, answer.version, answer.updated_by) == ("partly", 1, senco)
    response = client_for(leader).post(
        url,
        {
            "rating": "partly",
            "words": "All but one",
            "next_step": "Chase the LA",
            "line_manager_words": "Escalate by Easter",
            "version": "1",
        },
    )
    assert response.status_code == 302
    answer.refresh_from_db()
    assert (answer.line_manager_words, answer.version, answer.updated_by) == (
        "Escalate by Easter",
        2,
        leader,
    )
    assert AuditEvent.objects.filter(action=StrategyAction.SELFEVAL_ANSWER).count() == 2
    assert AuditEvent.objects.filter(action=StrategyAction.SELFEVAL_FORM_VIEW).count() == 1


def test_two_people_never_silently_overwrite_each_other(client_for, senco, leader, school):
    url = _answer_url(school, "apdr")
    _answer(senco, school, "apdr", "yes", words="Every pupil has a plan")
    # The leader opened the form at version 1; the SENCO saves again meanwhile.
    _answer(senco, school, "apdr", "partly", words="Most pupils have a plan")
    response = client_for(leader).post(url, {"rating": "yes", "words": "Mine", "version": "1"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Someone else changed this since you opened it" in html
    assert "Most pupils have a plan" in html
    assert_valid_html(response)
    assert SelfEvaluationAnswer.objects.get(question="apdr").words == "Most pupils have a plan"


def test_an_answer_needs_a_rating(client_for, senco, school):
    response = client_for(senco).post(_answer_url(school, "apdr"), {"words": "x", "version": "0"})
    assert response.status_code == 200
    assert (
        "Choose whether this is in place: yes, partly, no or does not apply"
        in response.content.decode()
    )
    assert_valid_html(response)
    assert not SelfEvaluationAnswer.objects.exists()


def test_mark_as_finished_only_when_every_question_is_answered(client_for, senco, school):
    client = client_for(senco)
    for q in COMPLIANCE.questions[:-1]:
        _answer(senco, school, q.key)
    response = client.post(_set_url(school))
    assert response.status_code == 200
    assert "Answer every question before you mark this as finished" in response.content.decode()
    _answer(senco, school, COMPLIANCE.questions[-1].key, "na")
    assert "Mark as finished" in client.get(_set_url(school)).content.decode()
    assert client.post(_set_url(school)).status_code == 302
    evaluation = SelfEvaluation.objects.get(questions="compliance")
    assert evaluation.finished_at is not None
    assert (
        "Finished" in client.get(reverse("strategy_selfeval", args=[school.urn])).content.decode()
    )


def test_the_menu_lists_it_under_go_to_for_the_senco_and_leaders(senco, leader, teacher, school):
    from senco.access import scope_at

    labels = lambda user: [i.home_label for i in registry.home_links_for(scope_at(user, school))]  # noqa: E731
    assert "Self-evaluation" in labels(senco) and "Self-evaluation" in labels(leader)
    assert "Self-evaluation" not in labels(teacher)


@pytest.mark.parametrize("key", sorted(QUESTION_SETS))
def test_queries_do_not_grow_with_answers_or_pupils(
    client_for, senco, school, key, django_assert_max_num_queries
):
    client = client_for(senco)
    url = _set_url(school, key)
    questions = QUESTION_SETS[key].questions
    f.SenPupilFactory.create_batch(3, school=school)
    f.SenPupilFactory(school=school, sen_provision="E")
    _answer(senco, school, questions[0].key, questions=key)
    _answer(senco, school, questions[0].key, year=YEAR - 1, questions=key)
    client.get(url)  # sessions, caches
    with django_assert_max_num_queries(70) as few:
        client.get(url)
    for q in questions:
        _answer(senco, school, q.key, questions=key)
        _answer(senco, school, q.key, year=YEAR - 1, questions=key)
    f.SenPupilFactory.create_batch(12, school=school)
    f.SenPupilFactory.create_batch(3, school=school, sen_provision="E")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_the_demo_has_last_year_answered_and_this_years_compliance_half_done(
    client_for, senco, leader, school
):
    demo_school = DemoSchool(
        school=school,
        phase="secondary",
        rng=random.Random(7),
        staff={"senco": [senco], "leader": [leader]},
        pupils=[],
        terms=[],
    )
    build(DemoTrust(trust=school.trust, today=TODAY, seed=7, schools=[demo_school]))
    rows = {r.question_set.key: r for r in selectors.set_rows(school, YEAR)}
    assert rows["compliance"].answered == 3 and rows["compliance"].total == 6
    assert rows["compliance"].last_year_answered == 6
    assert rows["operational"].answered == 0
    assert rows["operational"].last_year_answered == len(OPERATIONAL.questions)
    last_year = SelfEvaluation.objects.filter(school=school, academic_year=YEAR - 1)
    assert last_year.count() == 2 and all(e.finished_at for e in last_year)
    assert all(e.finished_at.date() < TODAY for e in last_year)
    response = client_for(senco).get(_set_url(school))
    assert_valid_html(response)
    assert "Agreed. The office manager will take the invitations on from April." in (
        response.content.decode().replace("&#x27;", "'")
    )


def test_a_figure_links_only_to_pages_the_reader_may_open(senco, leader, school):
    from senco.access import scope_at

    add = reverse("provision_offer_add", args=[school.urn])  # the SENCO's only
    summary = reverse("register_summary", args=[school.urn])
    assert selectors.may_open(scope_at(senco, school), add)
    assert not selectors.may_open(scope_at(leader, school), add)
    assert selectors.may_open(scope_at(leader, school), summary + "?x=1")
    assert not selectors.may_open(scope_at(leader, school), "")
    assert not selectors.may_open(scope_at(leader, school), "/nowhere/")
