"""The SENCO's pages of bringing data in: who may use them, upload, check, confirm or cancel,
subjects and scales."""

import datetime
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from senco import factories as f
from senco.audit.actor import Actor
from senco.audit.models import AuditEvent
from senco.imports.tests.helpers import upn
from senco.lib.clock import academic_year_of
from senco.outcomes.audit import OutcomesAction
from senco.outcomes.import_services import outcomes_batch_create
from senco.outcomes.models import (
    Attendance,
    DataDrop,
    OutcomesImport,
    Period,
    Result,
    Scale,
    Subject,
    Suspension,
)
from senco.testing import (
    ROLES,
    SENCO_ONLY_SCHOOL_ACTION,
    SENCO_ONLY_SCHOOL_PAGE,
    assert_valid_html,
    role_tables,
)

FILES = Path(__file__).parent / "files"
Kind = OutcomesImport.Kind

PAGES = role_tables(
    {
        "outcomes_imports": SENCO_ONLY_SCHOOL_PAGE,
        "outcomes_import_upload": SENCO_ONLY_SCHOOL_PAGE,
        "outcomes_import_preview": SENCO_ONLY_SCHOOL_PAGE,
        "outcomes_subjects": SENCO_ONLY_SCHOOL_PAGE,
        "outcomes_scales": SENCO_ONLY_SCHOOL_PAGE,
    }
)
CHANGES = role_tables(
    {
        "outcomes_import_upload": SENCO_ONLY_SCHOOL_ACTION,
        "outcomes_import_preview": SENCO_ONLY_SCHOOL_ACTION,
        "outcomes_subjects": SENCO_ONLY_SCHOOL_ACTION,
        "outcomes_scales": SENCO_ONLY_SCHOOL_ACTION,
    },
    method="POST",
)
HEAD = "UPN,Possible,Present,Authorised Absences,Unauthorised Absences\n"
PERIOD = {"period": "autumn1", "academic_year": "2025"}


def upload(body: str | bytes, name="attendance.csv"):
    content = body.encode() if isinstance(body, str) else body
    return SimpleUploadedFile(name, content, content_type="text/csv")


@pytest.fixture
def pupils(school):
    return [f.PupilFactory(school=school, upn=upn(n)) for n in range(1, 4)]


@pytest.fixture
def batch(school, senco, pupils):
    return outcomes_batch_create(
        school=school,
        actor=Actor(senco),
        kind=Kind.ATTENDANCE,
        upload=upload(HEAD + f"{upn(1)},70,60,8,2\n"),
        options={
            "period": {
                "academic_year": 2025,
                "kind": "half",
                "label": "Autumn 1",
                "starts": "2025-09-01",
                "ends": "2025-10-24",
            }
        },
    )


def url(name, school, *args):
    return reverse(name, args=[school.urn, *args])


def preview_url(batch):
    return reverse("outcomes_import_preview", args=[batch.school.urn, batch.pk])


# --- Who may do what -----------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", ["outcomes_imports", "outcomes_subjects", "outcomes_scales"])
def test_pages_by_role(name, role, cast, school, client_for):
    response = client_for(cast[role]).get(url(name, school))
    assert response.status_code == PAGES[name][role]


@pytest.mark.parametrize("role", ROLES)
def test_upload_page_by_role(role, cast, school, client_for):
    response = client_for(cast[role]).get(url("outcomes_import_upload", school, "attendance"))
    assert response.status_code == PAGES["outcomes_import_upload"][role]


@pytest.mark.parametrize("role", ROLES)
def test_upload_by_role(role, cast, school, pupils, client_for):
    response = client_for(cast[role]).post(
        url("outcomes_import_upload", school, "attendance"),
        {**PERIOD, "file": upload(HEAD + f"{upn(1)},70,60,8,2\n")},
    )
    assert response.status_code == CHANGES["outcomes_import_upload"][role]
    assert OutcomesImport.objects.exists() == (role == "senco")


