import datetime
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from senco import factories as f
from senco.audit.actor import Actor
from senco.audit.models import AuditEvent
from senco.imports.models import ImportBatch
from senco.imports.services import (
    ImportBatchClosed,
    ImportFileError,
    ImportRowsError,
    import_apply,
    import_batch_apply,
    import_batch_cancel,
    import_batch_create,
    import_plan,
)
from senco.imports.tests.helpers import HEADINGS, csv_bytes, csv_text, row, upn
from senco.pupils.models import Pupil
from senco.register.models import RegisterChange


def row_for(pupil: Pupil, **overrides) -> dict:
    """A row that matches the pupil as they are on the register."""
    values = {
        "UPN": pupil.upn,
        "Legal Surname": pupil.legal_surname,
        "Legal Forename": pupil.forename,
        "DOB": pupil.date_of_birth.strftime("%d/%m/%Y"),
        "Gender": pupil.sex,
        "Year": str(pupil.year_group),
        "Reg Group": pupil.reg_group,
        "PP": "Y" if pupil.pupil_premium else "N",
        "EAL": "Y" if pupil.eal else "N",
        "LAC": "Y" if pupil.looked_after else "N",
        "SEN Status": pupil.sen_provision,
        "Primary Need": pupil.primary_need,
        "Secondary Need": pupil.secondary_need,
    }
    values.update(overrides)
    return values


def apply(school, user, rows, headings=None, **kwargs):
    return import_apply(
        school=school,
        actor=Actor(user),
        text=csv_text(rows, headings),
        filename="pupils.csv",
        **kwargs,
    )


def written():
    return (Pupil.objects.count(), RegisterChange.objects.count(), AuditEvent.objects.count())


# --- Created, updated, unchanged -----------------------------------------------------------


def test_it_creates_new_pupils(school, senco):
    plan = apply(school, senco, [row(1, PP="Y", **{"Legal Forename": "Zoë"})])
    assert len(plan.create) == 1
    pupil = Pupil.objects.get(upn=upn(1))
    assert pupil.school == school
    assert (pupil.forename, pupil.legal_surname) == ("Zoë", "Pupil1")
    assert pupil.date_of_birth == datetime.date(2013, 9, 1)
    assert (pupil.sex, pupil.year_group, pupil.reg_group) == ("F", 7, "7A")
    assert (pupil.pupil_premium, pupil.eal, pupil.looked_after) == (True, False, False)
    assert pupil.sen_provision == "N"
    assert not pupil.register_changes.exists()


def test_a_new_pupil_on_the_register_arrives_through_a_register_change(school, senco):
    apply(
        school,
        senco,
        [row(1, **{"SEN Status": "E", "Primary Need": "ASD", "Secondary Need": "SLCN"})],
    )
    pupil = Pupil.objects.get(upn=upn(1))
    assert (pupil.sen_provision, pupil.primary_need, pupil.secondary_need) == ("E", "ASD", "SLCN")
    assert pupil.on_register_since == timezone.localdate()
    assert pupil.parents_not_told
    change = pupil.register_changes.get()
    assert change.reason == "imported from MIS"
    assert change.source == RegisterChange.Source.IMPORT
    assert change.changed_by == senco
    assert change.effective_date == timezone.localdate()
    assert (change.from_provision, change.to_provision) == ("N", "E")
    assert (change.from_primary_need, change.to_primary_need) == ("", "ASD")


def test_it_updates_pupils_whose_details_differ(school, senco, pupil):
    before = pupil.updated_at
    plan = apply(school, senco, [row_for(pupil, Year="8", **{"Reg Group": "8B", "EAL": "Y"})])
    assert [item.upn for item in plan.update] == [pupil.upn]
    assert {(c.label, c.old, c.new) for c in plan.update[0].changes} == {
        ("Year group", "Year 7", "Year 8"),
        ("Registration group", "7A", "8B"),
        ("EAL", "No", "Yes"),
    }
    pupil.refresh_from_db()
    assert (pupil.year_group, pupil.reg_group, pupil.eal) == (8, "8B", True)
    assert pupil.updated_at > before
    assert not pupil.register_changes.exists()


def test_a_change_of_provision_or_need_is_a_register_change(school, senco, pupil):
    apply(school, senco, [row_for(pupil, **{"SEN Status": "K", "Primary Need": "SEMH"})])
    pupil.refresh_from_db()
    assert pupil.primary_need == "SEMH"
    change = pupil.register_changes.get()
    assert (change.from_primary_need, change.to_primary_need) == ("SLCN", "SEMH")
    assert change.reason == "imported from MIS"


def test_a_pupil_taken_off_the_register(school, senco, pupil):
    apply(school, senco, [row_for(pupil, **{"SEN Status": "N", "Primary Need": "SLCN"})])
    pupil.refresh_from_db()
    assert (pupil.sen_provision, pupil.primary_need, pupil.on_register_since) == ("N", "", None)
    change = pupil.register_changes.get()
    assert (change.from_provision, change.to_provision) == ("K", "N")


