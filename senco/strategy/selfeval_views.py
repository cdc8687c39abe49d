"""The SENCO's self-evaluation (`/school/<urn>/self-evaluation/`), for the SENCO and their
line manager (`self_evaluates`: the SENCO and leaders):

- `selfeval_index`: the question sets of a year (`?year=2026`) as a task list, with how
  many questions are answered this year and last;
- `selfeval_set`: one set's questions, each with the evidence beside it (every app's figures
  under the question's evidence keys, `registry.evidence_for`), this year's answer and last
  year's; a POST marks the set finished once every question is answered;
- `selfeval_answer`: the answer to one question: a rating, what we do and how we know, the
  next step and the line manager's comments (either may write any of them; versioned).

An unknown set or question is 404. The pages name no pupil: each writes one audit row for
the school, and so does every write."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from senco.access import school_view
from senco.audit.services import audit_record
from senco.lib.forms import add_service_errors
from senco.strategy import selfeval_selectors as selectors
from senco.strategy import selfeval_services as services
from senco.strategy.audit import StrategyAction
from senco.strategy.selfeval_forms import AnswerForm, FinishForm

ABILITY = "self_evaluates"


def _audit(request, scope, action, **detail) -> None:
    audit_record(actor=request.actor, school=scope.school, action=action, detail=detail)


def _year(request, today):
    return selectors.year_or_404(request.GET.get("year"), today)


def _years(year: int, current: int) -> dict:
    return {
        "year": year,
        "year_label": selectors.year_label(year),
        "last_year_label": selectors.year_label(year - 1),
        "is_current": year == current,
        "current_year": current,
        "current_year_label": selectors.year_label(current),
        "previous_year": year - 1,
        "year_query": "" if year == current else f"?year={year}",
    }


def _set_url(scope, questions: str, year: int, current: int, anchor: str = "") -> str:
    url = reverse("strategy_selfeval_set", args=[scope.school.urn, questions])
    if year != current:
        url += f"?year={year}"
    return url + (f"#{anchor}" if anchor else "")


@school_view(ABILITY)
def selfeval_index(request, scope):
    today = timezone.localdate()
    year = _year(request, today)
    current = selectors.year_or_404(None, today)
    rows = selectors.set_rows(scope.school, year)
    _audit(request, scope, StrategyAction.SELFEVAL_VIEW, academic_year=year)
    return render(
        request,
        "strategy/selfeval/index.html",
        {"scope": scope, "rows": rows, **_years(year, current)},
    )


@school_view(ABILITY)
def selfeval_set(request, scope, questions):
    question_set = selectors.set_or_404(questions)
    today = timezone.localdate()
    year = _year(request, today)
    current = selectors.year_or_404(None, today)
    form = FinishForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.mark_finished(
                actor=request.actor, school=scope.school, year=year, questions=question_set.key
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"The {question_set.title.lower()} is marked as finished.")
            return redirect(_set_url(scope, question_set.key, year, current))
    rows = selectors.set_page(scope, question_set, year, today)
    evaluation = selectors.evaluation_of(scope.school, year, question_set.key)
    _audit(
        request,
        scope,
        StrategyAction.SELFEVAL_SET_VIEW,
        academic_year=year,
        questions=question_set.key,
    )
    answered = sum(1 for r in rows if r.answered)
    return render(
        request,
        "strategy/selfeval/set.html",
        {
            "scope": scope,
            "question_set": question_set,
            "rows": rows,
            "answered": answered,
            "all_answered": answered == len(rows),
            "finished": evaluation.finished_at if evaluation else None,
            "form": form,
            "today": today,
            **_years(year, current),
        },
    )


@school_view(ABILITY)
def selfeval_answer(request, scope, questions, question):
    question_set = selectors.set_or_404(questions)
    asked = selectors.question_or_404(question_set, question)
    today = timezone.localdate()
    year = _year(request, today)
    current = selectors.year_or_404(None, today)
    answers = selectors.answers_of(scope.school, [year, year - 1], question_set.key)
    answer, last_year = answers.get((year, asked.key)), answers.get((year - 1, asked.key))
    initial = {}
    if answer is not None:
        initial = {
            "rating": answer.rating,
            "words": answer.words,
            "next_step": answer.next_step,
            "line_manager_words": answer.line_manager_words,
        }
    form = AnswerForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        version=answer.version if answer else 0,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.answer_save(
                actor=request.actor,
                school=scope.school,
                year=year,
                questions=question_set.key,
                question=asked.key,
                rating=data["rating"],
                words=data["words"],
                next_step=data["next_step"],
                line_manager_words=data["line_manager_words"],
                version=form.opened_version,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Your answer has been saved.")
            return redirect(_set_url(scope, question_set.key, year, current, asked.key))
    figures = selectors.evidence_for_reader(scope, asked.evidence, today)
    _audit(
        request,
        scope,
        StrategyAction.SELFEVAL_FORM_VIEW,
        academic_year=year,
        questions=question_set.key,
        question=asked.key,
    )
    return render(
        request,
        "strategy/selfeval/answer.html",
        {
            "scope": scope,
            "question_set": question_set,
            "question": asked,
            "form": form,
            "answer": answer,
            "last_year": last_year,
            "figures": selectors.evidence_of(asked, figures),
            "back_url": _set_url(scope, question_set.key, year, current, asked.key),
            **_years(year, current),
        },
    )
