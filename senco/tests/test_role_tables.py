"""Every named URL has a role table: each role's answer is asserted somewhere.

The test modules record their tables with `senco.testing.role_table`; these tests import
every test module and compare the tables with the URL patterns. A new URL fails here until
a test asserts each role's answer on it, or it is added below with a reason.
"""

import pytest

from senco import testing
from senco.testing import (
    ROLES,
    SENCO_ONLY_SCHOOL_PAGE,
    answers,
    check_table,
    load_role_tables,
    modules_with_tests,
    names_without_role_table,
    role_table,
    url_names,
)

# URL names that cannot have a role table, and why. Keep this short.
NO_ROLE_TABLE = {
    "login": "public: the sign-in page is the same for everyone, signed in or not",
    "logout": "signed in: every user signs themselves out; it shows no school or pupil",
    "healthz": "public: the load balancer's health check, the same answer for everyone",
}


@pytest.fixture(scope="module")
def tables():
    return load_role_tables()


def test_every_url_name_has_a_role_table(tables):
    assert names_without_role_table(url_names(), tables, NO_ROLE_TABLE) == []


def test_every_role_table_is_for_a_url_that_exists(tables):
    assert {name for name, _method in tables} - url_names() == set()


def test_the_allow_list_names_urls_that_exist_and_have_no_table(tables):
    assert set(NO_ROLE_TABLE) <= url_names()
    assert set(NO_ROLE_TABLE) & {name for name, _method in tables} == set()
    assert all(reason.strip() for reason in NO_ROLE_TABLE.values())


def test_every_table_names_every_role_of_the_cast(tables, cast):
    assert set(cast) == set(ROLES)
    for table in tables.values():
        check_table(table)


def test_the_tables_come_from_the_apps_test_modules(tables):
    modules = modules_with_tests()
    assert "senco.tests.test_role_matrix" in modules
    assert "senco.imports.tests.test_views" in modules
    assert ("import_upload", "POST") in tables  # from a module inside an include()
    assert ("plans_view_answer", "GET") in tables


def test_the_check_fails_for_a_url_without_a_table():
    names = {"register", "pupil_detail", "login"}
    assert names_without_role_table(names, {}, {"login": "public"}) == ["pupil_detail", "register"]
    assert names_without_role_table(names, {("register", "POST"): {}}, {}) == [
        "login",
        "pupil_detail",
    ]


def test_the_url_walk_looks_inside_includes():
    names = url_names()
    assert {"home", "register", "import_upload", "passport_detail", "plans_cycles"} <= names


def test_a_table_without_every_role_is_refused(monkeypatch):
    monkeypatch.setattr(testing, "ROLE_TABLES", {})
    with pytest.raises(ValueError, match="missing"):
        role_table("register", {"senco": 200})
    with pytest.raises(ValueError, match="Not roles of the cast"):
        answers(404, headteacher=200)
    with pytest.raises(ValueError, match="Unexpected answers"):
        check_table(answers(200, parent=500))


def test_two_different_tables_for_one_url_are_refused(monkeypatch):
    monkeypatch.setattr(testing, "ROLE_TABLES", {})
    role_table("staff_list", SENCO_ONLY_SCHOOL_PAGE)
    role_table("staff_list", dict(SENCO_ONLY_SCHOOL_PAGE))  # the same answers again is fine
    role_table("staff_list", answers(200), method="POST")  # another method is another table
    with pytest.raises(ValueError, match="Two different role tables"):
        role_table("staff_list", answers(200))
    assert {
        ("staff_list", "GET"): SENCO_ONLY_SCHOOL_PAGE,
        ("staff_list", "POST"): answers(200),
    } == testing.ROLE_TABLES
