"""Django's SQLite backend, with each query's placeholders rewritten once a process.

`ENGINE = "senco.lib.sqlite"` (senco/settings.py sets it for every SQLite database). The
ORM writes `%s` for each parameter; SQLite wants `?`, and Django's cursor rewrites every
query with a regular expression as it runs it. The daily pages run ~12 queries each,
~1,000 characters long on average (a register's audit rows: one INSERT of 200 rows),
from about a hundred different texts: the rewriting took ~0.7 ms of a ~15 ms page
(issue 13, docs/demo-and-bench.md). Here the rewritten text is kept for each query text
(most are the same string object every time, written once by `senco.lib.prepared`, whose
hash Python keeps), so it is done once. Everything else is Django's own backend.
"""

import functools

from django.db.backends.sqlite3 import base

# Texts longer than this are rewritten each time, as Django does, so that the kept texts
# stay a few megabytes at most (an INSERT of 2,000 audit rows is ~60,000 characters).
LONGEST_KEPT = 16_384


@functools.lru_cache(maxsize=512)
def _qmark(query: str) -> str:
    return base.FORMAT_QMARK_REGEX.sub("?", query).replace("%%", "%")


class SQLiteCursorWrapper(base.SQLiteCursorWrapper):
    def convert_query(self, query, *, param_names=None):
        if param_names is None and len(query) <= LONGEST_KEPT:
            return _qmark(query)
        return super().convert_query(query, param_names=param_names)


class DatabaseWrapper(base.DatabaseWrapper):
    def create_cursor(self, name=None):
        return self.connection.cursor(factory=SQLiteCursorWrapper)
