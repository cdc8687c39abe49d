"""Time the pages that must stay fast, on a trust of realistic size.

`python manage.py bench [--schools 20] [--runs 30]` (`make bench`) never touches the
developer's database: it runs itself again in a subprocess with SQLITE_PATH pointing at
bench.sqlite3 in the project root (and DATABASE_URL and DEBUG unset), which migrates,
seeds the demo trust with N schools once (a marker file remembers N, the seed and the
demo version) and keeps a copy of the file as seeded, from which every run starts, then
times each page with the test client as the right user.
"""

import json
import logging
import math
import os
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
import warnings
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Count, Q
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from senco.accounts.models import Membership, Role, TrustMembership
from senco.demo.machine import machine
from senco.demo.outline import DEFAULT_SEED, DEMO_VERSION, TRUST_NAME, school_plans
from senco.demo.tables import text_table
from senco.demo.trust import build_demo_trust
from senco.lib.codes import Provision
from senco.pupils.models import Pupil, TeachingGroup
from senco.schools.models import School, Trust

BENCH_DB = "bench.sqlite3"
# p95 targets in milliseconds, by page key (for the PDFs: the slowest run).
TARGETS = {
    "register": 150.0,
    "register_all": 150.0,
    "trust": 300.0,
    "my_pupils": 150.0,
    "home": 150.0,
    "calendar": 300.0,
    "feed": 200.0,
    # The SENCO's year: every task and every capability's dated events for a year (issue 15).
    "year": 300.0,
    "ehc_compliance": 150.0,
    "provision_map": 300.0,
    "provision_map_xlsx": 3_000.0,
    "three_a_year": 200.0,
    "letters_queue": 2_000.0,
    "class_sheets": 20_000.0,
    "class_sheets_url": 20_000.0,
    # A 1,100-pupil attendance file uploaded, checked and imported (docs/outcomes.md).
    "outcomes_import": 5_000.0,
    # The comparisons of attendance, suspensions and results, three years of data (issue 14).
    "outcomes_home": 300.0,
    "outcomes_attendance": 300.0,
    "outcomes_attendance_need": 300.0,
    "outcomes_suspensions": 300.0,
    "outcomes_attainment": 300.0,
    "outcomes_attainment_teacher": 300.0,
}
# The year group whose class sheets are printed, at the big secondary school.
PDF_YEAR = 9


@dataclass
class PageTiming:
    key: str
    label: str
    url: str
    median_ms: float
    p95_ms: float
    queries: int
    runs: int
    worst: str = "p95"  # what the p95 column holds: "p95", or "max" for a few slow runs

    @property
    def target_ms(self) -> float | None:
        return TARGETS.get(self.key)

    @property
    def passed(self) -> bool | None:
        return None if self.target_ms is None else self.p95_ms < self.target_ms


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


