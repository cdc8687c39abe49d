"""What attendance, suspensions and attainment add to the shared pages (see senco/registry.py)."""

import datetime

from senco.access import TRUST_LEAD
from senco.accounts.models import Role
from senco.outcomes import demo, evidence
from senco.outcomes.audit import OutcomesAction
from senco.outcomes.import_services import outcomes_expire_schedule
from senco.outcomes.pupil_panel import pupil_panel
from senco.outcomes.summary_line import summary_line
from senco.registry import (
    HOME_ONLY,
    Capability,
    DemoBuilder,
    Evidence,
    NavItem,
    PupilPanel,
    Schedule,
    SummaryFigures,
    register,
)

register(
    Capability(
        app="outcomes",
        nav=(
            # Under "Go to" on the home page (no role's menu has room), and linked from the
            # school's summary page.
            NavItem(
                "Attendance, suspensions and results",
                "outcomes_home",
                ability="reads_outcomes",
                order=48,
                group=HOME_ONLY,
                home_label="Attendance, suspensions and results",
            ),
        ),
        audit_actions=OutcomesAction,
        # Three years of attendance, suspensions and results in every demo school, after
        # every other builder (demo.py).
        demo=(DemoBuilder("outcomes", demo.build, order=50),),
        abilities={
            # Who brings attendance, suspensions and data drops in from the MIS.
            "imports_outcomes": {Role.SENCO},
            # Who reads a school's comparisons. Those who may not see pupils' names
            # (governors, the trust's SEND lead) see counts and rates with small numbers
            # hidden (`suppress_small_numbers`), and no link to pupils.
            "reads_outcomes": {Role.SENCO, Role.LEADER, Role.GOVERNOR, TRUST_LEAD},
            # Who sees the pupils behind a figure, and who makes a gap, by name.
            "sees_outcome_pupils": {Role.SENCO, Role.LEADER},
            # Who sees a pupil's own attendance, suspensions and latest results on the pupil
            # page (only the pupils they see there): pupil_panel.py.
            "sees_pupil_outcomes": {Role.SENCO, Role.LEADER, Role.TEACHER, Role.TA},
        },
        # A pupil's attendance, suspensions and latest results, beside the plan.
        pupil_panels=(PupilPanel("outcomes/panel/_pupil_panel.html", pupil_panel, order=22),),
        # The governor's summary line: overall absence by SEN group against England's, on the
        # school's summary page (summary_line.py).
        summary_figures=(
            SummaryFigures("outcomes/panel/_summary_line.html", summary_line, order=40),
        ),
        # The same figures, suspensions and the results' headline, as evidence (evidence.py).
        evidence=(
            Evidence("attendance", evidence.attendance_figures, order=50),
            Evidence("suspensions", evidence.suspension_figures, order=50),
            Evidence("attainment", evidence.attainment_figures, order=50),
        ),
        # Files checked but never imported are cleared after 7 days (import_services.py).
        schedules=(
            Schedule(
                "outcomes.expire_imports",
                "Clear files of attendance, suspensions or results checked but never "
                "imported, after 7 days",
                outcomes_expire_schedule,
                after=datetime.time(2, 10),
            ),
        ),
    )
)
