"""The SEND development plan: the page and its summary, the edits (versioned, audited), the
quick update, evidence links and files, next year's plan, the print, the calendar and the
evidence key."""

import datetime
import random

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from senco.audit.actor import Actor
from senco.audit.models import AuditEvent
from senco.demo.context import DemoSchool, DemoTrust
from senco.lib.forms import date_data
from senco.registry import events_for, evidence_for
from senco.strategy import plan_pdf, plan_selectors, plan_services
from senco.strategy.models import Action, ActionEvidence, Priority, Status
from senco.strategy.plan_demo import build
from senco.strategy.tests.plan_fixtures import *  # noqa: F403
from senco.strategy.tests.plan_fixtures import PDF_BYTES
from senco.testing import assert_valid_html


def _plan_url(school, year=None):
    url = reverse("strategy_plan", args=[school.urn])
    return url if year is None else f"{url}?year={year}"


# ---- The page -------------------------------------------------------------------------------


def test_the_plan_shows_priorities_actions_and_a_summary(client_for, senco, school, plan):
    response = client_for(senco).get(_plan_url(school))
    assert response.status_code == 200
    assert_valid_html(response)
    html = response.content.decode()
    assert "2 priorities, 3 actions: 1 on track, 1 off track, 1 done" in html
    assert "Improve attendance" in html and "Weekly check-ins" in html
    assert "Educational psychologist" in html  # an owner outside senco
    assert 'id="plan-overdue"' in html and "1 action past its due date" in html
    assert html.count(">Overdue</strong>") == 1  # the done action is not overdue
    assert "govuk-tag--red" in html and "govuk-tag--green" in html and "govuk-tag--blue" in html
    assert f'href="/school/{school.urn}/register/"' in html  # the evidence link
    assert reverse("strategy_action_update", args=[school.urn, plan["on_track"].pk]) in html
    row = AuditEvent.objects.get(action="strategy.plan.view")
    assert row.school_id == school.pk and row.pupil_id is None


def test_a_governor_reads_the_plan_with_no_edit_links(client_for, governor, school, plan):
    response = client_for(governor).get(_plan_url(school))
    html = response.content.decode()
    assert "Weekly check-ins" in html
    for name in ("strategy_action_update", "strategy_action_edit", "strategy_evidence_add"):
        assert reverse(name, args=[school.urn, plan["on_track"].pk]) not in html
    assert "Add a priority" not in html and "start-next-year" not in html


@pytest.mark.parametrize("value", ["abc", "1999", "3000", "²", "-1", "2026x", "9" * 30])
def test_a_bad_year_is_404(client_for, senco, school, value):
    assert client_for(senco).get(_plan_url(school), {"year": value}).status_code == 404


def test_another_year_and_an_empty_one(client_for, senco, school, plan, year):
    response = client_for(senco).get(_plan_url(school, year - 1))
    assert response.status_code == 200
    assert b"There is no plan for" in response.content
    assert _plan_url(school, year).encode() in response.content  # this year's is listed


def test_the_page_costs_the_same_queries_however_long_the_plan(
    client_for, senco, school, plan, django_assert_max_num_queries
):
    client = client_for(senco)
    client.get(_plan_url(school))
    with django_assert_max_num_queries(12) as few:
        client.get(_plan_url(school))
    for n in range(6):
        priority = plan_services.priority_add(
            actor=Actor(senco),
            school=school,
            academic_year=plan["first"].academic_year,
            title=f"P{n}",
        )
        for m in range(3):
            action = plan_services.action_add(
                actor=Actor(senco), priority=priority, what=f"A{m}", owner=senco, status="green"
            )
            plan_services.evidence_link_add(
                actor=Actor(senco), action=action, label="x", url=_plan_url(school)
            )
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(_plan_url(school))


# ---- Edits --------------------------------------------------------------------------------


def test_the_quick_update_saves_status_and_progress(client_for, senco, school, plan):
    action = plan["overdue"]
    url = reverse("strategy_action_update", args=[school.urn, action.pk])
    page = client_for(senco).get(url)
    assert_valid_html(page)
    response = client_for(senco).post(
        url, {"status": "green", "progress": "Met 9 of 12 families", "version": "1"}
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"#action-{action.pk}")
    action.refresh_from_db()
    assert (action.status, action.progress, action.version) == ("green", "Met 9 of 12 families", 2)
    assert action.what == "Meet every family"  # nothing else changed
    assert AuditEvent.objects.filter(action="strategy.action.update").count() == 1


