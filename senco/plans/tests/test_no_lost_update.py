"""No lost updates (ARCHITECTURE.md rule 5): two tabs open the same plan or review, both
save; the second is refused, keeps what it typed and shows what changed; merging and
saving again works. And the plan's versions: history and compare."""

import datetime
import re

from django.urls import reverse

from senco.audit.actor import Actor
from senco.audit.models import AuditEvent
from senco.lib.forms import date_data
from senco.lib.versions import STALE_MESSAGE
from senco.plans import services
from senco.plans.models import Cycle, PlanVersion
from senco.plans.tests.conftest import plan_data
from senco.plans.tests.test_cycle import review_data
from senco.testing import assert_valid_html


def version_in(response) -> str:
    """The hidden version the page's form carries, as a browser would post it back."""
    found = re.search(r'<input type="hidden" name="version"(?: value="([^"]*)")?', response.text)
    assert found, "The form carries no version"
    return found.group(1) or ""


def test_the_second_tab_is_refused_and_keeps_what_it_typed(client_for, senco, pupil, planned):
    url = reverse("plans_plan", args=[pupil.pk, planned.pk])
    tab_1, tab_2 = client_for(senco), client_for(senco)
    opened_1, opened_2 = version_in(tab_1.get(url)), version_in(tab_2.get(url))
    assert opened_1 == opened_2 == "1"

    first = tab_1.post(url, plan_data(version=opened_1, provision="Reading group daily"))
    assert first.status_code == 302

    second = tab_2.post(
        url,
        plan_data(version=opened_2, provision="Reading group on Mondays", who_does_what="Ms Ng"),
    )
    assert second.status_code == 200
    page = second.content.decode()
    assert_valid_html(second)
    assert STALE_MESSAGE in page
    assert "govuk-error-summary" in page
    # What they saved, beside what this tab typed, which is still in the form.
    assert "Reading group daily" in page
    assert "Reading group on Mondays" in page
    assert 'id="their-changes"' in page
    # Nothing of the first save is lost.
    planned.refresh_from_db()
    assert planned.provision == "Reading group daily"
    assert planned.who_does_what == "Mrs Khan"
    assert planned.version == 2
    # The refusal carries the version saved now: merging and saving again works.
    assert version_in(second) == "2"
    merged = tab_2.post(
        url,
        plan_data(
            version=version_in(second),
            provision="Reading group daily; Mondays with Ms Ng",
            who_does_what="Ms Ng",
        ),
    )
    assert merged.status_code == 302
    planned.refresh_from_db()
    assert planned.provision == "Reading group daily; Mondays with Ms Ng"
    assert planned.version == 3
    assert list(planned.plan_versions.values_list("number", flat=True)) == [3, 2, 1]


def test_the_service_checks_the_version_inside_its_lock(senco, planned, today):
    args = {
        "actor": Actor(senco),
        "cycle": planned,
        "outcomes": [("Reads aloud", "")],
        "provision": "",
        "who_does_what": "",
        "review_date": today + datetime.timedelta(days=30),
    }
    services.plan_save(**args, version=1)
    try:
        services.plan_save(**args, version=1)
    except services.StaleVersion as error:
        assert error.current == "2"
        assert ("provision", "Provision to make", "") in error.theirs
    else:
        raise AssertionError("A stale save was not refused")
    assert PlanVersion.objects.filter(cycle=planned).count() == 2


def test_every_plan_save_keeps_a_version(client_for, senco, pupil, cycle):
    url = reverse("plans_plan", args=[pupil.pk, cycle.pk])
    client = client_for(senco)
    client.post(url, plan_data(version="0", criteria_1="Running record in May"))
    client.post(url, plan_data(version="1", outcome_2="Asks for help"))
    latest = cycle.plan_versions.get(number=2)
    assert latest.saved_by == senco
    assert latest.outcomes == [
        {
            "text": "Reads a Year 5 text aloud with 95% accuracy",
            "success_criteria": "Running record",
        },
        {"text": "Asks for help", "success_criteria": ""},
    ]
    assert (latest.provision, latest.who_does_what) == ("Reading group", "Mrs Khan")


