"""Apply a 5,000-row import on SQLite while 20 people browse, and count what fails.

`python manage.py bench_import [--rows 5000] [--clients 20]` (`make bench-import`) never
touches the developer's database: it runs itself again in a subprocess with SQLITE_PATH
pointing at a fresh file in a new temporary directory (DATABASE_URL and DEBUG unset),
which migrates, seeds the two-school demo trust, writes a pupil CSV of N rows for Hillside
Academy (its 1,100 pupils, some changed, and new pupils up to N) and keeps it as a batch to
import, as the upload page does. Then it starts a real server on that database
(`runserver --noreload`, threaded, in another process), signs each client in with its own
session, and has every client browse pages that write audit rows (the home page, the
register, pupils' pages; now and then a fresh sign-in through the form) without pause
while the SENCO's import is applied: through the import service in this process, or
through the confirm URL of the server (`--via url`).

It reports how long the apply took, how many requests overlapped it, how many of those
failed (any answer but 200 or 302, or no answer) and their latency. Targets: the apply
under 5 s and no request failing; a miss is reported, not an error.
"""

import csv
import http.client
import io
import os
import random
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client

from senco.accounts.models import Membership, Role
from senco.audit.actor import Actor
from senco.audit.models import AuditEvent
from senco.demo.machine import machine
from senco.demo.management.commands.bench import percentile
from senco.demo.outline import DEFAULT_SEED, DEMO_PASSWORD, school_plans
from senco.demo.trust import build_demo_trust
from senco.imports.services import SIMS_HEADINGS as HEADINGS
from senco.imports.services import import_batch_apply, import_batch_create
from senco.lib.upn import make_upn
from senco.pupils.models import Pupil
from senco.schools.models import School

APPLY_TARGET_S = 5.0
# Who browses: the roles that see pupils, each with its own session (the SENCO too, in
# another tab from the one that imports).
BROWSING_ROLES = (Role.SENCO, Role.LEADER, Role.TA, Role.TEACHER)
PUPIL_LINK = re.compile(r'href="(/pupils/\d+/)"')
SIGN_IN_EVERY = 8  # a client signs in again through the form every N requests


# --- The file ------------------------------------------------------------------------------


def _yes(flag: bool) -> str:
    return "Y" if flag else "N"