@pytest.mark.parametrize("role", ROLES)
def test_preview_by_role(role, cast, batch, client_for):
    response = client_for(cast[role]).get(preview_url(batch))
    assert response.status_code == PAGES["outcomes_import_preview"][role]


@pytest.mark.parametrize("role", ROLES)
def test_confirm_by_role(role, cast, batch, client_for):
    response = client_for(cast[role]).post(preview_url(batch), {"action": "confirm"})
    assert response.status_code == CHANGES["outcomes_import_preview"][role]
    assert Attendance.objects.exists() == (role == "senco")


@pytest.mark.parametrize("role", ROLES)
def test_add_subject_by_role(role, cast, school, client_for):
    response = client_for(cast[role]).post(url("outcomes_subjects", school), {"name": "Maths"})
    assert response.status_code == CHANGES["outcomes_subjects"][role]
    assert Subject.objects.filter(school=school).exists() == (role == "senco")


@pytest.mark.parametrize("role", ROLES)
def test_add_scale_by_role(role, cast, school, client_for):
    response = client_for(cast[role]).post(
        url("outcomes_scales", school),
        {"name": "Steps", "grades": "Emerging = 1\nSecure = 3", "expected": "Secure"},
    )
    assert response.status_code == CHANGES["outcomes_scales"][role]
    assert Scale.objects.filter(school=school).exists() == (role == "senco")


def test_an_unknown_kind_or_another_schools_file_is_404(school, other_school, senco, client_for):
    client = client_for(senco)
    assert client.get(url("outcomes_import_upload", school, "marks")).status_code == 404
    theirs = OutcomesImport.objects.create(
        school=other_school, kind=Kind.ATTENDANCE, filename="x.csv"
    )
    assert client.get(preview_url(theirs)).status_code == 404


# --- The SENCO's way through ---------------------------------------------------------------


def test_upload_check_and_import_a_sims_file(school, senco, pupils, client_for):
    client = client_for(senco)
    page = client.get(url("outcomes_import_upload", school, "attendance"))
    assert_valid_html(page)
    assert b"Authorised Absences" in page.content  # the headings senco reads are listed
    response = client.post(
        url("outcomes_import_upload", school, "attendance"),
        {**PERIOD, "file": upload((FILES / "sims_attendance.csv").read_bytes())},
    )
    batch = OutcomesImport.objects.get()
    assert response.url == preview_url(batch)
    preview = client.get(response.url)
    assert_valid_html(preview)
    content = preview.content.decode()
    assert "Replaces attendance for 3 pupils in Autumn 1 2025/26." in content
    assert not Attendance.objects.exists()  # nothing written before confirming
    preview_audit = AuditEvent.objects.filter(action=OutcomesAction.IMPORT_PREVIEW)
    assert sorted(preview_audit.values_list("pupil_id", flat=True)) == sorted(p.pk for p in pupils)
    done = client.post(preview_url(batch), {"action": "confirm"})
    assert done.status_code == 302
    assert Attendance.objects.count() == 3
    period = Period.objects.get()
    assert (period.label, period.academic_year) == ("Autumn 1", 2025)
    applied = client.get(preview_url(batch))
    assert_valid_html(applied)
    assert b"This file was imported" in applied.content


def test_problems_are_named_by_row_and_column_and_nothing_is_written(
    school, senco, pupils, client_for
):
    client = client_for(senco)
    body = HEAD + f"{upn(1)},70,71,0,0\n{upn(2)},70,60,8,2\n"
    client.post(
        url("outcomes_import_upload", school, "attendance"), {**PERIOD, "file": upload(body)}
    )
    batch = OutcomesImport.objects.get()
    preview = client.get(preview_url(batch))
    assert "Column Present, value 71" in preview.content.decode()
    response = client.post(preview_url(batch), {"action": "confirm"})
    assert response.status_code == 200
    assert_valid_html(response)
    assert "Nothing has been imported because 1 row has problems" in response.content.decode()
    assert not Attendance.objects.exists()
    client.post(preview_url(batch), {"action": "confirm", "skip_invalid": "on"})
    assert Attendance.objects.count() == 1


