"""What attendance, suspensions and attainment add to the shared pages (see senco/registry.py)."""

from senco.access import TRUST_LEAD
from senco.accounts.models import Role
from senco.registry import Capability, register

register(
    Capability(
        app="outcomes",
        abilities={
            # Who brings attendance, suspensions and data drops in from the MIS.
            "imports_outcomes": {Role.SENCO},
            # Who reads a school's comparisons. Those who may not see pupils' names
            # (governors, the trust's SEND lead) see counts and rates with small numbers
            # hidden (`suppress_small_numbers`), and no link to pupils.
            "reads_outcomes": {Role.SENCO, Role.LEADER, Role.GOVERNOR, TRUST_LEAD},
            # Who sees the pupils behind a figure, and who makes a gap, by name.
            "sees_outcome_pupils": {Role.SENCO, Role.LEADER},
        },
    )
)
