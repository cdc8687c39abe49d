"""What strategy (development plan, self-evaluation, line management) adds (see
senco/registry.py)."""

from senco.access import TRUST_LEAD
from senco.accounts.models import Role
from senco.registry import Capability, register
from senco.strategy.audit import StrategyAction

register(
    Capability(
        app="strategy",
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
