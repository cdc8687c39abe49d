import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from senco import factories as f
from senco.audit.actor import Actor
from senco.audit.models import AuditEvent
from senco.imports.jobs import import_apply_job
from senco.imports.models import ImportBatch
from senco.imports.services import import_batch_create
from senco.imports.tests.helpers import csv_bytes, row, upn
from senco.operations.jobs import job_start
from senco.operations.models import Job
from senco.pupils.models import Pupil
from senco.register.models import RegisterChange
from senco.testing import (
    ROLES,
    SENCO_ONLY_SCHOOL_ACTION,
    SENCO_ONLY_SCHOOL_PAGE,
    assert_valid_html,
    role_tables,
)

# Only the SENCO imports; the other roles of the school 403, the rest 404.
PAGES = role_tables(
    {"import_upload": SENCO_ONLY_SCHOOL_PAGE, "import_preview": SENCO_ONLY_SCHOOL_PAGE}
)
CHANGES = role_tables(
    {
        "import_upload": SENCO_ONLY_SCHOOL_ACTION,
        "import_apply": SENCO_ONLY_SCHOOL_ACTION,
        "import_cancel": SENCO_ONLY_SCHOOL_ACTION,
    },
    method="POST",
)


def upload(rows=None, name="pupils.csv", raw=None):
    content = raw if raw is not None else csv_bytes(rows)
    return SimpleUploadedFile(name, content, content_type="text/csv")


def upload_url(school):
    return reverse("import_upload", args=[school.urn])


def preview_url(batch):
    return reverse("import_preview", args=[batch.school.urn, batch.pk])


def apply_url(batch):
    return reverse("import_apply", args=[batch.school.urn, batch.pk])


def cancel_url(batch):
    return reverse("import_cancel", args=[batch.school.urn, batch.pk])


@pytest.fixture
def batch(school, senco):
    return import_batch_create(school=school, actor=Actor(senco), upload=upload([row(1), row(2)]))


@pytest.fixture
def bad_batch(school, senco):
    rows = [row(1), row(2, DOB="31/02/2013"), row(3, Gender="X")]
    return import_batch_create(school=school, actor=Actor(senco), upload=upload(rows))


# --- Who may do what -----------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_upload_page_by_role(role, cast, school, client_for):
    response = client_for(cast[role]).get(upload_url(school))
    assert response.status_code == PAGES["import_upload"][role]


@pytest.mark.parametrize("role", ROLES)
def test_upload_post_by_role(role, cast, school, client_for):
    response = client_for(cast[role]).post(upload_url(school), {"file": upload([row(1)])})
    assert response.status_code == CHANGES["import_upload"][role]
    assert ImportBatch.objects.exists() == (role == "senco")


@pytest.mark.parametrize("role", ROLES)
def test_preview_by_role(role, cast, batch, client_for):
    response = client_for(cast[role]).get(preview_url(batch))
    assert response.status_code == PAGES["import_preview"][role]


@pytest.mark.parametrize("role", ROLES)
def test_apply_by_role(role, cast, batch, client_for):
    response = client_for(cast[role]).post(apply_url(batch))
    assert response.status_code == CHANGES["import_apply"][role]
    assert Pupil.objects.filter(upn=upn(1)).exists() == (role == "senco")


@pytest.mark.parametrize("role", ROLES)
def test_cancel_by_role(role, cast, batch, client_for):
    response = client_for(cast[role]).post(cancel_url(batch))
    assert response.status_code == CHANGES["import_cancel"][role]
    batch.refresh_from_db()
    assert (batch.status == ImportBatch.Status.CANCELLED) == (role == "senco")


def test_it_requires_signing_in(client, school, batch):
    for url in (upload_url(school), preview_url(batch)):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


def test_an_unknown_school_is_404(senco, client_for):
    assert client_for(senco).get(reverse("import_upload", args=["999999"])).status_code == 404