def import_csv(school: School, rows: int, *, seed: int = 1) -> str:
    """A CSV export of `rows` pupils for the school, as an MIS writes it: every pupil already
    there (a fifth of them changed: a new year or registration group, a new need, a
    change of SEN provision), then new pupils up to `rows`, a sixth of them on the
    register, in the school's registration groups."""
    rng = random.Random(seed)
    pupils = list(Pupil.objects.filter(school=school).order_by("pk")[:rows])
    reg_groups = sorted({p.reg_group for p in pupils if p.reg_group}) or ["7A"]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADINGS)
    for p in pupils:
        year, reg = p.year_group, p.reg_group
        sen, primary, secondary = p.sen_provision, p.primary_need, p.secondary_need
        draw = rng.random()
        if draw < 0.05:
            reg = rng.choice(reg_groups)
        elif draw < 0.10:
            year = min(year + 1, 14)
        elif draw < 0.15:
            sen, primary, secondary = "K", "SLCN", ""
        elif draw < 0.20 and sen != "N":
            sen, primary, secondary = "N", "", ""
        # The demo plants what the census check finds (a pupil on the register with no
        # primary need, a secondary need equal to the primary: senco/year/census_demo.py);
        # the MIS holds them right, and so does its export.
        if sen != "N" and not primary:
            primary = "SLCN" if secondary != "SLCN" else "MLD"
        if secondary == primary:
            secondary = ""
        writer.writerow(
            [
                p.upn,
                p.legal_surname,
                p.forename,
                p.date_of_birth.strftime("%d/%m/%Y"),
                p.sex,
                year,
                reg,
                _yes(p.pupil_premium),
                _yes(p.eal),
                _yes(p.looked_after),
                sen,
                primary,
                secondary,
            ]
        )
    today = time.localtime()
    for n in range(rows - len(pupils)):
        year = 7 + n % 5
        born = f"{1 + n % 28:02d}/{1 + n % 12:02d}/{today.tm_year - 12 - (year - 7)}"
        sen = rng.choices(["N", "K", "E"], weights=[82, 14, 4])[0]
        primary = rng.choice(["SLCN", "ASD", "SEMH", "MLD", "SPLD"]) if sen != "N" else ""
        writer.writerow(
            [
                # Another local authority than the demo's (873): no UPN clashes.
                make_upn(202, 9000 + n // 1000, 26, n % 1000),
                f"Newpupil{n}",
                rng.choice(["Amir", "Zoë", "Łukasz", "Siobhán", "Chidi", "Mei"]),
                born,
                rng.choice("MF"),
                year,
                rng.choice(reg_groups),
                _yes(rng.random() < 0.24),
                _yes(rng.random() < 0.2),
                _yes(rng.random() < 0.01),
                sen,
                primary,
                "",
            ]
        )
    return out.getvalue()


# --- The clients ---------------------------------------------------------------------------


@dataclass
class Request:
    client: int
    kind: str  # "page" or "sign-in"
    path: str
    started: float
    ended: float
    status: int | None  # None: no answer (an exception)
    error: str = ""

    @property
    def ok(self) -> bool:
        # A sign-in that worked sends the person on (302); the form again (200) is a refusal.
        if self.kind == "sign-in":
            return self.status == 302
        return self.status in (200, 302)

    @property
    def ms(self) -> float:
        return (self.ended - self.started) * 1000


@dataclass
class Browser:
    """One person in a browser: a session cookie, and the pupils their register links to."""

    number: int
    username: str
    session: str
    urn: str
    port: int
    pupils: list[str] = field(default_factory=list)
    log: list[Request] = field(default_factory=list)

    def get(self, path: str, cookies: dict | None = None) -> tuple[int, dict, str]:
        return _http(self.port, "GET", path, cookies or {"sessionid": self.session})

    def warm_up(self) -> None:
        """Open the register once and keep the pupils it links to."""
        path = f"/school/{self.urn}/register/?show_all=on"
        status, _, body = self.get(path)
        if status != 200:
            raise CommandError(f"{self.username} could not open {path}: {status}")
        self.pupils = sorted(set(PUPIL_LINK.findall(body)))

    def browse(self, stop: threading.Event, seed: int) -> None:
        rng = random.Random(seed)
        count = 0
        while not stop.is_set():
            count += 1
            if (count + self.number) % SIGN_IN_EVERY == 0:
                self._timed("sign-in", "/accounts/login/", self.sign_in)
                continue
            draw = rng.random()
            if draw < 0.15:
                path = "/"
            elif draw < 0.35 or not self.pupils:
                path = f"/school/{self.urn}/register/"
            else:
                path = rng.choice(self.pupils)
            self._timed("page", path, lambda path=path: self.get(path)[0])

    def sign_in(self) -> int:
        """A fresh sign-in through the form, as a browser does: the page, then the post."""
        status, cookies, body = _http(self.port, "GET", "/accounts/login/", {})
        if status != 200:
            return status
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body)
        data = {
            "csrfmiddlewaretoken": token.group(1) if token else "",
            "username": self.username,
            "password": DEMO_PASSWORD,
        }
        status, _, _ = _http(self.port, "POST", "/accounts/login/", cookies, data)
        return status

    def _timed(self, kind: str, path: str, call) -> None:
        started = time.perf_counter()
        try:
            status, error = call(), ""
        except Exception as exc:  # noqa: BLE001 (any failure is counted, never raised)
            status, error = None, f"{type(exc).__name__}: {exc}"
        self.log.append(
            Request(self.number, kind, path, started, time.perf_counter(), status, error)
        )


