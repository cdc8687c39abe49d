"""What the MIS import adds to the shared pages (see senco/registry.py)."""

import datetime

from senco.imports.audit import ImportsAction
from senco.imports.services import import_batches_expire
from senco.lib.text import plural
from senco.registry import SETTINGS, Capability, NavItem, Schedule, register


def _expire_imports() -> str:
    count = import_batches_expire(older_than_days=7)
    return f"Cleared {plural(count, 'upload')} checked but never imported, over 7 days old."


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
        schedules=(
            Schedule(
                "imports.expire_imports",
                "Clear uploads that were checked but never imported, after 7 days",
                _expire_imports,
                after=datetime.time(2, 0),
            ),
        ),
    )
)
