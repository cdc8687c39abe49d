"""Time "who has looked at this record" with millions of audit rows.

`python manage.py bench_audit [--rows 10000000] [--runs 20]` (`make bench-audit`) never
touches the developer's database: it runs itself again in a subprocess on a SQLite file of
its own (`--db`, by default senco-bench-audit.sqlite3 in the system's temporary folder;
DATABASE_URL and DEBUG unset), or on a PostgreSQL database whose name has "bench" in it
(`--postgres URL`). There it migrates, seeds the demo trust (`--schools`, 20 by default:
~19,700 pupils) and fills the audit log up to N rows in SQL (SQLite: INSERT ... SELECT
from a recursive CTE; PostgreSQL: from generate_series), the indexes dropped while it
fills and made again after. The rows are spread over five years, over every pupil (more
for pupils with SEN, and 1% of them for one pupil with an EHC plan, the "busy" pupil), the
staff of each pupil's school (2% by nobody signed in) and the actions of the vocabulary
(mostly views). A marker file beside the database remembers what was filled, so the next
run goes straight to the timings (`--rebuild` fills again).

Then, signed in as the school's SENCO with the test client, it asks for the busy pupil's
page and for a pupil with a handful of rows, with every filter (person, action, dates and
their combinations) and later pages, 3 warm-up and N timed requests each, and prints the
median, p95 and queries. It reads the plan of every query on the audit table (EXPLAIN) and
names any that reads the whole table, or reads rows to filter them, or sorts rows
(`senco.audit.plans`). Target: p95 < 100 ms; a miss is reported, not an error.
"""

import datetime
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import dj_database_url
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from senco.accounts.models import Membership, Role
from senco.audit.actions import all_actions, label_for
from senco.audit.models import AuditEvent
from senco.audit.plans import TABLE, bad_sqlite_plan_lines
from senco.demo.machine import machine
from senco.demo.management.commands.bench import percentile
from senco.demo.outline import DEFAULT_SEED, DEMO_VERSION, TRUST_NAME
from senco.demo.tables import text_table
from senco.demo.trust import build_demo_trust
from senco.lib.codes import Provision
from senco.pupils.models import Pupil
from senco.schools.models import School

TARGET_MS = 100.0
DEFAULT_DB = Path(tempfile.gettempdir()) / "senco-bench-audit.sqlite3"

CHUNK = 1_000_000  # rows an INSERT ... SELECT
YEARS = 5
BUSY_SHARE = 0.01  # of all rows, for the busy pupil
QUIET_ROWS = 12  # rows of the quiet pupil
NOBODY_PER = 50  # one row in N by nobody signed in
# How often each action on a pupil's record is done, out of ~1,000; actions that name no
# pupil (signing in, staff, term dates, the trust's figures) are not drawn.
ACTION_WEIGHTS = {
    "register.view": 380,
    "pupil.view": 250,
    "my_pupils.view": 90,
    "passport.view": 60,
    "plans.cycle.view": 40,
    "plans.cycles.view": 30,
    "profile.view": 25,
    "register.export": 20,
    "contacts.view": 20,
    "class_sheet.pdf": 15,
    "passport.pdf": 8,
    "plans.plan.form": 8,
    "plans.plan.save": 6,
    "passport.edit.view": 5,
    "passport.save": 5,
    "plans.note.add": 5,
    "plans.evidence.add": 4,
    "plans.review.complete": 3,
    "register.change": 3,
    "register.change.view": 3,
    "register.parents_told": 3,
    "pupil.audit.view": 2,
    "group.add_pupils": 2,
    "group.remove_pupil": 2,
    "support.add": 1,
    "support.remove": 1,
    "pupil.import": 1,
    "pupil.denied": 1,
    "photo.view": 1,
    "pupil.audit.export": 1,
}
# Relative share of the rows of a pupil, by SEN provision.
PUPIL_WEIGHTS = {Provision.NONE: 1, Provision.SEN_SUPPORT: 4, Provision.EHC_PLAN: 8}


