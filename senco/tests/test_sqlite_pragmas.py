"""SQLite is opened with the pragmas that keep pages fast over HTTP (senco/settings.py):
WAL, checkpoints every 10,000 pages rather than every 1,000, and reads through mmap."""

import pytest
from django.db import connection


@pytest.mark.django_db
def test_each_sqlite_connection_gets_the_pragmas():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_autocheckpoint")
        assert cursor.fetchone()[0] == 10000
        cursor.execute("PRAGMA synchronous")
        assert cursor.fetchone()[0] == 1  # NORMAL
