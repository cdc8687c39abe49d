"""Importing parents and carers from a contacts file (senco/imports/contacts.py), through
the import's real pages: upload with "Contacts", check, import, as each role."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from senco import factories as f
from senco.audit.models import AuditEvent
from senco.imports.audit import ImportsAction
from senco.imports.contacts import COURT_ORDER_NOTE, parse_contacts
from senco.imports.models import ImportBatch
from senco.imports.parsing import ImportFileError
from senco.imports.tests.helpers import upn
from senco.operations.models import Job
from senco.pupils.models import Contact
from senco.testing import (
    ROLES,
    SENCO_ONLY_SCHOOL_ACTION,
    SENCO_ONLY_SCHOOL_PAGE,
    assert_valid_html,
)

DATA = Path(__file__).parent / "data"
SIMS = (DATA / "sims_contacts.csv").read_bytes()
ARBOR = (DATA / "arbor_contacts.csv").read_bytes()
SIMS_HEADINGS = SIMS.decode().splitlines()[0]


@pytest.fixture
def khan(school):
    return f.PupilFactory(school=school, upn=upn(1), forename="Amira", legal_surname="Khan")


@pytest.fixture
def nowak(school):
    return f.PupilFactory(school=school, upn=upn(2), forename="Kacper", legal_surname="Nowak")


@pytest.fixture
def pupils(khan, nowak):
    return khan, nowak


def upload_url(school):
    return reverse("import_upload", args=[school.urn])


def send(client, school, content: bytes, name="contacts.csv", kind="contacts"):
    """Upload a file as the SENCO does; returns the response and the batch it made."""
    before = set(ImportBatch.objects.values_list("pk", flat=True))
    response = client.post(
        upload_url(school),
        {"kind": kind, "file": SimpleUploadedFile(name, content, content_type="text/csv")},
    )
    made = ImportBatch.objects.exclude(pk__in=before).first()
    return response, made


def preview(client, batch, **params):
    url = reverse("import_preview", args=[batch.school.urn, batch.pk])
    return client.get(url, params)


def apply(client, batch, skip_invalid=False):
    url = reverse("import_apply", args=[batch.school.urn, batch.pk])
    return client.post(url, {"skip_invalid": "on"} if skip_invalid else {})


def import_file(client, school, content: bytes):
    response, batch = send(client, school, content)
    assert response.status_code == 302, response.content.decode()[:2000]
    response = apply(client, batch)
    assert response.status_code == 302
    batch.refresh_from_db()
    return batch


def contacts_of(pupil) -> dict[str, Contact]:
    return {c.name: c for c in Contact.objects.filter(pupil=pupil)}


# --- Who may do it (the import's URL names; their tables are in test_views.py) ------------


@pytest.mark.parametrize("role", ROLES)
def test_only_the_senco_uploads_checks_and_imports_contacts(
    role, cast, school, pupils, senco, client_for
):
    _, batch = send(client_for(senco), school, SIMS)
    client = client_for(cast[role])
    assert preview(client, batch).status_code == SENCO_ONLY_SCHOOL_PAGE[role]
    response, made = send(client, school, SIMS)
    assert response.status_code == SENCO_ONLY_SCHOOL_ACTION[role]
    assert (made is not None) == (role == "senco")
    response = apply(client, batch)
    assert response.status_code == SENCO_ONLY_SCHOOL_ACTION[role]
    assert Contact.objects.filter(pupil__in=pupils).exists() == (role == "senco")


def test_a_contacts_file_of_another_school_is_404(
    senco, client_for, school, other_school, outsider, pupils
):
    _, theirs = send(client_for(outsider), other_school, SIMS)
    assert theirs is not None
    client = client_for(senco)
    url = reverse("import_preview", args=[school.urn, theirs.pk])
    assert client.get(url).status_code == 404
    assert client.post(url + "apply/").status_code == 404
    assert not Contact.objects.exists()


# --- The upload page ------------------------------------------------------------------------


def test_the_upload_page_offers_pupils_or_contacts(senco, client_for, school):
    response = client_for(senco).get(upload_url(school))
    assert_valid_html(response)
    content = response.content.decode()
    assert 'type="radio" value="pupils" checked' in content
    assert 'type="radio" value="contacts"' in content
    assert 'id="contact-columns"' in content
    for words in ("Parental Responsibility", "Relationship to Student", "Court Order"):
        assert words in content


def test_a_pupil_file_uploaded_as_contacts_is_refused_by_name(senco, client_for, school):
    from senco.imports.tests.helpers import csv_bytes, row

    response, made = send(client_for(senco), school, csv_bytes([row(1)]))
    assert response.status_code == 200
    assert_valid_html(response)
    content = response.content.decode()
    assert "There is a problem" in content
    assert "no column for" in content and "choose Pupils" in content
    assert made is None


# --- A SIMS file, first time ------------------------------------------------------------------


def test_a_sims_file_is_checked_then_imported(senco, client_for, school, pupils):
    khan, nowak = pupils
    client = client_for(senco)
    response, batch = send(client, school, SIMS, name="sims.csv")
    assert response.status_code == 302
    assert batch.kind == ImportBatch.Kind.CONTACTS
    assert not Contact.objects.exists()  # nothing written by the upload or the check

    page = preview(client, batch)
    assert page.status_code == 200
    assert_valid_html(page)
    content = page.content.decode()
    assert "Check the import of contacts" in content
    assert 'id="count-create">4<' in content
    assert "Import 4 contacts" in content
    assert "Legal Surname" in content  # the pupil's columns are named as ignored
    assert not Contact.objects.exists()
    # The pupils whose contacts are shown are audited as a list page is.
    audited = AuditEvent.objects.filter(action=ImportsAction.PREVIEW, pupil__isnull=False)
    assert set(audited.values_list("pupil_id", flat=True)) == {khan.pk, nowak.pk}

    response = apply(client, batch)
    assert response.status_code == 302
    job = Job.objects.get()
    assert job.status == Job.Status.DONE, job.error
    assert "4 new contacts" in job.result_message

    sana = contacts_of(khan)["Sana Khan"]
    assert (sana.relationship, sana.priority, sana.phone, sana.email) == (
        "Mother",
        1,
        "07700 900123",
        "sana.khan@example.com",
    )
    assert sana.parental_responsibility and sana.may_be_told
    piotr = contacts_of(nowak)["Piotr Nowak"]
    assert piotr.no_contact and piotr.no_information
    assert piotr.restriction_note == COURT_ORDER_NOTE
    assert not piotr.may_be_told
    # The office finds a pupil by a contact's phone number: the search key is made.
    assert "07700900123" in sana.search_key

    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.APPLIED and batch.content == ""
    assert batch.summary["created"] == 4
    rows = AuditEvent.objects.filter(action=ImportsAction.CONTACT_IMPORT)
    assert rows.count() == 4
    assert set(rows.values_list("pupil_id", flat=True)) == {khan.pk, nowak.pk}
    assert AuditEvent.objects.filter(action=ImportsAction.APPLY).get().detail["kind"] == (
        "contacts"
    )
    done = preview(client, batch)
    assert_valid_html(done)
    assert "This file was imported on" in done.content.decode()


def test_the_same_file_again_changes_nothing(senco, client_for, school, pupils):
    client = client_for(senco)
    import_file(client, school, SIMS)
    before = list(Contact.objects.order_by("pk").values())

    _, again = send(client, school, SIMS)
    content = preview(client, again).content.decode()
    assert 'id="count-unchanged">4<' in content
    assert 'id="count-create">0<' in content and 'id="count-update">0<' in content
    assert "there is nothing to import" in content
    apply(client, again)
    assert list(Contact.objects.order_by("pk").values()) == before


def test_a_changed_phone_and_email_are_corrected(senco, client_for, school, pupils):
    khan, _ = pupils
    client = client_for(senco)
    import_file(client, school, SIMS)
    sana = contacts_of(khan)["Sana Khan"]
    changed = SIMS.replace(b"07700 900123,sana.khan@", b"07700 900999,sana.k@")

    _, batch = send(client, school, changed)
    content = preview(client, batch).content.decode()
    assert 'id="count-update">1<' in content
    assert "Phone: from 07700 900123 to 07700 900999" in content
    assert "Email: from sana.khan@example.com to sana.k@example.com" in content
    apply(client, batch)

    fresh = Contact.objects.get(pk=sana.pk)
    assert (fresh.phone, fresh.email) == ("07700 900999", "sana.k@example.com")
    assert fresh.version == sana.version + 1  # someone editing it meanwhile is told
    assert "07700900999" in fresh.search_key
    assert Contact.objects.count() == 4
    # The second import's rows (one moment; their ids follow the pupil, not the file).
    imports = AuditEvent.objects.filter(action=ImportsAction.CONTACT_IMPORT)
    details = [row.detail for row in imports.filter(at=imports.latest("at").at)]
    assert [d["changes"] for d in details if d.get("changes")] == [["phone", "email"]]
    assert "07700" not in str(details)  # the fields' names, not the person's details


def test_arbor_file_matches_names_whatever_their_case_and_accents(
    senco, client_for, school, pupils
):
    khan, nowak = pupils
    client = client_for(senco)
    import_file(client, school, SIMS)
    # A contact added by hand with the accents the MIS leaves out.
    f.ContactFactory(pupil=nowak, name="Ewa Wisniewska", relationship="Grandmother")

    _, batch = send(client, school, ARBOR, name="arbor.csv")
    page = preview(client, batch)
    assert_valid_html(page)
    content = page.content.decode()
    assert 'id="count-create">0<' in content  # SANA KHAN is Sana Khan, Wiśniewska Wisniewska
    assert "Preferred language: from blank to Urdu" in content
    assert "Phone: from 07700 900123 to 01632 960001" in content  # the first phone given
    apply(client, batch)

    sana = contacts_of(khan)["Sana Khan"]  # the name senco had is kept
    assert (sana.language, sana.interpreter, sana.phone) == ("Urdu", True, "01632 960001")
    assert contacts_of(khan)["Imran Khan"].email == "imran.khan@example.com"
    ewa = contacts_of(nowak)["Ewa Wisniewska"]
    assert (ewa.priority, ewa.parental_responsibility, ewa.interpreter) == (3, False, True)
    assert Contact.objects.count() == 5


def test_a_contact_added_by_hand_is_kept(senco, client_for, school, pupils):
    khan, _ = pupils
    client = client_for(senco)
    aunt = f.ContactFactory(pupil=khan, name="Aunt Jo", relationship="Aunt", priority=3)
    _, batch = send(client, school, SIMS)
    content = preview(client, batch).content.decode()
    assert 'id="count-kept">1 (kept as they are)' in content
    apply(client, batch)
    assert Contact.objects.filter(pk=aunt.pk, name="Aunt Jo").exists()
    assert Contact.objects.count() == 5


def test_a_blank_cell_never_clears_and_a_restriction_is_never_lifted(
    senco, client_for, school, pupils
):
    _, nowak = pupils
    client = client_for(senco)
    import_file(client, school, SIMS)
    piotr = contacts_of(nowak)["Piotr Nowak"]
    piotr.restriction_note = "Prohibited steps order, 3 March 2025"
    piotr.email = "piotr@example.com"
    piotr.save()
    lifted = SIMS.replace(b"07700 900111,,Y", b"07700 900111,,N")

    _, batch = send(client, school, lifted)
    content = preview(client, batch).content.decode()
    assert 'id="count-unchanged">4<' in content
    apply(client, batch)
    fresh = Contact.objects.get(pk=piotr.pk)
    assert fresh.no_contact and fresh.no_information
    assert fresh.restriction_note == "Prohibited steps order, 3 March 2025"
    assert fresh.email == "piotr@example.com"


# --- Bad rows ---------------------------------------------------------------------------------


def bad_file() -> bytes:
    lines = [
        SIMS_HEADINGS,
        f"{upn(1)},Khan,Amira,Khan,Sana,Mother,Y,1,07700 900123,sana.khan@example.com,N",
        f"{upn(9)},Gone,Gus,Gone,Gail,Mother,Y,1,07700 900123,,N",
        f"{upn(2)},Nowak,Kacper,Nowak,Zofia,Mother,Y,first,07700 900789,zofia-at-example,N",
        f"{upn(2)},Nowak,Kacper,Nowak,Piotr,,Y,2,12,,maybe",
        f"{upn(1)},Khan,Amira,KHAN,SANA,Mother,Y,1,07700 900123,,N",
    ]
    return ("\r\n".join(lines) + "\r\n").encode()


def test_the_preview_names_every_problem_by_row_and_column(senco, client_for, school, pupils):
    client = client_for(senco)
    _, batch = send(client, school, bad_file(), name="bad.csv")
    page = preview(client, batch, show="problem")
    assert_valid_html(page)
    content = page.content.decode()
    assert 'id="count-bad">4<' in content
    assert f"Row 3, column UPN, value {upn(9)}: No pupil at this school has this UPN" in content
    assert "Row 4, column Priority, value first: The priority must be a number" in content
    assert "Row 4, column Email, value zofia-at-example: This is not an email address" in content
    assert "Row 5, column Relationship, blank: The relationship is blank" in content
    assert "Row 5, column Telephone, value 12: This is not a phone number" in content
    assert "Row 5, column Court Order, value maybe: Use Y or N" in content
    assert (
        "Row 6, column Contact Forename, value SANA KHAN: "
        "This contact of this pupil is already on row 2" in content
    )


def test_bad_rows_stop_the_import_unless_left_out(senco, client_for, school, pupils):
    client = client_for(senco)
    _, batch = send(client, school, bad_file())
    response = apply(client, batch)
    assert response.status_code == 200
    assert_valid_html(response)
    content = response.content.decode()
    assert "There is a problem" in content
    assert "Nothing has been imported because 4 rows have problems" in content
    assert not Contact.objects.exists()
    assert not Job.objects.exists()

    response = apply(client, batch, skip_invalid=True)
    assert response.status_code == 302
    assert list(Contact.objects.values_list("name", flat=True)) == ["Sana Khan"]
    batch.refresh_from_db()
    assert batch.summary["skipped_rows"] == [3, 4, 5, 6]


def test_a_pupil_of_another_school_is_an_unknown_upn(senco, client_for, school, other_school):
    f.PupilFactory(school=other_school, upn=upn(1))
    client = client_for(senco)
    _, batch = send(client, school, SIMS)
    content = preview(client, batch).content.decode()
    assert 'id="count-bad">4<' in content
    assert "No pupil at this school has this UPN" in content
    apply(client, batch, skip_invalid=True)
    assert not Contact.objects.exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "The file is empty"),
        ("UPN,Name\r\n", "no column for the relationship"),
        ("UPN,Relationship\r\n", r"the contact's name \(or forename and surname\)"),
        ("UPN,Contact Name,Relationship\r\n", "no contacts"),
    ],
)
def test_a_file_that_cannot_be_used(text, message):
    with pytest.raises(ImportFileError, match=message):
        parse_contacts(text)


def test_the_check_reads_the_same_number_of_queries_for_more_contacts(senco, client_for, school):
    made = iter(range(100, 200))

    def timed(count: int) -> int:
        lines = [SIMS_HEADINGS]
        for n in range(count):
            pupil = f.PupilFactory(school=school, upn=upn(next(made)))
            lines.append(f"{pupil.upn},X,Y,Parent,Pat,Mother,Y,1,07700 900{n:03},,N")
            f.ContactFactory(pupil=pupil, name="Hand Added")
        client = client_for(senco)
        _, batch = send(client, school, ("\r\n".join(lines) + "\r\n").encode())
        with CaptureQueriesContext(connection) as queries:
            assert preview(client, batch).status_code == 200
        return len(queries)

    assert timed(2) == timed(20)


def test_a_do_not_contact_flag_gets_a_reason_to_check(senco, client_for, school, pupils):
    khan, _ = pupils
    text = (
        "UPN,Contact Name,Relationship,Do Not Contact\r\n"
        f"{upn(1)},Sana Khan,Mother,Y\r\n{upn(1)},Imran Khan,Father,N\r\n"
    )
    import_file(client_for(senco), school, text.encode())
    sana, imran = contacts_of(khan)["Sana Khan"], contacts_of(khan)["Imran Khan"]
    assert sana.no_contact and not sana.no_information and not sana.may_be_contacted
    assert sana.restriction_note == "Recorded in the MIS: check why"
    assert imran.may_be_told and imran.restriction_note == ""