# --- Filling the log -----------------------------------------------------------------------


@dataclass
class Filled:
    busy: int  # the busy pupil's id
    quiet: int  # the quiet pupil's id
    rows: int
    seconds: float


def _pupils() -> tuple[list[tuple[int, int, int]], int, int]:
    """(pupil id, school id, slots) for every pupil of the trust but the quiet one, and the
    busy and quiet pupils' ids. A pupil's slots are its share of the rows."""
    pupils = list(
        Pupil.objects.filter(school__trust__name=TRUST_NAME)
        .order_by("pk")
        .values_list("pk", "school_id", "sen_provision")
    )
    biggest = (
        School.objects.filter(trust__name=TRUST_NAME)
        .annotate(n=Count("pupils"))
        .order_by("-n", "pk")
        .first()
    )
    busy = next(pk for pk, s, p in pupils if s == biggest.pk and p == Provision.EHC_PLAN)
    quiet = next(pk for pk, s, p in pupils if s == biggest.pk and p == Provision.NONE)
    slots = [(pk, school, PUPIL_WEIGHTS.get(p, 1)) for pk, school, p in pupils if pk != quiet]
    others = sum(n for pk, _, n in slots if pk != busy)
    # The busy pupil takes BUSY_SHARE of all the slots.
    busy_slots = max(1, round(others * BUSY_SHARE / (1 - BUSY_SHARE)))
    slots = [(pk, school, busy_slots if pk == busy else n) for pk, school, n in slots]
    return slots, busy, quiet


def _actors() -> dict[int, list[int]]:
    """Each school's staff who may open pupils' records."""
    actors: dict[int, list[int]] = {}
    for school, user in (
        Membership.objects.filter(school__trust__name=TRUST_NAME)
        .exclude(role__in=[Role.OFFICE, Role.GOVERNOR])
        .order_by("school_id", "user_id")
        .values_list("school_id", "user_id")
    ):
        actors.setdefault(school, []).append(user)
    return actors


def _actions() -> list[str]:
    """The vocabulary as slots: each code as many times as its weight."""
    known = all_actions()
    slots = []
    for code, weight in sorted(ACTION_WEIGHTS.items()):
        if code in known:
            slots += [code] * weight
    return slots


def _lookup_tables(cursor, pupils, actors, actions) -> tuple[int, int]:
    """Tables that turn random numbers into a pupil, a person and an action."""
    for sql in (
        "DROP TABLE IF EXISTS bench_pupil",
        "DROP TABLE IF EXISTS bench_school",
        "DROP TABLE IF EXISTS bench_actor",
        "DROP TABLE IF EXISTS bench_action",
        "CREATE TABLE bench_pupil (slot integer PRIMARY KEY, pupil_id integer, school_id integer)",
        "CREATE TABLE bench_school (school_id integer PRIMARY KEY, n integer)",
        "CREATE TABLE bench_actor (school_id integer, k integer, user_id integer, "
        "PRIMARY KEY (school_id, k))",
        "CREATE TABLE bench_action (slot integer PRIMARY KEY, code varchar(60))",
    ):
        cursor.execute(sql)
    rows, slot = [], 0
    for pk, school, n in pupils:
        for _ in range(n):
            rows.append((slot, pk, school))
            slot += 1
    cursor.executemany("INSERT INTO bench_pupil VALUES (%s, %s, %s)", rows)
    cursor.executemany(
        "INSERT INTO bench_school VALUES (%s, %s)", [(s, len(u)) for s, u in actors.items()]
    )
    cursor.executemany(
        "INSERT INTO bench_actor VALUES (%s, %s, %s)",
        [(s, k, u) for s, users in actors.items() for k, u in enumerate(users)],
    )
    cursor.executemany(
        "INSERT INTO bench_action VALUES (%s, %s)", [(k, code) for k, code in enumerate(actions)]
    )
    return slot, len(actions)


