"""What the SENCO's year adds to the shared pages (see senco/registry.py)."""

from senco.accounts.models import Role
from senco.registry import (
    HOME_ONLY,
    STRATEGY,
    Capability,
    DemoBuilder,
    Evidence,
    NavItem,
    TodoSection,
    register,
)
from senco.year.audit import YearAction
from senco.year.census_demo import build_census_demo
from senco.year.census_hooks import CENSUS_KIND, census_events, census_evidence, census_todo
from senco.year.demo import build_tasks_demo
from senco.year.tasks_hooks import task_events, todo_section
from senco.year.tasks_selectors import TASKS_KIND

register(
    Capability(
        app="year",
        nav=(
            # The SENCO's menu is full: under "Go to" on the home page for everyone who
            # may be given a task (and linked from the calendar page).
            NavItem(
                "The SENCO's year",
                "year_tasks",
                ability="has_year_tasks",
                order=36,
                group=HOME_ONLY,
                home_label="The SENCO's year",
            ),
            # The census readiness check: under "Go to" for those who run it.
            NavItem(
                "Census check",
                "year_census",
                ability="checks_census",
                order=37,
                group=HOME_ONLY,
                home_label="Census check",
                home_section=STRATEGY,
            ),
        ),
        # The tasks in the calendar and its feed (the SENCO every task, others their own).
        # ... and the census days, with "check the register" two weeks before each.
        events=(task_events, census_events),
        event_kinds=(TASKS_KIND, CENSUS_KIND),
        todo=(
            TodoSection("year/tasks/todo.html", todo_section, order=27),
            TodoSection("year/census/todo.html", census_todo, order=28),
        ),
        demo=(
            DemoBuilder("year.tasks", build_tasks_demo, order=60),
            DemoBuilder("year.census", build_census_demo, order=62),
        ),
        # The census checks run before each census day and what the register shows today.
        evidence=(Evidence("census", census_evidence, order=20),),
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
