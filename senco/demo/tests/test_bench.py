import os
import platform
import sqlite3
import sys
from contextlib import closing
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from senco.demo.machine import machine
from senco.demo.management.commands.bench import (
    PageTiming,
    format_timings,
    keep_seeded,
    pdf_summary,
    percentile,
    restore_seeded,
    run_benchmarks,
    seeded_copy,
)


def test_percentile_is_nearest_rank():
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 95) == 95.0
    assert percentile(values, 50) == 50.0
    assert percentile([3.0], 95) == 3.0


@pytest.mark.django_db
def test_bench_times_the_pages_and_class_sheets_of_a_small_trust(seeded, monkeypatch):
    # The two-school demo trust (conftest.py), as `bench --schools 2` would seed it.
    drawn = []

    def fake_pdf(sections, document):
        # WeasyPrint takes ~10 s for a year group; the HTML is what the bench must reach.
        drawn.append(document("".join(sections)))
        return b"%PDF-1.7 fake"

    monkeypatch.setattr("senco.profiles.pdf.sections_to_pdf", fake_pdf)
    timings = run_benchmarks(runs=2, warmup=1, pdf_runs=2)
    assert [t.key for t in timings] == [
        "register",
        "pupil",
        "trust",
        "register_all",
        "my_pupils",
        "home",
        "ehc_compliance",
        "calendar",
        "feed",
        "year",
        "passport",
        "plan",
        "ehc_plan",
        "annual_review",
        "provision_map",
        "provision_map_xlsx",
        "three_a_year",
        "outcomes_home",
        "outcomes_attendance",
        "outcomes_attendance_need",
        "outcomes_suspensions",
        "outcomes_attainment",
        "outcomes_attainment_teacher",
        "letters_queue",
        "outcomes_import",
        "class_sheets",
        "class_sheets_url",
    ]
    for t in timings:
        assert t.queries > 0
        assert 0 < t.median_ms <= t.p95_ms
    assert [t.runs for t in timings[-2:]] == [2, 1]
    # Three drawings of Year 9's class sheets, each with its SEND pupils.
    assert len(drawn) == 3 and all("9K" in html for html in drawn)
    table = format_timings(timings)
    assert "Register, SEN pupils (Hillside Academy" in table
    assert "p95 < 150 ms" in table and "p95 < 300 ms" in table and "max < 20 s" in table
    my_pupils = next(t for t in timings if t.key == "my_pupils")
    groups = int(my_pupils.label.split("teacher of ")[1].split(" groups")[0])
    assert groups >= 8
    assert "Home, what needs doing (SENCO, " in table
    assert "Attendance against England (SENCO, " in table and "Results by teacher" in table
    assert "Calendar, this month (SENCO, " in table and "iCalendar feed, 13 months" in table
    summary = pdf_summary(timings)
    assert "Class sheets PDF, Year 9: " in summary and "median " in summary
    assert summary.count("(target < 20 s) PASS") == 2


def test_targets_pass_and_fail():
    fast = PageTiming("trust", "Trust", "/trust/1/", 10.0, 20.0, 5, 3)
    slow = PageTiming("register", "Register", "/r/", 100.0, 200.0, 5, 3)
    untargeted = PageTiming("pupil", "Pupil", "/p/", 100.0, 200.0, 5, 3)
    assert (fast.passed, slow.passed, untargeted.passed) == (True, False, None)
    assert "FAIL" in format_timings([slow]) and "PASS" in format_timings([fast])
    pdf = PageTiming("class_sheets", "PDF", "", 9000.0, 21000.0, 7, 3, worst="max")
    assert pdf.passed is False
    assert "max < 20 s" in format_timings([pdf]) and "21000.0 (max)" in format_timings([pdf])
    assert "median 9.0 s, max 21.0 s over 3 runs (target < 20 s) FAIL" in pdf_summary([pdf])


@pytest.mark.django_db
@pytest.mark.parametrize("stage", [[], ["--seed-only"]])
def test_inner_run_refuses_any_database_but_bench_sqlite3(stage):
    """Neither the seeding process nor the timing one touches any database but bench's."""
    with pytest.raises(CommandError, match="bench.sqlite3"):
        call_command("bench", "--inner", "--schools", "2", "--runs", "1", *stage)


def test_a_benchmark_names_the_interpreter_it_ran_on():
    """Timings move by a fifth with the interpreter's build (the Makefile's PYTHON), so each
    benchmark prints which one, beside the machine's CPUs and load."""
    line = machine()
    assert f"Python {platform.python_version()} ({Path(sys.executable).resolve()})" in line
    assert line.startswith(f"{os.cpu_count()} CPUs, load average ")


def test_every_run_times_the_database_as_seeding_left_it(tmp_path):
    """After seeding, a copy of the file is kept; before the next run's seeding step the
    file is put back as that copy, whatever audit rows the runs before it added
    (bench.py `keep_seeded`, `restore_seeded`)."""
    bench_db = tmp_path / "bench.sqlite3"

    def write(sql):
        with closing(sqlite3.connect(bench_db)) as db, db:
            db.execute(sql)

    def rows():
        with closing(sqlite3.connect(bench_db)) as db:
            return db.execute("SELECT count(*) FROM log").fetchone()[0]

    restore_seeded(bench_db)  # the first run: nothing yet, nothing made
    assert not bench_db.exists()
    write("PRAGMA journal_mode=WAL")
    write("CREATE TABLE log (id INTEGER PRIMARY KEY)")
    write("INSERT INTO log VALUES (1)")  # seeded
    keep_seeded(bench_db)
    assert seeded_copy(bench_db).exists()
    write("INSERT INTO log VALUES (2)")  # the run's audit rows
    restore_seeded(bench_db)  # the next run
    keep_seeded(bench_db)
    assert rows() == 1 and not Path(f"{bench_db}-wal").exists()
    # Seeding again (or a migration) drops the copy: the run after keeps the new file.
    seeded_copy(bench_db).unlink()
    write("INSERT INTO log VALUES (3)")
    keep_seeded(bench_db)
    write("INSERT INTO log VALUES (4)")
    restore_seeded(bench_db)
    assert rows() == 2