def test_a_batch_of_another_school_is_404(senco, client_for, school, other_school, outsider):
    theirs = import_batch_create(
        school=other_school, actor=Actor(outsider), upload=upload([row(1)])
    )
    client = client_for(senco)
    for url in (
        reverse("import_preview", args=[school.urn, theirs.pk]),
        reverse("import_apply", args=[school.urn, theirs.pk]),
        reverse("import_cancel", args=[school.urn, theirs.pk]),
    ):
        method = client.get if url.endswith(f"/{theirs.pk}/") else client.post
        assert method(url).status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == ImportBatch.Status.PREVIEWED
    assert not Pupil.objects.exists()


def test_apply_and_cancel_reject_get(senco, client_for, batch):
    client = client_for(senco)
    assert client.get(apply_url(batch)).status_code == 405
    assert client.get(cancel_url(batch)).status_code == 405


# --- The upload page -----------------------------------------------------------------------


def test_the_upload_page_says_what_the_file_needs(senco, client_for, school, batch):
    response = client_for(senco).get(upload_url(school))
    assert_valid_html(response)
    content = response.content.decode()
    assert 'enctype="multipart/form-data"' in content
    assert 'class="govuk-file-upload"' in content
    assert '<label class="govuk-label" for="id_file">Upload a CSV file</label>' in content
    for words in ("UPN", "Date of birth", "Year group", "CSV UTF-8", "semicolons"):
        assert words in content
    assert batch.filename in content  # recent imports


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "The file is empty"),
        (b"PK\x03\x04 a workbook", "This is an Excel workbook"),
        (b"UPN,Surname\n", "no column for Forename"),
        (csv_bytes([]), "no pupils"),
        (csv_bytes([row(1), row(1)]), "Some UPNs appear more than once"),
    ],
)
def test_a_bad_file_gets_one_message_and_nothing_is_kept(senco, client_for, school, raw, message):
    response = client_for(senco).post(upload_url(school), {"file": upload(raw=raw)})
    assert response.status_code == 200
    assert_valid_html(response)
    content = response.content.decode()
    assert "There is a problem" in content
    assert message in content
    assert 'href="#id_file"' in content
    assert not ImportBatch.objects.exists()


def test_no_file_chosen(senco, client_for, school):
    response = client_for(senco).post(upload_url(school), {})
    assert "Select the CSV file to upload" in response.content.decode()
    assert_valid_html(response)


def test_a_file_over_the_limit(senco, client_for, school, settings):
    settings.IMPORT_MAX_BYTES = 100
    response = client_for(senco).post(upload_url(school), {"file": upload([row(1), row(2)])})
    assert "larger than" in response.content.decode()
    assert not ImportBatch.objects.exists()


# --- The preview ---------------------------------------------------------------------------


def test_the_preview_shows_what_will_change(senco, client_for, school, pupil):
    rows = [
        row(
            1,
            **{
                "Legal Surname": "<script>alert(1)</script>",
                "SEN Status": "K",
                "Primary Need": "ASD",
            },
        ),
        {
            **row(2),
            "UPN": pupil.upn,
            "Legal Surname": pupil.legal_surname,
            "Legal Forename": "Zoë",
            "SEN Status": "K",
            "Primary Need": "SLCN",
            "Year": "8",
        },
    ]
    batch = import_batch_create(school=school, actor=Actor(senco), upload=upload(rows))
    response = client_for(senco).get(preview_url(batch))
    assert response.status_code == 200
    assert_valid_html(response)
    content = response.content.decode()
    assert '<dd class="govuk-summary-list__value" id="count-create">1</dd>' in content
    assert '<dd class="govuk-summary-list__value" id="count-update">1</dd>' in content
    assert '<dd class="govuk-summary-list__value" id="count-bad">0</dd>' in content
    assert "Year group: from Year 7 to Year 8" in content
    assert "O&#x27;Brien-Łukasiewicz" in content
    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content
    assert "Import 2 pupils" in content
    assert 'name="skip_invalid"' not in content
    assert not RegisterChange.objects.exists()
    event = AuditEvent.objects.get(action="import.preview")
    assert (event.user, event.school, event.detail["batch"]) == (senco, school, batch.pk)


