"""What /healthz reports: the database answers, and when the scheduler and the task
worker last showed they are alive (each should within 15 minutes: the scheduler runs
every 5 and queues a heartbeat task for the worker each time)."""

import datetime

from django.db import DatabaseError, connection
from django.utils import timezone

from senco.operations.models import Heartbeat

RECENT = datetime.timedelta(minutes=15)


def health(now: datetime.datetime | None = None) -> tuple[bool, dict]:
    """(the database is reachable, the report)."""
    now = now or timezone.now()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        beats = dict(Heartbeat.objects.values_list("name", "at"))
    except DatabaseError:
        return False, {"status": "error", "database": "unreachable"}
    report = {"status": "ok", "database": "ok"}
    for name in ("scheduler", "worker"):
        at = beats.get(name)
        report[name] = {
            "last_seen": at.isoformat() if at else None,
            "minutes_ago": int((now - at).total_seconds() // 60) if at else None,
            "recent": bool(at and now - at <= RECENT),
        }
    return True, report