def time_page(
    client: Client, key: str, label: str, url: str, *, runs: int, warmup: int = 3
) -> PageTiming:
    """Warm up, count the queries of one request, then time `runs` requests."""
    for _ in range(max(0, warmup - 1)):
        _check(client.get(url), url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    _check(response, url)
    # Count now: the next request clears the connection's query log.
    queries = len(captured.captured_queries)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        _check(response, url)
    return PageTiming(
        key=key,
        label=label,
        url=url,
        median_ms=statistics.median(times),
        p95_ms=percentile(times, 95),
        queries=queries,
        runs=runs,
    )


def time_once(client: Client, key: str, label: str, url: str) -> PageTiming:
    """One request, for a page too slow to repeat (a PDF of a whole year group)."""
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        response = client.get(url)
        ms = (time.perf_counter() - started) * 1000
    _check(response, url)
    return PageTiming(key, label, url, ms, ms, len(captured.captured_queries), 1, worst="max")


def time_call(key: str, label: str, call, *, runs: int) -> PageTiming:
    """Call `call()` `runs` times (after none to warm up: the first run is a real one)."""
    times = []
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    queries = len(captured.captured_queries)
    for _ in range(runs - 1):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return PageTiming(
        key=key,
        label=label,
        url="",
        median_ms=statistics.median(times),
        p95_ms=max(times),
        queries=queries,
        runs=runs,
        worst="max",
    )


# The task backend while the letters are queued: it keeps the task and sends nothing.
STORE_TASKS_ONLY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
LETTER_FAMILIES = 150


def _letters_queue(school: School, senco, *, runs: int) -> PageTiming:
    """A letter to 150 families by email, queued (docs/parents.md): `letters_send` with a
    task backend that stores the one task without sending; each run rolled back."""
    from senco.audit.actor import Actor
    from senco.letters.services import letters_send

    ids = (
        Pupil.objects.filter(
            school=school,
            contacts__no_contact=False,
            contacts__no_information=False,
            contacts__email__contains="@",
        )
        .order_by("pk")
        .values_list("pk", flat=True)
        .distinct()[:LETTER_FAMILIES]
    )
    pupils = list(Pupil.objects.filter(pk__in=list(ids)).order_by("pk"))

    def queue():
        with override_settings(TASKS=STORE_TASKS_ONLY), transaction.atomic():
            letters_send(
                actor=Actor(senco),
                school=school,
                kind="joined_register",
                channel="email",
                pupils=pupils,
            )
            transaction.set_rollback(True)

    label = f"Letter to {len(pupils)} families by email, queued (SENCO, {runs} runs)"
    return time_call("letters_queue", label, queue, runs=runs)


OUTCOMES_IMPORT_PUPILS = 1100


def _outcomes_import(school: School, senco, *, runs: int) -> PageTiming:
    """A file of last year's Autumn 1 attendance for up to 1,100 pupils, uploaded, checked
    and imported through its pages (docs/outcomes.md), each run rolled back."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from senco.lib.clock import academic_year_of

    upns = list(
        Pupil.objects.filter(school=school)
        .order_by("pk")
        .values_list("upn", flat=True)[:OUTCOMES_IMPORT_PUPILS]
    )
    rows = "".join(f"{u},70,{60 + k % 8},{7 - k % 8},{k % 2}\r\n" for k, u in enumerate(upns))
    body = ("UPN,Possible,Present,Authorised Absences,Unauthorised Absences\r\n" + rows).encode()
    year = str(academic_year_of(timezone.localdate()) - 1)
    client = _client(senco)
    url = f"/school/{school.urn}/outcomes/imports/attendance/new/"

    def run():
        with transaction.atomic():
            upload = SimpleUploadedFile("attendance.csv", body, content_type="text/csv")
            checked = client.post(url, {"period": "autumn1", "academic_year": year, "file": upload})
            if checked.status_code != 302:
                raise CommandError(f"{url} answered {checked.status_code}, not 302.")
            done = client.post(checked.url, {"action": "confirm"})
            if done.status_code != 302:
                raise CommandError(f"{checked.url} answered {done.status_code}, not 302.")
            transaction.set_rollback(True)

    label = f"Attendance import, {len(upns)} pupils: upload, check, import (SENCO, {runs} runs)"
    return time_call("outcomes_import", label, run, runs=runs)


def _check(response, url: str) -> None:
    if response.status_code != 200:
        raise CommandError(f"{url} answered {response.status_code}, not 200.")


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _busiest_teacher(school: School):
    """The teacher of the school with the most teaching groups, and how many."""
    membership = (
        Membership.objects.filter(school=school, role=Role.TEACHER)
        .annotate(
            groups=Count("user__teaching_groups", filter=Q(user__teaching_groups__school=school))
        )
        .select_related("user")
        .order_by("-groups", "user__username")
        .first()
    )
    return membership.user, membership.groups


def _feed_address(client: Client, school: School) -> str:
    """Make a calendar subscription address through its pages, as the person would."""
    made = client.post(f"/school/{school.urn}/calendar/subscribe/", {"names": "initials"})
    if made.status_code != 302:
        raise CommandError(f"Making a calendar address answered {made.status_code}.")
    page = client.get(made["Location"]).content.decode()
    start = page.index("/calendar/feed/")
    return page[start : page.index(".ics", start) + len(".ics")]


def _outcomes_pages(school: School, as_senco: Client, roll: int) -> list:
    """The comparisons of attendance, suspensions and results (docs/outcomes.md) as the
    SENCO, on the demo's three years of data (senco/outcomes/demo.py): each page's default
    (this year, the latest data drop), and the breakdowns that group the most rows."""
    base = f"/school/{school.urn}/outcomes"
    what = f"SENCO, {roll} pupils, 3 years"
    return [
        (as_senco, "outcomes_home", f"Attendance, suspensions and results ({what})", f"{base}/"),
        (
            as_senco,
            "outcomes_attendance",
            f"Attendance against England ({what})",
            f"{base}/attendance/",
        ),
        (
            as_senco,
            "outcomes_attendance_need",
            "Attendance by type of need",
            f"{base}/attendance/?by=need",
        ),
        (
            as_senco,
            "outcomes_suspensions",
            f"Suspensions against England ({what})",
            f"{base}/suspensions/",
        ),
        (
            as_senco,
            "outcomes_attainment",
            f"Results, latest data drop ({what})",
            f"{base}/attainment/",
        ),
        (
            as_senco,
            "outcomes_attainment_teacher",
            "Results by teacher",
            f"{base}/attainment/?by=teacher",
        ),
    ]


def _calendar_pages(trust: Trust, school: School, as_senco: Client, n_plans: int) -> list:
    """The calendar (this month, every kind) as the SENCO of `school`, and the iCalendar
    feed (13 months) of the SENCO of the school with the most EHC plans in the trust."""
    busiest = (
        School.objects.filter(trust=trust)
        .annotate(plans=Count("pupils", filter=Q(pupils__sen_provision=Provision.EHC_PLAN)))
        .order_by("-plans", "urn")
        .first()
    )
    their_senco = (
        Membership.objects.filter(school=busiest, role=Role.SENCO)
        .select_related("user")
        .order_by("user__username")
        .first()
        .user
    )
    feed = _feed_address(_client(their_senco), busiest)
    return [
        (
            as_senco,
            "calendar",
            f"Calendar, this month (SENCO, {n_plans} EHC plans)",
            f"/school/{school.urn}/calendar/",
        ),
        (
            Client(),
            "feed",
            f"iCalendar feed, 13 months (SENCO of {busiest.name}, {busiest.plans} EHC plans)",
            feed,
        ),
        (
            as_senco,
            "year",
            f"The SENCO's year, whole year with every dated event (SENCO, {n_plans} EHC plans)",
            f"/school/{school.urn}/year/",
        ),
    ]


def _first_link(client: Client, url: str, pattern: str) -> str:
    """The first address on the page at `url` that matches `pattern` (the pages are found
    as a person finds them: senco/demo reaches a capability only through its pages)."""
    found = re.search(f'href="({pattern})"', client.get(url).content.decode())
    if found is None:
        raise CommandError(f"No link like {pattern} on {url}")
    return found.group(1)


def _record_pages(as_senco: Client, school: School) -> list:
    """A pupil's records a SENCO opens daily, for the pupil at E with the most reviews in
    progress: the passport, the plan of the live cycle, the EHC plan and its open annual
    review (issue 13's daily pages)."""
    pupil = (
        Pupil.objects.filter(school=school, sen_provision=Provision.EHC_PLAN)
        .annotate(n_cycles=Count("cycles"))
        .filter(n_cycles__gt=0)
        .order_by("-n_cycles", "pk")
        .first()
    )
    base = f"/pupils/{pupil.pk}/"
    review = None
    for candidate in Pupil.objects.filter(school=school, sen_provision=Provision.EHC_PLAN)[:60]:
        page = as_senco.get(f"/pupils/{candidate.pk}/ehc-plan/").content.decode()
        found = re.search(rf'href="(/pupils/{candidate.pk}/ehc-plan/reviews/\d+/)"', page)
        if found:
            review = found.group(1)
            break
    pages = [
        (as_senco, "passport", "A pupil's passport (SENCO)", f"{base}passport/"),
        (
            as_senco,
            "plan",
            "A pupil's plan, the live cycle (SENCO)",
            _first_link(as_senco, f"{base}plans/", rf"/pupils/{pupil.pk}/plans/\d+/"),
        ),
        (as_senco, "ehc_plan", "A pupil's EHC plan (SENCO)", f"{base}ehc-plan/"),
    ]
    if review is not None:
        pages.append((as_senco, "annual_review", "An annual review in progress (SENCO)", review))
    return pages


def run_benchmarks(
    *, runs: int, warmup: int = 3, pdf_runs: int = 3, pages_out: list | None = None
) -> list[PageTiming]:
    """Time the pages (and the year group's class sheets) on the demo trust in the database.
    `pages_out` receives each page's (client, key, label, url), for the HTTP timings."""
    trust = Trust.objects.get(name=TRUST_NAME)
    school = School.objects.get(trust=trust, urn=school_plans(2)[1].urn)
    senco = (
        Membership.objects.filter(school=school, role=Role.SENCO)
        .select_related("user")
        .order_by("user__username")
        .first()
        .user
    )
    lead = TrustMembership.objects.filter(trust=trust).select_related("user").first().user
    pupil = (
        Pupil.objects.filter(school=school, sen_provision=Provision.EHC_PLAN)
        .annotate(n=Count("register_changes"))
        .order_by("-n", "legal_surname", "forename", "pk")
        .first()
    )
    roll = Pupil.objects.filter(school=school).count()
    n_plans = Pupil.objects.filter(school=school, sen_provision=Provision.EHC_PLAN).count()
    n_schools = trust.schools.count()
    as_senco, as_lead = _client(senco), _client(lead)
    register = f"/school/{school.urn}/register/"
    pages = [
        (as_senco, "register", f"Register, SEN pupils ({school.name}, {roll} pupils)", register),
        (as_senco, "pupil", "Pupil page (EHC plan, SENCO)", f"/pupils/{pupil.pk}/"),
        (
            as_lead,
            "trust",
            f"Trust summary ({n_schools} schools, trust lead)",
            f"/trust/{trust.pk}/",
        ),
        (as_senco, "register_all", "Register, all pupils (show_all=on)", f"{register}?show_all=on"),
    ]
    teacher, n_groups = _busiest_teacher(school)
    taught = Pupil.objects.filter(teaching_groups__school=school, teaching_groups__teachers=teacher)
    n_taught = taught.distinct().count()
    n_send = taught.exclude(sen_provision=Provision.NONE).distinct().count()
    pages += [
        (
            _client(teacher),
            "my_pupils",
            f"My pupils (teacher of {n_groups} groups, {n_taught} pupils, {n_send} SEND)",
            f"/school/{school.urn}/my-pupils/",
        ),
        (as_senco, "home", f"Home, what needs doing (SENCO, {roll} pupils)", "/"),
        (
            as_senco,
            "ehc_compliance",
            f"EHC plans compliance (SENCO, {n_plans} plans)",
            f"/school/{school.urn}/ehc-plans/compliance/",
        ),
    ]
    pages += _calendar_pages(trust, school, as_senco, n_plans)
    pages += _record_pages(as_senco, school)
    # The whole-school provision map (docs/provision.md) and its Excel workbook.
    pages += [
        (
            as_senco,
            "provision_map",
            f"Provision map, this academic year (SENCO, {roll} pupils)",
            f"/school/{school.urn}/provision-map/",
        ),
        (
            as_senco,
            "provision_map_xlsx",
            "Provision map as Excel, by class",
            f"/school/{school.urn}/provision-map/download.xlsx?by=class",
        ),
        # Families met three times a year (docs/parents.md), every pupil on the register.
        (
            as_senco,
            "three_a_year",
            f"Meetings with families, three a year (SENCO, {roll} pupils)",
            f"/school/{school.urn}/families/three-a-year/",
        ),
    ]
    pages += _outcomes_pages(school, as_senco, roll)
    if pages_out is not None:
        pages_out.extend(pages)
    timings = [
        time_page(client, key, label, url, runs=runs, warmup=warmup)
        for client, key, label, url in pages
    ]
    timings.append(_letters_queue(school, senco, runs=runs))
    timings.append(_outcomes_import(school, senco, runs=min(runs, 5)))
    # Class sheets of a whole year group: every group's SEND pupils, one PDF, `pdf_runs`
    # times (median and slowest), then once more. Through the URL: senco/demo reaches a
    # capability only through its pages (senco/import_graph.py).
    year = Pupil.objects.filter(school=school, year_group=PDF_YEAR)
    year_groups = TeachingGroup.objects.filter(school=school, year_group=PDF_YEAR).count()
    what = f"Year {PDF_YEAR}: {year.count()} pupils, {year_groups} groups"
    url = f"/school/{school.urn}/class-sheets/{PDF_YEAR}.pdf"
    timings.append(
        time_call(
            "class_sheets",
            f"Class sheets PDF, {what} ({pdf_runs} requests)",
            lambda: _check(as_senco.get(url), url),
            runs=pdf_runs,
        )
    )
    timings.append(time_once(as_senco, "class_sheets_url", f"Class sheets PDF, {url}", url))
    if pages_out is not None:  # timed over HTTP too, on its own (senco/demo/http_bench.py)
        pages_out.append((as_senco, "class_sheets_url", f"Class sheets PDF, {what}", url))
    return timings


def format_timings(timings: list[PageTiming]) -> str:
    rows = [("Page", "Runs", "Median ms", "p95/max ms", "Queries", "Target", "Result")]
    for t in timings:
        rows.append(
            (
                t.label,
                str(t.runs),
                f"{t.median_ms:.1f}",
                f"{t.p95_ms:.1f}" + (" (max)" if t.worst == "max" else ""),
                str(t.queries),
                _target(t),
                {True: "PASS", False: "FAIL", None: "-"}[t.passed],
            )
        )
    return "\n".join(text_table(rows, left=(0, 5, 6)))


def _target(t: PageTiming) -> str:
    if t.target_ms is None:
        return "-"
    if t.target_ms >= 1000:
        return f"{t.worst} < {t.target_ms / 1000:.0f} s"
    return f"{t.worst} < {t.target_ms:.0f} ms"


def pdf_summary(timings: list[PageTiming]) -> str:
    """The class sheets' times in seconds, as the targets are set."""
    lines = []
    for t in timings:
        if t.key.startswith("class_sheets"):
            verdict = {True: "PASS", False: "FAIL", None: "-"}[t.passed]
            lines.append(
                f"{t.label}: median {t.median_ms / 1000:.1f} s, max {t.p95_ms / 1000:.1f} s "
                f"over {t.runs} run{'s' if t.runs > 1 else ''} (target < "
                f"{t.target_ms / 1000:.0f} s) {verdict}"
            )
    return "\n".join(lines)


def seeded_copy(bench_db: Path) -> Path:
    return bench_db.with_name(bench_db.name + ".seeded")


def _settled(bench_db: Path) -> None:
    """Fold a write-ahead log a stopped run left into the file, as SQLite does when the
    last connection closes. No process has the database open here: seeding and timing
    each run in a subprocess of their own."""
    if bench_db.exists():
        with closing(sqlite3.connect(bench_db)) as db:
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def restore_seeded(bench_db: Path) -> None:
    """Every run times the database as seeding left it. Each run adds its requests' audit
    rows (a few hundred thousand: the register lists every pupil it shows), and a database
    reused run after run grew to 2 million rows in three runs, each timed on a bigger log
    than the last. So before seeding (which migrates, then seeds only if the trust is not
    there) the file is put back as the copy `keep_seeded` made, if there is one."""
    _settled(bench_db)
    if seeded_copy(bench_db).exists():
        shutil.copyfile(seeded_copy(bench_db), bench_db)


def keep_seeded(bench_db: Path) -> None:
    """After seeding, before timing: a copy of the file unless one is kept already (seeding
    the trust again, or a migration, drops it: `_seed`)."""
    _settled(bench_db)
    if not seeded_copy(bench_db).exists():
        shutil.copyfile(bench_db, seeded_copy(bench_db))


class Command(BaseCommand):
    help = (
        "Seed a big demo trust in bench.sqlite3 and time the register, pupil, trust, My pupils "
        "and home pages and a year group's class sheets."
    )

    def add_arguments(self, parser):
        parser.add_argument("--schools", type=int, default=20, help="Schools in the trust.")
        parser.add_argument("--runs", type=int, default=30, help="Timed requests per page.")
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="Random seed.")
        parser.add_argument(
            "--rebuild", action="store_true", help="Seed again even if the data are there."
        )
        parser.add_argument(
            "--no-http",
            action="store_true",
            help="Time the pages in-process only, not also through gunicorn over HTTP.",
        )
        parser.add_argument("--inner", action="store_true", help="(internal)")
        parser.add_argument("--seed-only", action="store_true", help="(internal)")

    def handle(self, *args, schools, runs, seed, rebuild, inner, seed_only, no_http, **options):
        bench_db = Path(settings.BASE_DIR) / BENCH_DB
        opts = {"schools": schools, "runs": runs, "seed": seed, "rebuild": rebuild}
        if not inner:
            return self._outer(bench_db, http=not no_http, **opts)
        if seed_only:
            return self._seed(bench_db, schools=schools, seed=seed, rebuild=rebuild)
        self._inner(bench_db, http=not no_http, runs=runs)

    def _outer(self, bench_db: Path, **opts) -> None:
        env = dict(os.environ)
        env.pop("DATABASE_URL", None)
        env["SQLITE_PATH"] = str(bench_db.resolve())
        env["DEBUG"] = "0"
        command = [
            sys.executable,
            str(Path(settings.BASE_DIR) / "manage.py"),
            "bench",
            "--inner",
            f"--schools={opts['schools']}",
            f"--runs={opts['runs']}",
            f"--seed={opts['seed']}",
        ]
        # The trust is seeded in a process of its own, and the pages timed in another: a
        # process that has just made ~20,000 pupils holds a heap that Python's garbage
        # collector walks again and again, which slowed its own timings (the pupil page
        # 20 ms in-process after seeding, 12.5 ms in a fresh process, 28 November 2026)
        # and its HTTP clients. The pages are timed as a fresh server process would serve them.
        seeding = ["--seed-only"] + (["--rebuild"] if opts["rebuild"] else [])
        timing = [] if opts["http"] else ["--no-http"]
        for extra in (seeding, timing):
            (restore_seeded if extra is seeding else keep_seeded)(bench_db)
            self.stdout.flush()
            code = subprocess.call(command + extra, env=env)  # noqa: S603
            if code:
                raise CommandError(f"The benchmark stopped with exit code {code}.")

    def _check_database(self, bench_db: Path) -> None:
        db = settings.DATABASES["default"]
        if connection.vendor != "sqlite" or Path(db["NAME"]).resolve() != (bench_db.resolve()):
            raise CommandError(f"bench --inner runs only on {bench_db}, not {db['NAME']}.")

    def _seed(self, bench_db: Path, *, schools, seed, rebuild) -> None:
        """Migrate bench.sqlite3 and seed the demo trust in it, unless it is there already."""
        self._check_database(bench_db)
        out = self.stdout
        out.write(f"Database: {bench_db}")
        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            seeded_copy(bench_db).unlink(missing_ok=True)  # the copy is of an older schema
        call_command("migrate", verbosity=0, interactive=False)
        marker = bench_db.with_name(bench_db.name + ".built.json")
        wanted = {"schools": schools, "seed": seed, "version": DEMO_VERSION}
        built = json.loads(marker.read_text()) if marker.exists() else None
        present = School.objects.filter(trust__name=TRUST_NAME).count() == schools
        if rebuild or built != wanted or not present:
            marker.unlink(missing_ok=True)
            seeded_copy(bench_db).unlink(missing_ok=True)
            out.write(f"Seeding the demo trust with {schools} schools (seed {seed})...")
            result = build_demo_trust(schools=schools, seed=seed)
            marker.write_text(json.dumps(wanted))
            pupils = sum(s.pupils for s in result.schools)
            out.write(f"Seeded {pupils:,} pupils in {result.seconds:.1f} s.")
        else:
            pupils = Pupil.objects.filter(school__trust__name=TRUST_NAME).count()
            out.write(
                f"Reusing the demo trust already built: {schools} schools, {pupils:,} pupils."
            )

    def _inner(self, bench_db: Path, *, runs, http) -> None:
        self._check_database(bench_db)
        # One line per request on standard output would drown the tables (the server started
        # for the HTTP timings still logs its requests, to its own file, as in production).
        logging.getLogger("senco.requests").setLevel(logging.WARNING)
        # WhiteNoise warns when collectstatic has not been run; the pages do not need it.
        warnings.filterwarnings("ignore", message="No directory at")
        out = self.stdout
        if not School.objects.filter(trust__name=TRUST_NAME).exists():
            raise CommandError(f"No demo trust in {bench_db}: run `manage.py bench`.")
        out.write(f"Timing {runs} requests per page after 3 warm-up requests ({machine()})...\n")
        pages: list = []
        timings = run_benchmarks(runs=runs, pages_out=pages)
        out.write(format_timings(timings))
        out.write("")
        out.write(pdf_summary(timings))
        failed = [t for t in timings if t.passed is False]
        out.write("")
        out.write(
            "Targets: register, My pupils, home and EHC compliance p95 < 150 ms, trust summary "
            "and provision map p95 < 300 ms, its Excel workbook < 3 s, a year group's class "
            "sheets < 20 s, meetings with families (three a year) p95 < 200 ms, the "
            "comparisons of attendance, suspensions and results p95 < 300 ms. "
            + ("All met." if not failed else f"{len(failed)} missed (reported, not fatal).")
        )
        if http:
            self._http(pages, timings, runs)

    def _http(self, pages: list, timings: list[PageTiming], runs: int) -> None:
        """The same pages through the production server (senco/demo/http_bench.py)."""
        from senco.demo.http_bench import format_http, run_http

        out = self.stdout
        out.write("")
        out.write(f"Over HTTP through gunicorn: {runs} requests per page one after another...")
        in_process = {t.key: (t.median_ms, t.queries) for t in timings}
        http, mixed_rps, mixed_errors, files = run_http(pages, in_process, runs=runs, out=out)
        out.write("")
        out.write(format_http(http, mixed_rps, mixed_errors, files))