def test_the_preview_lists_every_bad_row(senco, client_for, bad_batch):
    response = client_for(senco).get(preview_url(bad_batch))
    assert_valid_html(response)
    content = response.content.decode()
    assert '<dd class="govuk-summary-list__value" id="count-bad">2</dd>' in content
    assert "2 rows have problems" in content
    assert "31/02/2013" in content
    assert "There is no such date" in content
    assert "Use M or F" in content
    assert "Import only the 1 good row and leave out the bad ones" in content
    assert 'name="skip_invalid"' in content
    assert "Import 1 pupil<" in content


def test_the_preview_names_ignored_columns(senco, client_for, school):
    headings = ["UPN", "Surname", "Forename", "DOB", "Sex", "Year", "Ethnicity"]
    raw = (",".join(headings) + f"\n{upn(1)},Ng,Al,01/09/2013,M,7,WBRI\n").encode()
    batch = import_batch_create(school=school, actor=Actor(senco), upload=upload(raw=raw))
    content = client_for(senco).get(preview_url(batch)).content.decode()
    assert "will ignore them: Ethnicity." in content
    assert "no SEN provision column" in content


def test_a_preview_with_nothing_to_import(senco, client_for, school, batch):
    client = client_for(senco)
    client.post(apply_url(batch))
    again = import_batch_create(school=school, actor=Actor(senco), upload=upload([row(1), row(2)]))
    response = client.get(preview_url(again))
    assert_valid_html(response)
    content = response.content.decode()
    assert "there is nothing to import" in content
    assert apply_url(again) not in content


# --- Applying ------------------------------------------------------------------------------


def test_bad_rows_stop_the_import_unless_the_box_is_ticked(senco, client_for, bad_batch):
    client = client_for(senco)
    response = client.post(apply_url(bad_batch))
    assert response.status_code == 200
    assert_valid_html(response)
    content = response.content.decode()
    assert "There is a problem" in content
    assert "Nothing has been imported because 2 rows have problems" in content
    assert 'href="#id_skip_invalid"' in content
    assert not Pupil.objects.exists()
    bad_batch.refresh_from_db()
    assert bad_batch.status == ImportBatch.Status.PREVIEWED

    response = client.post(apply_url(bad_batch), {"skip_invalid": "on"})
    assert response.status_code == 302
    assert list(Pupil.objects.values_list("upn", flat=True)) == [upn(1)]


def test_applying_twice_writes_once(senco, client_for, batch):
    client = client_for(senco)
    assert client.post(apply_url(batch)).status_code == 302
    counts = (Pupil.objects.count(), AuditEvent.objects.filter(action="pupil.import").count())
    response = client.post(apply_url(batch))
    assert response.status_code == 302
    assert response.url == preview_url(batch)
    assert (
        Pupil.objects.count(),
        AuditEvent.objects.filter(action="pupil.import").count(),
    ) == counts
    assert AuditEvent.objects.filter(action="import.apply").count() == 1
    page = client.get(preview_url(batch))
    assert_valid_html(page)
    assert "A file can only be imported once" in page.content.decode()


def test_a_cancelled_batch(senco, client_for, batch):
    client = client_for(senco)
    response = client.post(cancel_url(batch))
    assert response.url == upload_url(batch.school)
    assert client.post(apply_url(batch)).url == preview_url(batch)
    page = client.get(preview_url(batch))
    assert_valid_html(page)
    assert "This import was cancelled" in page.content.decode()
    assert not Pupil.objects.exists()


def test_the_register_changed_since_the_preview(senco, client_for, batch, school):
    client = client_for(senco)
    assert "Import 2 pupils" in client.get(preview_url(batch)).content.decode()
    # Someone adds the second pupil by hand between the preview and the import.
    added = f.PupilFactory(school=school, upn=upn(2), date_of_birth=datetime.date(2013, 9, 2))
    response = client.post(apply_url(batch), follow=True)
    content = response.content.decode()
    assert "1 new pupil, 1 pupil updated" in content
    assert Pupil.objects.filter(school=school).count() == 2
    added.refresh_from_db()
    assert added.date_of_birth == datetime.date(2013, 9, 1)


