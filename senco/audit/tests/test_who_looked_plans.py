""" "Who has looked at this record" goes straight to the pupil's entries in the audit index
for every filter and every page: no query reads the whole audit table, or reads rows to
filter them, or sorts the rows (SQLite's plan, which is what a school without PostgreSQL
runs). With ten million rows a plan that reads the table takes seconds; `manage.py
bench_audit` times the page there."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from senco.audit.models import AuditEvent
from senco.audit.plans import TABLE, bad_sqlite_plan_lines
from senco.lib.forms import date_data

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="reads SQLite's EXPLAIN QUERY PLAN"
)


def plan_problems(sql: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
        return bad_sqlite_plan_lines([row[-1] for row in cursor.fetchall()])


@pytest.fixture
def long_log(pupil, senco, teacher, ta):
    when = datetime.datetime(2026, 1, 5, 9, tzinfo=datetime.UTC)
    events = [
        AuditEvent(
            user=[senco, teacher, ta, None][n % 4],
            school=pupil.school,
            pupil=pupil,
            action=["pupil.view", "register.view", "register.change"][n % 3],
        )
        for n in range(120)
    ]
    AuditEvent.objects.bulk_create(events)
    for n, event in enumerate(AuditEvent.objects.filter(pupil=pupil).order_by("pk")):
        AuditEvent.objects.filter(pk=event.pk).update(at=when + datetime.timedelta(days=n))
    return pupil


def filters(teacher) -> dict[str, dict]:
    dates = {
        **date_data("date_from", datetime.date(2026, 2, 1)),
        **date_data("date_to", datetime.date(2026, 3, 1)),
    }
    return {
        "no filter": {},
        "a later page": {"page": 2},
        "the last page": {"page": 3},
        "person": {"person": teacher.pk},
        "nobody signed in": {"person": "none"},
        "action": {"action": "Changed provision or needs"},
        "dates": dates,
        "person and action": {"person": teacher.pk, "action": "Viewed the pupil's page"},
        "person and dates": {"person": teacher.pk, **dates},
        "action and dates": {"action": "Viewed the register", **dates},
        "everything": {"person": teacher.pk, "action": "Viewed the register", **dates},
    }


def test_every_filter_reads_the_pupils_rows_through_an_index(client_for, senco, teacher, long_log):
    client = client_for(senco)
    url = reverse("pupil_audit", args=[long_log.pk])
    problems = {}
    for name, query in filters(teacher).items():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, query)
        assert response.status_code == 200, name
        assert not response.context["form"].errors, name
        audit_queries = [q["sql"] for q in captured.captured_queries if TABLE in q["sql"]]
        # The look itself, the people and actions in the filters, the count and the rows.
        assert len(audit_queries) == 4, name
        found = [line for sql in audit_queries for line in plan_problems(sql)]
        if found:
            problems[name] = found
    assert problems == {}


def test_the_lists_of_people_and_actions_read_the_index_once(senco, long_log):
    from senco.audit.selectors import pupil_audit_choices

    with CaptureQueriesContext(connection) as captured:
        people, actions = pupil_audit_choices(pupil=long_log)
    # Whether any list page's rows wait to be moved into the log (none), then the one read.
    assert len(captured.captured_queries) == 2
    assert "audit_pendingauditevent" in captured.captured_queries[0]["sql"]
    assert [value for value, _ in people][-1] == "none"
    assert len(people) == 4
    assert actions == [
        "Changed provision or needs",
        "Viewed the pupil's page",
        "Viewed the register",
    ]
    for query in captured.captured_queries:
        assert plan_problems(query["sql"]) == []