def test_an_update_from_an_old_version_is_refused(client_for, senco, school, plan):
    url = reverse("strategy_action_update", args=[school.urn, plan["on_track"].pk])
    client = client_for(senco)
    client.post(url, {"status": "amber", "progress": "First", "version": "1"})
    response = client.post(url, {"status": "red", "progress": "Second", "version": "1"})
    assert response.status_code == 200
    assert b"Someone else changed this since you opened it" in response.content
    assert b"What they changed" in response.content
    assert_valid_html(response)
    action = Action.objects.get(pk=plan["on_track"].pk)
    assert (action.status, action.progress) == ("amber", "First")
    # Saving again from the version shown works.
    again = client.post(url, {"status": "red", "progress": "Second", "version": "2"})
    assert again.status_code == 302


def test_an_action_in_full_with_an_owner_outside_senco(client_for, senco, leader, school, plan):
    url = reverse("strategy_action_add", args=[school.urn, plan["second"].pk])
    today = datetime.date.today()
    response = client_for(senco).post(
        url,
        {
            "what": "Visit a special school",
            "owner_name": "Trust SEND lead",
            "status": "not_started",
            **date_data("starts", today),
            **date_data("due", today + datetime.timedelta(days=50)),
            "success_criteria": "Notes shared",
        },
    )
    assert response.status_code == 302
    action = Action.objects.get(what="Visit a special school")
    assert action.owner is None and action.owner_name == "Trust SEND lead"
    assert action.priority == plan["second"] and action.position == 2


def test_the_action_form_says_what_is_wrong(client_for, senco, leader, school, plan):
    url = reverse("strategy_action_edit", args=[school.urn, plan["on_track"].pk])
    today = datetime.date.today()
    response = client_for(senco).post(
        url,
        {
            "what": "x",
            "owner": str(leader.pk),
            "owner_name": "Also a name",
            "status": "green",
            "version": "1",
            **date_data("starts", today),
            **date_data("due", today - datetime.timedelta(days=1)),
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["due"] == ["Due date must be the same as or after the start date"]
    assert "owner_name" in errors
    assert_valid_html(response)


def test_an_action_of_another_school_is_404(client_for, outsider, other_school, plan):
    url = reverse("strategy_action_update", args=[other_school.urn, plan["on_track"].pk])
    assert client_for(outsider).get(url).status_code == 404


def test_removing_a_priority_asks_first(client_for, senco, school, plan):
    url = reverse("strategy_priority_edit", args=[school.urn, plan["first"].pk])
    client = client_for(senco)
    ask = client.post(url, {"remove": "1", "title": "Improve attendance", "version": "1"})
    assert ask.status_code == 200
    assert b"Are you sure you want to remove this priority?" in ask.content
    assert b"Its 2 actions and their evidence will be removed too" in ask.content
    assert_valid_html(ask)
    assert Priority.objects.filter(pk=plan["first"].pk).exists()
    done = client.post(url, {"remove": "confirmed", "version": "1"})
    assert done.status_code == 302
    assert not Priority.objects.filter(pk=plan["first"].pk).exists()
    assert not Action.objects.filter(pk=plan["on_track"].pk).exists()
    assert AuditEvent.objects.filter(action="strategy.priority.remove").count() == 1


def test_removing_a_changed_priority_is_refused(client_for, senco, school, plan):
    url = reverse("strategy_priority_edit", args=[school.urn, plan["first"].pk])
    client = client_for(senco)
    client.post(url, {"title": "Renamed", "why": "", "version": "1"})
    response = client.post(url, {"remove": "confirmed", "version": "1"})
    assert response.status_code == 200
    assert Priority.objects.filter(pk=plan["first"].pk).exists()


def test_removing_an_action_asks_first(client_for, senco, school, plan):
    url = reverse("strategy_action_edit", args=[school.urn, plan["done"].pk])
    client = client_for(senco)
    assert client.post(url, {"remove": "1"}).status_code == 200
    assert client.post(url, {"remove": "confirmed", "version": "1"}).status_code == 302
    assert not Action.objects.filter(pk=plan["done"].pk).exists()


# ---- Evidence -------------------------------------------------------------------------------


def _add_evidence(client, school, action, **data):
    url = reverse("strategy_evidence_add", args=[school.urn, action.pk])
    return client.post(url, {"label": "Evidence", **data})


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/school/137001/register/",
        "//example.com/school/137001/register/",
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "/\\example.com",
        "/not-a-page-of-senco/",
        "school/137001/register/",
        "data:text/html,hi",
        "/school/137001/register/\nx",
    ],
)
def test_a_link_must_be_a_page_of_senco(client_for, senco, school, plan, url):
    response = _add_evidence(client_for(senco), school, plan["done"], kind="link", url=url)
    assert response.status_code == 200
    assert "url" in response.context["form"].errors
    assert not ActionEvidence.objects.filter(action=plan["done"]).exists()