def _http(port: int, method: str, path: str, cookies: dict, data: dict | None = None):
    """One request on its own connection; (status, cookies set, body)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        headers = {"Host": "127.0.0.1"}
        if cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
        body = None
        if data is not None:
            body = urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{port}{path}"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        jar = SimpleCookie()
        for header in response.headers.get_all("Set-Cookie") or []:
            jar.load(header)
        return response.status, {k: m.value for k, m in jar.items()} | cookies, text
    finally:
        connection.close()


def _session_for(user) -> str:
    """A signed-in session for the user, as the sign-in page would make it."""
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def _browsers(school: School, clients: int, port: int) -> list:
    memberships = (
        Membership.objects.filter(school=school, role__in=BROWSING_ROLES, is_active=True)
        .select_related("user")
        .order_by("role", "user__username")
    )
    by_role: dict[str, list] = {}
    for m in memberships:
        by_role.setdefault(m.role, []).append(m.user)
    # Round the roles, so 20 people are the SENCO, both leaders, the TAs and teachers.
    users, pools = [], [list(by_role.get(role, [])) for role in BROWSING_ROLES]
    while len(users) < clients and any(pools):
        for pool in pools:
            if pool and len(users) < clients:
                users.append(pool.pop(0))
    if len(users) < clients:
        raise CommandError(f"{school.name} has only {len(users)} people who see pupils.")
    return [
        Browser(n, user.username, _session_for(user), school.urn, port)
        for n, user in enumerate(users)
    ]


# --- The server ----------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_server(port: int, log: Path) -> subprocess.Popen:
    command = [
        sys.executable,
        str(Path(settings.BASE_DIR) / "manage.py"),
        "runserver",
        "--noreload",
        "--skip-checks",
        f"127.0.0.1:{port}",
    ]
    server = subprocess.Popen(  # noqa: S603
        command, stdout=log.open("w"), stderr=subprocess.STDOUT, env=dict(os.environ)
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise CommandError(f"The server stopped: {log.read_text()[-2000:]}")
        try:
            status, _, _ = _http(port, "GET", "/accounts/login/", {})
        except OSError:
            time.sleep(0.2)
            continue
        if status == 200:
            return server
    server.terminate()
    raise CommandError("The server did not answer within 30 s.")


def _stop_server(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


# --- Applying, and the report --------------------------------------------------------------


@dataclass
class Result:
    rows: int
    clients: int
    via: str
    apply_s: float
    counts: dict
    during: list[Request]
    whole: list[Request]
    audit_rows: int
    lock_s: tuple[float, float] | None = None  # waited for the write lock, then held it

    @property
    def errors(self) -> list[Request]:
        return [r for r in self.during if not r.ok]

    @property
    def passed(self) -> bool:
        return self.apply_s < APPLY_TARGET_S and not [r for r in self.whole if not r.ok]


class _WriteLock:
    """Times the BEGIN IMMEDIATE of the import's transaction: how long it waited for
    SQLite's one write lock, and when it had it (it keeps it until the apply returns)."""

    def __init__(self):
        self.waited = 0.0
        self.taken: float | None = None

    def __call__(self, execute, sql, params, many, context):
        if not sql.startswith("BEGIN"):
            return execute(sql, params, many, context)
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.taken = time.perf_counter()
            self.waited += self.taken - started


def _apply_via_service(batch, senco, lock: _WriteLock) -> dict:
    with connection.execute_wrapper(lock):
        plan = import_batch_apply(batch=batch, actor=Actor(senco, "127.0.0.1"))
    return plan.counts()


def _confirm_form(batch, senco_session: str, port: int) -> tuple[str, dict, dict]:
    """The preview as the SENCO opens it: the confirm URL, the cookies and the form."""
    path = f"/school/{batch.school.urn}/import/{batch.pk}/"
    status, cookies, body = _http(port, "GET", path, {"sessionid": senco_session})
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    if status != 200 or not token:
        raise CommandError(f"The preview answered {status}.")
    return f"{path}apply/", cookies, {"csrfmiddlewaretoken": token.group(1)}


