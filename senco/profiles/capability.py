"""What passports and profiles add to the shared pages (see senco/registry.py)."""

from senco.access import scope_args
from senco.accounts.models import Role
from senco.lib.prepared import Prepared
from senco.profiles.audit import ProfilesAction
from senco.profiles.demo import build as build_demo
from senco.profiles.evidence import passport_figures
from senco.profiles.parent_panel import passport_panel
from senco.profiles.selectors import out_of_date_cutoff, out_of_date_of, photo_of
from senco.pupils.selectors import NAME_FIELDS
from senco.registry import (
    Capability,
    DemoBuilder,
    Evidence,
    NavItem,
    PageLink,
    ParentPanel,
    PupilPanel,
    TodoSection,
    register,
)


def _edits_passports(scope) -> bool:
    """The SENCO, or a teacher the SENCO allows, writes passports and profiles of the
    pupils they can see."""
    if scope.role == Role.SENCO:
        return True
    return scope.role == Role.TEACHER and scope.can_edit_passports


def _photo_panel(request, pupil, scope):
    photo = photo_of(pupil=pupil)
    return {"photo": photo} if photo is not None else None


def _links_panel(request, pupil, scope):
    return {}


# Unordered, and put in order in Python: asked for in order, SQLite walks every pupil of
# the school in the (school, surname, forename) index to skip a sort, where without an
# order it finds those on the register through the (school, SEN provision) index, a
# fifth of them (issue 13).
_out_of_date = Prepared(
    lambda **args: (
        out_of_date_of(**args).order_by().only(*NAME_FIELDS, "surname_key", "forename_key")
    )
)


def _passports_out_of_date(scope, today):
    """The pupils whose passport is missing or out of date, in the pupils' order (their
    names' sort keys; the same names by id, as the index has them)."""
    if not scope.tracks_passports:
        return None
    before = out_of_date_cutoff(scope, today)
    pupils = _out_of_date.instances(**scope_args(scope), before=before)
    pupils.sort(key=lambda p: (p.surname_key, p.forename_key, p.pk))
    return {"passports": pupils}


register(
    Capability(
        app="profiles",
        nav=(NavItem("My pupils", "my_pupils", ability="sees_pupils", order=20),),
        page_links=(
            PageLink(
                "teaching_group",
                "Print the class sheet for a cover teacher (PDF)",
                "class_sheet_pdf",
                ability="prints_class_sheets",
            ),
            PageLink(
                "register_year",
                "Print the class sheets of this year group",
                "class_sheets_year",
                ability="prints_year_sheets",
            ),
        ),
        pupil_panels=(
            PupilPanel("profiles/_pupil_photo.html", _photo_panel, order=0, slot="header"),
            PupilPanel("profiles/_pupil_panel.html", _links_panel, order=10),
        ),
        todo=(TodoSection("profiles/todo/out_of_date.html", _passports_out_of_date, order=50),),
        # The passport and one-page profile on a parent's page (parent_panel.py).
        parent_panels=(ParentPanel("profiles/parent/_passport.html", passport_panel, order=10),),
        # Passports before plans: they draw from each school's random generator in turn.
        demo=(DemoBuilder("profiles", build_demo, order=10),),
        abilities={
            "edits_passports": _edits_passports,
            # Who sees the list of passports missing or out of date.
            "tracks_passports": {Role.SENCO},
            "prints_class_sheets": {Role.SENCO, Role.LEADER, Role.TEACHER},
            "prints_year_sheets": {Role.SENCO, Role.LEADER},
        },
        audit_actions=ProfilesAction,
        # Passports reviewed this term or last, as evidence (evidence.py).
        evidence=(Evidence("passports", passport_figures, order=30),),
    )
)
