"""What staff accounts add to the shared pages: the SENCO's Staff menu entry."""

from senco.registry import Capability, NavItem, register

register(
    Capability(
        app="accounts",
        nav=(NavItem("Staff", "staff_list", ability="manages_register", order=60),),
    )
)
