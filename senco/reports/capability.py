"""What reports add to the shared pages (see senco/registry.py)."""

from senco.access import TRUST_LEAD
from senco.accounts.models import Role
from senco.registry import Capability, register
from senco.reports.audit import ReportsAction

register(
    Capability(
        app="reports",
        abilities={
            # Who drafts, edits and issues the reports.
            "writes_reports": {Role.SENCO},
            # Who reads them: leaders drafts and issued; governors and the trust's SEND
            # lead issued reports only, with small numbers hidden.
            "reads_reports": {Role.SENCO, Role.LEADER, Role.GOVERNOR, TRUST_LEAD},
        },
        audit_actions=ReportsAction,
    )
)
