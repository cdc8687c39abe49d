"""The production server as docs/deploy.md runs it, as far as a test can: gunicorn with
deploy/gunicorn.conf.py on a loopback port, a temporary SQLite database, and the settings
of deploy/senco.env.example (DEBUG off, HTTPS behind one proxy), the requests carrying the
headers nginx (deploy/nginx/senco.conf) adds. Also the task worker's and the scheduler's
commands as their units run them. nginx and systemd themselves: deploy/check.sh."""

import http.client
import json
import os
import re
import secrets
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.conf import settings

from senco.testing import assert_run_as_one_group

BASE = Path(settings.BASE_DIR)
ENV_EXAMPLE = BASE / "deploy" / "senco.env.example"
HOST = "senco.example.org"  # ALLOWED_HOSTS in the example
CLIENT = "203.0.113.9"  # the address nginx appends to X-Forwarded-For
PASSWORD = "correct-horse-battery-staple-9"

# One test process runs the whole module (`--dist loadgroup`, as `make test` and .ci/run
# run the suite), so the server below is set up once, not once in each process.
pytestmark = pytest.mark.xdist_group("production_server")


def test_the_module_runs_in_one_test_process(request):
    assert_run_as_one_group(request, "production_server")


def example_settings() -> dict[str, str]:
    """The settings left on in deploy/senco.env.example (KEY=value; quotes taken off)."""
    found = {}
    for line in ENV_EXAMPLE.read_text().splitlines():
        match = re.fullmatch(r"([A-Z][A-Z0-9_]*)=(.*)", line.strip())
        if match:
            found[match[1]] = match[2].strip().strip('"')
    return found


def production_env(tmp_path: Path, **extra) -> dict[str, str]:
    """A fresh environment: PATH and HOME, the example's settings, a key of our own, and
    the database and private files in tmp_path (never DATABASE_URL from outside)."""
    env = {name: os.environ[name] for name in ("PATH", "HOME") if name in os.environ}
    env |= example_settings()
    env |= {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "SQLITE_PATH": str(tmp_path / "senco.sqlite3"),
        "PRIVATE_MEDIA_ROOT": str(tmp_path / "private-media"),
        "PYTHONDONTWRITEBYTECODE": "1",
        **extra,
    }
    return env


