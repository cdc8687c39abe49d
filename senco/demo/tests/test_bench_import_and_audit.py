"""The two benchmarks of a busy database, on the small demo trust: the import's file and
report (`bench_import`; its server and clients are not started here) and the audit log's
filling and timings (`bench_audit`)."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from senco.audit.models import AuditEvent
from senco.demo.management.commands import bench_audit, bench_import
from senco.imports.parsing import parse_pupils
from senco.pupils.models import Pupil
from senco.schools.models import School

pytestmark = pytest.mark.django_db


def hillside():
    return School.objects.get(urn="140002")


def test_the_import_file_is_the_school_and_new_pupils_with_no_bad_row(seeded):
    school = hillside()
    parsed = parse_pupils(bench_import.import_csv(school, 1500))
    assert parsed.row_count == 1500
    assert parsed.errors == []
    ours = set(Pupil.objects.filter(school=school).values_list("upn", flat=True))
    upns = [row.upn for row in parsed.rows]
    assert ours <= set(upns)
    assert len(set(upns) - ours) == 1500 - len(ours)
    assert {row.values["sen_provision"] for row in parsed.rows} == {"N", "K", "E"}


def test_the_import_report_counts_every_failure():
    def request(n, status, started=1.0):
        return bench_import.Request(n, "page", "/", started, started + 0.2, status)

    during = [request(0, 200), request(1, 302), request(2, 500), request(3, None)]
    during[3].error = "ConnectionResetError: reset"
    # A sign-in answered with the form again was refused; one sent on worked.
    during += [
        bench_import.Request(5, "sign-in", "/accounts/login/", 1.0, 1.3, 200),
        bench_import.Request(6, "sign-in", "/accounts/login/", 1.0, 1.3, 302),
    ]
    result = bench_import.Result(
        rows=5000,
        clients=20,
        via="service",
        apply_s=1.5,
        counts={"created": 10, "updated": 2, "unchanged": 3},
        during=during,
        whole=during + [request(4, 200, 9.0)],
        audit_rows=7,
        lock_s=(0.01, 1.2),
    )
    text = bench_import.report(result)
    assert "in 1.50 s (target < 5 s): PASS" in text
    assert "waited 0.01 s for SQLite's write lock and held it 1.20 s" in text
    assert "During the apply: 6 requests by 20 people (2 sign-ins), 3 failed" in text
    assert "Sign-ins during the apply: 2, 1 failed" in text
    assert "failed: sign-in /accounts/login/ -> 200" in text
    assert "failed: page / -> 500" in text
    assert "failed: page / -> ConnectionResetError: reset" in text
    assert text.endswith("FAIL (reported, not fatal)")
    assert not result.passed


def test_bench_import_runs_only_on_its_own_fresh_database(tmp_path):
    with pytest.raises(CommandError, match="bench-import.sqlite3"):
        call_command("bench_import", f"--inner={tmp_path}")


def test_the_audit_log_is_filled_and_the_page_timed_with_no_plan_reading_the_table(seeded):
    filled = bench_audit.fill_audit(3000)
    assert AuditEvent.objects.count() == filled.rows == 3000
    busy = AuditEvent.objects.filter(pupil_id=filled.busy).count()
    assert busy >= 3000 * bench_audit.BUSY_SHARE / 2
    assert AuditEvent.objects.filter(pupil_id=filled.quiet).count() == bench_audit.QUIET_ROWS
    assert AuditEvent.objects.filter(user=None).exists()
    # Every row names a pupil of the trust and someone of that pupil's school.
    assert not AuditEvent.objects.filter(pupil=None).exists()
    assert AuditEvent.objects.values("action").distinct().count() > 10
    timings = bench_audit.run_benchmarks(busy=filled.busy, quiet=filled.quiet, runs=1, warmup=1)
    assert len(timings) == 18
    assert all(t.rows >= 0 and t.queries > 0 for t in timings)
    from django.db import connection

    if connection.vendor == "sqlite":
        assert [t.bad_plans for t in timings if t.bad_plans] == []
    table = bench_audit.format_timings(timings)
    assert "busy pupil: person + action + dates" in table
    assert "quiet pupil: no filter" in table


def test_bench_audit_runs_only_on_its_own_database(tmp_path):
    with pytest.raises(CommandError, match="runs only on"):
        call_command("bench_audit", "--inner", f"--db={tmp_path / 'x.sqlite3'}")
