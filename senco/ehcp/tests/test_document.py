"""The EHC plan's PDF as the local authority issued it, and removing an item of section F
only after "are you sure"."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.text import slugify

from senco.audit.actor import Actor
from senco.audit.models import AuditEvent
from senco.ehcp import document_services
from senco.ehcp.document_services import document_replace
from senco.ehcp.models import EHCPlan, PlanDocument, ProvisionItem
from senco.ehcp.services import item_save, item_version
from senco.operations.backup import media_files
from senco.pupils.models import Pupil
from senco.testing import (
    PUPIL_READERS,
    ROLES,
    SENCO_ONLY_PUPIL_ACTION,
    SENCO_ONLY_PUPIL_PAGE,
    assert_valid_html,
    role_tables,
)

GETS = role_tables(
    {
        "ehcp_document": PUPIL_READERS,
        "ehcp_document_upload": SENCO_ONLY_PUPIL_PAGE,
        "ehcp_document_remove": SENCO_ONLY_PUPIL_PAGE,
        "ehcp_item_remove": SENCO_ONLY_PUPIL_PAGE,
    }
)
POSTS = role_tables(
    {
        "ehcp_document_upload": SENCO_ONLY_PUPIL_ACTION,
        "ehcp_document_remove": SENCO_ONLY_PUPIL_ACTION,
    },
    method="POST",
)

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
OTHER_PDF = b"%PDF-1.4\n% the amended plan\n" + b"0" * 3000 + b"\n%%EOF"


def upload(data=PDF, name="Kent EHCP final.pdf", content_type="application/pdf"):
    return SimpleUploadedFile(name, data, content_type=content_type)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def document(senco, plan):
    return document_replace(actor=Actor(senco), plan=plan, upload=upload())


def files(media):
    return {name: path.read_bytes() for name, path in media_files(media)}


def _url(name, pupil, item=None):
    return reverse(name, args=[pupil.pk, item.pk] if item else [pupil.pk])


# --- Who may do what ------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(GETS))
@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_the_right_answer(name, role, cast, client_for, ehc_pupil, item, document):
    url = _url(name, ehc_pupil, item if name == "ehcp_item_remove" else None)
    response = client_for(cast[role]).get(url)
    assert response.status_code == GETS[name][role]
    if response.status_code != 200:
        assert ehc_pupil.legal_surname.encode() not in response.content
    elif name != "ehcp_document":
        assert_valid_html(response)


@pytest.mark.parametrize("role", ROLES)
def test_who_may_upload(role, cast, client_for, ehc_pupil, plan):
    url = _url("ehcp_document_upload", ehc_pupil)
    response = client_for(cast[role]).post(url, {"file": upload(), "version": "none"})
    assert response.status_code == POSTS["ehcp_document_upload"][role]
    assert PlanDocument.objects.filter(plan=plan).exists() == (response.status_code == 302)


@pytest.mark.parametrize("role", ROLES)
def test_who_may_remove(role, cast, client_for, ehc_pupil, document):
    url = _url("ehcp_document_remove", ehc_pupil)
    response = client_for(cast[role]).post(url, {"version": str(document.key)})
    assert response.status_code == POSTS["ehcp_document_remove"][role]
    assert PlanDocument.objects.filter(pk=document.pk).exists() == (response.status_code != 302)


def test_a_teacher_who_does_not_teach_the_pupil_cannot_open_it(
    client_for, other_teacher, ehc_pupil, document
):
    response = client_for(other_teacher).get(_url("ehcp_document", ehc_pupil))
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(action="ehcp.document.view").exists()


def test_no_pdf_and_no_plan_are_not_found(client_for, senco, ehc_pupil):
    client = client_for(senco)
    assert client.get(_url("ehcp_document", ehc_pupil)).status_code == 404
    assert client.get(_url("ehcp_document_upload", ehc_pupil)).status_code == 404
    EHCPlan.objects.create(pupil=ehc_pupil, la_code="886", issued_on="2025-01-06")
    assert client.get(_url("ehcp_document", ehc_pupil)).status_code == 404
    assert client.get(_url("ehcp_document_remove", ehc_pupil)).status_code == 404


# --- Uploading, opening, replacing, removing ------------------------------------------------


def test_the_senco_uploads_the_plan_and_a_teacher_opens_it(
    client_for, senco, teacher, ehc_pupil, plan, media
):
    client = client_for(senco)
    form = client.get(_url("ehcp_document_upload", ehc_pupil))
    assert b'enctype="multipart/form-data"' in form.content
    assert b'name="version" value="none"' in form.content
    response = client.post(
        _url("ehcp_document_upload", ehc_pupil), {"file": upload(), "version": "none"}
    )
    assert response.status_code == 302
    assert response["Location"] == _url("ehcp_plan", ehc_pupil)
    document = PlanDocument.objects.get(plan=plan)
    assert (document.filename, document.size, document.uploaded_by) == (
        "Kent EHCP final.pdf",
        len(PDF),
        senco,
    )
    # Kept under its random key, nothing else in the folder (no temporary file left).
    assert files(media) == {f"ehc-plans/{document.key}.pdf": PDF}
    event = AuditEvent.objects.get(action="ehcp.document.upload")
    assert (event.pupil, event.user, event.detail["document"]) == (
        ehc_pupil,
        senco,
        str(document.key),
    )

    page = client_for(teacher).get(_url("ehcp_plan", ehc_pupil))
    assert_valid_html(page)
    assert b"Download the EHC plan (PDF" in page.content
    assert b"Replace the PDF" not in page.content  # the teacher only reads it

    response = client_for(teacher).get(_url("ehcp_document", ehc_pupil))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    name = slugify(f"EHC plan {ehc_pupil.full_name}")
    assert response["Content-Disposition"] == f'attachment; filename="{name}.pdf"'
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    assert response["X-Content-Type-Options"] == "nosniff"
    view = AuditEvent.objects.get(action="ehcp.document.view")
    assert (view.pupil, view.user) == (ehc_pupil, teacher)


def test_the_plan_page_offers_the_upload_to_the_senco_only(
    client_for, senco, leader, ehc_pupil, plan
):
    page = client_for(senco).get(_url("ehcp_plan", ehc_pupil))
    assert b"No copy of the plan has been uploaded." in page.content
    assert _url("ehcp_document_upload", ehc_pupil).encode() in page.content
    page = client_for(leader).get(_url("ehcp_plan", ehc_pupil))
    assert b"No copy of the plan has been uploaded." in page.content
    assert _url("ehcp_document_upload", ehc_pupil).encode() not in page.content


def test_replacing_the_pdf_removes_the_old_file(
    client_for, senco, ehc_pupil, document, media, django_capture_on_commit_callbacks
):
    client = client_for(senco)
    page = client.get(_url("ehcp_document_upload", ehc_pupil))
    assert "Replace the EHC plan's PDF" in page.content.decode()
    assert b"Kent EHCP final.pdf" in page.content
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(
            _url("ehcp_document_upload", ehc_pupil),
            {"file": upload(OTHER_PDF, name="amended.PDF"), "version": str(document.key)},
        )
    assert response.status_code == 302
    new = PlanDocument.objects.get()
    assert new.key != document.key
    assert new.filename == "amended.pdf"
    # Both files until the transaction commits; then only the new one.
    assert len(files(media)) == 2
    for callback in callbacks:
        callback()
    assert files(media) == {f"ehc-plans/{new.key}.pdf": OTHER_PDF}
    event = AuditEvent.objects.get(action="ehcp.document.replace")
    assert event.detail["replaced"] == str(document.key)


def test_an_upload_over_a_pdf_changed_since_the_page_opened_is_refused(
    client_for, senco, ehc_pupil, document, media
):
    # Opened when there was no PDF; someone has uploaded one since.
    response = client_for(senco).post(
        _url("ehcp_document_upload", ehc_pupil),
        {"file": upload(OTHER_PDF), "version": "none"},
    )
    assert response.status_code == 200
    assert b"Someone else changed this since you opened it" in response.content
    assert PlanDocument.objects.get() == document
    assert files(media) == {f"ehc-plans/{document.key}.pdf": PDF}


def test_removing_the_pdf_asks_first_then_deletes_the_file(
    client_for, senco, ehc_pupil, document, media, django_capture_on_commit_callbacks
):
    client = client_for(senco)
    page = client.get(_url("ehcp_document_remove", ehc_pupil))
    assert_valid_html(page)
    assert "Are you sure you want to remove the EHC plan's PDF?" in page.content.decode()
    assert b"Kent EHCP final.pdf" in page.content
    assert PlanDocument.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _url("ehcp_document_remove", ehc_pupil), {"version": str(document.key)}
        )
    assert response.status_code == 302
    assert not PlanDocument.objects.exists()
    assert files(media) == {}
    event = AuditEvent.objects.get(action="ehcp.document.remove")
    assert (event.pupil, event.user, event.detail["filename"]) == (
        ehc_pupil,
        senco,
        "Kent EHCP final.pdf",
    )


def test_removing_a_pdf_replaced_since_the_page_opened_is_refused(
    client_for, senco, ehc_pupil, document, media
):
    newer = document_replace(
        actor=Actor(senco), plan=document.plan, upload=upload(OTHER_PDF), version=document.key
    )
    response = client_for(senco).post(
        _url("ehcp_document_remove", ehc_pupil), {"version": str(document.key)}
    )
    assert response.status_code == 200
    assert b"Someone else changed this since you opened it" in response.content
    assert f'value="{newer.key}"'.encode() in response.content  # confirm again to remove it
    assert PlanDocument.objects.get() == newer
    assert files(media)[f"ehc-plans/{newer.key}.pdf"] == OTHER_PDF


def test_deleting_the_pupil_deletes_the_file(
    senco, ehc_pupil, document, media, django_capture_on_commit_callbacks
):
    assert files(media)
    with django_capture_on_commit_callbacks(execute=True):
        Pupil.objects.filter(pk=ehc_pupil.pk).delete()
    assert files(media) == {}


def test_the_backup_holds_the_plans_pdf(document, media):
    # senco/operations/backup.py writes every file `media_files` finds under the folder.
    assert f"ehc-plans/{document.key}.pdf" in dict(media_files(media))


# --- Files refused ---------------------------------------------------------------------------

NOT_A_PDF = "The EHC plan&#x27;s file must be a PDF"


@pytest.mark.parametrize(
    ("data", "name", "content_type", "message"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"0" * 100, "plan.pdf", "application/pdf", NOT_A_PDF),
        (b"<html><script>alert(1)</script></html>", "plan.pdf", "application/pdf", NOT_A_PDF),
        (PDF[:-7], "plan.pdf", "application/pdf", NOT_A_PDF),  # cut short: no %%EOF
        (b" " + PDF, "plan.pdf", "application/pdf", NOT_A_PDF),
        (b"", "plan.pdf", "application/pdf", "The EHC plan&#x27;s file is empty"),
        (None, None, None, "Choose the EHC plan&#x27;s PDF to upload"),
    ],
    ids=["png", "html", "truncated", "not-at-start", "empty", "none"],
)
def test_a_file_that_is_not_a_pdf_is_refused(
    client_for, senco, ehc_pupil, plan, media, data, name, content_type, message
):
    post = {"version": "none"}
    if data is not None:
        post["file"] = upload(data, name=name, content_type=content_type)
    response = client_for(senco).post(_url("ehcp_document_upload", ehc_pupil), post)
    assert response.status_code == 200
    assert_valid_html(response)
    content = response.content.decode()
    assert message in content
    assert '<a href="#id_file">' in content  # the error summary links to the field
    assert "govuk-file-upload--error" in content
    assert not PlanDocument.objects.exists()
    assert files(media) == {}
    assert not AuditEvent.objects.filter(action__startswith="ehcp.document.up").exists()


def test_a_file_too_large_is_refused(client_for, senco, ehc_pupil, plan, media, settings):
    settings.EHC_PLAN_PDF_MAX_BYTES = 2 * 1024 * 1024
    big = b"%PDF-1.7\n" + b"0" * (2 * 1024 * 1024) + b"\n%%EOF\n"
    response = client_for(senco).post(
        _url("ehcp_document_upload", ehc_pupil), {"file": upload(big), "version": "none"}
    )
    assert response.status_code == 200
    assert b"The EHC plan&#x27;s PDF must be smaller than 2 MB" in response.content
    assert not PlanDocument.objects.exists()
    assert files(media) == {}


def test_the_bytes_decide_not_the_name_or_the_browser(client_for, senco, ehc_pupil, plan):
    response = client_for(senco).post(
        _url("ehcp_document_upload", ehc_pupil),
        {"file": upload(PDF, name="scan", content_type="text/plain"), "version": "none"},
    )
    assert response.status_code == 302
    assert PlanDocument.objects.get().filename == "scan.pdf"


def test_a_name_with_folders_and_control_characters_is_cleaned(senco, plan):
    name = "C:\\fakepath\\..\\plan\u202e\x07.pdf"
    document = document_replace(actor=Actor(senco), plan=plan, upload=upload(name=name))
    assert document.filename == "plan.pdf"
    assert "/" not in document.filename and "\\" not in document.filename


def test_nothing_is_left_when_saving_fails(senco, plan, media, monkeypatch):
    def fail(**kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(document_services, "audit_record", fail)
    with pytest.raises(RuntimeError):
        document_replace(actor=Actor(senco), plan=plan, upload=upload())
    assert not PlanDocument.objects.exists()
    assert files(media) == {}


def test_a_failed_replacement_keeps_the_old_pdf(senco, document, media, monkeypatch):
    def fail(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(document_services.os, "replace", fail)
    with pytest.raises(OSError):
        document_replace(actor=Actor(senco), plan=document.plan, upload=upload(OTHER_PDF))
    assert PlanDocument.objects.get() == document
    assert files(media) == {f"ehc-plans/{document.key}.pdf": PDF}


# --- Removing an item of section F asks first -----------------------------------------------


def test_removing_an_item_shows_it_and_asks_first(client_for, senco, ehc_pupil, item):
    client = client_for(senco)
    edit = client.get(_url("ehcp_item_edit", ehc_pupil, item))
    assert _url("ehcp_item_remove", ehc_pupil, item).encode() in edit.content
    page = client.get(_url("ehcp_item_remove", ehc_pupil, item))
    assert_valid_html(page)
    assert b"Are you sure you want to remove this item?" in page.content
    assert b"Social communication group" in page.content
    assert ProvisionItem.objects.filter(pk=item.pk).exists()
    assert AuditEvent.objects.filter(action="ehcp.item.remove_form", pupil=ehc_pupil).exists()
    response = client.post(
        _url("ehcp_item_remove", ehc_pupil, item), {"version": item_version(item)}
    )
    assert response.status_code == 302
    assert not ProvisionItem.objects.filter(pk=item.pk).exists()
    assert AuditEvent.objects.filter(action="ehcp.item.remove", pupil=ehc_pupil).exists()


def test_removing_an_item_changed_since_is_refused(client_for, senco, ehc_pupil, item):
    opened = item_version(item)
    item_save(
        actor=Actor(senco),
        item=item,
        what="Social communication group, twice a week now",
        kind=item.kind,
        in_place=False,
    )
    response = client_for(senco).post(
        _url("ehcp_item_remove", ehc_pupil, item), {"version": opened}
    )
    assert response.status_code == 200
    assert_valid_html(response)
    assert b"Someone else changed this since you opened it" in response.content
    assert b"twice a week now" in response.content  # the item as it is now
    assert ProvisionItem.objects.filter(pk=item.pk).exists()
    item.refresh_from_db()
    # Confirming again, from what is shown now, removes it.
    assert f'value="{item_version(item)}"'.encode() in response.content
