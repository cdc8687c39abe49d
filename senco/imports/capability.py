"""What the MIS import adds to the shared pages (see senco/registry.py)."""

from senco.imports.audit import ImportsAction
from senco.registry import Capability, NavItem, register

register(
    Capability(
        app="imports",
        nav=(NavItem("Import", "import_upload", ability="manages_register", order=50),),
        audit_actions=ImportsAction,
    )
)
