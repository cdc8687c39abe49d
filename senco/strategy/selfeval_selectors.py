"""Reads of the self-evaluation: the sets with how many questions are answered, a set's
questions with this year's and last year's answers and the evidence beside them, and one
question. A fixed number of queries whatever the number of answers (the evidence adds a
few per key, not per pupil)."""

import datetime
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

from django.db.models import Count, Q
from django.http import Http404
from django.urls import Resolver404, resolve

from senco import registry
from senco.lib import clock
from senco.strategy.models import SelfEvaluation, SelfEvaluationAnswer
from senco.strategy.plan_selectors import year_or_404  # noqa: F401  (the views' too)
from senco.strategy.selfeval_questions import QUESTION_SETS, Question, QuestionSet


def set_or_404(key: str) -> QuestionSet:
    found = QUESTION_SETS.get(key)
    if found is None:
        raise Http404("Not found")
    return found


def question_or_404(question_set: QuestionSet, key: str) -> Question:
    found = question_set.question(key)
    if found is None:
        raise Http404("Not found")
    return found


@dataclass(frozen=True)
class SetRow:
    """A question set on the first page: how many of its questions are answered."""

    question_set: QuestionSet
    answered: int
    finished: datetime.datetime | None
    last_year_answered: int

    @property
    def total(self) -> int:
        return len(self.question_set.questions)


def set_rows(school, year: int) -> list[SetRow]:
    """Every question set, with this year's and last year's number answered. One query."""
    evaluations = SelfEvaluation.objects.filter(
        school=school, academic_year__in=[year, year - 1]
    ).annotate(answered=Count("answers", filter=Q(answers__rating__gt="")))
    found = {(e.academic_year, e.questions): e for e in evaluations}
    rows = []
    for key, question_set in QUESTION_SETS.items():
        this, last = found.get((year, key)), found.get((year - 1, key))
        total = len(question_set.questions)
        rows.append(
            SetRow(
                question_set,
                min(this.answered, total) if this else 0,
                this.finished_at if this else None,
                min(last.answered, total) if last else 0,
            )
        )
    return rows


def evaluation_of(school, year: int, key: str) -> SelfEvaluation | None:
    return SelfEvaluation.objects.filter(school=school, academic_year=year, questions=key).first()


def answers_of(school, years, key: str) -> dict[tuple[int, str], SelfEvaluationAnswer]:
    """The answers of these years' evaluations of one set, by (year, question). One query."""
    answers = SelfEvaluationAnswer.objects.filter(
        evaluation__school=school,
        evaluation__academic_year__in=list(years),
        evaluation__questions=key,
    ).select_related("evaluation", "updated_by")
    return {(a.evaluation.academic_year, a.question): a for a in answers}


@dataclass(frozen=True)
class QuestionRow:
    question: Question
    answer: SelfEvaluationAnswer | None
    last_year: SelfEvaluationAnswer | None
    figures: list[tuple[str, list[registry.Figure]]]

    @property
    def answered(self) -> bool:
        return bool(self.answer and self.answer.rating)


def evidence_of(question: Question, figures: dict) -> list:
    """The figures beside a question, by evidence key with its meaning: the keys nobody
    offers (or with nothing to say) are left out."""
    return [(registry.EVIDENCE_KEYS[k], figures[k]) for k in question.evidence if k in figures]


def may_open(scope, url: str) -> bool:
    """Whether this person may open a page of senco (a figure's link), from its view's
    access policy: a school's or a pupil's page needs its ability. No query."""
    if not url:
        return False
    try:
        match = resolve(urlsplit(url).path)
    except Resolver404:
        return False
    kind, _, ability = getattr(match.func, "access_policy", "").partition(":")
    if kind in ("school", "pupil"):
        return scope.may(ability)
    return kind in ("public", "signed-in")


def evidence_for_reader(scope, keys, today: datetime.date) -> dict:
    """The figures of these evidence keys for the scope's school, read with names (the
    readers are the SENCO and leaders), each linking to its page only where the person may
    open it."""
    found = registry.evidence_for(keys, scope.school, today, suppress=False)
    opens: dict[str, bool] = {}
    for figures in found.values():
        for url in {fig.url for fig in figures} - set(opens):
            opens[url] = may_open(scope, url)
    return {
        key: [fig if opens[fig.url] else replace(fig, url="") for fig in figures]
        for key, figures in found.items()
    }


def set_page(scope, question_set: QuestionSet, year: int, today: datetime.date):
    """Every question of the set with this year's and last year's answers and the evidence
    beside it. Readers are the SENCO and leaders, who see names: nothing is hidden."""
    school = scope.school
    answers = answers_of(school, [year, year - 1], question_set.key)
    keys = [k for q in question_set.questions for k in q.evidence]
    figures = evidence_for_reader(scope, keys, today)
    return [
        QuestionRow(
            q,
            answers.get((year, q.key)),
            answers.get((year - 1, q.key)),
            evidence_of(q, figures),
        )
        for q in question_set.questions
    ]


def year_label(year: int) -> str:
    return clock.academic_year_label(year)
