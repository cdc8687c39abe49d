"""gunicorn's settings for senco: `gunicorn -c deploy/gunicorn.conf.py senco.wsgi`.

Everything a deployer may change comes from the environment (the same EnvironmentFile as
senco's own settings, `deploy/senco.env.example`); docs/deploy.md says when to change it.

  WEB_CONCURRENCY     worker processes; default 2 x CPUs + 1, at most 8
  GUNICORN_BIND       where to listen, comma-separated; default 127.0.0.1:8000 (nginx in
                      front); a load balancer's app server: its private address, e.g.
                      10.0.0.11:8000; or unix:/run/senco/gunicorn.sock
  GUNICORN_THREADS    threads per worker; default 1 (sync workers: senco's pages spend
                      their time in Python, so processes, not threads, use the cores)
  GUNICORN_TIMEOUT    seconds before a silent worker is killed and restarted; default 60
                      (a whole year group's class sheets take up to ~20 s)
  GUNICORN_ACCESS_LOG 1: gunicorn's own access log to standard output; default off, as
                      senco writes one structured line per request itself
  GUNICORN_LOG_LEVEL  default info (worker starts and stops, timeouts)
  FORWARDED_ALLOW_IPS read by gunicorn itself: the proxies trusted to say a request came
                      over HTTPS; default 127.0.0.1 (senco reads X-Forwarded-Proto itself
                      through SECURE_PROXY_SSL_HEADER, so this rarely matters)
"""

import gc
import logging
import os


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))  # the CPUs this process may use (containers)
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


bind = [b.strip() for b in os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",") if b]
# 2 x CPUs + 1 (gunicorn's advice), capped: each worker holds Django, WeasyPrint and
# Pillow (85-100 MB after `make loadtest`, more while drawing a big PDF), and senco's pages
# are CPU-bound: on 2 CPUs, 4 and 5 workers served the same ~100 requests a second.
workers = _int("WEB_CONCURRENCY", min(2 * _cpus() + 1, 8))
threads = _int("GUNICORN_THREADS", 1)  # above 1, gunicorn uses its gthread worker
timeout = _int("GUNICORN_TIMEOUT", 60)
graceful_timeout = 30  # a restart lets requests in flight finish for this long
keepalive = 5  # only gthread workers keep connections open; nginx talks HTTP/1.0 anyway

# Load senco once in the master, then fork: workers start in milliseconds, share memory,
# and a bad setting (senco refuses to start on the built-in SECRET_KEY) stops the start
# at once instead of failing worker after worker. Code changes need a restart, not a HUP.
preload_app = True
# A worker is replaced after about this many requests, in case memory creeps up (one grew
# from 115 to ~120 MB over its first ~1,250 requests, every cache it holds bounded). Not
# sooner: a new worker's first request of each page costs ~0.1 s more (templates compiled,
# queries prepared), and at 1,000 a replacement fell in most 10 s of the daily pages' mix
# at saturation, which served 142 and 98 requests a second where the pages' own rates
# made 157 and 133; with none, 132 against 132; at 10,000, 143 against 129
# (`make bench`, docs/demo-and-bench.md).
max_requests = 10000
max_requests_jitter = 1000

accesslog = "-" if os.environ.get("GUNICORN_ACCESS_LOG", "0") in {"1", "true", "yes"} else None
errorlog = "-"  # standard error: the journal under systemd
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
proc_name = "senco"

# gunicorn 25.1+ opens a control socket in $XDG_RUNTIME_DIR or ~/.gunicorn by default;
# senco does not use it, and two servers on one machine (the tests, the load test) would
# share its path. Older versions ignore the name.
control_socket_disable = True

# The workers' heartbeat files: in memory rather than on a disk that may stall.
if os.path.isdir("/dev/shm"):  # noqa: S108 (gunicorn makes its own files there)
    worker_tmp_dir = "/dev/shm"  # noqa: S108


def post_fork(server, worker):
    """Nothing should have opened a database connection in the master (preload_app), but
    a connection shared by two processes corrupts both: each worker starts with none."""
    from django.db import connections

    connections.close_all()


def when_ready(server):
    """In the master, before the first fork: import every view (the URLconf imports them,
    WeasyPrint among them) and make one small PDF, so each worker, and each one that
    replaces it after max_requests, answers its first request at full speed."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 (imports the URLconf and the views)
    # The first PDF a process makes loads the fonts (~0.13 s more than the next): made
    # here, so that every worker starts with them loaded. A failure is logged, not fatal:
    # the pages that are not PDFs still work, and a PDF's own request shows the error.
    try:
        from senco.lib.pdf import warm_up

        warm_up()
    except Exception:
        logging.getLogger("gunicorn.error").exception("senco: the PDF warm-up failed")
    # What the master has loaded (Django, the views, WeasyPrint: most of a worker's
    # objects) lives as long as the worker. Frozen, the garbage collector stops walking it
    # at every full collection, and the pages it shares with the master stay shared (a
    # walk writes to each object). Measured over HTTP, every daily page in turn with 20
    # clients: 69-72 requests a second before, 76-81 after (docs/demo-and-bench.md).
    gc.collect()
    gc.freeze()