def manage(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, port: int, env: dict, db: Path, log: Path):
        self.port, self.env, self.db, self.log = port, env, db, log

    def request(self, method, path, *, proxied=True, host=HOST, headers=None, body=None):
        """(status, headers, body) of one request; proxied: with nginx's headers."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        sent = {"Host": host, **(headers or {})}
        if proxied:
            sent |= {"X-Forwarded-Proto": "https", "X-Forwarded-For": f"198.51.100.1, {CLIENT}"}
        try:
            conn.request(method, path, body=body, headers=sent)
            response = conn.getresponse()
            return response.status, response.headers, response.read()
        finally:
            conn.close()

    def log_tail(self) -> str:
        return self.log.read_text(errors="replace")[-3000:]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("production")
    port = free_port()
    env = production_env(tmp, GUNICORN_BIND=f"127.0.0.1:{port}", WEB_CONCURRENCY="2")
    done = manage(env, "migrate", "--no-input")
    assert done.returncode == 0, done.stderr
    done = manage(
        env,
        "shell",
        "-c",
        "from senco.accounts.models import User; "
        f"User.objects.create_user('deploy.check', password={PASSWORD!r})",
    )
    assert done.returncode == 0, done.stderr
    log = tmp / "gunicorn.log"
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "senco.wsgi"],
        cwd=BASE,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    running = Server(port, env, tmp / "senco.sqlite3", log)
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, f"gunicorn stopped:\n{running.log_tail()}"
            assert time.monotonic() < deadline, f"no answer in 60 s:\n{running.log_tail()}"
            try:
                if running.request("GET", "/healthz")[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.2)
        yield running
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_check_deploy_passes_with_the_example_settings(tmp_path):
    done = manage(production_env(tmp_path), "check", "--deploy", "--fail-level", "WARNING")
    assert done.returncode == 0, done.stderr
    assert "System check identified no issues" in done.stdout


def test_the_example_leaves_no_secret_in_it():
    # An installation that forgets to set its key does not start (Django refuses an empty
    # SECRET_KEY), rather than start with one printed in the repository.
    assert example_settings()["SECRET_KEY"] == ""


def test_healthz_answers_with_the_database(server):
    status, headers, body = server.request("GET", "/healthz")
    assert status == 200, server.log_tail()
    assert json.loads(body)["database"] == "ok"


def test_a_static_file_is_served(server):
    status, headers, body = server.request("GET", "/static/vendor/senco.css")
    assert status == 200
    assert headers["Content-Type"].startswith("text/css")
    assert b".govuk-link" in body


def test_the_sign_in_page_renders_with_the_security_headers(server):
    status, headers, body = server.request("GET", "/accounts/login/")
    assert status == 200, server.log_tail()
    assert b'name="csrfmiddlewaretoken"' in body and b'name="password"' in body
    assert "max-age=31536000" in headers["Strict-Transport-Security"]
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Frame-Options"] == "DENY"
    assert "Secure" in headers["Set-Cookie"]  # the CSRF cookie, over HTTPS only


def test_plain_http_is_redirected_and_other_hosts_refused(server):
    status, headers, _ = server.request("GET", "/accounts/login/", proxied=False)
    assert status == 301
    assert headers["Location"] == f"https://{HOST}/accounts/login/"
    assert server.request("GET", "/accounts/login/", host="evil.example.com")[0] == 400


def test_signing_in_through_the_proxy(server):
    status, headers, body = server.request("GET", "/accounts/login/")
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)[1].decode()
    csrf_cookie = re.search(r"csrftoken=([^;]+)", headers["Set-Cookie"])[1]
    status, headers, body = server.request(
        "POST",
        "/accounts/login/",
        headers={
            "Cookie": f"csrftoken={csrf_cookie}",
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": f"https://{HOST}",
            "Referer": f"https://{HOST}/accounts/login/",
        },
        body=urlencode(
            {"csrfmiddlewaretoken": token, "username": "deploy.check", "password": PASSWORD}
        ),
    )
    assert status == 302, body.decode(errors="replace")[:2000]
    assert headers["Location"] == "/"
    cookies = headers.get_all("Set-Cookie")
    session = next(c for c in cookies if c.startswith("sessionid="))
    assert "Secure" in session and "HttpOnly" in session
    status, headers, body = server.request(
        "GET", "/", headers={"Cookie": session.split(";")[0] + f"; csrftoken={csrf_cookie}"}
    )
    assert status == 200
    assert "no-store" in headers["Cache-Control"]
    # The audit log has the client's address: the last in X-Forwarded-For (one proxy),
    # not the one the client wrote further left, nor the proxy's.
    with sqlite3.connect(server.db) as db:
        addresses = {row[0] for row in db.execute("SELECT ip_address FROM audit_auditevent")}
    assert CLIENT in addresses
    assert "198.51.100.1" not in addresses


def test_the_scheduler_and_the_worker_as_their_units_run_them(server):
    # senco-schedules.service, then senco-worker.service (here until the queue is empty).
    done = manage(server.env, "run_schedules")
    assert done.returncode == 0, done.stderr
    done = manage(server.env, "db_worker", "--batch", "--no-startup-delay", "--no-reload")
    assert done.returncode == 0, done.stderr
    report = json.loads(server.request("GET", "/healthz")[2])
    assert report["scheduler"]["recent"] and report["worker"]["recent"], report


def test_the_master_freezes_what_it_loaded_before_the_workers_fork():
    """The garbage collector of each worker skips what the master loaded (deploy/gunicorn.conf.py
    `when_ready`): measured in docs/demo-and-bench.md, it is worth ~10% of the mixed rate."""
    import gc
    import runpy

    conf = runpy.run_path(str(Path(settings.BASE_DIR) / "deploy" / "gunicorn.conf.py"))
    gc.unfreeze()
    try:
        conf["when_ready"](None)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