def _apply_via_url(batch, port: int, path: str, cookies: dict, data: dict) -> dict:
    status, _, _ = _http(port, "POST", path, cookies, data)
    if status != 302:
        raise CommandError(f"The import's confirm answered {status}, not 302.")
    batch.refresh_from_db()
    return batch.summary


def run(*, rows: int, clients: int, via: str, before: float, after: float, workdir: Path):
    """Everything after the database is migrated and seeded: see the module's docstring."""
    school = School.objects.get(urn=school_plans(2)[1].urn)
    senco = Membership.objects.filter(school=school, role=Role.SENCO).first().user
    text = import_csv(school, rows)
    upload = SimpleUploadedFile("mis-export.csv", text.encode(), content_type="text/csv")
    batch = import_batch_create(school=school, actor=Actor(senco), upload=upload)
    port = _free_port()
    server = _start_server(port, workdir / "server.log")
    try:
        browsers = _browsers(school, clients, port)
        for b in browsers:
            b.warm_up()
        if via == "url":
            confirm = _confirm_form(batch, _session_for(senco), port)
        audit_before = AuditEvent.objects.count()
        lock, lock_s = _WriteLock(), None
        stop = threading.Event()
        threads = [
            threading.Thread(target=b.browse, args=(stop, n), daemon=True)
            for n, b in enumerate(browsers)
        ]
        for t in threads:
            t.start()
        time.sleep(before)
        started = time.perf_counter()
        if via == "url":
            counts = _apply_via_url(batch, port, *confirm)
        else:
            counts = _apply_via_service(batch, senco, lock)
        ended = time.perf_counter()
        if lock.taken is not None:
            lock_s = (lock.waited, ended - lock.taken)
        time.sleep(after)
        stop.set()
        for t in threads:
            t.join(timeout=120)
        audit_rows = AuditEvent.objects.count() - audit_before
    finally:
        _stop_server(server)
    whole = [r for b in browsers for r in b.log]
    during = [r for r in whole if r.started < ended and r.ended > started]
    return Result(rows, clients, via, ended - started, counts, during, whole, audit_rows, lock_s)


def report(result: Result) -> str:
    def latency(requests: list[Request]) -> str:
        times = [r.ms for r in requests]
        if not times:
            return "no requests"
        return (
            f"p50 {statistics.median(times):.0f} ms, p95 {percentile(times, 95):.0f} ms, "
            f"max {max(times):.0f} ms"
        )

    def failures(requests: list[Request]) -> int:
        return len([r for r in requests if not r.ok])

    during, whole = result.during, result.whole
    signs = [r for r in during if r.kind == "sign-in"]
    lines = [
        f"Applied {result.rows:,} rows ({result.counts.get('created')} new, "
        f"{result.counts.get('updated')} updated, {result.counts.get('unchanged')} unchanged) "
        f"through the {result.via} in {result.apply_s:.2f} s "
        f"(target < {APPLY_TARGET_S:.0f} s): "
        + ("PASS" if result.apply_s < APPLY_TARGET_S else "FAIL"),
    ]
    if result.lock_s:
        lines.append(
            f"The import waited {result.lock_s[0]:.2f} s for SQLite's write lock and held it "
            f"{result.lock_s[1]:.2f} s; the rest was reading the file"
        )
    lines += [
        f"During the apply: {len(during)} requests by {result.clients} people "
        f"({len(signs)} sign-ins), {failures(during)} failed; {latency(during)}",
        f"Sign-ins during the apply: {len(signs)}, {failures(signs)} failed; {latency(signs)}",
        f"The whole run: {len(whole)} requests, {failures(whole)} failed; {latency(whole)}; "
        f"{result.audit_rows:,} audit rows written",
    ]
    for r in [r for r in whole if not r.ok][:10]:
        lines.append(f"  failed: {r.kind} {r.path} -> {r.status or r.error}")
    lines.append(
        "Result: "
        + (
            "PASS (apply under 5 s, no request failed)"
            if result.passed
            else "FAIL (reported, not fatal)"
        )
    )
    return "\n".join(lines)