def _indexes(cursor) -> list[tuple[str, str]]:
    """(name, CREATE statement) of every index of the audit table but the primary key's."""
    if connection.vendor == "sqlite":
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s "
            "AND sql IS NOT NULL",
            [TABLE],
        )
        return list(cursor.fetchall())
    cursor.execute(
        "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND indexname NOT LIKE %s",
        [TABLE, "%pkey"],
    )
    return list(cursor.fetchall())


def _insert_sql(vendor: str) -> str:
    """One chunk of rows: ids lo..hi, in order of time, spread over YEARS years to now."""
    columns = f"INSERT INTO {TABLE} (at, user_id, school_id, pupil_id, action, detail, ip_address)"
    if vendor == "sqlite":
        return f"""{columns}
WITH RECURSIVE n(i, r1, r2, r3, r4) AS (
  SELECT %(lo)s, random(), random(), random(), random()
  UNION ALL
  SELECT i + 1, random(), random(), random(), random() FROM n WHERE i < %(hi)s
)
SELECT
  strftime('%%Y-%%m-%%d %%H:%%M:%%f', %(start)s + (i - 1) * %(step)s + (abs(r4) %% 1000) / 8.64e7),
  CASE WHEN abs(r2) %% {NOBODY_PER} = 0 THEN NULL ELSE a.user_id END,
  p.school_id, p.pupil_id, act.code, '{{}}',
  '10.' || (abs(r3) %% 200) || '.' || (abs(r4) %% 250) || '.' || (abs(r1) %% 250)
FROM n
CROSS JOIN bench_pupil p
CROSS JOIN bench_school s
CROSS JOIN bench_actor a
CROSS JOIN bench_action act
WHERE p.slot = abs(r1) %% %(pupil_slots)s
  AND s.school_id = p.school_id
  AND a.school_id = p.school_id AND a.k = abs(r2) %% s.n
  AND act.slot = abs(r3) %% %(action_slots)s"""  # noqa: S608 (the table's name)
    return f"""{columns}
WITH n AS MATERIALIZED (
  SELECT i, floor(random() * %(pupil_slots)s)::int AS r1, random() AS r2,
         floor(random() * %(action_slots)s)::int AS r3, random() AS r4
  FROM generate_series(%(lo)s, %(hi)s) AS i
)
SELECT
  %(start)s::timestamptz + ((i - 1) * %(step)s + r4 / 1000) * interval '1 day',
  CASE WHEN floor(r2 * {NOBODY_PER}) = 0 THEN NULL ELSE a.user_id END,
  p.school_id, p.pupil_id, act.code, '{{}}'::jsonb,
  ('10.' || floor(r4 * 200) || '.' || floor(r2 * 250) || '.' || (r1 %% 250))::inet
FROM n
JOIN bench_pupil p ON p.slot = n.r1
JOIN bench_school s ON s.school_id = p.school_id
JOIN bench_actor a ON a.school_id = p.school_id AND a.k = floor(n.r2 * s.n)::int
JOIN bench_action act ON act.slot = n.r3"""  # noqa: S608 (the table's name)


