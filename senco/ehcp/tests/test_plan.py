"""The plan page, the forms' checks, no lost update, the pupil panel and the to-do list."""

import datetime

from django.urls import reverse

from senco.access import scope_at
from senco.audit.actor import Actor
from senco.audit.models import AuditEvent
from senco.ehcp import services
from senco.ehcp.models import EHCPlan
from senco.ehcp.tests.conftest import item_data, plan_data
from senco.lib.statutory import add_months
from senco.registry import todo_for
from senco.testing import assert_valid_html


def _text(response) -> str:
    return " ".join(response.content.decode().split())


def test_the_plan_page_shows_the_next_review_with_its_rule(client_for, teacher, ehc_pupil, plan):
    response = client_for(teacher).get(reverse("ehcp_plan", args=[ehc_pupil.pk]))
    text = _text(response)
    due = add_months(plan.last_review_on, 12)
    assert f"Next annual review due {due:%-d %B %Y}: within 12 months" in text
    assert "Children and Families Act 2014, s.44(1)" in text
    assert "Kent (886)" in text
    assert "Overdue" not in text
    assert "Change the plan" not in text  # a teacher reads it only
    assert AuditEvent.objects.filter(pupil=ehc_pupil, action="ehcp.plan.view").count() == 1


def test_an_overdue_review_and_an_item_not_in_place_are_red(
    client_for, senco, ehc_pupil, item, today
):
    EHCPlan.objects.filter(pk=item.plan_id).update(
        issued_on=today - datetime.timedelta(days=800), last_review_on=None
    )
    response = client_for(senco).get(reverse("ehcp_plan", args=[ehc_pupil.pk]))
    assert_valid_html(response)
    text = _text(response)
    assert '<strong class="govuk-tag govuk-tag--red">Overdue</strong>' in text
    assert '<strong class="govuk-tag govuk-tag--red">Not in place</strong>' in text
    assert "0 of 1 section F item in place" in text


def test_a_stale_save_is_refused_and_what_was_typed_kept(client_for, senco, ehc_pupil, plan):
    opened = str(plan.version)
    services.plan_save(
        actor=Actor(senco),
        pupil=ehc_pupil,
        needs="Saved by someone else",
        **{k: getattr(plan, k) for k in ("la_code", "issued_on", "last_review_on", "status")},
    )
    url = reverse("ehcp_plan_edit", args=[ehc_pupil.pk])
    response = client_for(senco).post(url, plan_data(needs="Mine", version=opened))
    assert response.status_code == 200
    assert_valid_html(response)
    text = _text(response)
    assert "Someone else changed this since you opened it" in text
    assert "Saved by someone else" in text and "Mine" in text
    plan.refresh_from_db()
    assert plan.needs == "Saved by someone else"
    # Saving again, from the version now saved, works.
    again = client_for(senco).post(url, plan_data(needs="Mine", version=str(plan.version)))
    assert again.status_code == 302
    plan.refresh_from_db()
    assert plan.needs == "Mine"
    assert AuditEvent.objects.filter(pupil=ehc_pupil, action="ehcp.plan.save").count() == 2


def test_an_issue_date_in_the_future_is_named_beside_the_field(client_for, senco, ehc_pupil, today):
    from senco.lib.forms import date_data

    url = reverse("ehcp_plan_edit", args=[ehc_pupil.pk])
    future = today + datetime.timedelta(days=10)
    response = client_for(senco).post(url, plan_data(**date_data("issued_on", future)))
    assert response.status_code == 200
    assert_valid_html(response)
    text = _text(response)
    assert 'id="id_issued_on-error"' in text
    assert "Date the plan was issued must be today or in the past" in text
    assert f'value="{future.year}"' in text
    assert not EHCPlan.objects.exists()


def test_a_last_review_before_the_issue_is_named_beside_the_field(
    client_for, senco, ehc_pupil, today
):
    from senco.lib.forms import date_data

    url = reverse("ehcp_plan_edit", args=[ehc_pupil.pk])
    data = plan_data(
        **date_data("issued_on", today - datetime.timedelta(days=100)),
        **date_data("last_review_on", today - datetime.timedelta(days=200)),
        officer_name="Kept Name",
    )
    response = client_for(senco).post(url, data)
    assert response.status_code == 200
    text = _text(response)
    assert 'id="id_last_review_on-error"' in text
    assert "must be on or after the date the plan was issued" in text
    assert 'value="Kept Name"' in text


def test_an_item_with_no_what_is_named_beside_the_field(client_for, senco, ehc_pupil, plan):
    url = reverse("ehcp_item_add", args=[ehc_pupil.pk])
    response = client_for(senco).post(url, item_data(what="", who="Mrs Typed"))
    assert response.status_code == 200
    assert_valid_html(response)
    text = _text(response)
    assert 'id="id_what-error"' in text
    assert "Enter what the provision is" in text
    assert 'value="Mrs Typed"' in text
    assert not plan.items.exists()


