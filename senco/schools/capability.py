"""What schools add to the shared pages: the SENCO's Term dates menu entry."""

from senco.registry import SETTINGS, Capability, NavItem, register

register(
    Capability(
        app="schools",
        nav=(
            NavItem(
                "Term dates",
                "term_dates",
                ability="manages_register",
                order=80,
                group=SETTINGS,
                description="The school's term dates. "
                "Review dates and out-of-date passports follow them.",
            ),
        ),
    )
)