def test_a_link_on_this_site_is_kept_as_its_path(client_for, senco, school, plan):
    full = f"http://testserver/school/{school.urn}/register/?year=7#top"
    response = _add_evidence(client_for(senco), school, plan["done"], kind="link", url=full)
    assert response.status_code == 302
    item = ActionEvidence.objects.get(action=plan["done"])
    assert item.url == f"/school/{school.urn}/register/?year=7#top"


def test_a_file_is_kept_privately_and_served_as_an_attachment(
    client_for, senco, governor, school, plan, media
):
    upload = SimpleUploadedFile("Minutes <b>.pdf", PDF_BYTES, content_type="text/html")
    response = _add_evidence(client_for(senco), school, plan["done"], kind="file", file=upload)
    assert response.status_code == 302
    item = ActionEvidence.objects.get(action=plan["done"])
    path = plan_services.evidence_path(item)
    assert path.read_bytes() == PDF_BYTES and str(path).startswith(str(media))
    assert str(item.key) in path.name and "Minutes" not in path.name
    # A governor, who reads the plan, downloads it: audited, never inline, never cached.
    download = client_for(governor).get(
        reverse("strategy_evidence_file", args=[school.urn, item.pk])
    )
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in download["Cache-Control"]
    assert b"".join(download.streaming_content) == PDF_BYTES
    assert AuditEvent.objects.filter(action="strategy.evidence.view").count() == 1


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.pdf", b"<html>not a pdf</html>", plan_services.NOT_WHAT_IT_SAYS),
        ("script.exe", b"MZ\x90\x00", plan_services.WRONG_KIND),
        ("page.html", b"<html></html>", plan_services.WRONG_KIND),
        ("photo.png", b"\xff\xd8\xff\xe0 a jpeg", plan_services.NOT_WHAT_IT_SAYS),
        ("empty.pdf", b"", None),
    ],
)
def test_a_file_that_is_not_what_it_says_is_refused(
    client_for, senco, school, plan, media, name, content, message
):
    upload = SimpleUploadedFile(name, content)
    response = _add_evidence(client_for(senco), school, plan["done"], kind="file", file=upload)
    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    assert message is None or errors == [message]
    assert not ActionEvidence.objects.filter(action=plan["done"]).exists()
    assert not any(media.rglob("*.*")) if media.exists() else True


def test_a_file_over_the_cap_is_refused(client_for, senco, school, plan, media, settings):
    settings.STRATEGY_EVIDENCE_MAX_BYTES = 20
    upload = SimpleUploadedFile("big.pdf", PDF_BYTES)
    response = _add_evidence(client_for(senco), school, plan["done"], kind="file", file=upload)
    assert response.context["form"].errors["file"] == ["The file must be smaller than 0 MB"]


def test_removing_evidence_removes_its_file(
    client_for, senco, school, evidence_file, django_capture_on_commit_callbacks
):
    path = plan_services.evidence_path(evidence_file)
    assert path.is_file()
    url = reverse("strategy_evidence_remove", args=[school.urn, evidence_file.pk])
    client = client_for(senco)
    ask = client.get(url)
    assert b"Are you sure you want to remove this evidence?" in ask.content
    assert_valid_html(ask)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 302
    assert not ActionEvidence.objects.filter(pk=evidence_file.pk).exists()
    assert not path.exists()


def test_removing_a_priority_removes_its_files(
    senco, plan, evidence_file, django_capture_on_commit_callbacks
):
    path = plan_services.evidence_path(evidence_file)
    with django_capture_on_commit_callbacks(execute=True):
        plan_services.priority_remove(actor=Actor(senco), priority=plan["first"])
    assert not path.exists()


# ---- Next year ----------------------------------------------------------------------------


