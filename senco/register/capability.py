"""What the register adds to the shared pages: its menu entries and the pupil's history."""

from senco.registry import Capability, NavItem, PupilPanel, register


def _history_panel(request, pupil, scope):
    return {"changes": pupil.register_changes.select_related("changed_by")}


register(
    Capability(
        app="register",
        nav=(
            NavItem("Register", "register", ability="sees_pupils", order=10, home_label="Register"),
            NavItem(
                "Summary",
                "register_summary",
                ability="sees_summary",
                order=40,
                home_label="Summary",
            ),
        ),
        pupil_panels=(PupilPanel("register/_pupil_history.html", _history_panel, order=90),),
    )
)