def test_a_file_that_cannot_be_used_is_refused_on_the_form(school, senco, client_for):
    response = client_for(senco).post(
        url("outcomes_import_upload", school, "attendance"),
        {**PERIOD, "file": upload("Name,Score\nAnn,3\n")},
    )
    assert response.status_code == 200
    assert "UPN" in response.context["form"].errors["file"][0]
    assert not OutcomesImport.objects.exists()


def test_cancel(school, senco, batch, client_for):
    response = client_for(senco).post(preview_url(batch), {"action": "cancel"})
    assert response.status_code == 302
    batch.refresh_from_db()
    assert (batch.status, batch.content) == (OutcomesImport.Status.CANCELLED, "")


def test_a_data_drop_made_on_the_form(school, senco, pupils, client_for):
    Subject.objects.create(school=school, name="English", key="english")
    client = client_for(senco)
    page = client.get(url("outcomes_import_upload", school, "results"))
    assert_valid_html(page)
    response = client.post(
        url("outcomes_import_upload", school, "results"),
        {
            "drop": "new",
            "drop_name": "Autumn 2025",
            "taken_on-day": "1",
            "taken_on-month": "12",
            "taken_on-year": "2025",
            "scale": "ta",
            "file": upload(f"UPN,Subject,Grade\n{upn(1)},English,EXS\n"),
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    assert not DataDrop.objects.exists()  # made when the file is imported
    client.post(response.url, {"action": "confirm"})
    drop = DataDrop.objects.get()
    assert (drop.name, drop.taken_on) == ("Autumn 2025", datetime.date(2025, 12, 1))
    assert Result.objects.get().grade == "EXS"


def test_subjects_offers_the_teaching_groups_subjects(school, senco, client_for):
    f.TeachingGroupFactory(school=school, name="8B/Sc", subject="Science")
    client = client_for(senco)
    page = client.get(url("outcomes_subjects", school))
    assert_valid_html(page)
    assert b"Add Science" in page.content
    client.post(url("outcomes_subjects", school), {"name": "Science"})
    assert list(Subject.objects.values_list("name", "key")) == [("Science", "science")]
    assert b"Add Science" not in client.get(url("outcomes_subjects", school)).content


def test_a_scale_set_up_once(school, senco, client_for):
    client = client_for(senco)
    assert_valid_html(client.get(url("outcomes_scales", school)))
    client.post(
        url("outcomes_scales", school),
        {
            "name": "Steps",
            "grades": "Emerging = 1\nDeveloping = 2\nSecure = 3\nMastered = 4",
            "expected": "secure",
        },
    )
    scale = Scale.objects.get()
    assert scale.expected == 3
    assert list(scale.grades.values_list("label", flat=True)) == [
        "Emerging",
        "Developing",
        "Secure",
        "Mastered",
    ]
    bad = client.post(
        url("outcomes_scales", school),
        {"name": "Other", "grades": "Emerging = 1\nSecure", "expected": "Secure"},
    )
    assert "line 2" in bad.context["form"].errors["grades"][0]
    assert_valid_html(bad)


def test_the_list_of_imports(school, senco, batch, client_for):
    page = client_for(senco).get(url("outcomes_imports", school))
    assert_valid_html(page)
    assert batch.filename.encode() in page.content


# --- Query counts --------------------------------------------------------------------------


def test_preview_queries_do_not_grow_with_rows(
    school, senco, client_for, django_assert_max_num_queries
):
    people = f.PupilFactory.create_batch(300, school=school)
    body = HEAD + "".join(f"{p.upn},70,60,8,2\n" for p in people)
    batch = outcomes_batch_create(
        school=school,
        actor=Actor(senco),
        kind=Kind.ATTENDANCE,
        upload=upload(body),
        options={
            "period": {
                "academic_year": 2025,
                "kind": "half",
                "label": "Autumn 1",
                "starts": "2025-09-01",
                "ends": "2025-10-24",
            }
        },
    )
    client = client_for(senco)
    with django_assert_max_num_queries(20):
        response = client.get(preview_url(batch))
    assert response.status_code == 200


@pytest.mark.parametrize("name", ["outcomes_imports", "outcomes_subjects", "outcomes_scales"])
def test_page_queries(name, school, senco, client_for, django_assert_max_num_queries):
    for n in range(5):
        f.TeachingGroupFactory(school=school, name=f"G{n}", subject=f"Subject {n}")
        Subject.objects.create(school=school, name=f"Kept {n}", key=f"kept{n}")
    client = client_for(senco)
    with django_assert_max_num_queries(12):
        assert client.get(url(name, school)).status_code == 200


# --- Large files, periods not started, old files --------------------------------------------


def test_a_large_file_is_imported_by_the_worker(school, senco, batch, client_for, monkeypatch):
    monkeypatch.setattr("senco.outcomes.import_views.LARGE", 1)
    response = client_for(senco).post(preview_url(batch), {"action": "confirm"})
    assert response.status_code == 302
    assert "/jobs/" in response.url
    batch.refresh_from_db()
    assert batch.status == OutcomesImport.Status.APPLIED
    assert Attendance.objects.count() == 1


def test_a_period_not_started_is_refused_on_the_form(school, senco, client_for):
    today = timezone.localdate()
    year = str(academic_year_of(today))
    response = client_for(senco).post(
        url("outcomes_import_upload", school, "attendance"),
        {
            "period": "summer2",
            "academic_year": year,
            "file": upload(HEAD),
        },
    )
    form = response.context["form"]
    if today.month in (6, 7, 8):  # Summer 2 has started
        return
    assert "has not started yet" in form.errors["period"][0]


def test_show_only_the_rows_with_problems(school, senco, pupils, client_for):
    body = HEAD + f"{upn(1)},70,71,0,0\n{upn(2)},70,60,8,2\n"
    batch = outcomes_batch_create(
        school=school,
        actor=Actor(senco),
        kind=Kind.ATTENDANCE,
        upload=upload(body),
        options={
            "period": {
                "academic_year": 2025,
                "kind": "half",
                "label": "Autumn 1",
                "starts": "2025-09-01",
                "ends": "2025-10-24",
            }
        },
    )
    client = client_for(senco)
    only = client.get(preview_url(batch), {"show": "problem"})
    assert [r.number for r in only.context["page"]] == [2]
    nonsense = client.get(preview_url(batch), {"show": "\u202e", "page": "x"})
    assert [r.number for r in nonsense.context["page"]] == [2, 3]


def test_files_never_imported_are_cleared_after_a_week(batch):
    from senco.outcomes.import_services import outcomes_batches_expire

    assert outcomes_batches_expire(now=timezone.now()) == 0
    later = timezone.now() + datetime.timedelta(days=8)
    assert outcomes_batches_expire(now=later) == 1
    batch.refresh_from_db()
    assert (batch.status, batch.content) == (OutcomesImport.Status.CANCELLED, "")
    assert AuditEvent.objects.filter(action=OutcomesAction.IMPORT_EXPIRE).count() == 1


def test_suspensions_from_arbor_through_the_pages(school, senco, client_for):
    for n in (1, 2):
        f.PupilFactory(school=school, upn=upn(n), date_started=datetime.date(2020, 9, 1))
    client = client_for(senco)
    assert_valid_html(client.get(url("outcomes_import_upload", school, "suspensions")))
    response = client.post(
        url("outcomes_import_upload", school, "suspensions"),
        {"file": upload((FILES / "arbor_suspensions.csv").read_bytes())},
    )
    preview = client.get(response.url)
    assert_valid_html(preview)
    assert "Adds 2 suspensions and 0 permanent exclusions" in preview.content.decode()
    client.post(response.url, {"action": "confirm"})
    assert sorted(Suspension.objects.values_list("sessions", flat=True)) == [1, 4]