def test_pupils_that_match_are_left_alone(school, senco, pupil):
    before = pupil.updated_at
    plan = apply(school, senco, [row_for(pupil)])
    assert [item.upn for item in plan.unchanged] == [pupil.upn]
    pupil.refresh_from_db()
    assert pupil.updated_at == before
    assert not AuditEvent.objects.filter(action="pupil.import").exists()


def test_without_a_provision_column_provision_and_needs_stay(school, senco, pupil):
    headings = [h for h in HEADINGS if h not in ("SEN Status", "Primary Need", "Secondary Need")]
    plan = apply(school, senco, [row_for(pupil), row(1)], headings)
    assert len(plan.unchanged) == 1
    pupil.refresh_from_db()
    assert (pupil.sen_provision, pupil.primary_need) == ("K", "SLCN")
    assert Pupil.objects.get(upn=upn(1)).sen_provision == "N"
    assert not RegisterChange.objects.exists()


def test_importing_the_same_file_twice_changes_nothing_the_second_time(school, senco, pupil):
    rows = [
        row_for(pupil, Year="8"),
        row(1, **{"SEN Status": "K", "Primary Need": "MLD"}),
        row(2, **{"Legal Surname": "=1+1", "Legal Forename": "李"}),
    ]
    first = apply(school, senco, rows)
    assert (len(first.create), len(first.update)) == (2, 1)
    state = list(Pupil.objects.order_by("pk").values())
    counts = written()

    second = apply(school, senco, rows)
    assert (len(second.create), len(second.update), len(second.unchanged)) == (0, 0, 3)
    assert list(Pupil.objects.order_by("pk").values()) == state
    assert written() == (counts[0], counts[1], counts[2] + 1)  # only the import.apply row


# --- Bad rows ------------------------------------------------------------------------------


def test_nothing_is_written_when_a_row_is_bad(school, senco, pupil):
    counts = written()
    with pytest.raises(ImportRowsError) as caught:
        apply(school, senco, [row(1), row_for(pupil, Year="8"), row(2, DOB="32/01/2013")])
    assert caught.value.plan.bad_rows == [4]
    assert written() == counts
    pupil.refresh_from_db()
    assert pupil.year_group == 7


def test_skip_invalid_writes_only_the_good_rows(school, senco):
    plan = apply(school, senco, [row(1), row(2, Gender="?"), row(3)], skip_invalid=True)
    assert plan.bad_rows == [3]
    assert set(Pupil.objects.values_list("upn", flat=True)) == {upn(1), upn(3)}
    event = AuditEvent.objects.get(action="import.apply")
    assert event.detail["skipped_rows"] == [3]


def test_a_pupil_who_moved_from_a_sister_school_is_created_here(school, senco, sister_school):
    """UPNs are unique per school: the old school's record stays there, untouched."""
    old = f.SenPupilFactory(school=sister_school, upn=upn(2), year_group=6, reg_group="6B")
    before = Pupil.objects.filter(pk=old.pk).values().get()
    moved = row(2, **{"Legal Surname": "Moved", "SEN Status": "K", "Primary Need": "ASD"})
    plan = import_plan(school=school, text=csv_text([row(1), moved]))
    assert plan.errors == []
    assert [p.upn for p in plan.create] == [upn(1), upn(2)]
    assert all(p.pupil is None and p.changes == [] for p in plan.create)
    apply(school, senco, [row(1), moved])
    here = Pupil.objects.get(school=school, upn=upn(2))
    assert (here.legal_surname, here.year_group, here.primary_need) == ("Moved", 7, "ASD")
    assert RegisterChange.objects.get().pupil == here
    assert Pupil.objects.filter(pk=old.pk).values().get() == before
    events = AuditEvent.objects.filter(action="pupil.import")
    assert not events.filter(pupil=old).exists()
    assert not events.filter(school=sister_school).exists()


def test_a_failure_while_writing_leaves_nothing_half_written(school, senco, pupil):
    counts = written()
    rows = [row(1, **{"SEN Status": "K", "Primary Need": "MLD"}), row_for(pupil, Year="9")]
    with (
        mock.patch.object(RegisterChange.objects, "bulk_create", side_effect=RuntimeError),
        pytest.raises(RuntimeError),
    ):
        apply(school, senco, rows)
    assert written() == counts
    pupil.refresh_from_db()
    assert pupil.year_group == 7


# --- Audit ---------------------------------------------------------------------------------


