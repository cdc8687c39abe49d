"""Each role's answer on every page of reports (GET and POST)."""

import pytest
from django.urls import reverse

from senco.reports import documents
from senco.reports.models import Report
from senco.testing import (
    ROLES,
    SENCO_ONLY_SCHOOL_ACTION,
    SENCO_ONLY_SCHOOL_PAGE,
    answers,
    assert_valid_html,
    role_tables,
)

# Issued reports: the SENCO, leaders, governors and the trust's SEND lead.
READERS = answers(
    403, senco=200, leader=200, governor=200, trust_lead=200, parent=404, outsider=404
)
# A draft: the SENCO and leaders; to governors and the trust's SEND lead it does not exist.
DRAFT_READERS = answers(
    403, senco=200, leader=200, governor=404, trust_lead=404, parent=404, outsider=404
)

GETS = role_tables(
    {
        "reports_list": READERS,
        "reports_report": READERS,
        "reports_docx": READERS,
        "reports_pdf": READERS,
        "reports_section_edit": SENCO_ONLY_SCHOOL_PAGE,
        "reports_issue": SENCO_ONLY_SCHOOL_PAGE,
        "reports_reopen": SENCO_ONLY_SCHOOL_PAGE,
    }
)
POSTS = role_tables(
    {
        "reports_new": SENCO_ONLY_SCHOOL_ACTION,
        "reports_section_edit": SENCO_ONLY_SCHOOL_ACTION,
        "reports_issue": SENCO_ONLY_SCHOOL_ACTION,
        "reports_reopen": SENCO_ONLY_SCHOOL_ACTION,
    },
    method="POST",
)


@pytest.fixture(autouse=True)
def quick_pdf(monkeypatch):
    monkeypatch.setattr(documents, "html_to_pdf", lambda html, resources=None: b"%PDF-1.7 test")


def _url(name, school, draft, issued):
    urn = school.urn
    return {
        "reports_list": lambda: reverse(name, args=[urn]),
        "reports_new": lambda: reverse(name, args=[urn]),
        "reports_report": lambda: reverse(name, args=[urn, issued.pk]),
        "reports_docx": lambda: reverse(name, args=[urn, issued.pk]),
        "reports_pdf": lambda: reverse(name, args=[urn, issued.pk]),
        "reports_section_edit": lambda: reverse(name, args=[urn, draft.pk, "register"]),
        "reports_issue": lambda: reverse(name, args=[urn, draft.pk]),
        "reports_reopen": lambda: reverse(name, args=[urn, issued.pk]),
    }[name]()


@pytest.mark.parametrize("name", sorted(GETS))
@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_the_right_answer(name, role, cast, client_for, school, draft, issued):
    response = client_for(cast[role]).get(_url(name, school, draft, issued))
    assert response.status_code == GETS[name][role]
    if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
        assert_valid_html(response)


@pytest.mark.parametrize("role", ROLES)
def test_who_may_read_a_draft(role, cast, client_for, school, draft):
    for name in ("reports_report", "reports_docx", "reports_pdf"):
        url = reverse(name, args=[school.urn, draft.pk])
        assert client_for(cast[role]).get(url).status_code == DRAFT_READERS[role], name


@pytest.mark.parametrize("role", ROLES)
def test_who_may_draft_a_report(role, cast, client_for, school):
    response = client_for(cast[role]).post(
        reverse("reports_new", args=[school.urn]), {"kind": "information"}
    )
    assert response.status_code == POSTS["reports_new"][role]
    made = Report.objects.filter(school=school, kind="information").exists()
    assert made == (response.status_code == 302)


@pytest.mark.parametrize("role", ROLES)
def test_who_may_write_a_section(role, cast, client_for, school, draft):
    section = draft.sections.get(key="register")
    response = client_for(cast[role]).post(
        _url("reports_section_edit", school, draft, None),
        {"words": f"Written by {role}", "version": str(section.version)},
    )
    assert response.status_code == POSTS["reports_section_edit"][role]
    section.refresh_from_db()
    assert (section.words == f"Written by {role}") == (response.status_code == 302)


@pytest.mark.parametrize("role", ROLES)
def test_who_may_issue(role, cast, client_for, school, draft):
    response = client_for(cast[role]).post(
        _url("reports_issue", school, draft, None), {"version": str(draft.version)}
    )
    assert response.status_code == POSTS["reports_issue"][role]
    draft.refresh_from_db()
    assert draft.is_issued == (response.status_code == 302)


@pytest.mark.parametrize("role", ROLES)
def test_who_may_make_a_new_draft(role, cast, client_for, school, issued):
    response = client_for(cast[role]).post(
        _url("reports_reopen", school, None, issued), {"version": str(issued.version)}
    )
    assert response.status_code == POSTS["reports_reopen"][role]
    issued.refresh_from_db()
    assert (not issued.is_issued) == (response.status_code == 302)


def test_a_get_cannot_draft_a_report(client_for, senco, school):
    response = client_for(senco).get(reverse("reports_new", args=[school.urn]))
    assert response.status_code == 405
    assert not Report.objects.exists()
