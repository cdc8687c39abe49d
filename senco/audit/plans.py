"""What a query of the audit table must not do, read from SQLite's EXPLAIN QUERY PLAN: the
rule that `tests/test_who_looked_plans.py` holds "who has looked" to, and that `manage.py
bench_audit` reports on with ten million rows."""

from senco.audit.models import AuditEvent

TABLE = AuditEvent._meta.db_table


def bad_sqlite_plan_lines(lines: list[str]) -> list[str]:
    """The lines of a plan that read the audit table row by row (a SCAN of it, or an index
    that does not hold what the query needs, so that each entry reads its row) or that sort
    rows. A DISTINCT of values in the index (the lists of people and actions) is not a sort
    of rows: its temporary B-tree holds tens of values."""
    return [
        line
        for line in lines
        if (line.startswith("SCAN") and TABLE in line)
        or " USING INDEX " in line
        or ("TEMP B-TREE" in line and "DISTINCT" not in line)
    ]
