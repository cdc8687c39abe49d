"""The annual review report, drafted from the records, as Word and as a PDF: the SENCO's
only, audited, and 404 for a review that is not the pupil's."""

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from senco import factories as f
from senco.access import scope_at
from senco.audit.actor import Actor
from senco.audit.models import AuditEvent
from senco.ehcp import report, report_views, services, steps
from senco.ehcp.tests.conftest import plan_fields
from senco.ehcp.tests.report_helpers import add_classroom_item, docx_text, make_review
from senco.lib.codes import Provision
from senco.profiles.tests.test_pdfs import pdf_text
from senco.schools.selectors import saved_closures
from senco.testing import ROLES, SENCO_ONLY_PUPIL_PAGE, role_tables

GETS = role_tables(
    {
        "ehcp_review_report_docx": SENCO_ONLY_PUPIL_PAGE,
        "ehcp_review_report_pdf": SENCO_ONLY_PUPIL_PAGE,
    }
)


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def review(plan, item, senco, teacher):
    add_classroom_item(plan)
    return make_review(plan, by=senco, teacher=teacher)


def _url(name, review):
    return reverse(name, args=[review.plan.pupil_id, review.pk])


@pytest.mark.parametrize("name", sorted(GETS))
@pytest.mark.parametrize("role", ROLES)
def test_each_role_and_the_report(name, role, cast, client_for, review):
    response = client_for(cast[role]).get(_url(name, review))
    assert response.status_code == GETS[name][role]
    downloads = AuditEvent.objects.filter(action__startswith="ehcp.report.")
    assert downloads.exists() == (response.status_code == 200)


def test_the_word_report_holds_the_record(client_for, senco, review, ehc_pupil, school, teacher):
    response = client_for(senco).get(_url("ehcp_review_report_docx", review))
    assert response.status_code == 200
    assert response["Content-Type"] == report.DOCX_TYPE
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    text = docx_text(response.content)
    for expected in (
        ehc_pupil.full_name,
        f"{ehc_pupil.date_of_birth:%-d %B %Y}",
        ehc_pupil.year_group_label,
        school.name,
        "Kent (886)",
        "Priya Shah",
        # Section F, item by item, with whether each is in place.
        "Social communication group",
        "Not in place",
        "Visual timetable on the desk",
        "In place since",
        # The views, the advice and the review.
        "I like the quiet room at lunch & the timer",
        "Homework is a battle most nights",
        "Settles well after the movement break",
        teacher.get_full_name(),
        "Dr Ada Obi",
        "Continue the attention autism programme twice a week",
        "Asks for help when stuck",  # section E
        "Reading age up 14 months",
        "add a touch-typing programme",
        "Ms Khan (class teacher)",
    ):
        assert expected in text, expected
    event = AuditEvent.objects.get(action="ehcp.report.docx")
    assert (event.pupil, event.user) == (ehc_pupil, senco)
    assert event.detail["review_id"] == review.pk
    assert event.detail["layout"] == "senco"


def test_the_report_says_when_it_is_due_with_the_rule_and_the_law(client_for, senco, review):
    deadline = next(
        s.deadline
        for s in steps.review_steps(review, closures=saved_closures(review.plan.pupil.school))
        if s.key == "report"
    )
    text = docx_text(client_for(senco).get(_url("ehcp_review_report_docx", review)).content)
    assert str(deadline) in text
    assert "reg. 20(7)" in text


def test_before_the_meeting_the_report_says_it_is_not_due_yet(client_for, senco, plan):
    review = make_review(plan, by=senco, held=False)
    text = docx_text(client_for(senco).get(_url("ehcp_review_report_docx", review)).content)
    assert "the meeting has not been held yet" in text
    assert "Nobody" not in text  # two contributors were invited


def test_the_pdf_report(client_for, senco, review, ehc_pupil, monkeypatch):
    pages = []
    original = report_views.html_to_pdf

    def spy(html):
        pages.append(html)
        return original(html)

    monkeypatch.setattr(report_views, "html_to_pdf", spy)
    response = client_for(senco).get(_url("ehcp_review_report_pdf", review))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    assert response.content.startswith(b"%PDF")
    assert response.content.rstrip().endswith(b"%%EOF")
    (html,) = pages
    assert '<html lang="en-GB">' in html
    text = pdf_text(html)
    for expected in (
        ehc_pupil.full_name,
        "Social communication group",
        "Visual timetable on the desk",
        "Homework is a battle most nights",
        "Settles well after the movement break",
        "reg. 20(7)",
    ):
        assert expected in text, expected
    event = AuditEvent.objects.get(action="ehcp.report.pdf")
    assert (event.pupil, event.detail["review_id"]) == (ehc_pupil, review.pk)


def test_another_schools_review_is_not_found(client_for, senco, review, ehc_pupil, other_school):
    other_pupil = f.SenPupilFactory(school=other_school, sen_provision=Provision.EHC_PLAN)
    other_plan = services.plan_save(
        actor=Actor(senco), pupil=other_pupil, **plan_fields(la_code="201")
    )
    other_review = make_review(other_plan, by=senco)
    client = client_for(senco)
    for name in GETS:
        # Their review under our pupil, and their pupil outright: the same 404.
        assert client.get(reverse(name, args=[ehc_pupil.pk, other_review.pk])).status_code == 404
        assert client.get(_url(name, other_review)).status_code == 404
    assert not AuditEvent.objects.filter(action__startswith="ehcp.report.").exists()


def test_another_pupils_review_at_the_school_is_not_found(client_for, senco, review, school):
    other = f.SenPupilFactory(school=school, sen_provision=Provision.EHC_PLAN)
    response = client_for(senco).get(reverse("ehcp_review_report_docx", args=[other.pk, review.pk]))
    assert response.status_code == 404


def test_the_report_takes_the_same_queries_whatever_the_size_of_the_plan(senco, review):
    def count():
        with CaptureQueriesContext(connection) as queries:
            report.build_docx(report.report_data(report.review_for(review.plan.pupil, review.pk)))
        return len(queries)

    count()  # the pupil's school is read once and kept
    few = count()
    for n in range(8):
        add_classroom_item(review.plan, what=f"Strategy {n}")
    assert count() == few


def test_the_links_say_which_layout_word_gets(senco, review, school):
    context = {"pupil": review.plan.pupil, "review": review, "scope": scope_at(senco, school)}
    html = render_to_string("ehcp/review/_report_links.html", context)
    assert _url("ehcp_review_report_docx", review) in html
    assert _url("ehcp_review_report_pdf", review) in html
    assert "senco's own layout" in html
    assert reverse("ehcp_report_templates", args=[school.urn]) in html


def test_the_links_are_the_sencos_only(leader, review, school):
    context = {"pupil": review.plan.pupil, "review": review, "scope": scope_at(leader, school)}
    assert "report.docx" not in render_to_string("ehcp/review/_report_links.html", context)


def test_the_review_page_links_the_report(client_for, senco, review):
    response = client_for(senco).get(reverse("ehcp_review", args=[review.plan.pupil_id, review.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert _url("ehcp_review_report_docx", review) in html
    assert _url("ehcp_review_report_pdf", review) in html
    assert "senco's own layout" in html