def test_a_pupil_who_moved_from_a_sister_school_is_previewed_as_new(
    senco, client_for, school, sister_school
):
    old = f.SenPupilFactory(school=sister_school, upn=upn(2), legal_surname="Elsewhere")
    batch = import_batch_create(school=school, actor=Actor(senco), upload=upload([row(2)]))
    content = client_for(senco).get(preview_url(batch)).content.decode()
    assert "Import 1 pupil" in content
    for word in (sister_school.name, old.legal_surname, "another school", "SLCN"):
        assert word not in content
    client_for(senco).post(apply_url(batch))
    assert Pupil.objects.filter(upn=upn(2)).count() == 2
    old.refresh_from_db()
    assert old.school == sister_school


# --- The whole journey ---------------------------------------------------------------------


def test_a_senco_imports_a_file_from_upload_to_register(senco, client_for, school, pupil):
    client = client_for(senco)
    page = client.get(upload_url(school))
    assert page.status_code == 200

    rows = [
        row(
            1,
            **{
                "Legal Surname": "Łukasz",
                "Legal Forename": "李",
                "SEN Status": "K",
                "Primary Need": "ASD",
            },
        ),
        row(2, **{"Legal Surname": "=cmd|' /C calc'!A0"}),
        {
            **row(3),
            "UPN": pupil.upn,
            "Legal Surname": pupil.legal_surname,
            "Legal Forename": pupil.forename,
            "DOB": pupil.date_of_birth.strftime("%d/%m/%Y"),
            "Gender": pupil.sex,
            "Year": "8",
            "SEN Status": "K",
            "Primary Need": "SLCN",
        },
    ]
    response = client.post(upload_url(school), {"file": upload(rows, name="Year 7 2025.csv")})
    assert response.status_code == 302
    batch = ImportBatch.objects.get()
    assert response.url == preview_url(batch)

    preview = client.get(response.url)
    assert_valid_html(preview)
    content = preview.content.decode()
    assert '<dd class="govuk-summary-list__value" id="count-create">2</dd>' in content
    assert '<dd class="govuk-summary-list__value" id="count-update">1</dd>' in content
    assert "Import 3 pupils" in content
    assert not Pupil.objects.filter(upn=upn(1)).exists()

    # Imported in the background: the job's page says what it did and links the register.
    done = client.post(apply_url(batch), follow=True)
    assert re.fullmatch(r"/jobs/[0-9a-f-]{36}/", done.redirect_chain[-1][0])
    assert_valid_html(done)
    page = done.content.decode()
    assert "Imported Year 7 2025.csv: 2 new pupils, 1 pupil updated" in page
    assert f'href="{reverse("register", args=[school.urn])}"' in page
    new = Pupil.objects.get(upn=upn(1))
    assert (new.forename, new.legal_surname, new.sen_provision) == ("李", "Łukasz", "K")
    assert Pupil.objects.get(upn=upn(2)).legal_surname == "=cmd|' /C calc'!A0"
    pupil.refresh_from_db()
    assert pupil.year_group == 8
    assert new.register_changes.get().reason == "imported from MIS"
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.APPLIED


def test_an_import_the_senco_can_no_longer_make_fails_plainly(client_for, senco, school):
    batch = import_batch_create(
        school=school,
        actor=Actor(senco),
        upload=SimpleUploadedFile("pupils.csv", csv_bytes([row(1)])),
    )
    batch.status = ImportBatch.Status.CANCELLED
    batch.save()
    job = job_start(
        actor=Actor(senco),
        title="Importing pupils.csv",
        function=import_apply_job,
        school=school,
        arguments={"batch_id": batch.pk, "skip_invalid": False},
    )
    assert job.status == Job.Status.FAILED
    assert job.error == "This file has already been imported or cancelled."
    assert not Pupil.objects.filter(upn=upn(1)).exists()
