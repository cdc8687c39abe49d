"""What the MIS import adds to the shared pages (see senco/registry.py)."""

from senco.imports.audit import ImportsAction
from senco.registry import SETTINGS, Capability, NavItem, register

register(
    Capability(
        app="imports",
        nav=(
            NavItem(
                "Import",
                "import_upload",
                ability="manages_register",
                order=50,
                group=SETTINGS,
                description="Bring pupils and their SEN status in from the school's MIS "
                "(SIMS, Arbor or Bromcom): check the file, then import it.",
            ),
        ),
        audit_actions=ImportsAction,
    )
)
