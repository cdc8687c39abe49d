"""What the SENCO's year adds to the shared pages (see senco/registry.py)."""

from senco.accounts.models import Role
from senco.registry import Capability, register
from senco.year.audit import YearAction

register(
    Capability(
        app="year",
        abilities={
            # Who sets up and edits the year's tasks and gives them to colleagues.
            "runs_year": {Role.SENCO},
            # Who may be given a task, sees their own and ticks them off.
            "has_year_tasks": {Role.SENCO, Role.LEADER, Role.TEACHER, Role.TA, Role.OFFICE},
            # Who runs the census readiness check (and sees the pupils it lists).
            "checks_census": {Role.SENCO, Role.LEADER},
        },
        audit_actions=YearAction,
    )
)
