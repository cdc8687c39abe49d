"""Local authorities' own Word forms for the annual review report: uploaded once per
authority, checked before anything is saved, kept privately, filled in a sandbox."""

import io
import os
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape
from jinja2.sandbox import SecurityError

from senco.audit.models import AuditEvent
from senco.ehcp import report_sandbox
from senco.ehcp.models import ReportTemplate
from senco.ehcp.tests.report_helpers import add_classroom_item, docx_text, make_review, word_file
from senco.testing import (
    ROLES,
    SENCO_ONLY_SCHOOL_ACTION,
    SENCO_ONLY_SCHOOL_PAGE,
    assert_valid_html,
    role_tables,
)

GETS = role_tables(
    {
        "ehcp_report_templates": SENCO_ONLY_SCHOOL_PAGE,
        "ehcp_report_template_example": SENCO_ONLY_SCHOOL_PAGE,
    }
)
POSTS = role_tables(
    {
        "ehcp_report_templates": SENCO_ONLY_SCHOOL_ACTION,
        "ehcp_report_template_remove": SENCO_ONLY_SCHOOL_ACTION,
    },
    method="POST",
)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


def _upload(data: bytes, name="Kent annual review form.docx"):
    return SimpleUploadedFile(name, data, content_type=DOCX)


def _post(client, school, data: bytes, la_code="886", name="Kent annual review form.docx"):
    return client.post(
        reverse("ehcp_report_templates", args=[school.urn]),
        {"la_code": la_code, "file": _upload(data, name)},
    )


def _files(root) -> list:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.mark.parametrize("name", sorted(GETS))
@pytest.mark.parametrize("role", ROLES)
def test_each_role_and_the_forms_pages(name, role, cast, client_for, school):
    response = client_for(cast[role]).get(reverse(name, args=[school.urn]))
    assert response.status_code == GETS[name][role]
    if name == "ehcp_report_templates":
        assert_valid_html(response)


@pytest.mark.parametrize("role", ROLES)
def test_who_may_upload_a_form(role, cast, client_for, school):
    response = _post(client_for(cast[role]), school, report_sandbox.example_form())
    assert response.status_code == POSTS["ehcp_report_templates"][role]
    assert ReportTemplate.objects.exists() == (response.status_code == 302)


@pytest.mark.parametrize("role", ROLES)
def test_who_may_remove_a_form(role, cast, client_for, senco, school):
    _post(client_for(senco), school, report_sandbox.example_form())
    form = ReportTemplate.objects.get()
    url = reverse("ehcp_report_template_remove", args=[school.urn, form.pk])
    response = client_for(cast[role]).post(url)
    assert response.status_code == POSTS["ehcp_report_template_remove"][role]
    assert ReportTemplate.objects.exists() == (response.status_code != 302)


def test_the_page_lists_every_placeholder_with_its_meaning(client_for, senco, school):
    html = client_for(senco).get(reverse("ehcp_report_templates", args=[school.urn]))
    html = html.content.decode()
    for name, meaning in report_sandbox.PLACEHOLDERS:
        assert f"{{{{ {name} }}}}" in html
        assert escape(meaning) in html
    assert "No forms uploaded" in html


def test_the_example_form_is_a_word_document_using_every_placeholder(client_for, senco, school):
    response = client_for(senco).get(reverse("ehcp_report_template_example", args=[school.urn]))
    assert response["Content-Type"] == DOCX
    assert set(report_sandbox.check_form(response.content)) == report_sandbox.NAMES


def test_the_report_offers_every_placeholder_it_lists(senco, plan):
    from senco.ehcp import report

    review = make_review(plan, by=senco)
    context = report.form_context(report.report_data(report.review_for(plan.pupil, review.pk)))
    assert set(context) == report_sandbox.NAMES


def test_uploading_a_form_keeps_it_privately_and_audits_it(
    client_for, senco, school, private_media, settings
):
    uploaded = report_sandbox.example_form()
    response = _post(client_for(senco), school, uploaded)
    assert response.status_code == 302
    form = ReportTemplate.objects.get()
    assert (form.la_code, form.filename, form.uploaded_by) == (
        "886",
        "Kent annual review form.docx",
        senco,
    )
    # Under a random key in the private folder, nothing of the file's own name.
    assert form.path.read_bytes() == uploaded
    assert form.path.is_relative_to(private_media)
    assert str(form.key) in form.path.name
    assert "Kent" not in str(form.path)
    assert not str(form.path).startswith(str(settings.STATIC_ROOT))
    event = AuditEvent.objects.get(action="ehcp.report_form.upload")
    assert (event.user, event.school, event.detail["la_code"]) == (senco, school, "886")
    page = client_for(senco).get(reverse("ehcp_report_templates", args=[school.urn]))
    assert "Kent annual review form.docx" in page.content.decode()
    assert_valid_html(page)


def test_a_second_form_replaces_the_first(
    client_for, senco, school, private_media, django_capture_on_commit_callbacks
):
    client = client_for(senco)
    with django_capture_on_commit_callbacks(execute=True):
        _post(client, school, report_sandbox.example_form())
    first = ReportTemplate.objects.get()
    first_path = first.path
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, school, word_file("{{ pupil_name }}"), name="v2.docx")
    assert response.status_code == 302
    form = ReportTemplate.objects.get()
    assert form.filename == "v2.docx"
    assert form.key != first.key
    assert not first_path.exists()
    assert _files(private_media) == [form.path]
    assert AuditEvent.objects.filter(action="ehcp.report_form.replace").count() == 1


def _zip(**parts: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name.replace("__", "/"), data)
    return out.getvalue()


