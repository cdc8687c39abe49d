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
            NavItem(
                "Sign-in security",
                "school_sign_in",
                ability="manages_register",
                order=61,
                group=SETTINGS,
                description="Whether the SENCO and senior leaders must sign in with a code "
                "from an authenticator app as well as their password.",
            ),
        ),
    )
)