def fill_audit(rows: int, *, out=None) -> Filled:
    """Fill the audit log to `rows` rows (see the module's docstring)."""
    started = time.perf_counter()
    pupils, busy, quiet = _pupils()
    actors, actions = _actors(), _actions()
    vendor = connection.vendor
    now = timezone.now()
    begin = now - datetime.timedelta(days=365 * YEARS)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {TABLE}")  # noqa: S608 (the table's name)
        have = cursor.fetchone()[0]
        to_add = max(0, rows - have - QUIET_ROWS)
        pupil_slots, action_slots = _lookup_tables(cursor, pupils, actors, actions)
        indexes = _indexes(cursor)
        for name, _ in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
        if vendor == "sqlite":
            # Julian day of the first row; strftime turns it into text as Django stores it.
            cursor.execute("SELECT julianday(%s)", [begin.strftime("%Y-%m-%d %H:%M:%S")])
            start = cursor.fetchone()[0]
        else:
            start = begin.isoformat()
        step = (now - begin).total_seconds() / 86400 / max(1, to_add)
        sql = _insert_sql(vendor)
        for lo in range(1, to_add + 1, CHUNK):
            hi = min(to_add, lo + CHUNK - 1)
            params = {
                "lo": lo,
                "hi": hi,
                "start": start,
                "step": step,
                "pupil_slots": pupil_slots,
                "action_slots": action_slots,
            }
            with transaction.atomic():
                cursor.execute(sql, params)
            if out:
                out.write(f"  {hi:,} of {to_add:,} rows ({time.perf_counter() - started:.0f} s)")
        if vendor == "postgresql":
            # Inside a transaction (the tests), the foreign keys' deferred checks must run
            # before PostgreSQL builds an index.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for _, create in indexes:
            if out:
                out.write(f"  {create}")
            cursor.execute(create)
        for table in ("bench_pupil", "bench_school", "bench_actor", "bench_action"):
            cursor.execute(f"DROP TABLE {table}")
        if vendor == "postgresql":
            # What autovacuum does soon after: statistics, and the visibility map that lets
            # a count read the index alone.
            vacuum = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
            cursor.execute(f"{vacuum} {TABLE}")
    # The quiet pupil: a dozen rows over the years, by two people.
    school = Pupil.objects.values_list("school_id", flat=True).get(pk=quiet)
    users = actors[school][:2]
    AuditEvent.objects.bulk_create(
        AuditEvent(
            school_id=school,
            pupil_id=quiet,
            user_id=users[k % len(users)],
            action="pupil.view" if k % 3 else "register.view",
            ip_address="10.0.0.1",
        )
        for k in range(QUIET_ROWS)
    )
    # auto_now_add set them all to now: spread them over the years.
    for k, pk in enumerate(
        AuditEvent.objects.filter(pupil_id=quiet).order_by("pk").values_list("pk", flat=True)
    ):
        AuditEvent.objects.filter(pk=pk).update(
            at=begin + datetime.timedelta(days=k * 365 * YEARS / QUIET_ROWS)
        )
    return Filled(busy, quiet, have + to_add + QUIET_ROWS, time.perf_counter() - started)


# --- Timing the page -----------------------------------------------------------------------


@dataclass
class Timing:
    label: str
    url: str
    median_ms: float
    p95_ms: float
    queries: int
    rows: int  # rows the page's filters match
    bad_plans: list[str]

    @property
    def passed(self) -> bool:
        return self.p95_ms < TARGET_MS


def bad_plan_lines(sql: str) -> list[str]:
    """What the database says it does for a query of the audit table that reads all of it,
    or reads rows to filter them, or sorts its rows (`senco.audit.plans`); nothing for a
    query that goes straight to a pupil's entries in the audit index."""
    if TABLE not in sql:
        return []
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
            return bad_sqlite_plan_lines([row[-1] for row in cursor.fetchall()])
        cursor.execute(f"EXPLAIN {sql}")
        lines = [row[0] for row in cursor.fetchall()]
        return [line.strip() for line in lines if f"Seq Scan on {TABLE}" in line]