def test_items_are_added_changed_and_removed_with_audit_rows(client_for, senco, ehc_pupil, plan):
    client = client_for(senco)
    client.post(
        reverse("ehcp_item_add", args=[ehc_pupil.pk]),
        item_data(
            in_place="",
            **{"in_place_since-day": "", "in_place_since-month": "", "in_place_since-year": ""},
        ),
    )
    item = plan.items.get()
    assert not item.in_place
    client.post(reverse("ehcp_item_edit", args=[ehc_pupil.pk, item.pk]), item_data())
    item.refresh_from_db()
    assert item.in_place and item.in_place_since
    client.post(reverse("ehcp_item_remove", args=[ehc_pupil.pk, item.pk]))
    assert not plan.items.exists()
    actions = list(
        AuditEvent.objects.filter(pupil=ehc_pupil, action__startswith="ehcp.item.")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["ehcp.item.add", "ehcp.item.save", "ehcp.item.remove"]


def test_the_pupil_panel(client_for, senco, teacher, ehc_pupil, item):
    response = client_for(teacher).get(reverse("pupil_detail", args=[ehc_pupil.pk]))
    assert_valid_html(response)
    text = _text(response)
    assert "0 of 1 section F item in place" in text
    assert "Kent" in text
    assert reverse("ehcp_plan", args=[ehc_pupil.pk]) in text


def test_the_pupil_panel_without_a_plan(client_for, senco, teacher, ehc_pupil):
    senco_page = _text(client_for(senco).get(reverse("pupil_detail", args=[ehc_pupil.pk])))
    assert "No EHC plan recorded: " in senco_page and "record it" in senco_page
    teacher_page = _text(client_for(teacher).get(reverse("pupil_detail", args=[ehc_pupil.pk])))
    assert "No EHC plan recorded." in teacher_page
    assert "record it" not in teacher_page


def test_no_panel_for_a_pupil_at_sen_support(client_for, senco, pupil):
    text = _text(client_for(senco).get(reverse("pupil_detail", args=[pupil.pk])))
    assert 'id="ehcp-panel"' not in text


def test_what_needs_doing(senco, leader, school, ehc_pupil, item, today):
    plan = item.plan
    EHCPlan.objects.filter(pk=plan.pk).update(
        last_review_on=add_months(today, -12) + datetime.timedelta(days=20)
    )
    parts = [p for p in todo_for(scope_at(senco, school), today) if p.template.startswith("ehcp/")]
    assert len(parts) == 1
    todo = parts[0].context
    assert [p.pk for p in todo["gaps"]] == [plan.pk]
    assert todo["gaps"][0].not_in_place == 1
    [(found, deadline, urgency)] = todo["reviews"]
    assert (found.pk, urgency) == (plan.pk, "soon")
    assert not [
        p for p in todo_for(scope_at(leader, school), today) if p.template.startswith("ehcp/")
    ]


def test_the_home_page_lists_them(client_for, senco, ehc_pupil, item):
    response = client_for(senco).get(reverse("home"))
    assert response.status_code == 200
    assert_valid_html(response)
    assert "1 item not in place" in _text(response)


def test_a_stale_item_save_is_refused_and_what_was_typed_kept(client_for, senco, ehc_pupil, item):
    url = reverse("ehcp_item_edit", args=[ehc_pupil.pk, item.pk])
    opened = services.item_version(item)
    client = client_for(senco)
    first = client.post(
        url, item_data(what="Social communication group, twice a week", version=opened)
    )
    assert first.status_code == 302
    second = client.post(url, item_data(what="Lego therapy", version=opened))
    assert second.status_code == 200
    assert_valid_html(second)
    page = _text(second)
    assert "Someone else changed this since you opened it" in page
    assert "Social communication group, twice a week" in page  # what they saved
    assert second.context["form"]["what"].value() == "Lego therapy"  # what was typed
    item.refresh_from_db()
    assert item.what == "Social communication group, twice a week"
    again = client.post(
        url,
        item_data(what="Lego therapy", version=second.context["form"]["version"].value()),
    )
    assert again.status_code == 302
    item.refresh_from_db()
    assert item.what == "Lego therapy"


def test_annual_reviews_are_dated_events_with_their_law(senco, teacher, other_teacher, ehc_pupil):
    from senco import registry

    last = datetime.date(2026, 3, 10)
    services.plan_save(
        actor=Actor(senco),
        pupil=ehc_pupil,
        la_code="886",
        issued_on=datetime.date(2024, 2, 29),
        last_review_on=last,
        status="in_force",
        needs="Autism",
        outcomes="Asks for help",
    )
    due = datetime.date(2027, 3, 10)
    scope = scope_at(senco, ehc_pupil.school)
    (event,) = [e for e in registry.events_for(scope, due, due) if e.pupil_id == ehc_pupil.pk]
    assert event.title == f"Annual review of {ehc_pupil.full_name}'s EHC plan due"
    assert event.url == reverse("ehcp_plan", args=[ehc_pupil.pk])
    assert "12 months" in event.rule and "s.44(1)" in event.source
    day_before = due - datetime.timedelta(days=1)
    assert not [e for e in registry.events_for(scope, day_before, day_before) if "EHC" in e.title]
    # The pupil's teacher sees it; a teacher who does not teach them does not.
    assert any(
        "EHC" in e.title for e in registry.events_for(scope_at(teacher, ehc_pupil.school), due, due)
    )
    assert not any(
        "EHC" in e.title
        for e in registry.events_for(scope_at(other_teacher, ehc_pupil.school), due, due)
    )
