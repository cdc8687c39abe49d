"""What reports add to the shared pages (see senco/registry.py)."""

from senco.access import TRUST_LEAD
from senco.accounts.models import Role
from senco.registry import (
    HOME_ONLY,
    STRATEGY,
    Capability,
    DemoBuilder,
    NavItem,
    SummaryFigures,
    register,
)
from senco.reports.audit import ReportsAction
from senco.reports.demo import build as build_demo


def _summary_link(school, today, suppress) -> dict:
    """A link to the reports from the school's summary page, where the trust's SEND lead
    (who has no "Go to" for the school) finds them: no figures, no query."""
    return {}


register(
    Capability(
        app="reports",
        nav=(
            # Every menu that could hold it is full: under "Go to" on the home page, where
            # a governor finds the reports issued to them.
            NavItem(
                "Reports",
                "reports_list",
                ability="reads_reports",
                order=80,
                group=HOME_ONLY,
                home_label="Reports",
                home_section=STRATEGY,
            ),
        ),
        summary_figures=(SummaryFigures("reports/_summary_link.html", _summary_link, order=90),),
        demo=(DemoBuilder("reports", build_demo, order=70),),
        abilities={
            # Who drafts, edits and issues the reports.
            "writes_reports": {Role.SENCO},
            # Who reads them: leaders drafts and issued; governors and the trust's SEND
            # lead issued reports only, with small numbers hidden.
            "reads_reports": {Role.SENCO, Role.LEADER, Role.GOVERNOR, TRUST_LEAD},
            # Who reads a report before it is issued: to the others a draft is a 404.
            "reads_draft_reports": {Role.SENCO, Role.LEADER},
        },
        audit_actions=ReportsAction,
    )
)
