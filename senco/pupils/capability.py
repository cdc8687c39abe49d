"""What the pupils app adds to the shared pages: menu entries and the pupil page's
teaching assistants and contacts."""

from senco.accounts.models import Role
from senco.accounts.parent_invitations import pupil_contacts_with_access
from senco.pupils.forms import SupportAssignmentForm
from senco.pupils.selectors import supporters_of
from senco.registry import HOME_ONLY, SETTINGS, Capability, NavItem, PupilPanel, register


def _support_panel(request, pupil, scope):
    supporters = supporters_of(pupil)
    form = None
    if scope.manages_register:
        form = SupportAssignmentForm(school=pupil.school, exclude=[a.staff_id for a in supporters])
        if not form.read_choices():
            form = None  # every teaching assistant supports this pupil already, or none
    return {"supporters": supporters, "form": form}


def _contacts_panel(request, pupil, scope):
    # Each contact with whether they use senco as a parent (one query for them all).
    contacts = pupil_contacts_with_access(pupil)
    for contact in contacts:
        contact.pupil = pupil  # the page's own, with its school: no join
    return {"contacts": contacts, "edits": scope.may("edits_contacts")}


register(
    Capability(
        app="pupils",
        nav=(
            # The SENCO's menu has EHC plans instead; their contacts are under "Go to".
            NavItem("Contacts", "contact_list", ability="contacts_in_menu", order=30),
            NavItem(
                "Contacts",
                "contact_list",
                ability="sees_contacts",
                order=30,
                group=HOME_ONLY,
                home_label="Pupils' contacts",
            ),
            NavItem(
                "Teaching groups",
                "group_list",
                ability="manages_register",
                order=70,
                group=SETTINGS,
                description="Who teaches which class and which pupils are in it: "
                "teachers see only the pupils they teach.",
            ),
        ),
        pupil_panels=(
            PupilPanel("pupils/_pupil_support.html", _support_panel, order=30),
            PupilPanel("pupils/_pupil_contacts.html", _contacts_panel, order=40),
        ),
        abilities={
            "contacts_in_menu": {Role.LEADER, Role.OFFICE},
            # Who adds, changes and removes contacts; leaders read them.
            "edits_contacts": {Role.SENCO, Role.OFFICE},
        },
    )
)
