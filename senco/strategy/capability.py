"""What strategy (development plan, self-evaluation, line management) adds (see
senco/registry.py)."""

from senco.access import TRUST_LEAD
from senco.accounts.models import Role
from senco.registry import (
    HOME_ONLY,
    STRATEGY,
    Capability,
    DemoBuilder,
    Evidence,
    NavItem,
    register,
)
from senco.strategy import plan_services  # noqa: F401  (its evidence files go with their rows)
from senco.strategy.audit import StrategyAction
from senco.strategy.meeting_demo import build as build_meeting_demo
from senco.strategy.meeting_hooks import MEETING_ACTIONS, meeting_action_events
from senco.strategy.plan_demo import build as build_plan_demo
from senco.strategy.plan_selectors import EVENT_KIND, plan_events, plan_figures
from senco.strategy.selfeval_demo import build as build_selfeval_demo

register(
    Capability(
        app="strategy",
        # The SEND development plan (plan_*.py): under "Go to" for everyone who reads it.
        nav=(
            NavItem(
                "SEND development plan",
                "strategy_plan",
                ability="reads_development_plan",
                order=60,
                group=HOME_ONLY,
                home_label="SEND development plan",
                home_section=STRATEGY,
            ),
            # The self-evaluation (selfeval_*.py): the SENCO and their line manager.
            NavItem(
                "Self-evaluation",
                "strategy_selfeval",
                ability="self_evaluates",
                order=66,
                group=HOME_ONLY,
                home_label="Self-evaluation",
                home_section=STRATEGY,
            ),
            # Line management meetings (meeting_*.py): a governor sees the link governor's.
            NavItem(
                "Line management meetings",
                "strategy_meetings",
                ability="records_governor_meetings",
                order=68,
                group=HOME_ONLY,
                home_label="Line management meetings",
                home_section=STRATEGY,
            ),
        ),
        events=(plan_events, meeting_action_events),
        event_kinds=(EVENT_KIND, MEETING_ACTIONS),
        evidence=(Evidence("development_plan", plan_figures, order=60),),
        demo=(
            DemoBuilder("strategy.plan", build_plan_demo, order=64),
            DemoBuilder("strategy.selfeval", build_selfeval_demo, order=66),
            DemoBuilder("strategy.meetings", build_meeting_demo, order=68),
        ),
        abilities={
            # The SEND development plan: the SENCO writes it; leaders, governors and the
            # trust's SEND lead read it (it names staff, never a pupil).
            "edits_development_plan": {Role.SENCO},
            "reads_development_plan": {Role.SENCO, Role.LEADER, Role.GOVERNOR, TRUST_LEAD},
            # The compliance self-evaluation: the SENCO and the line manager (a leader).
            "self_evaluates": {Role.SENCO, Role.LEADER},
            # Line management meetings: the SENCO and leaders record and read them; a
            # governor reads and records the link governor's meetings only.
            "records_meetings": {Role.SENCO, Role.LEADER},
            "records_governor_meetings": {Role.SENCO, Role.LEADER, Role.GOVERNOR},
        },
        audit_actions=StrategyAction,
    )
)