class Command(BaseCommand):
    help = (
        "On a fresh SQLite database, apply an N-row pupil import while people browse through "
        "a real server, and report the apply's time and every failed request."
    )

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=5000, help="Rows in the CSV file.")
        parser.add_argument("--clients", type=int, default=20, help="People browsing.")
        parser.add_argument(
            "--via",
            choices=["service", "url"],
            default="service",
            help="Apply through the import service here, or the server's confirm URL.",
        )
        parser.add_argument(
            "--before", type=float, default=2.0, help="Seconds of browsing before the apply."
        )
        parser.add_argument(
            "--after", type=float, default=1.0, help="Seconds of browsing after the apply."
        )
        parser.add_argument("--keep", action="store_true", help="Keep the database and logs.")
        parser.add_argument("--inner", help="(internal) the fresh database's folder")

    def handle(self, *args, inner, keep, **opts):
        if inner:
            return self._inner(Path(inner), **opts)
        workdir = Path(tempfile.mkdtemp(prefix="senco-bench-import-"))
        env = dict(os.environ)
        env.pop("DATABASE_URL", None)
        env.pop("DEBUG", None)
        env.setdefault("REQUEST_LOG_LEVEL", "WARNING")  # the server's log: errors only
        # The confirm URL queues the import as a background job; with no worker here the
        # job runs at once, inside that request, so the apply is timed end to end.
        env.setdefault("TASKS_IMMEDIATE", "1")
        env["SQLITE_PATH"] = str(workdir / "bench-import.sqlite3")
        if env.get("SECRET_KEY", settings.DEVELOPMENT_SECRET_KEY) == (
            settings.DEVELOPMENT_SECRET_KEY
        ):
            # The server refuses the built-in key with DEBUG off (senco/startup.py).
            env["SECRET_KEY"] = secrets.token_urlsafe(50)
        command = [
            sys.executable,
            str(Path(settings.BASE_DIR) / "manage.py"),
            "bench_import",
            f"--inner={workdir}",
            f"--rows={opts['rows']}",
            f"--clients={opts['clients']}",
            f"--via={opts['via']}",
            f"--before={opts['before']}",
            f"--after={opts['after']}",
        ]
        self.stdout.flush()
        try:
            code = subprocess.call(command, env=env)  # noqa: S603
        finally:
            if keep:
                self.stdout.write(f"Kept {workdir}")
            else:
                shutil.rmtree(workdir, ignore_errors=True)
        if code:
            raise CommandError(f"The benchmark stopped with exit code {code}.")

    def _inner(self, workdir: Path, *, rows, clients, via, before, after, **options) -> None:
        db = settings.DATABASES["default"]
        expected = (workdir / "bench-import.sqlite3").resolve()
        if connection.vendor != "sqlite" or Path(db["NAME"]).resolve() != expected:
            raise CommandError(f"bench_import --inner runs only on {expected}, not {db['NAME']}.")
        warnings.filterwarnings("ignore", message="No directory at")
        out = self.stdout
        out.write(f"Database: {expected}")
        call_command("migrate", verbosity=0, interactive=False)
        built = build_demo_trust(schools=2, seed=DEFAULT_SEED)
        out.write(f"Seeded the demo trust: {sum(s.pupils for s in built.schools):,} pupils.")
        out.write(
            f"Applying {rows:,} rows through the {via} while {clients} people browse "
            f"({machine()})..."
        )
        result = run(
            rows=rows, clients=clients, via=via, before=before, after=after, workdir=workdir
        )
        out.write(report(result))
