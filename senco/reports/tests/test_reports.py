"""Reports from drafting to issue: the sections of each kind, the SENCO's words (versioned,
never a pupil's name), figures hidden as for governors whoever reads, an issued report's
figures kept as they were, and who reads what."""

import re

import pytest
from django.urls import reverse

from senco import registry
from senco.audit.actor import Actor
from senco.audit.models import AuditEvent
from senco.reports import services
from senco.reports.kinds import KINDS
from senco.reports.models import Report
from senco.reports.tests.conftest import LARGE, SMALL
from senco.testing import assert_valid_html


def _report_url(report):
    return reverse("reports_report", args=[report.school.urn, report.pk])


def _section_url(report, key):
    return reverse("reports_section_edit", args=[report.school.urn, report.pk, key])


def _cell(html: str, label: str) -> str:
    """The school's figure in the row of `label`."""
    found = re.search(re.escape(label) + r"(?:</a>)?</th>\s*<td[^>]*>([^<]*)</td>", html)
    assert found, label
    return found.group(1).strip()


def test_drafting_makes_the_sections_of_the_kind_once(client_for, senco, school):
    client = client_for(senco)
    url = reverse("reports_new", args=[school.urn])
    first = client.post(url, {"kind": "governors"})
    again = client.post(url, {"kind": "governors"})
    report = Report.objects.get()
    assert first.url == again.url == _report_url(report)
    assert [s.key for s in report.sections.order_by("position")] == [
        s.key for s in KINDS["governors"].sections
    ]
    intro = report.sections.get(key="introduction")
    assert school.name in intro.words and intro.updated_by is None
    assert report.title.startswith("Annual SEND report to governors 20")
    assert AuditEvent.objects.filter(action="reports.report.draft").count() == 1


def test_an_unknown_kind_drafts_nothing(client_for, senco, school):
    response = client_for(senco).post(reverse("reports_new", args=[school.urn]), {"kind": "x"})
    assert response.status_code == 302
    assert not Report.objects.exists()


def test_the_draft_shows_todays_figures_hidden_as_for_governors(client_for, senco, draft, offered):
    response = client_for(senco).get(_report_url(draft))
    assert response.status_code == 200
    assert_valid_html(response)
    html = response.content.decode()
    assert _cell(html, LARGE) == "120"
    assert _cell(html, SMALL) == "hidden"  # the SENCO reads it as governors will
    assert offered and all(offered)  # always asked with suppress
    assert "13.6% (DfE, 2025)" in html  # England beside it
    assert "Draft" in html and "senco's starting draft" in html
    event = AuditEvent.objects.get(action="reports.report.view")
    assert event.detail == {"report_id": draft.pk, "issued": False}
    assert event.pupil is None


def test_the_senco_writes_a_section(client_for, senco, draft):
    client = client_for(senco)
    section = draft.sections.get(key="training")
    page = client.get(_section_url(draft, "training"))
    assert page.status_code == 200
    assert_valid_html(page)
    assert KINDS["governors"].section("training").prompt in page.content.decode()
    response = client.post(
        _section_url(draft, "training"),
        {"words": "Teachers had autism training.\n\nTAs learnt Toe by Toe.", "version": "1"},
    )
    assert response.status_code == 302
    assert response.url.endswith("#section-training")
    section.refresh_from_db()
    assert section.updated_by == senco and section.version == 2
    html = client.get(_report_url(draft)).content.decode()
    assert '<p class="govuk-body">TAs learnt Toe by Toe.</p>' in html
    assert "Written by" in html
    saved = AuditEvent.objects.get(action="reports.section.save")
    assert saved.detail == {"report_id": draft.pk, "section": "training", "version": 2}


