"""What interventions and the provision map add to the shared pages (see senco/registry.py)."""

from senco.accounts.models import Role
from senco.provision.audit import ProvisionAction
from senco.registry import Capability, register

register(
    Capability(
        app="provision",
        abilities={
            # Who keeps the intervention offer, runs groups and reads every map and impact.
            "manages_interventions": {Role.SENCO},
            # Who reads the whole school's provision map, its impact and costs.
            "reads_provision": {Role.SENCO, Role.LEADER},
            # Who delivers groups and records their sessions (only the groups they deliver).
            "delivers_interventions": {Role.SENCO, Role.TEACHER, Role.TA},
        },
        audit_actions=ProvisionAction,
    )
)