BAD_UPLOADS = {
    "text named .docx": (b"Dear SENCO, this is not a Word document", "must be a Word document"),
    "a zip, not Word": (_zip(notes__readme_txt=b"hello"), "must be a Word document"),
    "a PDF": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "must be a Word document"),
    "empty": (b"", "The selected file is empty"),
    "too large": (os.urandom(report_sandbox.MAX_BYTES + 10), "smaller than 5 MB"),
    "broken placeholder": (word_file("Name: {{ pupil_name }", "x"), "not written correctly"),
    "unclosed loop": (word_file("{% for item in provision %}{{ item.what }}"), "not written"),
}


@pytest.mark.parametrize("case", sorted(BAD_UPLOADS))
def test_a_bad_upload_is_refused_naming_the_field(case, client_for, senco, school, private_media):
    data, message = BAD_UPLOADS[case]
    response = _post(client_for(senco), school, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'href="#id_file"' in html  # the error summary links to the file box
    assert "govuk-file-upload--error" in html
    assert_valid_html(response)
    assert not ReportTemplate.objects.exists()
    assert _files(private_media) == []
    assert not AuditEvent.objects.filter(action__startswith="ehcp.report_form.").exists()


def test_unknown_placeholders_are_listed(client_for, senco, school, private_media):
    data = word_file("{{ pupil_name }} {{ child_name }}", "{{ la_reference }}")
    response = _post(client_for(senco), school, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "does not offer: child_name, la_reference" in html
    assert 'id="unknown-placeholders"' in html
    assert "<code>child_name</code>" in html
    assert not ReportTemplate.objects.exists()
    assert _files(private_media) == []


def test_no_file_and_no_authority(client_for, senco, school):
    response = client_for(senco).post(reverse("ehcp_report_templates", args=[school.urn]), {})
    html = response.content.decode()
    assert "Choose the local authority" in html
    assert "Select the Word document to upload" in html
    assert not ReportTemplate.objects.exists()


@pytest.mark.parametrize(
    "placeholder",
    [
        "{{ pupil_name.__class__.__mro__ }}",
        "{{ pupil_name.__class__.__base__.__subclasses__() }}",
        "{{ pupil_name.upper() }}",
        "{{ 'x' * 1000 }}",
        "{{ 9 ** 9 ** 9 }}",
        "{% for item in provision %}{{ item.__class__ }}{% endfor %}",
    ],
)
def test_a_form_cannot_reach_python(placeholder, client_for, senco, school):
    response = _post(client_for(senco), school, word_file(placeholder))
    assert response.status_code == 200
    assert "The form uses something a report form may not" in response.content.decode()
    assert not ReportTemplate.objects.exists()


def test_filling_a_form_runs_in_the_sandbox_even_if_it_was_never_checked():
    """A form put in place some other way (a restore, an old upload) still cannot reach
    Python's internals when it is filled in."""
    data = word_file("{{ pupil_name.__class__.__mro__[1].__subclasses__() }}")
    with pytest.raises(SecurityError):
        report_sandbox.render_form(data, {"pupil_name": "Ada"})
    with pytest.raises(SecurityError):
        report_sandbox.render_form(word_file("{{ pupil_name.upper() }}"), {"pupil_name": "Ada"})


def test_the_word_report_fills_the_authoritys_form(client_for, senco, school, plan, item, teacher):
    add_classroom_item(plan)
    review = make_review(plan, by=senco, teacher=teacher)
    client = client_for(senco)
    _post(client, school, report_sandbox.example_form(), la_code=plan.la_code)
    # A form for another authority is not used for this plan.
    _post(client, school, word_file("Surrey's form {{ pupil_name }}"), la_code="936")
    response = client.get(reverse("ehcp_review_report_docx", args=[plan.pupil_id, review.pk]))
    text = docx_text(response.content)
    pupil = plan.pupil
    assert f"Annual review report: {pupil.full_name}" in text  # the example form's heading
    assert "Surrey's form" not in text
    assert "Social communication group" in text  # a row of the table per item
    assert "Visual timetable on the desk" in text
    assert "I like the quiet room at lunch & the timer" in text
    assert "Settles well after the movement break" in text
    assert "Dr Ada Obi" in text
    assert "{{" not in text and "{%" not in text
    form = ReportTemplate.objects.get(la_code=plan.la_code)
    event = AuditEvent.objects.get(action="ehcp.report.docx")
    assert (event.detail["layout"], event.detail["form_id"]) == ("local_authority", form.pk)
    # The review page's links say the authority's form is used.
    from django.template.loader import render_to_string

    from senco.access import scope_at

    html = render_to_string(
        "ehcp/review/_report_links.html",
        {"pupil": pupil, "review": review, "scope": scope_at(senco, school)},
    )
    assert "Kent's own form" in html


def test_removing_a_form(
    client_for, senco, school, private_media, django_capture_on_commit_callbacks
):
    client = client_for(senco)
    _post(client, school, report_sandbox.example_form())
    form = ReportTemplate.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("ehcp_report_template_remove", args=[school.urn, form.pk]))
    assert response.status_code == 302
    assert not ReportTemplate.objects.exists()
    assert _files(private_media) == []
    event = AuditEvent.objects.get(action="ehcp.report_form.remove")
    assert (event.school, event.detail["la_code"]) == (school, "886")


def test_another_schools_form_is_not_found(client_for, senco, outsider, school, other_school):
    _post(client_for(outsider), other_school, report_sandbox.example_form())
    theirs = ReportTemplate.objects.get()
    response = client_for(senco).post(
        reverse("ehcp_report_template_remove", args=[school.urn, theirs.pk])
    )
    assert response.status_code == 404
    assert ReportTemplate.objects.filter(pk=theirs.pk).exists()
