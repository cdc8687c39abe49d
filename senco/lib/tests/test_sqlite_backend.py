"""senco/lib/sqlite: Django's SQLite backend with each query's placeholders rewritten once."""

import sqlite3

import pytest
from django.db import connection
from django.db.backends.sqlite3.base import SQLiteCursorWrapper as DjangosCursor

from senco.lib.sqlite import base
from senco.pupils.models import Pupil

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's backend only")


@pytest.mark.parametrize(
    "query",
    [
        "SELECT 1",
        "SELECT %s, %s FROM t WHERE a = %s",
        "SELECT '100%%' || %s",  # a literal percent, written twice as Django asks
        "SELECT 'x' LIKE %s ESCAPE '\\'",
        "INSERT INTO t VALUES " + ", ".join(["(%s, %s)"] * 5_000),  # too long to keep
    ],
)
def test_a_query_is_rewritten_as_djangos_backend_rewrites_it(query):
    memory = sqlite3.connect(":memory:")
    ours = base.SQLiteCursorWrapper(memory)
    assert ours.convert_query(query) == DjangosCursor(memory).convert_query(query)
    assert ours.convert_query(query) == DjangosCursor(memory).convert_query(query)  # kept


def test_only_short_texts_are_kept():
    base._qmark.cache_clear()
    short, long = "SELECT %s", "SELECT " + ", ".join(["%s"] * 10_000)
    cursor = base.SQLiteCursorWrapper(sqlite3.connect(":memory:"))
    for query in (short, short, long, long):
        cursor.convert_query(query)
    info = base._qmark.cache_info()
    assert (info.hits, info.misses, info.currsize) == (1, 1, 1)


def test_named_parameters_are_left_to_django(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT %(a)s + %(b)s", {"a": 1, "b": 2})
        assert cursor.fetchone() == (3,)


def test_the_site_runs_on_it(db, school):
    assert connection.settings_dict["ENGINE"] == "senco.lib.sqlite"
    with connection.cursor() as cursor:
        assert isinstance(cursor.cursor, base.SQLiteCursorWrapper)
    assert Pupil.objects.filter(school=school, legal_surname__contains="%").count() == 0
