"""The review form shows the questions of the kind of review chosen: GOV.UK radios whose
person-centred and structured-conversation choices reveal their own headings (all shown when
JavaScript is off)."""

import html5lib
from django.urls import reverse

from senco.lib.forms import date_data
from senco.plans.models import OutcomeProgress, Review
from senco.testing import assert_valid_html


def _page(response):
    return html5lib.parse(response.content.decode(), namespaceHTMLElements=False)


def _radio(page, value):
    return next(
        e for e in page.iter("input") if e.get("name") == "kind" and e.get("value") == value
    )


def _panel(page, radio):
    return next(e for e in page.iter("div") if e.get("id") == radio.get("data-aria-controls"))


def _fields_in(panel):
    return [e.get("name") for e in panel.iter("textarea")]


def _data(planned, today, **overrides):
    data = {
        **date_data("held_on", today),
        "kind": Review.Kind.STANDARD,
        **{f"rating_{o.pk}": OutcomeProgress.Rating.SOME for o in planned.outcomes.all()},
        "pupil_view": "I like the group",
    }
    data.update(overrides)
    return data


def test_each_kind_reveals_its_own_questions(client_for, senco, pupil, planned):
    response = client_for(senco).get(reverse("plans_review", args=[pupil.pk, planned.pk]))
    assert_valid_html(response)
    page = _page(response)
    standard = _radio(page, Review.Kind.STANDARD)
    assert standard.get("checked") is not None
    assert standard.get("data-aria-controls") is None
    person_centred = _radio(page, Review.Kind.PERSON_CENTRED)
    panel = _panel(page, person_centred)
    assert panel.get("class").split() == [
        "govuk-radios__conditional",
        "govuk-radios__conditional--hidden",
    ]
    assert _fields_in(panel) == list(Review.PERSON_CENTRED_FIELDS)
    structured = _panel(page, _radio(page, Review.Kind.STRUCTURED))
    assert _fields_in(structured) == list(Review.STRUCTURED_FIELDS)
    # The views everyone gives are asked whatever the kind of review.
    outside = {e.get("name") for e in page.iter("textarea")} - set(_fields_in(panel))
    assert {"pupil_view", "parent_view", "teacher_view", "next_steps"} <= outside


def test_the_chosen_kind_stays_open_when_the_form_comes_back(client_for, senco, pupil, planned):
    url = reverse("plans_review", args=[pupil.pk, planned.pk])
    data = _data(
        planned,
        planned.started_on,
        kind=Review.Kind.PERSON_CENTRED,
        pcr_appreciation="Kind to younger pupils",
        **date_data("held_on", ("31", "2", "2026")),
    )
    response = client_for(senco).post(url, data)
    assert response.status_code == 200
    page = _page(response)
    radio = _radio(page, Review.Kind.PERSON_CENTRED)
    assert radio.get("checked") is not None
    assert "govuk-radios__conditional--hidden" not in _panel(page, radio).get("class")
    assert "Kind to younger pupils" in response.content.decode()


def test_what_was_typed_under_a_kind_not_chosen_is_not_saved(client_for, senco, pupil, planned):
    url = reverse("plans_review", args=[pupil.pk, planned.pk])
    data = _data(
        planned,
        planned.started_on,
        kind=Review.Kind.STRUCTURED,
        pcr_appreciation="Typed, then the kind was changed",
        sc_explore="Mum says mornings are hard",
    )
    assert client_for(senco).post(url, data).status_code == 302
    review = Review.objects.get(cycle=planned)
    assert (review.kind, review.pcr_appreciation, review.sc_explore) == (
        Review.Kind.STRUCTURED,
        "",
        "Mum says mornings are hard",
    )
