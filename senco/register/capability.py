"""What the register adds to the shared pages: its menu entries and the pupil's history."""

from senco.access import TRUST_LEAD
from senco.accounts.models import Role
from senco.registry import HOME_ONLY, Capability, Evidence, NavItem, PupilPanel, register


def _history_panel(request, pupil, scope):
    # Imported here: the selectors import access, which this module's register() precedes.
    from senco.register.selectors import pupil_history

    return {"changes": pupil_history(pupil)}


def _evidence(name: str):
    """One of evidence.py's figures, imported when first asked for (as the panel above)."""

    def figures(school, today, suppress):
        from senco.register import evidence

        return getattr(evidence, name)(school, today, suppress)

    return figures


register(
    Capability(
        app="register",
        nav=(
            NavItem("Register", "register", ability="sees_pupils", order=10, home_label="Register"),
            # The SENCO's menu has Provision instead; their summary is under Go to.
            NavItem("Summary", "register_summary", ability="summary_in_menu", order=40),
            NavItem(
                "Summary",
                "register_summary",
                ability="sees_summary",
                order=40,
                group=HOME_ONLY,
                home_label="Summary",
            ),
        ),
        pupil_panels=(PupilPanel("register/_pupil_history.html", _history_panel, order=90),),
        # The summary's figures as evidence for self-evaluation, meetings and reports.
        evidence=(
            Evidence("register", _evidence("register_figures"), order=10),
            Evidence("needs", _evidence("needs_figures"), order=10),
            Evidence("parents_told", _evidence("parents_told_figures"), order=10),
        ),
        abilities={
            # Who sees the figures of every school of the trust and the trust's, so that
            # what they know of any school counts in what their pages hide
            # (senco/register/disclosure.py, `schools_known_to`): the trust's SEND lead.
            "sees_across_trust": {TRUST_LEAD},
            # Summary in the menu of all who see it but the SENCO (theirs has Provision).
            "summary_in_menu": {Role.LEADER, Role.GOVERNOR, TRUST_LEAD},
        },
    )
)
