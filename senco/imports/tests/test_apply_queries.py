"""Applying an import takes the same few queries however many rows the file has: ten times
the rows costs no query a row, only the odd extra batch (SQLite takes 999 parameters a
statement, so its inserts and updates go some dozens of rows at a time; PostgreSQL's in
one). An import is one transaction, and on SQLite every other page waits for it to write
its audit row (docs/demo-and-bench.md, `manage.py bench_import`), so a query a row is what
made a 40,000-row file take 44 s and fail the pages of everyone browsing meanwhile."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from senco import factories as f
from senco.audit.actor import Actor
from senco.audit.models import AuditEvent
from senco.imports.services import import_apply
from senco.imports.tests.helpers import csv_text, row, upn
from senco.imports.tests.test_services import row_for
from senco.pupils.models import Pupil
from senco.pupils.services import teaching_group_save
from senco.register.models import RegisterChange


def _school_with(n: int):
    """A school with `n` pupils in 7K and 7M, each followed by a teaching group."""
    school = f.SchoolFactory()
    senco = f.UserFactory()
    pupils = [
        f.PupilFactory(school=school, upn=upn(k), reg_group="7K" if k % 2 else "7M")
        for k in range(n)
    ]
    for reg in ("7K", "7M"):
        teaching_group_save(
            actor=Actor(senco),
            school=school,
            name=f"{reg} tutor group",
            subject="",
            year_group=7,
            teachers=[],
            follows_reg_group=reg,
        )
    return school, senco, pupils


def _file(pupils: list[Pupil], new: int) -> str:
    """Every pupil of the school, each changed a different way (a move of registration group
    in and out of the followed groups, onto the register, a new surname, nothing), then
    `new` new pupils, a third of them on the register."""
    rows = []
    for k, pupil in enumerate(pupils):
        change = k % 4
        if change == 0:
            rows.append(row_for(pupil, **{"Reg Group": "7M" if pupil.reg_group == "7K" else "7K"}))
        elif change == 1:
            rows.append(row_for(pupil, **{"SEN Status": "K", "Primary Need": "SEMH"}))
        elif change == 2:
            rows.append(row_for(pupil, **{"Legal Surname": "Changed"}))
        else:
            rows.append(row_for(pupil))
    start = len(pupils) + 1
    for k in range(start, start + new):
        sen = {"SEN Status": "E", "Primary Need": "ASD"} if k % 3 == 0 else {}
        rows.append(row(k, **{"Reg Group": "7K" if k % 2 else "7M"}, **sen))
    return csv_text(rows)


def _queries_to_apply(existing: int, new: int) -> tuple[int, dict]:
    school, senco, pupils = _school_with(existing)
    text = _file(pupils, new)
    with CaptureQueriesContext(connection) as queries:
        plan = import_apply(school=school, actor=Actor(senco), text=text, filename="x.csv")
    assert plan.bad_count == 0
    assert len(plan.create) == new
    assert len(plan.update) == existing - existing // 4
    moved = len(range(0, existing, 4))
    changes = {c.group.name: (len(c.joined), len(c.left)) for c in plan.group_changes}
    assert sum(left for _, left in changes.values()) == moved
    return len(queries), changes


def test_ten_times_the_rows_is_no_query_a_row(db):
    small, small_changes = _queries_to_apply(existing=8, new=12)
    big, big_changes = _queries_to_apply(existing=80, new=120)
    assert len(small_changes) == len(big_changes) == 2
    # 180 more rows: on SQLite a few more batches of inserts and updates, never one a row.
    assert big - small <= 180 // 20, (small, big)
    assert small < 40


def test_every_row_is_written_and_audited_by_the_batch(db):
    school, senco, pupils = _school_with(40)
    text = _file(pupils, 60)
    with CaptureQueriesContext(connection) as queries:
        import_apply(school=school, actor=Actor(senco), text=text, filename="x.csv")
    inserts = [q["sql"] for q in queries if q["sql"].startswith('INSERT INTO "audit_auditevent"')]
    # One INSERT of a row per pupil written, one for the group moves each way, one for the
    # import: the audit log never costs a query a row.
    assert len(inserts) <= 4
    written = AuditEvent.objects.filter(action="pupil.import", school=school)
    assert written.count() == 60 + 40 - 10
    assert RegisterChange.objects.filter(pupil__school=school).count() == 10 + 20
    deletes = [q["sql"] for q in queries if q["sql"].startswith("DELETE")]
    assert len(deletes) <= 2  # the pupils who left each followed group, all at once