def test_a_review_from_a_second_tab_is_refused_and_keeps_what_was_typed(
    client_for, senco, pupil, planned, today
):
    url = reverse("plans_review", args=[pupil.pk, planned.pk])
    tab_1, tab_2 = client_for(senco), client_for(senco)
    opened_1, opened_2 = version_in(tab_1.get(url)), version_in(tab_2.get(url))
    assert tab_1.post(url, {**review_data(planned, today), "version": opened_1}).status_code == 302
    data = {**review_data(planned, today), "version": opened_2, "next_steps": "Meet in May"}
    second = tab_2.post(url, data)
    assert second.status_code == 200
    page = second.content.decode()
    assert STALE_MESSAGE in page
    assert "Meet in May" in page
    assert_valid_html(second)
    assert Cycle.objects.filter(pupil=pupil).count() == 2
    assert planned.review.next_steps == "Keep going"


def test_a_review_opened_before_the_plan_changed_is_refused(
    client_for, senco, pupil, planned, today
):
    url = reverse("plans_review", args=[pupil.pk, planned.pk])
    client = client_for(senco)
    opened = version_in(client.get(url))
    plan_url = reverse("plans_plan", args=[pupil.pk, planned.pk])
    assert client.post(plan_url, plan_data(version=opened, outcome_2="Asks for help")).status_code
    refused = client.post(url, {**review_data(planned, today), "version": opened})
    assert STALE_MESSAGE in refused.content.decode()
    planned.refresh_from_db()
    assert planned.is_open
    assert version_in(refused) == "2"


def test_the_plan_history_and_compare(client_for, senco, leader, pupil, planned, today):
    services.plan_save(
        actor=Actor(senco),
        cycle=planned,
        outcomes=[("Reads a Year 6 text aloud", "Running record in May")],
        provision="Reading group three times a week",
        who_does_what="Mrs Khan runs the group",
        review_date=planned.review_date,
        version=1,
    )
    client = client_for(leader)
    cycle_page = client.get(reverse("plans_cycle", args=[pupil.pk, planned.pk]))
    history_url = reverse("plans_plan_history", args=[pupil.pk, planned.pk])
    assert history_url in cycle_page.content.decode()

    history = client.get(history_url)
    assert history.status_code == 200
    assert_valid_html(history)
    page = history.content.decode()
    assert "Outcome 1, Outcome 2, Success criteria for outcome 2" in page
    assert "First agreed" in page
    event = AuditEvent.objects.get(action="plans.plan.history", user=leader)
    assert (event.pupil, event.detail["cycle_id"]) == (pupil, planned.pk)

    compare = client.get(
        reverse("plans_plan_compare", args=[pupil.pk, planned.pk]), {"old": 1, "new": 2}
    )
    assert compare.status_code == 200
    assert_valid_html(compare)
    page = compare.content.decode()
    assert "<del>5</del> <ins>6</ins>" in page
    assert "<del>Asks for help when stuck</del>" in page
    event = AuditEvent.objects.get(action="plans.plan.compare", user=leader)
    assert event.detail == {"cycle_id": planned.pk, "old": 1, "new": 2}


def test_comparing_a_version_with_itself_is_explained(client_for, senco, pupil, planned):
    url = reverse("plans_plan_compare", args=[pupil.pk, planned.pk])
    response = client_for(senco).get(url, {"old": 1, "new": 1})
    assert response.status_code == 200
    assert "There are fewer than two versions" in response.content.decode()
    # The page names the pupil, so opening it is audited, with no versions compared.
    event = AuditEvent.objects.get(action="plans.plan.compare")
    assert (event.pupil, event.detail["old"], event.detail["new"]) == (pupil, None, None)


def test_a_date_typed_is_compared_as_a_date(client_for, senco, pupil, planned, today):
    url = reverse("plans_plan", args=[pupil.pk, planned.pk])
    tab_1, tab_2 = client_for(senco), client_for(senco)
    opened = version_in(tab_1.get(url))
    later = today + datetime.timedelta(days=50)
    tab_1.post(url, plan_data(version=opened, **date_data("review_date", later)))
    refused = tab_2.post(url, plan_data(version=opened))
    assert f"{later:%-d %B %Y}" in refused.content.decode()
