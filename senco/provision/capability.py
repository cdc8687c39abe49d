"""What interventions and the provision map add to the shared pages (see senco/registry.py)."""

from senco.accounts.models import Role
from senco.provision import demo, evidence, for_teachers, links
from senco.provision.audit import ProvisionAction
from senco.provision.group_selectors import pupil_panel as groups_panel
from senco.provision.impact_counts import summary_figures as impact_figures
from senco.provision.parent_panel import interventions_panel
from senco.registry import (
    HOME_ONLY,
    Capability,
    DemoBuilder,
    Evidence,
    NavItem,
    ParentPanel,
    PupilPanel,
    SummaryFigures,
    TodoSection,
    register,
)

register(
    Capability(
        app="provision",
        abilities={
            # Who keeps the intervention offer, runs groups and reads every map and impact.
            "manages_interventions": {Role.SENCO},
            "provision_in_menu": {Role.SENCO},
            # Who reads the whole school's provision map, its impact and costs.
            "reads_provision": {Role.SENCO, Role.LEADER},
            # Who delivers groups and records their sessions (only the groups they deliver).
            "delivers_interventions": {Role.SENCO, Role.TEACHER, Role.TA},
            # Who reads a class's provision map (a teacher: only the classes they teach) and
            # a pupil's (a teacher: only pupils they teach); map_views.py.
            "reads_class_provision": {Role.SENCO, Role.LEADER, Role.TEACHER},
            "reads_pupil_provision": {Role.SENCO, Role.LEADER, Role.TEACHER},
            # Who sees which pupils are out of lessons for interventions, when (each only
            # the pupils they see): session_views.withdrawals and for_teachers.py.
            "sees_withdrawals": {Role.SENCO, Role.LEADER, Role.TEACHER, Role.TA},
            # Whose menu has room for My groups (the SENCO's is full: under "Go to").
            "my_groups_in_menu": {Role.TEACHER, Role.TA},
        },
        audit_actions=ProvisionAction,
        # The demo trust's offer, groups, sessions and scores (demo.py).
        demo=(DemoBuilder("provision", demo.build, order=40),),
        nav=(
            # The groups a person delivers, to record today's sessions (session_views.py).
            NavItem("My groups", "provision_my_groups", ability="my_groups_in_menu", order=25),
            NavItem(
                "My groups",
                "provision_my_groups",
                ability="delivers_interventions",
                order=25,
                group=HOME_ONLY,
                home_label="My intervention groups",
            ),
            NavItem(
                "Withdrawn from lessons",
                "provision_withdrawals",
                ability="sees_withdrawals",
                order=26,
                group=HOME_ONLY,
                home_label="Withdrawn from lessons",
            ),
            # The intervention offer and its groups (offer_views.py, group_views.py): under
            # "Go to" for the SENCO and leaders, whose menus are full.
            # The SENCO's menu: the provision map, the section's front page (its links lead
            # to the offer, groups, impact and funding). Leaders reach it from Go to.
            NavItem("Provision", "provision_map", ability="provision_in_menu", order=38),
            NavItem(
                "Provision",
                "provision_map",
                ability="reads_provision",
                order=27,
                group=HOME_ONLY,
                home_label="Provision map and interventions",
            ),
        ),
        # A pupil's current and past intervention groups (group_selectors.pupil_panel).
        pupil_panels=(PupilPanel("provision/groups/_pupil_panel.html", groups_panel, order=30),),
        # The interventions a child attends now, on a parent's page (parent_panel.py).
        parent_panels=(
            ParentPanel("provision/parent/_interventions.html", interventions_panel, order=30),
        ),
        # Each pupil's intervention groups on My pupils and class sheets (for_teachers.py).
        for_teachers=(for_teachers.withdrawn,),
        # Section F items and cycles show the groups delivering them (links.py).
        delivery=(links.delivery,),
        todo=(TodoSection("provision/links/_todo.html", links.todo, order=27),),
        # Governors' totals on the school's summary page (impact_counts.py).
        summary_figures=(
            SummaryFigures("provision/impact/_summary_figures.html", impact_figures, order=30),
        ),
        # The same totals, and parents not told of a place in a group, as evidence.
        evidence=(
            Evidence("provision", evidence.provision_figures, order=40),
            Evidence("parents_told", evidence.parents_told_figures, order=40),
        ),
    )
)
