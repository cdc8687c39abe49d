"""What attendance, suspensions and attainment add to the shared pages (see senco/registry.py)."""

from senco.accounts.models import Role
from senco.registry import Capability, register

register(
    Capability(
        app="outcomes",
        abilities={
            # Who brings attendance, suspensions and data drops in from the MIS.
            "imports_outcomes": {Role.SENCO},
            # Who reads the comparisons with pupils' names behind each figure.
            "reads_outcomes": {Role.SENCO, Role.LEADER},
        },
    )
)
