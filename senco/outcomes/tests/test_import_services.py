"""Matching a checked file with the school's pupils and writing it: all or nothing, the same
file twice changes nothing, every pupil changed audited, and SEN status as it was."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from senco import factories as f
from senco.audit.actor import Actor
from senco.audit.models import AuditEvent
from senco.imports.tests.helpers import upn
from senco.lib.codes import Provision
from senco.outcomes.audit import OutcomesAction
from senco.outcomes.import_parsing import period_spec
from senco.outcomes.import_services import (
    OutcomesImportClosed,
    OutcomesRowsError,
    outcomes_batch_apply,
    outcomes_batch_create,
    outcomes_plan,
    scale_add,
    subject_add,
)
from senco.outcomes.models import Attendance, OutcomesImport, Result, Scale, Suspension
from senco.outcomes.snapshots import as_they_were, as_they_were_each
from senco.register.models import RegisterChange

Kind = OutcomesImport.Kind
TODAY = datetime.date(2026, 3, 1)
AUTUMN_1 = period_spec("autumn1", 2025, [], today=TODAY)
HEAD = "UPN,Possible,Present,Authorised Absences,Unauthorised Absences\n"


@pytest.fixture
def pupils(school):
    return [
        f.PupilFactory(school=school, upn=upn(n), date_started=datetime.date(2021, 9, 1))
        for n in range(1, 4)
    ]


def batch_of(school, actor_user, kind, body: str, options=None):
    upload = SimpleUploadedFile("file.csv", body.encode(), content_type="text/csv")
    return outcomes_batch_create(
        school=school, actor=Actor(actor_user), kind=kind, upload=upload, options=options or {}
    )


def attendance_batch(school, user, body):
    return batch_of(school, user, Kind.ATTENDANCE, body, {"period": AUTUMN_1.as_json()})


def apply(batch, user, **kwargs):
    batch.refresh_from_db()
    return outcomes_batch_apply(batch=batch, actor=Actor(user), today=TODAY, **kwargs)


def test_attendance_is_written_with_sen_status_then_and_the_same_file_twice_changes_nothing(
    school, senco, pupils
):
    body = HEAD + "".join(f"{p.upn},70,{60 + i},8,{2 - i}\n" for i, p in enumerate(pupils))
    plan = apply(attendance_batch(school, senco, body), senco)
    assert plan.counts()["new"] == 3
    assert "Replaces attendance for 3 pupils in Autumn 1 2025/26" in plan.effect
    rows = Attendance.objects.order_by("pupil_id")
    assert [(r.attended, r.provision, r.year_group) for r in rows] == [
        (60, "N", 7),
        (61, "N", 7),
        (62, "N", 7),
    ]
    audited = AuditEvent.objects.filter(action=OutcomesAction.IMPORT_PUPIL)
    assert sorted(audited.values_list("pupil_id", flat=True)) == sorted(p.pk for p in pupils)

    again = apply(attendance_batch(school, senco, body), senco)
    assert again.counts() | {"rows": 0} == {
        "rows": 0,
        "new": 0,
        "changed": 0,
        "unchanged": 3,
        "refused": 0,
    }
    assert Attendance.objects.count() == 3
    assert audited.count() == 3  # nobody changed, nobody audited the second time

    changed = body.replace(",70,60,8,2", ",70,59,9,2")
    plan = apply(attendance_batch(school, senco, changed), senco)
    assert plan.counts()["changed"] == 1
    assert Attendance.objects.get(pupil=pupils[0]).attended == 59


def test_a_bad_row_writes_nothing_unless_left_out(school, senco, pupils):
    body = HEAD + f"{pupils[0].upn},70,60,8,2\n{pupils[1].upn},70,71,0,0\n"
    batch = attendance_batch(school, senco, body)
    with pytest.raises(OutcomesRowsError) as error:
        apply(batch, senco)
    assert [(e.row, e.column) for e in error.value.plan.errors] == [(3, "Present")]
    assert not Attendance.objects.exists()
    assert not AuditEvent.objects.filter(action=OutcomesAction.IMPORT_PUPIL).exists()
    plan = apply(batch, senco, skip_invalid=True)
    assert plan.bad_rows == [3]
    assert Attendance.objects.count() == 1


def test_an_unknown_upn_names_the_school(school, senco, pupils, other_school):
    stranger = f.PupilFactory(school=other_school, upn=upn(9))
    plan = outcomes_plan(
        school=school,
        kind=Kind.ATTENDANCE,
        text=HEAD + f"{stranger.upn},70,60,8,2\n",
        options={"period": AUTUMN_1.as_json()},
        today=TODAY,
    )
    [error] = plan.errors
    assert (error.row, error.column) == (2, "UPN")
    assert f"no pupil with UPN {stranger.upn} at {school.name}" in error.message


def test_a_file_applied_once_only(school, senco, pupils):
    batch = attendance_batch(school, senco, HEAD + f"{pupils[0].upn},70,60,8,2\n")
    apply(batch, senco)
    with pytest.raises(OutcomesImportClosed):
        apply(batch, senco)
    batch.refresh_from_db()
    assert batch.content == ""


# --- Suspensions ----------------------------------------------------------------------------


SUSPENSIONS = "UPN,Type,Start Date,Sessions,Reason\n"


def test_suspensions_idempotent_by_pupil_kind_and_start(school, senco, pupils):
    body = SUSPENSIONS + (
        f"{pupils[0].upn},Fixed,03/11/2025,4,PD\n{pupils[1].upn},Permanent,04/11/2025,,PA\n"
    )
    plan = apply(batch_of(school, senco, Kind.SUSPENSIONS, body), senco)
    assert "Adds 1 suspension and 1 permanent exclusion" in plan.effect
    again = apply(batch_of(school, senco, Kind.SUSPENSIONS, body), senco)
    assert again.counts()["unchanged"] == 2
    assert Suspension.objects.count() == 2
    first = Suspension.objects.get(pupil=pupils[0])
    assert (first.sessions, first.academic_year, first.reason) == (4, 2025, "PD")


def test_a_suspension_before_the_pupil_started(school, senco, pupils):
    body = SUSPENSIONS + f"{pupils[0].upn},Fixed,03/11/2020,4,PD\n"
    plan = outcomes_plan(school=school, kind=Kind.SUSPENSIONS, text=body, options={}, today=TODAY)
    [error] = plan.errors
    assert (error.row, error.column, error.value) == (2, "Start Date", "03/11/2020")
    assert "before the pupil started" in error.message


# --- Results --------------------------------------------------------------------------------


def test_results_take_the_teaching_groups_teachers(school, senco, pupils):
    subject_add(school=school, actor=Actor(senco), name="English")
    teacher = f.UserFactory(first_name="Sam", last_name="Patel")
    group = f.TeachingGroupFactory(school=school, name="7A/En1", subject="english")
    group.teachers.add(teacher)
    group.pupils.add(pupils[0])
    body = f"UPN,Subject,Grade\n{pupils[0].upn},English,EXS\n{pupils[1].upn},English,WTS\n"
    options = {"scale": "ta", "drop_name": "Autumn 2025", "taken_on": "2025-12-01"}
    plan = apply(batch_of(school, senco, Kind.RESULTS, body, options), senco)
    assert plan.counts()["new"] == 2
    results = {r.pupil_id: r for r in Result.objects.select_related("scale", "drop")}
    first = results[pupils[0].pk]
    assert (first.teacher, first.value, first.expected) == ("Sam Patel", Decimal(2), True)
    assert results[pupils[1].pk].expected is False
    assert first.scale.kind == Scale.Kind.TEACHER_ASSESSMENT
    assert first.drop.academic_year == 2025
    # Again into the same drop: nothing changes.
    options = {"scale": "ta", "drop": first.drop_id}
    again = apply(batch_of(school, senco, Kind.RESULTS, body, options), senco)
    assert again.counts()["unchanged"] == 2


def test_results_on_the_schools_own_scale(school, senco, pupils):
    subject_add(school=school, actor=Actor(senco), name="Maths")
    scale = scale_add(
        school=school,
        actor=Actor(senco),
        name="Steps",
        grades=[("Emerging", 1), ("Developing", 2), ("Secure", 3), ("Mastered", 4)],
        expected=Decimal(3),
    )
    options = {"scale": f"own:{scale.pk}", "drop_name": "Spring 2026", "taken_on": "2026-02-01"}
    body = f"UPN,Subject,Result\n{pupils[0].upn},maths,Secure\n{pupils[1].upn},Maths,Great\n"
    plan = outcomes_plan(school=school, kind=Kind.RESULTS, text=body, options=options, today=TODAY)
    [error] = plan.errors
    assert (error.row, error.column) == (3, "Result")
    assert "Emerging, Developing, Secure, Mastered" in error.message
    assert plan.items[0].values["expected"] is True


# --- As they were ---------------------------------------------------------------------------


def test_as_they_were_gives_last_years_provision_to_a_pupil_who_joined_the_register_this_year(
    school, senco
):
    pupil = f.PupilFactory(
        school=school, sen_provision=Provision.SEN_SUPPORT, primary_need="SEMH", year_group=8
    )
    RegisterChange.objects.create(
        pupil=pupil,
        effective_date=datetime.date(2026, 1, 10),
        from_provision=Provision.NONE,
        to_provision=Provision.SEN_SUPPORT,
        to_primary_need="SEMH",
        reason="assessed",
    )
    last_year = datetime.date(2025, 3, 1)
    was = as_they_were([pupil], last_year, today=TODAY)[pupil.pk]
    assert (was.provision, was.need, was.year_group) == ("N", "", 7)
    # This year, after the change: as today.
    now = as_they_were([pupil], datetime.date(2026, 2, 1), today=TODAY)[pupil.pk]
    assert (now.provision, now.need, now.year_group) == ("K", "SEMH", 8)
    # Many days at once agree, in one query.
    days = [last_year, datetime.date(2025, 12, 1), datetime.date(2026, 2, 1)]
    with CaptureQueriesContext(connection) as queries:
        each = as_they_were_each([(pupil, day) for day in days], today=TODAY)
    assert len(queries) == 1
    assert [each[(pupil.pk, d)].provision for d in days] == ["N", "N", "K"]
    assert each[(pupil.pk, datetime.date(2025, 12, 1))].year_group == 8


# --- However many rows: the same few queries --------------------------------------------------


def test_applying_1100_rows_takes_a_bounded_number_of_queries(school, senco):
    people = f.PupilFactory.create_batch(1100, school=school)
    body = HEAD + "".join(f"{p.upn},70,60,8,2\n" for p in people)
    batch = attendance_batch(school, senco, body)
    batch.refresh_from_db()
    with CaptureQueriesContext(connection) as queries:
        outcomes_batch_apply(batch=batch, actor=Actor(senco), today=TODAY)
    assert Attendance.objects.count() == 1100
    assert AuditEvent.objects.filter(action=OutcomesAction.IMPORT_PUPIL).count() == 1100
    # Pupils a query each 500, inserts a batch each few hundred: never a query a row.
    assert len(queries) <= 40, len(queries)


@pytest.mark.parametrize(
    "kind, body, options",
    [
        (
            Kind.SUSPENSIONS,
            SUSPENSIONS + "{0},Fixed,03/11/2025,4,PD\n{1},Fixed,03/11/2025,4,ZZ\n",
            {},
        ),
        (
            Kind.RESULTS,
            "UPN,Subject,Grade\n{0},English,EXS\n{1},English,Secure\n",
            {"scale": "ta", "drop_name": "Autumn 2025", "taken_on": "2025-12-01"},
        ),
        (
            Kind.RESULTS,
            "UPN,Subject,Grade\n{0},English,EXS\n{1},Latin,EXS\n",
            {"scale": "ta", "drop_name": "Autumn 2025", "taken_on": "2025-12-01"},
        ),
    ],
)
def test_a_bad_row_of_any_kind_writes_nothing(school, senco, pupils, kind, body, options):
    subject_add(school=school, actor=Actor(senco), name="English")
    batch = batch_of(school, senco, kind, body.format(pupils[0].upn, pupils[1].upn), options)
    with pytest.raises(OutcomesRowsError) as error:
        apply(batch, senco)
    assert error.value.plan.bad_rows == [3]
    assert not Suspension.objects.exists()
    assert not Result.objects.exists()
    assert not Scale.objects.exists()
    assert not AuditEvent.objects.filter(action=OutcomesAction.IMPORT_PUPIL).exists()
    batch.refresh_from_db()
    assert batch.status == OutcomesImport.Status.PREVIEWED