def test_the_import_and_every_pupil_it_writes_are_audited(school, senco, pupil):
    batch = ImportBatch.objects.create(school=school, uploaded_by=senco, filename="x.csv")
    import_apply(
        school=school,
        actor=Actor(senco),
        text=csv_text([row(1), row_for(pupil, Year="8"), row(2)]),
        filename="x.csv",
        batch=batch,
    )
    event = AuditEvent.objects.get(action="import.apply")
    assert (event.user, event.school) == (senco, school)
    assert event.detail["created"] == 2
    assert event.detail["updated"] == 1
    assert event.detail["filename"] == "x.csv"
    assert event.detail["batch"] == batch.pk
    events = AuditEvent.objects.filter(action="pupil.import")
    assert {e.pupil.upn for e in events} == {upn(1), upn(2), pupil.upn}
    assert all(e.user == senco and e.school == school for e in events)
    updated = events.get(pupil=pupil)
    assert updated.detail["changes"] == {"year_group": ["Year 7", "Year 8"]}
    assert events.get(pupil__upn=upn(1)).detail["created"] is True


def test_the_command_writes_changes_by_nobody(school):
    apply(school, None, [row(1, **{"SEN Status": "K", "Primary Need": "HI"})])
    assert RegisterChange.objects.get().changed_by is None
    assert AuditEvent.objects.get(action="import.apply").user is None


# --- Size ----------------------------------------------------------------------------------


def test_a_big_file_takes_queries_by_the_batch_not_by_the_row(school, senco):
    f.PupilFactory.create_batch(3, school=school)
    existing = [f.PupilFactory(school=school, upn=upn(n)) for n in range(1, 100)]
    rows = [
        row(n, **{"SEN Status": "K", "Primary Need": "MLD"}) if n % 3 else row(n)
        for n in range(1, 1101)
    ]
    with CaptureQueriesContext(connection) as queries:
        plan = apply(school, senco, rows)
    assert len(plan.create) == 1100 - len(existing)
    assert len(plan.update) == len(existing)
    # Inserts and updates go in batches (SQLite takes 999 parameters a statement), so the
    # count grows by batches of rows, never by one query a row.
    assert len(queries) < 100
    on_register = len([n for n in range(1, 1101) if n % 3])
    assert RegisterChange.objects.count() == on_register
    assert Pupil.objects.filter(school=school, sen_provision="K", primary_need="MLD").count() == (
        on_register
    )


# --- Batches -------------------------------------------------------------------------------


def upload(rows, name="pupils.csv"):
    return SimpleUploadedFile(name, csv_bytes(rows), content_type="text/csv")


def test_a_batch_is_kept_for_its_preview(school, senco):
    batch = import_batch_create(school=school, actor=Actor(senco), upload=upload([row(1)]))
    assert (batch.school, batch.uploaded_by, batch.filename) == (school, senco, "pupils.csv")
    assert batch.status == ImportBatch.Status.PREVIEWED
    assert upn(1) in batch.content
    assert not Pupil.objects.exists()


def test_a_bad_file_is_not_kept(school, senco):
    with pytest.raises(ImportFileError):
        import_batch_create(school=school, actor=Actor(senco), upload=upload([]))
    assert not ImportBatch.objects.exists()


def test_a_batch_is_applied_once(school, senco):
    batch = import_batch_create(school=school, actor=Actor(senco), upload=upload([row(1)]))
    import_batch_apply(batch=batch, actor=Actor(senco))
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.APPLIED
    assert batch.applied_at is not None
    assert batch.summary["created"] == 1
    assert batch.content == ""  # the pupils' data now lives in the register only
    with pytest.raises(ImportBatchClosed):
        import_batch_apply(batch=batch, actor=Actor(senco))
    assert Pupil.objects.count() == 1


def test_a_batch_is_parsed_again_when_it_is_applied(school, senco):
    batch = import_batch_create(school=school, actor=Actor(senco), upload=upload([row(1), row(2)]))
    preview = import_plan(school=school, text=batch.content)
    assert [p.upn for p in preview.create] == [upn(1), upn(2)]
    # Someone adds the second pupil by hand between the preview and the import.
    added = f.PupilFactory(school=school, upn=upn(2), date_of_birth=datetime.date(2013, 9, 2))
    plan = import_batch_apply(batch=batch, actor=Actor(senco))
    assert [p.upn for p in plan.create] == [upn(1)]
    [update] = plan.update
    assert update.pupil == added
    assert "date_of_birth" in {c.field for c in update.changes}
    assert Pupil.objects.filter(school=school).count() == 2
    added.refresh_from_db()
    assert added.date_of_birth == datetime.date(2013, 9, 1)
    batch.refresh_from_db()
    assert batch.summary["created"] == batch.summary["updated"] == 1


def test_a_cancelled_batch_cannot_be_applied(school, senco):
    batch = import_batch_create(school=school, actor=Actor(senco), upload=upload([row(1)]))
    import_batch_cancel(batch=batch, actor=Actor(senco))
    batch.refresh_from_db()
    assert (batch.status, batch.content) == (ImportBatch.Status.CANCELLED, "")
    with pytest.raises(ImportBatchClosed):
        import_batch_apply(batch=batch, actor=Actor(senco))
    with pytest.raises(ImportBatchClosed):
        import_batch_cancel(batch=batch, actor=Actor(senco))
    assert AuditEvent.objects.filter(action="import.cancel").count() == 1
    assert not Pupil.objects.exists()
