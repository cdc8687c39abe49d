"""Writes of the self-evaluation: an answer (the SENCO's or the line manager's, versioned so
that two people never silently overwrite each other), and marking a set finished. Each
writes an audit row for the school (an answer names no pupil)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from senco.audit.actor import Actor
from senco.audit.services import audit_record
from senco.lib.versions import check_version
from senco.strategy.audit import StrategyAction
from senco.strategy.models import Rating, SelfEvaluation, SelfEvaluationAnswer
from senco.strategy.selfeval_questions import QUESTION_SETS

FIELDS = (
    ("rating", "Rating"),
    ("words", "What we do and how we know"),
    ("next_step", "Next step"),
    ("line_manager_words", "Line manager's comments"),
)


def _evaluation(school, year: int, questions: str, actor: Actor) -> SelfEvaluation:
    if questions not in QUESTION_SETS:
        raise ValueError(questions)
    evaluation, _ = SelfEvaluation.objects.select_for_update().get_or_create(
        school=school,
        academic_year=year,
        questions=questions,
        defaults={"started_by": actor.user},
    )
    return evaluation


@transaction.atomic
def answer_save(
    *,
    actor: Actor,
    school,
    year: int,
    questions: str,
    question: str,
    rating: str,
    words: str = "",
    next_step: str = "",
    line_manager_words: str = "",
    version=None,
) -> SelfEvaluationAnswer:
    """Save the answer to one question of a set for a year (the set's evaluation is started
    by the first answer). Refused with `StaleVersion` when someone saved it since the form
    was opened at `version`."""
    if QUESTION_SETS[questions].question(question) is None:
        raise ValueError(question)
    if rating not in Rating.values:
        raise ValidationError(
            {"rating": "Choose whether this is in place: yes, partly, no or does not apply"}
        )
    evaluation = _evaluation(school, year, questions, actor)
    answer, created = SelfEvaluationAnswer.objects.select_for_update().get_or_create(
        evaluation=evaluation, question=question, defaults={"version": 0}
    )
    check_version(
        version,
        answer.version,
        theirs=lambda: [(name, label, getattr(answer, name)) for name, label in FIELDS],
    )
    answer.rating = rating
    answer.words = words
    answer.next_step = next_step
    answer.line_manager_words = line_manager_words
    answer.updated_by = actor.user
    answer.updated_at = timezone.now()
    answer.version += 1
    answer.save()
    audit_record(
        actor=actor,
        school=school,
        action=StrategyAction.SELFEVAL_ANSWER,
        detail={"academic_year": year, "questions": questions, "question": question},
    )
    return answer


@transaction.atomic
def mark_finished(*, actor: Actor, school, year: int, questions: str) -> SelfEvaluation:
    """Mark a year's set finished: refused while a question has no rating."""
    evaluation = _evaluation(school, year, questions, actor)
    rated = set(evaluation.answers.exclude(rating="").values_list("question", flat=True))
    missing = [q for q in QUESTION_SETS[questions].questions if q.key not in rated]
    if missing:
        raise ValidationError(
            f"Answer every question before you mark this as finished: {len(missing)} "
            "still to answer"
        )
    if evaluation.finished_at is None:
        evaluation.finished_at = timezone.now()
        evaluation.save(update_fields=["finished_at"])
    audit_record(
        actor=actor,
        school=school,
        action=StrategyAction.SELFEVAL_FINISH,
        detail={"academic_year": year, "questions": questions},
    )
    return evaluation