def test_an_empty_section_is_refused_the_govuk_way(client_for, senco, draft):
    response = client_for(senco).post(
        _section_url(draft, "training"), {"words": "", "version": "1"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html and "Enter what this section says" in html


def test_two_people_writing_one_section_do_not_overwrite_each_other(client_for, senco, draft):
    client = client_for(senco)
    client.post(_section_url(draft, "training"), {"words": "First", "version": "1"})
    response = client.post(_section_url(draft, "training"), {"words": "Second", "version": "1"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Someone else changed this since you opened it" in html
    assert "What they changed" in html
    assert draft.sections.get(key="training").words == "First"
    # Merged and saved again from the version now saved: it works.
    again = client.post(_section_url(draft, "training"), {"words": "Second", "version": "2"})
    assert again.status_code == 302


def test_a_pupils_name_is_refused(client_for, senco, draft, pupil):
    words = f"We are proud of {pupil.forename.upper()}  {pupil.legal_surname} this year."
    response = client_for(senco).post(
        _section_url(draft, "training"), {"words": words, "version": "1"}
    )
    assert response.status_code == 200
    assert "must not name a pupil" in response.content.decode()
    assert draft.sections.get(key="training").updated_by is None


def test_names_in_texts():
    assert services.names_in(None, ["", "  "]) == []


def test_issuing_keeps_the_figures_as_they_were(
    client_for, senco, governor, draft, offered, monkeypatch
):
    client = client_for(senco)
    confirm = client.get(reverse("reports_issue", args=[draft.school.urn, draft.pk]))
    assert confirm.status_code == 200
    assert_valid_html(confirm)
    assert "still say only senco" in confirm.content.decode()
    response = client.post(
        reverse("reports_issue", args=[draft.school.urn, draft.pk]), {"version": str(draft.version)}
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.is_issued and draft.issued_by == senco
    assert draft.figures["register"][0] == {
        "label": LARGE,
        "value": "120",
        "national": "13.6% (DfE, 2025)",
        "source": "Test source: the school's census return",
    }
    assert draft.figures["register"][1]["value"] == "hidden"
    # The app that offered them is gone: the issued report still reads as it was.
    monkeypatch.delitem(registry._CAPABILITIES, "zz_reports_test")
    html = client_for(governor).get(_report_url(draft)).content.decode()
    assert _cell(html, LARGE) == "120" and _cell(html, SMALL) == "hidden"
    assert "kept as they were" in html
    event = AuditEvent.objects.get(action="reports.report.issue")
    assert {"attendance", "register"} <= set(event.detail["keys"])


def test_an_issued_report_cannot_be_changed(client_for, senco, issued):
    client = client_for(senco)
    url = _section_url(issued, "training")
    assert client.get(url).url == _report_url(issued)
    client.post(url, {"words": "Changed", "version": "2"})
    assert issued.sections.get(key="training").words == "Every teacher had training on autism."
    again = client.post(
        reverse("reports_issue", args=[issued.school.urn, issued.pk]), {"version": ""}
    )
    assert again.url == _report_url(issued)
    page = client.get(_report_url(issued)).content.decode()
    assert "Make a new draft" in page and "Issue the report" not in page
    with pytest.raises(services.ValidationError):
        services.section_save(
            actor=Actor(client), section=issued.sections.get(key="training"), words="x"
        )


def test_a_report_naming_a_pupil_is_not_issued(client_for, senco, draft, pupil):
    draft.sections.filter(key="training").update(words=f"Thanks to {pupil.full_name}.")
    response = client_for(senco).post(
        reverse("reports_issue", args=[draft.school.urn, draft.pk]), {"version": str(draft.version)}
    )
    assert response.status_code == 200
    assert "must not name a pupil" in response.content.decode()
    draft.refresh_from_db()
    assert not draft.is_issued


def test_a_new_draft_of_an_issued_report(client_for, senco, governor, issued):
    client = client_for(senco)
    url = reverse("reports_reopen", args=[issued.school.urn, issued.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert_valid_html(page)
    assert client.post(url, {"version": str(issued.version)}).status_code == 302
    issued.refresh_from_db()
    assert not issued.is_issued and issued.figures == {}
    assert issued.sections.get(key="training").words == "Every teacher had training on autism."
    assert client_for(governor).get(_report_url(issued)).status_code == 404
    event = AuditEvent.objects.get(action="reports.report.reopen")
    assert "issued_at" in event.detail["was"]


def test_governors_see_issued_reports_only(client_for, governor, senco, draft, issued, school):
    html = client_for(governor).get(reverse("reports_list", args=[school.urn])).content.decode()
    assert _report_url(issued) in html and _report_url(draft) not in html
    assert "Draft this year" not in html
    senco_html = client_for(senco).get(reverse("reports_list", args=[school.urn])).content.decode()
    assert _report_url(issued) in senco_html and _report_url(draft) in senco_html


def test_a_governor_finds_the_reports_from_home(client_for, governor, school):
    html = client_for(governor).get(reverse("home")).content.decode()
    assert reverse("reports_list", args=[school.urn]) in html


def test_another_schools_report_is_not_found(client_for, outsider, senco, draft, other_school):
    response = client_for(outsider).get(
        reverse("reports_report", args=[other_school.urn, draft.pk])
    )
    assert response.status_code == 404
    section = client_for(senco).get(_section_url(draft, "no-such-section"))
    assert section.status_code == 404


def test_the_senco_offers_this_years_reports(client_for, senco, school, draft):
    html = client_for(senco).get(reverse("reports_list", args=[school.urn])).content.decode()
    assert "Carry on with this year" in html
    assert "Draft this year's SEN information report" in html


@pytest.mark.parametrize("many", [False, True])
def test_the_pages_queries_do_not_grow_with_reports(
    client_for, senco, school, this_year, django_assert_max_num_queries, many, monkeypatch
):
    # The report's own queries; the figures' are each app's (a few a key, tested there).
    monkeypatch.setattr(registry, "evidence_for", lambda keys, school, today, suppress: {})
    actor = Actor(senco)
    report, _ = services.report_draft(
        actor=actor, school=school, kind="information", academic_year=this_year
    )
    if many:
        for year in range(this_year - 6, this_year):
            services.report_draft(actor=actor, school=school, kind="governors", academic_year=year)
        for section in report.sections.all():
            services.section_save(actor=actor, section=section, words=f"About {section.key}.")
    client = client_for(senco)
    with django_assert_max_num_queries(8):
        client.get(reverse("reports_list", args=[school.urn]))
    with django_assert_max_num_queries(9):
        client.get(_report_url(report))
    with django_assert_max_num_queries(9):
        client.get(_section_url(report, "reviewing_progress"))
    with django_assert_max_num_queries(8):
        client.get(reverse("reports_issue", args=[school.urn, report.pk]))
    with django_assert_max_num_queries(9):
        client.get(reverse("reports_docx", args=[school.urn, report.pk]))


def test_with_every_apps_figures_the_queries_do_not_grow_with_reports(
    client_for, senco, school, this_year
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    actor = Actor(senco)
    report, _ = services.report_draft(
        actor=actor, school=school, kind="governors", academic_year=this_year
    )
    client = client_for(senco)
    counts = []
    for round_ in range(2):
        with CaptureQueriesContext(connection) as few:
            client.get(_report_url(report))
        counts.append(len(few))
        for year in range(this_year - 4 - 4 * round_, this_year - 4 * round_):
            services.report_draft(
                actor=actor, school=school, kind="information", academic_year=year
            )
        for section in report.sections.all():
            section.refresh_from_db()
            services.section_save(actor=actor, section=section, words=f"{section.key} {round_}")
    with CaptureQueriesContext(connection) as many:
        client.get(_report_url(report))
    assert len(many) == counts[-1] == counts[0]


def test_the_trust_lead_finds_the_reports_from_the_schools_summary(client_for, trust_lead, school):
    html = client_for(trust_lead).get(reverse("register_summary", args=[school.urn])).content
    assert reverse("reports_list", args=[school.urn]).encode() in html


def test_a_report_changed_since_the_issue_page_was_opened_is_not_issued(client_for, senco, draft):
    client = client_for(senco)
    url = reverse("reports_issue", args=[draft.school.urn, draft.pk])
    opened = draft.version
    section = draft.sections.get(key="training")
    services.section_save(actor=Actor(senco), section=section, words="Changed meanwhile.")
    response = client.post(url, {"version": str(opened)})
    assert response.status_code == 200
    assert "Someone else changed this since you opened it" in response.content.decode()
    draft.refresh_from_db()
    assert not draft.is_issued
    assert client.post(url, {"version": str(draft.version)}).status_code == 302


def test_names_are_found_however_they_are_written(school, pupil):
    import time

    from senco import factories as f

    f.PupilFactory.create_batch(30, school=school)
    found = services.names_in(school, ["Well done, zoë o'brien-łukasiewicz's group!"])
    assert found == [pupil.full_name]
    assert services.names_in(school, ["Zoë did well; the O'Brien family too."]) == []
    long_text = ["Pupils made good progress in reading and writing. " * 2000]
    started = time.perf_counter()
    assert services.names_in(school, long_text) == []
    assert time.perf_counter() - started < 0.5


def test_another_trusts_send_lead_finds_nothing(client_for, issued, school, other_school):
    from senco import factories as f

    lead = f.TrustMembershipFactory(trust=other_school.trust, user=f.UserFactory()).user
    client = client_for(lead)
    assert client.get(_report_url(issued)).status_code == 404
    assert client.get(reverse("reports_list", args=[school.urn])).status_code == 404
