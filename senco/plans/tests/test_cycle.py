"""A cycle from start to review, through the pages, with the audit rows it leaves."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse

from senco.audit.actor import Actor
from senco.audit.models import AuditEvent
from senco.lib.clock import default_review_date
from senco.lib.forms import date_data
from senco.plans import services
from senco.plans.models import Cycle, Evidence, Outcome, OutcomeProgress, Review
from senco.plans.tests.conftest import plan_data
from senco.schools.models import Term
from senco.schools.selectors import saved_terms
from senco.testing import assert_valid_html


def test_starting_a_cycle_sets_the_review_to_the_end_of_term(client_for, senco, pupil, today):
    response = client_for(senco).post(reverse("plans_start", args=[pupil.pk]))
    cycle = Cycle.objects.get(pupil=pupil)
    assert response["Location"] == reverse("plans_cycle", args=[pupil.pk, cycle.pk])
    assert (cycle.number, cycle.started_on, cycle.status) == (1, today, Cycle.Status.OPEN)
    assert cycle.review_date == default_review_date(saved_terms(pupil.school), today)
    assert AuditEvent.objects.filter(pupil=pupil, action="plans.cycle.start", user=senco).exists()


def test_the_review_date_follows_the_schools_terms(client_for, senco, school, pupil, today):
    year = today.year if today.month >= 9 else today.year - 1
    for name, start, end in (
        ("autumn", datetime.date(year, 9, 1), datetime.date(year, 12, 17)),
        ("spring", datetime.date(year + 1, 1, 5), datetime.date(year + 1, 3, 27)),
        ("summer", datetime.date(year + 1, 4, 13), datetime.date(year + 1, 7, 21)),
    ):
        Term.objects.create(
            school=school, academic_year=year, name=name, starts_on=start, ends_on=end
        )
    day = datetime.date(year, 10, 1)
    cycle = services.cycle_start(actor=Actor(senco), pupil=pupil, today=day)
    assert cycle.review_date == datetime.date(year, 12, 17)
    page = client_for(senco).get(reverse("plans_cycle", args=[pupil.pk, cycle.pk]))
    assert "Review by 17 December" in page.content.decode()
    assert "(end of the autumn term)" in page.content.decode()


def test_a_second_live_cycle_is_refused(client_for, senco, pupil, cycle):
    response = client_for(senco).post(reverse("plans_start", args=[pupil.pk]), follow=True)
    assert "already has a cycle in progress" in response.content.decode()
    assert pupil.cycles.count() == 1
    with pytest.raises(ValidationError):
        services.cycle_start(actor=Actor(senco), pupil=pupil)


def test_the_database_allows_one_open_cycle(pupil, cycle):
    with pytest.raises(IntegrityError):
        Cycle.objects.create(
            pupil=pupil, number=2, started_on=cycle.started_on, review_date=cycle.review_date
        )


def test_reading_a_cycle_is_audited(client_for, leader, pupil, cycle):
    page = client_for(leader).get(reverse("plans_cycle", args=[pupil.pk, cycle.pk]))
    assert page.status_code == 200
    event = AuditEvent.objects.get(action="plans.cycle.view", user=leader)
    assert (event.pupil, event.detail["cycle_id"]) == (pupil, cycle.pk)


def test_evidence_with_a_standardised_score(client_for, teacher, pupil, cycle, today):
    url = reverse("plans_evidence_add", args=[pupil.pk, cycle.pk])
    response = client_for(teacher).post(
        url,
        {
            "kind": "standardised",
            **date_data("date", today),
            "given_by": "Ms Jones, reading lead",
            "summary": "Single word reading test",
            "score": "Standard score 82",
        },
    )
    assert response.status_code == 302
    evidence = Evidence.objects.get(cycle=cycle)
    assert (evidence.kind, evidence.score, evidence.recorded_by) == (
        "standardised",
        "Standard score 82",
        teacher,
    )
    assert AuditEvent.objects.filter(action="plans.evidence.add", pupil=pupil).exists()
    page = client_for(teacher).get(reverse("plans_cycle", args=[pupil.pk, cycle.pk]))
    assert "Standard score 82" in page.content.decode()
    assert "Plan" in page.context["stage"]


def test_evidence_form_errors_keep_what_was_typed(client_for, senco, pupil, cycle):
    url = reverse("plans_evidence_add", args=[pupil.pk, cycle.pk])
    response = client_for(senco).post(url, {"kind": "observation", "summary": "Kept text"})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert "Kept text" in response.content.decode()
    assert_valid_html(response)


def test_the_plan_with_two_outcomes(client_for, senco, pupil, cycle):
    url = reverse("plans_plan", args=[pupil.pk, cycle.pk])
    data = plan_data(outcome_2="Asks for help", criteria_2="Three times a week")
    response = client_for(senco).post(url, data)
    assert response.status_code == 302
    cycle.refresh_from_db()
    assert cycle.planned_at is not None
    assert list(cycle.outcomes.values_list("position", "text")) == [
        (1, "Reads a Year 5 text aloud with 95% accuracy"),
        (2, "Asks for help"),
    ]
    assert AuditEvent.objects.filter(action="plans.plan.save", pupil=pupil).exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"outcome_1": "", "criteria_1": ""}, "Enter outcome 1: a plan has at least one outcome"),
        ({"outcome_3": "", "criteria_3": "Orphan criteria"}, "Enter outcome 3"),
        (
            date_data("review_date", datetime.date(2001, 1, 1)),
            "The review date must be on or after",
        ),
    ],
)
def test_the_plan_explains_what_is_wrong_and_keeps_the_text(
    overrides, message, client_for, senco, pupil, cycle
):
    url = reverse("plans_plan", args=[pupil.pk, cycle.pk])
    data = plan_data(provision="Kept provision", **overrides)
    response = client_for(senco).post(url, data)
    assert response.status_code == 200
    content = response.content.decode()
    assert message in content
    assert "Kept provision" in content
    if "criteria_3" in overrides:
        assert "Orphan criteria" in content
    assert_valid_html(response)
    assert not cycle.outcomes.exists()


def test_the_service_refuses_six_outcomes(senco, cycle, today):
    with pytest.raises(ValidationError, match="no more than 5"):
        services.plan_save(
            actor=Actor(senco),
            cycle=cycle,
            outcomes=[(f"Outcome {n}", "") for n in range(6)],
            provision="",
            who_does_what="",
            review_date=today,
        )


def test_changing_the_plan_keeps_outcome_rows(client_for, senco, pupil, planned):
    first = planned.outcomes.get(position=1)
    url = reverse("plans_plan", args=[pupil.pk, planned.pk])
    assert "Asks for help when stuck" in client_for(senco).get(url).content.decode()
    client_for(senco).post(url, plan_data(outcome_1="Reads fluently"))
    assert list(planned.outcomes.values_list("pk", "text")) == [(first.pk, "Reads fluently")]


def test_a_ta_writes_a_note(client_for, ta, pupil, planned, today):
    url = reverse("plans_note_add", args=[pupil.pk, planned.pk])
    client_for(ta).post(url, {**date_data("date", today), "text": "Read with Zoë for 20 minutes"})
    note = planned.notes.get()
    assert note.author == ta
    assert AuditEvent.objects.filter(action="plans.note.add", user=ta, pupil=pupil).exists()
    page = client_for(ta).get(reverse("plans_cycle", args=[pupil.pk, planned.pk]))
    assert "Read with Zoë for 20 minutes" in page.content.decode()
    assert b"Add evidence" not in page.content


def review_data(planned, today, **overrides):
    first, second = planned.outcomes.all()
    data = {
        **date_data("held_on", today),
        "kind": Review.Kind.STANDARD,
        f"rating_{first.pk}": OutcomeProgress.Rating.ACHIEVED,
        f"evidence_{first.pk}": "Running record 96%",
        f"rating_{second.pk}": OutcomeProgress.Rating.SOME,
        f"evidence_{second.pk}": "Asks sometimes",
        "pupil_view": "I like the group",
        "parent_view": "Reading at home more",
        "teacher_view": "More confident",
        "next_steps": "Keep going",
    }
    data.update(overrides)
    return data


def test_the_review_closes_the_cycle_and_carries_forward(client_for, senco, pupil, planned, today):
    first, second = planned.outcomes.all()
    url = reverse("plans_review", args=[pupil.pk, planned.pk])
    response = client_for(senco).post(url, review_data(planned, today))
    planned.refresh_from_db()
    assert planned.status == Cycle.Status.REVIEWED
    nxt = Cycle.objects.get(pupil=pupil, status=Cycle.Status.OPEN)
    assert response["Location"] == reverse("plans_cycle", args=[pupil.pk, nxt.pk])
    assert (nxt.number, nxt.started_on, nxt.planned_at) == (2, today, None)
    carried = nxt.outcomes.get()
    assert (carried.text, carried.carried_from, carried.position) == (second.text, second, 1)
    review = planned.review
    assert (review.pupil_view, review.completed_by) == ("I like the group", senco)
    assert dict(review.progress.values_list("outcome_id", "rating")) == {
        first.pk: "achieved",
        second.pk: "some",
    }
    event = AuditEvent.objects.get(action="plans.review.complete")
    assert event.detail["carried_forward"] == 1
    page = client_for(senco).get(reverse("plans_cycle", args=[pupil.pk, nxt.pk]))
    assert "Carried forward" in page.content.decode()
    assert_valid_html(page)
    old = client_for(senco).get(reverse("plans_cycle", args=[pupil.pk, planned.pk]))
    assert "Achieved" in old.content.decode()
    assert "Record the review" not in old.content.decode()
    assert_valid_html(old)


def test_a_review_without_a_rating_is_explained(client_for, senco, pupil, planned, today):
    first = planned.outcomes.get(position=1)
    url = reverse("plans_review", args=[pupil.pk, planned.pk])
    data = review_data(planned, today)
    del data[f"rating_{first.pk}"]
    response = client_for(senco).post(url, data)
    assert response.status_code == 200
    assert "Say how much progress was made on outcome 1" in response.content.decode()
    assert "I like the group" in response.content.decode()
    assert_valid_html(response)
    planned.refresh_from_db()
    assert planned.is_open


def test_a_person_centred_review(client_for, senco, pupil, planned, today):
    url = reverse("plans_review", args=[pupil.pk, planned.pk])
    form = client_for(senco).get(url).content.decode()
    for heading in ("What we appreciate about the pupil", "Explore: the parents"):
        assert heading in form
    data = review_data(
        planned, today, kind=Review.Kind.PERSON_CENTRED, pcr_appreciation="Kind to others"
    )
    client_for(senco).post(url, data)
    assert Review.objects.get(cycle=planned).pcr_appreciation == "Kind to others"
    page = client_for(senco).get(reverse("plans_cycle", args=[pupil.pk, planned.pk]))
    assert "Kind to others" in page.content.decode()


def test_a_structured_conversation(senco, planned, today):
    first, second = planned.outcomes.all()
    services.review_complete(
        actor=Actor(senco),
        cycle=planned,
        progress={first.pk: ("achieved", ""), second.pk: ("achieved", "")},
        held_on=today,
        kind=Review.Kind.STRUCTURED,
        sc_explore="Mum worries about homework",
    )
    assert Review.objects.get().sc_explore == "Mum worries about homework"
    assert not Outcome.objects.filter(cycle__number=2).exists()


def test_a_reviewed_cycle_takes_no_more_writes(senco, planned, today):
    first, second = planned.outcomes.all()
    services.review_complete(
        actor=Actor(senco),
        cycle=planned,
        progress={first.pk: ("achieved", ""), second.pk: ("not_yet", "")},
        held_on=today,
    )
    with pytest.raises(ValidationError, match="reviewed and closed"):
        services.note_add(actor=Actor(senco), cycle=planned, date=today, text="late")


def test_a_review_needs_outcomes(senco, cycle, today):
    with pytest.raises(ValidationError, match="Agree the plan"):
        services.review_complete(actor=Actor(senco), cycle=cycle, progress={}, held_on=today)
