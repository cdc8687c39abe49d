"""The "Assess, plan, do, review" section of the pupil's page."""

import pytest
from django.urls import reverse

from senco.testing import assert_valid_html


@pytest.mark.parametrize(
    ("role", "can_start"), [("senco", True), ("teacher", True), ("leader", False), ("ta", False)]
)
def test_the_start_button_is_for_those_allowed(role, can_start, cast, client_for, pupil):
    response = client_for(cast[role]).get(reverse("pupil_detail", args=[pupil.pk]))
    content = response.content.decode()
    assert "Assess, plan, do, review" in content
    assert ("Start a cycle" in content) == can_start
    assert_valid_html(response)


def test_the_live_cycle_with_its_stage_and_review_date(client_for, senco, pupil, planned):
    response = client_for(senco).get(reverse("pupil_detail", args=[pupil.pk]))
    content = response.content.decode()
    assert reverse("plans_cycle", args=[pupil.pk, planned.pk]) in content
    assert f"{planned.review_date:%-d %B %Y}" in content
    assert ">Do<" in content
    assert "Start a cycle" not in content
    assert_valid_html(response)
