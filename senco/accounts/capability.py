"""What staff accounts add to the shared pages: the SENCO's Staff menu entry."""

from senco.registry import SETTINGS, Capability, NavItem, register

register(
    Capability(
        app="accounts",
        nav=(
            NavItem(
                "Staff",
                "staff_list",
                ability="manages_register",
                order=60,
                group=SETTINGS,
                description="Who can sign in, and each person's role: "
                "what they see and what they can change.",
            ),
        ),
    )
)
