"""The compliance page, the EHC plans page and the governors' counts on the summary page."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from senco import factories as f
from senco.audit.actor import Actor
from senco.audit.models import AuditEvent
from senco.ehcp import services
from senco.ehcp.compliance_counts import hidden_counts
from senco.ehcp.models import AnnualReview, Contributor, ProvisionItem
from senco.ehcp.request_services import request_save
from senco.ehcp.tests.conftest import plan_fields
from senco.lib.codes import Provision
from senco.testing import ROLES, answers, assert_valid_html, role_tables

D = datetime.timedelta
SCHOOL_EHC_PAGE = answers(403, senco=200, leader=200, parent=404, outsider=404)
GETS = role_tables({"ehcp_compliance": SCHOOL_EHC_PAGE, "ehcp_overview": SCHOOL_EHC_PAGE})


def _plan(senco, school, *, year=8, issued_days=400, last_days=100, in_place=True):
    pupil = f.SenPupilFactory(school=school, sen_provision=Provision.EHC_PLAN, year_group=year)
    today = timezone.localdate()
    plan = services.plan_save(
        actor=Actor(senco),
        pupil=pupil,
        **plan_fields(
            issued_on=today - D(days=issued_days),
            last_review_on=today - D(days=last_days) if last_days else None,
        ),
    )
    services.item_add(
        actor=Actor(senco), plan=plan, what="Visual timetable", kind="classroom", in_place=in_place
    )
    return plan


@pytest.mark.parametrize("name", sorted(GETS))
@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_the_right_answer(name, role, cast, client_for, school, senco):
    _plan(senco, school)
    response = client_for(cast[role]).get(reverse(name, args=[school.urn]))
    assert response.status_code == GETS[name][role]
    assert_valid_html(response)


def test_the_checklist_finds_each_thing_to_fix(client_for, senco, leader, school):
    today = timezone.localdate()
    due_soon = _plan(senco, school, last_days=330)  # due in about a month, no review
    fine = _plan(senco, school, last_days=30)  # due in 11 months: nothing to do
    gap = _plan(senco, school, in_place=False)
    invited = _plan(senco, school, last_days=340)
    review = AnnualReview.objects.create(plan=invited, meeting_on=today + D(days=10))
    Contributor.objects.create(review=review, role="parent", name="A Parent")
    no_date = _plan(senco, school, last_days=300)
    AnnualReview.objects.create(plan=no_date)
    k_pupil = f.SenPupilFactory(school=school)
    request_save(
        actor=Actor(senco),
        pupil=k_pupil,
        la_code="886",
        requested_by="school",
        requested_on=today - D(weeks=7),
    )
    response = client_for(leader).get(reverse("ehcp_compliance", args=[school.urn]))
    assert response.status_code == 200
    assert_valid_html(response)
    html = response.content.decode()

    def section(id_):
        start = html.index(f'<h2 class="govuk-heading-m" id="{id_}">')
        end = html.find("<h2", start + 10)
        return html[start : end if end > 0 else None]

    def named(plan_or_pupil, where):
        pupil = getattr(plan_or_pupil, "pupil", plan_or_pupil)
        return escape(pupil.full_name) in section(where)

    assert named(due_soon, "not-calendared") and named(no_date, "not-calendared")
    assert not named(fine, "not-calendared") and not named(invited, "not-calendared")
    assert named(invited, "invitations") and not named(no_date, "invitations")
    # Invitations are due a school day or so from now (2 weeks before a meeting in 10 days
    # has passed): the review is at risk.
    assert named(invited, "at-risk")
    assert named(gap, "gaps") and not named(fine, "gaps")
    assert named(k_pupil, "requests")
    assert "Decision whether to assess due" in section("requests")
    # Each line links to the thing to fix.
    assert reverse("ehcp_plan", args=[gap.pupil_id]) in section("gaps")
    # Everyone shown is named in the audit log.
    logged = set(
        AuditEvent.objects.filter(action="ehcp.compliance.view").values_list("pupil", flat=True)
    )
    assert {due_soon.pupil_id, gap.pupil_id, invited.pupil_id, k_pupil.pk} <= logged
    assert fine.pupil_id not in logged


def test_each_review_counts_its_own_contributors_and_each_plan_its_own_items(
    client_for, senco, school
):
    today = timezone.localdate()
    half = _plan(senco, school, last_days=340)
    meeting = today + D(days=10)
    review = AnnualReview.objects.create(plan=half, meeting_on=meeting)
    Contributor.objects.create(review=review, role="parent", name="A", invited_on=today)
    Contributor.objects.create(review=review, role="professional", name="B")
    everyone = _plan(senco, school, last_days=340)
    # A closed review's contributor, never invited, does not count.
    closed = AnnualReview.objects.create(plan=everyone, closed_at=timezone.now())
    Contributor.objects.create(review=closed, role="parent", name="C")
    review = AnnualReview.objects.create(plan=everyone, meeting_on=today + D(days=12))
    Contributor.objects.create(review=review, role="parent", name="D", invited_on=today)
    gaps = _plan(senco, school, in_place=False)
    for in_place in (True, False):
        services.item_add(
            actor=Actor(senco), plan=gaps, what="Therapy", kind="classroom", in_place=in_place
        )
    html = client_for(senco).get(reverse("ehcp_compliance", args=[school.urn])).content.decode()
    start = html.index('id="invitations-lines"')
    invitations = html[start : html.index("</ul>", start)]
    assert f"1 of 2 not invited (meeting {meeting:%-d %B %Y})" in invitations
    assert escape(half.pupil.full_name) in invitations
    assert escape(everyone.pupil.full_name) not in invitations
    assert "2 of 3 items not in place" in html
    assert "2 annual reviews in progress" in html


def test_the_checklists_queries_are_written_once(client_for, senco, leader, school):
    """The checklist's queries are prepared (senco/lib/prepared.py) for each scope that
    sees it, none run by the ORM as a fallback."""
    from senco.ehcp import compliance

    plan = _plan(senco, school, year=6, last_days=340)
    review = AnnualReview.objects.create(plan=plan, meeting_on=timezone.localdate() + D(days=5))
    Contributor.objects.create(review=review, role="parent", name="P")
    prepared = (
        compliance._checklist_plans_of,
        compliance._open_reviews_of,
        compliance._open_contributors_of,
        compliance._requests,
        compliance._top_year_group,
    )
    for p in prepared:
        p.forget()
    for user in (senco, leader):
        for name in ("ehcp_compliance", "ehcp_overview"):
            assert client_for(user).get(reverse(name, args=[school.urn])).status_code == 200
    for p in prepared:
        assert p._plans and not p.refused()


def test_all_clear(client_for, senco, school):
    _plan(senco, school, last_days=30)
    html = client_for(senco).get(reverse("ehcp_compliance", args=[school.urn])).content.decode()
    assert "Every item of section F of every plan is in place." in html
    assert 'id="count-gaps"><strong class="govuk-tag govuk-tag--green">None' in html


def test_the_ehc_plans_page_links_to_the_work_and_counts(client_for, senco, school):
    _plan(senco, school, in_place=False)
    response = client_for(senco).get(reverse("ehcp_overview", args=[school.urn]))
    html = response.content.decode()
    for name in ("ehcp_compliance", "ehcp_transfers", "ehcp_requests"):
        assert reverse(name, args=[school.urn]) in html
    assert AuditEvent.objects.filter(action="ehcp.overview.view", pupil=None).count() == 1


def test_the_home_page_and_the_menu_lead_there(client_for, senco, leader, teacher, school):
    url = reverse("ehcp_overview", args=[school.urn])
    register = reverse("register", args=[school.urn])
    for user, shown in ((senco, True), (leader, True), (teacher, False)):
        # Under "Go to" on the home page.
        assert (url in client_for(user).get(reverse("home")).content.decode()) == shown
    # In the leader's menu (the SENCO's is full).
    assert url in client_for(leader).get(register).content.decode()


def _count(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("name", ["ehcp_compliance", "ehcp_overview"])
def test_the_queries_do_not_grow_with_the_plans(name, client_for, senco, school):
    today = timezone.localdate()
    url = reverse(name, args=[school.urn])
    counts = []
    for n in (2, 12):
        for i in range(n):
            plan = _plan(
                senco, school, year=6 if i % 2 else 11, last_days=330, in_place=bool(i % 3)
            )
            if i % 2:
                review = AnnualReview.objects.create(plan=plan, meeting_on=today + D(days=5))
                Contributor.objects.create(review=review, role="parent", name="P")
        counts.append(_count(client_for(senco), url))
    assert counts[0] == counts[1]


# --- The governors' counts on the summary page -----------------------------------------------


def test_the_senco_sees_exact_counts(client_for, senco, school):
    plan = _plan(senco, school, in_place=False)
    ProvisionItem.objects.filter(plan=plan).update(in_place=False)
    html = client_for(senco).get(reverse("register_summary", args=[school.urn])).content.decode()
    assert 'id="ehc-figure-items-all">1<' in html
    assert 'id="ehc-figure-items-not">1<' in html


def test_a_governor_sees_small_counts_hidden_and_no_names(client_for, senco, governor, school):
    today = timezone.localdate()
    plans = [_plan(senco, school, in_place=True) for _ in range(6)]
    services.item_add(
        actor=Actor(senco), plan=plans[0], what="Quiet space", kind="classroom", in_place=False
    )
    # Six reviews held this year on time, none late.
    for plan in plans:
        AnnualReview.objects.create(plan=plan, held_on=today, closed_at=timezone.now())
    html = client_for(governor).get(reverse("register_summary", args=[school.urn]))
    text = html.content.decode()
    assert_valid_html(html)
    # 7 items, 6 in place, 1 not: the 1 is hidden, and so is one figure more, or the 1 could
    # be worked out by subtraction.
    assert 'id="ehc-figure-items-not">hidden<' in text
    hidden_items = [k for k in ("all", "in_place") if f'id="ehc-figure-items-{k}">hidden<' in text]
    assert len(hidden_items) == 1
    assert 'id="ehc-figure-reviews-held">6<' in text
    assert 'id="ehc-figure-reviews-late">0<' in text
    for plan in plans:
        assert escape(plan.pupil.legal_surname) not in text


def test_the_suppression_is_the_registers():
    counts = {
        ("reviews", "held"): 9,
        ("reviews", "on_time"): 6,
        ("reviews", "late"): 3,
        ("items", "all"): 40,
        ("items", "in_place"): 40,
        ("items", "not"): 0,
        ("reviews", "overdue"): 2,
    }
    hidden = hidden_counts(counts)
    assert ("reviews", "late") in hidden and ("reviews", "overdue") in hidden
    assert len({("reviews", "on_time"), ("reviews", "held")} & hidden) == 1
    assert not {("items", "all"), ("items", "in_place"), ("items", "not")} & hidden