def time_url(client: Client, label: str, url: str, *, runs: int, warmup: int = 3) -> Timing:
    for _ in range(max(0, warmup - 1)):
        _check(client.get(url), url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    _check(response, url)
    # Now: the next request clears the connection's log of queries.
    queries = [q["sql"] for q in captured.captured_queries]
    count = re.search(r'id="audit-count">([\d,]+) entr', response.content.decode())
    bad = []
    for sql in queries:
        bad += bad_plan_lines(sql)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        _check(client.get(url), url)
        times.append((time.perf_counter() - started) * 1000)
    return Timing(
        label=label,
        url=url,
        median_ms=statistics.median(times),
        p95_ms=percentile(times, 95),
        queries=len(queries),
        rows=int(count.group(1).replace(",", "")) if count else -1,
        bad_plans=sorted(set(bad)),
    )


def _check(response, url: str) -> None:
    if response.status_code != 200:
        raise CommandError(f"{url} answered {response.status_code}, not 200.")


def _dates(start: datetime.date, end: datetime.date) -> dict[str, int]:
    return {
        "date_from-day": start.day,
        "date_from-month": start.month,
        "date_from-year": start.year,
        "date_to-day": end.day,
        "date_to-month": end.month,
        "date_to-year": end.year,
    }


def scenarios(pupil_id: int) -> list[tuple[str, dict]]:
    """(label, query) for the page of one pupil: no filter, each filter, their
    combinations, and later pages."""
    events = AuditEvent.objects.filter(pupil_id=pupil_id)
    top = (
        events.exclude(user=None)
        .values("user_id")
        .annotate(n=Count("pk"))
        .order_by("-n", "user_id")
        .first()
    )
    person = str(top["user_id"]) if top else ""
    view, rare = label_for("pupil.view"), label_for("register.change")
    today = timezone.localdate()
    year_ago = today - datetime.timedelta(days=365)
    month = _dates(year_ago, year_ago + datetime.timedelta(days=30))
    count = events.count()
    pages = max(1, -(-count // 50))
    return [
        ("no filter", {}),
        ("page 2", {"page": 2}),
        (f"middle page ({pages // 2 or 1})", {"page": pages // 2 or 1}),
        (f"last page ({pages})", {"page": pages}),
        ("person (the most frequent)", {"person": person}),
        ("person: nobody signed in", {"person": "none"}),
        (f"action: {view}", {"action": view}),
        (f"action: {rare}", {"action": rare}),
        ("dates: a month a year ago", month),
        ("dates: the last five years", _dates(today - datetime.timedelta(days=365 * 5), today)),
        ("person + action", {"person": person, "action": view}),
        ("person + dates", {"person": person, **month}),
        ("action + dates", {"action": rare, **month}),
        ("person + action + dates", {"person": person, "action": view, **month}),
        ("person, last page", {"person": person, "page": 10_000}),
        ("action, last page", {"action": view, "page": 10_000}),
    ]


def run_benchmarks(*, busy: int, quiet: int, runs: int, warmup: int = 3) -> list[Timing]:
    pupil = Pupil.objects.select_related("school").get(pk=busy)
    senco = (
        Membership.objects.filter(school=pupil.school, role=Role.SENCO)
        .select_related("user")
        .order_by("user__username")
        .first()
        .user
    )
    client = Client()
    client.force_login(senco)
    timings = []
    for pk, who in ((busy, "busy pupil"), (quiet, "quiet pupil")):
        url = reverse("pupil_audit", args=[pk])
        cases = scenarios(pk) if pk == busy else scenarios(pk)[:1] + scenarios(pk)[4:5]
        for label, query in cases:
            full = f"{url}?{urlencode(query)}" if query else url
            timings.append(time_url(client, f"{who}: {label}", full, runs=runs, warmup=warmup))
    return timings


def format_timings(timings: list[Timing]) -> str:
    rows = [("Page", "Rows", "Median ms", "p95 ms", "Queries", "Result")]
    for t in timings:
        rows.append(
            (
                t.label,
                f"{t.rows:,}",
                f"{t.median_ms:.1f}",
                f"{t.p95_ms:.1f}",
                str(t.queries),
                "PASS" if t.passed else "FAIL",
            )
        )
    lines = text_table(rows, left=(0, 5))
    for t in timings:
        for line in t.bad_plans:
            lines.append(f"  {t.label}: {line}")
    return "\n".join(lines)


class Command(BaseCommand):
    help = "Fill the audit log with millions of rows and time the 'who has looked' page."

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=10_000_000, help="Audit rows in all.")
        parser.add_argument("--runs", type=int, default=20, help="Timed requests per page.")
        parser.add_argument("--schools", type=int, default=20, help="Schools in the trust.")
        parser.add_argument("--db", default=str(DEFAULT_DB), help="The SQLite file to use.")
        parser.add_argument(
            "--postgres", default="", help="A PostgreSQL URL instead (its name must say bench)."
        )
        parser.add_argument("--rebuild", action="store_true", help="Seed and fill again.")
        parser.add_argument("--inner", action="store_true", help="(internal)")

    def handle(self, *args, inner, **opts):
        if not inner:
            return self._outer(**opts)
        self._inner(**opts)

    def _outer(self, **opts) -> None:
        env = dict(os.environ)
        env.pop("DATABASE_URL", None)
        env.pop("DEBUG", None)
        env.setdefault("REQUEST_LOG_LEVEL", "WARNING")  # no line per request timed
        env["SQLITE_PATH"] = str(Path(opts["db"]).resolve())
        if opts["postgres"]:
            env["DATABASE_URL"] = opts["postgres"]
        command = [
            sys.executable,
            str(Path(settings.BASE_DIR) / "manage.py"),
            "bench_audit",
            "--inner",
            f"--rows={opts['rows']}",
            f"--runs={opts['runs']}",
            f"--schools={opts['schools']}",
            f"--db={opts['db']}",
            f"--postgres={opts['postgres']}",
        ] + (["--rebuild"] if opts["rebuild"] else [])
        self.stdout.flush()
        code = subprocess.call(command, env=env)  # noqa: S603
        if code:
            raise CommandError(f"The benchmark stopped with exit code {code}.")

    def _marker(self, db_path: Path, postgres: str) -> Path:
        if postgres:
            name = dj_database_url.parse(postgres)["NAME"]
            return Path(tempfile.gettempdir()) / f"senco-bench-audit-{name}.built.json"
        return db_path.with_name(db_path.name + ".built.json")

    def _inner(self, *, rows, runs, schools, db, postgres, rebuild, **options) -> None:
        name = settings.DATABASES["default"]["NAME"]
        if postgres:
            if connection.vendor != "postgresql" or "bench" not in name:
                raise CommandError(f"bench_audit --inner runs only on a bench database: {name}")
        elif connection.vendor != "sqlite" or Path(name).resolve() != Path(db).resolve():
            raise CommandError(f"bench_audit --inner runs only on {db}, not {name}.")
        warnings.filterwarnings("ignore", message="No directory at")
        out = self.stdout
        out.write(f"Database: {name} ({connection.vendor})")
        call_command("migrate", verbosity=0, interactive=False)
        marker = self._marker(Path(db), postgres)
        wanted = {"rows": rows, "schools": schools, "version": DEMO_VERSION}
        built = json.loads(marker.read_text()) if marker.exists() else None
        if rebuild or not built or {k: built.get(k) for k in wanted} != wanted:
            marker.unlink(missing_ok=True)
            with connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {TABLE}")  # noqa: S608 (the table's name)
            out.write(f"Seeding the demo trust with {schools} schools...")
            build_demo_trust(schools=schools, seed=DEFAULT_SEED)
            out.write(f"Filling the audit log to {rows:,} rows...")
            filled = fill_audit(rows, out=out)
            out.write(f"Filled {filled.rows:,} rows in {filled.seconds:.0f} s.")
            built = {**wanted, "busy": filled.busy, "quiet": filled.quiet}
            marker.write_text(json.dumps(built))
        else:
            out.write(f"Reusing the audit log already filled ({rows:,} rows).")
        busy, quiet = built["busy"], built["quiet"]
        out.write(f"Timing {runs} requests per page after 3 warm-up requests ({machine()})...\n")
        timings = run_benchmarks(busy=busy, quiet=quiet, runs=runs)
        out.write(format_timings(timings))
        failed = [t for t in timings if not t.passed]
        planned = [t for t in timings if t.bad_plans]
        out.write("")
        out.write(
            f"Target: p95 < {TARGET_MS:.0f} ms. "
            + ("All met." if not failed else f"{len(failed)} missed (reported, not fatal).")
            + (
                " Every query of the audit table used an index."
                if not planned
                else f" {len(planned)} pages read the table or sorted (above)."
            )
        )
