import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from senco.lib.demo import build_demo_trust
from senco.schools.management.commands.bench import (
    PageTiming,
    format_timings,
    percentile,
    run_benchmarks,
)


def test_percentile_is_nearest_rank():
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 95) == 95.0
    assert percentile(values, 50) == 50.0
    assert percentile([3.0], 95) == 3.0


@pytest.mark.django_db
def test_bench_times_the_four_pages_of_a_small_trust():
    build_demo_trust(schools=2)
    timings = run_benchmarks(runs=2, warmup=1)
    assert [t.key for t in timings] == ["register", "pupil", "trust", "register_all"]
    for t in timings:
        assert t.queries > 0
        assert 0 < t.median_ms <= t.p95_ms
    table = format_timings(timings)
    assert "Register, SEN pupils (Hillside Academy" in table
    assert "p95 < 150 ms" in table and "p95 < 300 ms" in table


def test_targets_pass_and_fail():
    fast = PageTiming("trust", "Trust", "/trust/1/", 10.0, 20.0, 5, 3)
    slow = PageTiming("register", "Register", "/r/", 100.0, 200.0, 5, 3)
    untargeted = PageTiming("pupil", "Pupil", "/p/", 100.0, 200.0, 5, 3)
    assert (fast.passed, slow.passed, untargeted.passed) == (True, False, None)
    assert "FAIL" in format_timings([slow]) and "PASS" in format_timings([fast])


@pytest.mark.django_db
def test_inner_run_refuses_any_database_but_bench_sqlite3():
    with pytest.raises(CommandError, match="bench.sqlite3"):
        call_command("bench", "--inner", "--schools", "2", "--runs", "1")