def test_next_years_plan_starts_from_this_one_once(client_for, senco, school, plan, year):
    url = reverse("strategy_plan_next_year", args=[school.urn, year])
    client = client_for(senco)
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == _plan_url(school, year + 1)
    copied = Priority.objects.filter(school=school, academic_year=year + 1)
    assert sorted(copied.values_list("title", flat=True)) == [
        "Adaptive teaching",
        "Improve attendance",
    ]
    actions = Action.objects.filter(priority__academic_year=year + 1)
    # The done action is not copied; the others start again, a year on, with no progress.
    assert sorted(actions.values_list("what", flat=True)) == [
        "Meet every family",
        "Weekly check-ins",
    ]
    assert set(actions.values_list("status", flat=True)) == {Status.NOT_STARTED}
    moved = actions.get(what="Weekly check-ins")
    assert moved.due.year == plan["on_track"].due.year + 1
    assert not ActionEvidence.objects.filter(action__in=actions).exists()
    # Again: nothing more.
    client.post(url)
    assert Priority.objects.filter(school=school, academic_year=year + 1).count() == 2
    assert AuditEvent.objects.filter(action="strategy.plan.copy").count() == 2
    # Next year's plan cannot start the year after that (it is not here yet).
    assert (
        client.post(reverse("strategy_plan_next_year", args=[school.urn, year + 1])).status_code
        == 404
    )


# ---- The calendar and the evidence key -------------------------------------------------------


def test_actions_not_done_are_in_the_calendar_of_those_who_read_the_plan(
    senco, teacher, school, plan, today
):
    from senco.access import school_scope

    start, end = today - datetime.timedelta(days=90), today + datetime.timedelta(days=90)
    events = [
        e
        for e in events_for(school_scope(senco, school.urn), start, end)
        if e.kind == "Development plan"
    ]
    assert sorted(e.title for e in events) == [
        "Development plan: Meet every family",
        "Development plan: Weekly check-ins",
    ]
    check_ins = next(e for e in events if "Weekly" in e.title)
    assert check_ins.owner_id == plan["on_track"].owner_id
    assert check_ins.url.endswith(f"#action-{plan['on_track'].pk}")
    teachers = events_for(school_scope(teacher, school.urn), start, end)
    assert not [e for e in teachers if e.kind == "Development plan"]


def test_the_plan_offers_its_figures_as_evidence(school, plan, today):
    figures = evidence_for(["development_plan"], school, today, suppress=True)["development_plan"]
    shown = {f.label: f.value for f in figures}
    assert shown[next(k for k in shown if k.startswith("Priorities"))] == "2"
    assert shown["Actions on track"] == "1 of 3 (33%)"
    assert shown["Actions past their due date and not done"] == "1 of 3 (33%)"


def test_no_plan_offers_no_figures(school, today):
    assert evidence_for(["development_plan"], school, today, suppress=False) == {}


# ---- The print and the demo ----------------------------------------------------------------


def _demo_plan(school, senco, leader, teacher, today):
    demo_school = DemoSchool(
        school=school,
        phase="secondary",
        rng=random.Random(7),
        staff={"senco": [senco], "leader": [leader], "teacher": [teacher]},
        pupils=[],
        terms=[],
    )
    build(DemoTrust(trust=school.trust, today=today, seed=7, schools=[demo_school]))


def test_the_demo_plan_has_a_mix_and_prints_on_two_pages(
    client_for, senco, leader, teacher, school, year, today
):
    _demo_plan(school, senco, leader, teacher, today)
    priorities = plan_selectors.plan_of(school, year)
    assert 3 <= len(priorities) <= 4
    assert all(2 <= len(p.actions.all()) <= 4 for p in priorities)
    assert Priority.objects.filter(school=school, academic_year=year - 1).exists()
    statuses = {a.status for p in priorities for a in p.actions.all()}
    assert len(statuses) >= 3
    html = plan_pdf.plan_html(
        client_for(senco).get(_plan_url(school)).context["scope"], year, priorities, today
    )
    assert plan_pdf.page_count(html) <= 2
    # Every evidence link is a page of senco.
    for item in ActionEvidence.objects.filter(action__priority__school=school):
        assert plan_services.site_path(item.url) == item.url


def test_the_print_is_a_pdf_and_audited(client_for, leader, school, plan):
    response = client_for(leader).get(reverse("strategy_plan_pdf", args=[school.urn]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert AuditEvent.objects.filter(action="strategy.plan.pdf").count() == 1


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("strategy_action_update", "on_track"),
        ("strategy_action_edit", "on_track"),
        ("strategy_evidence_add", "on_track"),
        ("strategy_priority_edit", "first"),
        ("strategy_action_add", "first"),
    ],
)
def test_the_forms_cost_a_few_queries_however_many_staff(
    client_for, senco, school, plan, name, key, django_assert_max_num_queries
):
    from senco import factories as f

    client = client_for(senco)
    url = reverse(name, args=[school.urn, plan[key].pk])
    client.get(url)
    with django_assert_max_num_queries(12) as few:
        assert client.get(url).status_code == 200
    for n in range(8):
        f.MembershipFactory(school=school, role="teacher", user=f.UserFactory(username=f"t{n}"))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)
