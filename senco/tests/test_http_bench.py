"""The HTTP half of `make bench` (senco/demo/http_bench.py): its measuring, over real HTTP
against a small server on loopback, and its floor, which replays a page's SQL and leaves
nothing behind. (`make bench` itself runs it against gunicorn and the bench trust.)"""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.test import Client

from senco import factories as f
from senco.audit.models import AuditEvent, PendingAuditEvent
from senco.demo.http_bench import (
    FileTiming,
    HttpTiming,
    captured_sql,
    concurrent,
    cookies_of,
    expected_mix,
    file_times,
    format_http,
    sequential,
    sql_floor,
)


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_the_floor_replays_the_pages_own_sql_and_writes_nothing(senco, pupil):
    client = signed_in(senco)
    statements = captured_sql(client, f"/pupils/{pupil.pk}/")
    assert any("pupils_pupil" in s.sql for s in statements)
    audit_rows = AuditEvent.objects.count()
    floor = sql_floor(statements, runs=3)
    assert floor > 0
    # The page's own audit row was replayed inside a transaction rolled back.
    assert AuditEvent.objects.count() == audit_rows


@pytest.mark.django_db
def test_the_floor_replays_a_list_pages_audit_rows_with_their_parameters(senco, school):
    """A list page's audit rows go in with one INSERT of many rows: the floor runs it with
    its parameters, as the page did, and leaves nothing behind."""
    f.SenPupilFactory.create_batch(3, school=school)
    client = signed_in(senco)
    statements = captured_sql(client, f"/school/{school.urn}/register/")
    # Into the table the rows wait in before they are moved into the log.
    inserts = [s for s in statements if "audit_pendingauditevent" in s.sql and "INSERT" in s.sql]
    assert len(inserts) == 1
    waiting = PendingAuditEvent.objects.count()
    assert waiting == 3
    assert sql_floor(statements, runs=2) > 0
    assert PendingAuditEvent.objects.count() == waiting
    assert AuditEvent.objects.count() == 3 + 1  # the list's rows moved in, and the sign-in


class _Pages(BaseHTTPRequestHandler):
    """A server that answers 200 to a request with the session cookie, else a redirect to
    sign in, as senco does: what the measuring needs to tell apart."""

    def do_GET(self):  # noqa: N802 (http.server's name)
        signed_in = "sessionid=abc" in (self.headers.get("Cookie") or "")
        self.send_response(200 if signed_in else 302)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


@pytest.fixture
def server_port():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


@pytest.mark.django_db
def test_a_signed_in_client_gives_its_session_cookie(senco):
    assert set(cookies_of(signed_in(senco))) == {"sessionid"}
    assert cookies_of(Client()) == {}


def test_pages_are_timed_over_http_with_the_cookie(server_port):
    cookies = {"sessionid": "abc"}
    times = sequential(server_port, "/pupils/1/", cookies, runs=3, warmup=1)
    assert len(times) == 3 and all(t > 0 for t in times)
    rps, errors = concurrent(server_port, [("/pupils/1/", cookies)], clients=3, seconds=0.3)
    assert errors == 0 and rps > 0
    # Signed out, the page answers with the sign-in page's redirect: counted as errors.
    rps, errors = concurrent(server_port, [("/pupils/1/", {})], clients=2, seconds=0.2)
    assert errors > 0
    with pytest.raises(RuntimeError, match="answered 302"):
        sequential(server_port, "/pupils/1/", {}, runs=1, warmup=0)


def test_the_table_gives_each_page_its_target_and_the_mixed_rate():
    timings = [
        HttpTiming("pupil", "Pupil page", 16.0, 20.0, 90.0, 0.5, 12.0, 9),
        HttpTiming("register", "Register", 40.0, 50.0, 30.0, 8.0, 35.0, 12),
        HttpTiming("feed", "Feed", 60.0, 70.0, 20.0, 5.0, 50.0, 14),
    ]
    assert [t.passed for t in timings] == [True, False, None]
    assert timings[0].floor_ratio == 32.0
    text = format_http(timings, 130.0, 0)
    assert "median <= 17 ms" in text and "median <= 35 ms" in text
    assert "130 requests a second, 0 errors (target >= 120, no errors) PASS" in text
    assert "FAIL" in format_http(timings, 130.0, 2).splitlines()[-2]
    # Each page alone at 90, 30 and 20 a second, in turn: 3 / (1/90 + 1/30 + 1/20).
    assert expected_mix(timings) == pytest.approx(31.76, abs=0.01)
    assert "Each page at its own rate above, in turn, would make 32 requests a second." in text


def test_a_file_is_timed_over_http_and_held_to_its_target_by_the_median(server_port):
    seconds = file_times(server_port, "/school/1/class-sheets/9.pdf", {"sessionid": "abc"})
    assert len(seconds) == 3 and all(0 < s < 5 for s in seconds)
    with pytest.raises(RuntimeError, match="answered 302"):
        file_times(server_port, "/school/1/class-sheets/9.pdf", {})
    sheets = FileTiming("class_sheets_url", "Class sheets PDF, Year 9", [4.2, 4.9, 6.1])
    slow = FileTiming("class_sheets_url", "Class sheets PDF, Year 9", [4.2, 5.3, 6.1])
    assert sheets.passed and not slow.passed
    text = format_http([], 130.0, 0, [sheets, slow])
    assert (
        "Class sheets PDF, Year 9 over HTTP: median 4.9 s, max 6.1 s over 3 requests "
        "(target < 5 s) PASS"
    ) in text
    assert "median 5.3 s, max 6.1 s over 3 requests (target < 5 s) FAIL" in text
    assert "requests a second" in text.splitlines()[-2]
