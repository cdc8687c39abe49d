"""What the tests share besides fixtures (those are in `senco/conftest.py`).

- `ROLES`: the names of the cast, in the order the `cast` fixture builds them.
- Role tables: the status code each role of the cast gets from one URL, for example
  `PUPIL_READERS`. Build one with `answers(default, **overrides)`; every table names every
  role, so a new role fails every table until someone decides its answers.
- `role_table(url_name, table, method=...)` records which URL answers with which table.
  A test module calls it at import time for every table it asserts, and
  `senco/tests/test_role_tables.py` fails for a URL name that no module recorded.
- `assert_valid_html(response)`: the page is well-formed HTML5.

How the answers read: 200 the page, 302 a change that worked (it redirects), 403 a role that
may reach the school but not this page, 404 someone with no business there (the same answer
as for a page that does not exist, so nobody learns that a pupil exists).
"""

import importlib
from collections.abc import Iterable, Mapping
from pathlib import Path

import html5lib
from django.urls import URLPattern, URLResolver, get_resolver

ROLES = [
    "senco",
    "leader",
    "teacher",
    "other_teacher",
    "ta",
    "office",
    "governor",
    "trust_lead",
    "parent",
    "outsider",
]


def answers(default: int, **overrides: int) -> dict[str, int]:
    """A role table: `default` for every role of the cast except the ones named."""
    unknown = sorted(set(overrides) - set(ROLES))
    if unknown:
        raise ValueError(f"Not roles of the cast: {', '.join(unknown)}")
    return {role: overrides.get(role, default) for role in ROLES}


# --- Everyone, or one person ---------------------------------------------------------------

EVERYONE_SIGNED_IN = answers(200)
TRUST_LEAD_ONLY = answers(404, trust_lead=200)
# A teacher's answer to the SENCO's request for their view: only the teacher asked.
ONLY_THE_TEACHER_ASKED = answers(404, teacher=200)
ONLY_THE_TEACHER_ASKED_ACTION = answers(404, teacher=302)

# --- A pupil's pages -------------------------------------------------------------------------
# Only the roles that see the pupil (the SENCO, a leader, the teacher who teaches them and the
# TA who supports them) learn that the pupil exists; for everyone else it is 404.

PUPIL_READERS = answers(404, senco=200, leader=200, teacher=200, ta=200)
SENCO_ONLY_PUPIL_PAGE = answers(404, senco=200, leader=403, teacher=403, ta=403)
SENCO_ONLY_PUPIL_ACTION = {**SENCO_ONLY_PUPIL_PAGE, "senco": 302}
# The graduated approach: the SENCO and the pupil's teachers run a cycle.
CYCLE_RUNNERS_PAGE = answers(404, senco=200, teacher=200, leader=403, ta=403)
CYCLE_RUNNERS_ACTION = answers(404, senco=302, teacher=302, leader=403, ta=403)
# Notes of what was done: also the pupil's TA.
NOTE_WRITERS_ACTION = answers(404, senco=302, teacher=302, ta=302, leader=403)

# --- A school's pages ------------------------------------------------------------------------
# Members of the school and the trust's SEND lead whose role may not use the page get 403;
# the parent and the other school's SENCO have no business at the school: 404.

SCHOOL_STAFF_PAGE = answers(
    403, senco=200, leader=200, teacher=200, other_teacher=200, ta=200, parent=404, outsider=404
)
SUMMARY_READERS = answers(
    403, senco=200, leader=200, governor=200, trust_lead=200, parent=404, outsider=404
)
CONTACT_READERS = answers(403, senco=200, leader=200, office=200, parent=404, outsider=404)
SENCO_ONLY_SCHOOL_PAGE = answers(403, senco=200, parent=404, outsider=404)
SENCO_ONLY_SCHOOL_ACTION = {**SENCO_ONLY_SCHOOL_PAGE, "senco": 302}


# --- Which URL answers with which table ------------------------------------------------------

# (url name, HTTP method) -> role table, filled in by the test modules as they are imported.
ROLE_TABLES: dict[tuple[str, str], dict[str, int]] = {}


def check_table(table: Mapping[str, int]) -> None:
    """A role table names every role of the cast, and nothing else, with a status code."""
    if set(table) != set(ROLES):
        missing = sorted(set(ROLES) - set(table))
        extra = sorted(set(table) - set(ROLES))
        raise ValueError(f"A role table must name every role: missing {missing}, extra {extra}")
    odd = {role: status for role, status in table.items() if status not in (200, 302, 403, 404)}
    if odd:
        raise ValueError(f"Unexpected answers in a role table: {odd}")


def role_table(url_name: str, table: dict[str, int], *, method: str = "GET") -> dict[str, int]:
    """Record that `url_name`, asked with `method`, answers each role as `table` says.

    Returns the table, so a module can write `UPLOAD = role_table("import_upload", ...)`.
    """
    check_table(table)
    key = (url_name, method.upper())
    known = ROLE_TABLES.get(key)
    if known is not None and known != table:
        raise ValueError(f"Two different role tables for {url_name} ({key[1]})")
    ROLE_TABLES[key] = dict(table)
    return table


def role_tables(tables: dict[str, dict[str, int]], *, method: str = "GET") -> dict:
    """`role_table` for each {url name: table} of a module's matrix; returns the matrix."""
    for url_name, table in tables.items():
        role_table(url_name, table, method=method)
    return tables


def modules_with_tests() -> list[str]:
    """The dotted names of every test module in senco's `tests` folders."""
    root = Path(__file__).resolve().parent
    return [
        ".".join(path.relative_to(root.parent).with_suffix("").parts)
        for path in sorted(root.rglob("tests/test_*.py"))
    ]


def load_role_tables() -> dict[tuple[str, str], dict[str, int]]:
    """Import every test module, so every `role_table` call has run, and return the tables."""
    for name in modules_with_tests():
        importlib.import_module(name)
    return ROLE_TABLES


def url_names(resolver: URLResolver | None = None) -> set[str]:
    """The name of every named URL pattern, looking inside every include()."""
    names: set[str] = set()
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            names |= url_names(entry)
        elif isinstance(entry, URLPattern) and entry.name:
            names.add(entry.name)
    return names


def names_without_role_table(
    names: Iterable[str], tables: Iterable[tuple[str, str]], allowed: Iterable[str]
) -> list[str]:
    """The URL names that have no role table and are not allowed to go without one."""
    covered = {url_name for url_name, _method in tables}
    return sorted(set(names) - covered - set(allowed))


# --- Pages -----------------------------------------------------------------------------------


def assert_valid_html(response) -> None:
    """Fail when the page is not well-formed HTML5."""
    parser = html5lib.HTMLParser(strict=True)
    parser.parse(response.content.decode())


def assert_run_as_one_group(request, group: str) -> None:
    """Under `--dist loadgroup` (as `make test` and .ci/run run the suite), this test is in
    `group`: every test of the group runs in one process, which sets up the module's
    expensive fixtures once. pytest-xdist marks a grouped test by its node id; on pytest
    9.2 that mark silently stops working (pytest-xdist issue #1386), hence this check."""
    import pytest

    if not getattr(request.config.option, "loadgroup", False):  # set in xdist's workers
        pytest.skip("not run by pytest-xdist with --dist loadgroup")
    assert request.node.nodeid.endswith(f"@{group}"), (
        f"{request.node.nodeid} is not in the group {group!r}: pytest-xdist has not grouped "
        "the module's tests (see pyproject.toml on the pytest version)"
    )
