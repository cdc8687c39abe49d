"""What the EHC plan records add to the shared pages (see senco/registry.py)."""

from django.utils import timezone
from django.utils.safestring import SafeString

from senco.accounts.models import Role
from senco.ehcp import events, evidence, for_teachers, register_e, selectors
from senco.ehcp.audit import EhcpAction
from senco.ehcp.compliance_counts import summary_figures
from senco.ehcp.demo import build as build_demo
from senco.ehcp.demo_requests import build as build_demo_requests
from senco.ehcp.demo_reviews import build as build_demo_reviews
from senco.ehcp.parent_panel import ehc_plan_panel
from senco.ehcp.request_panel import requests_panel
from senco.lib.codes import Provision
from senco.lib.html import html_row, url_pattern
from senco.lib.text import long_date
from senco.registry import (
    HOME_ONLY,
    SETTINGS,
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


def _pupil_panel(request, pupil, scope):
    """For a pupil with an EHC plan: the LA, the next review and section F in place. One
    query."""
    if pupil.sen_provision != Provision.EHC_PLAN or not scope.reads_ehc_plans:
        return None
    plan = selectors.plan_summary(pupil)
    if plan is None:
        return {"plan": None}
    deadline = selectors.next_review(plan)
    return {
        "plan": plan,
        "deadline": deadline,
        "urgency": selectors.review_urgency(deadline, timezone.localdate()),
    }


# The first of each list "What needs doing" shows, with a link to the rest.
TODO_SHOWN = 5
_GAP_ITEM = '<li><a class="govuk-link" href="{}">{}</a>: {} item{} not in place</li>'
_REVIEW_ITEM = '<li><a class="govuk-link" href="{}">{}</a>: due {} {}\n</li>'
# As ehcp/_review_tag.html draws a review's urgency.
_REVIEW_TAGS = {
    "overdue": '<strong class="govuk-tag govuk-tag--red">Overdue</strong>',
    "soon": '<strong class="govuk-tag govuk-tag--orange">Due soon</strong>',
}


def _todo(scope, today):
    """Plans with section F not in place and annual reviews due, the first five of each
    as `<li>`s built in Python (senco/lib/html.py), with one reversed address: through the
    template engine, a link, a date and an include for each were most of the section's
    time on the SENCO's home page (issue 13)."""
    if not scope.manages_ehc_plans:
        return None
    gaps = selectors.plans_with_gaps(scope)
    reviews = selectors.reviews_due(scope, today)
    url = url_pattern("ehcp_plan", 1)
    return {
        "gaps": gaps,
        "reviews": reviews,
        "urn": scope.school.urn,
        "gap_items": SafeString(
            "".join(
                html_row(
                    _GAP_ITEM,
                    url.format(plan.pupil_id),
                    plan.pupil.full_name,
                    plan.not_in_place,
                    "" if plan.not_in_place == 1 else "s",
                )
                for plan in gaps[:TODO_SHOWN]
            )
        ),
        "review_items": SafeString(
            "".join(
                html_row(
                    _REVIEW_ITEM,
                    url.format(plan.pupil_id),
                    plan.pupil.full_name,
                    long_date(deadline.due),
                    SafeString(_REVIEW_TAGS.get(urgency, "")),
                )
                for plan, deadline, urgency in reviews[:TODO_SHOWN]
            )
        ),
    }


register(
    Capability(
        app="ehcp",
        # The SENCO's and leaders' EHC work: compliance, phase transfers, requests, in their
        # menu and under "Go to" on their home page.
        nav=(
            NavItem("EHC plans", "ehcp_overview", ability="ehc_plans_in_menu", order=36),
            NavItem(
                "EHC plans",
                "ehcp_overview",
                ability="follows_ehc_work",
                order=36,
                group=HOME_ONLY,
                home_label="EHC plans",
            ),
            # The local authorities' own annual review forms (report_views.py).
            NavItem(
                "Annual review forms",
                "ehcp_report_templates",
                ability="manages_ehc_plans",
                order=60,
                group=SETTINGS,
                description="Upload a local authority's own Word form for the annual review "
                "report, so the report fills it in.",
            ),
        ),
        pupil_panels=(
            PupilPanel("ehcp/_pupil_panel.html", _pupil_panel, order=15),
            PupilPanel("ehcp/requests/_pupil_panel.html", requests_panel, order=16),
        ),
        todo=(TodoSection("ehcp/todo/ehc_plans.html", _todo, order=25),),
        # The EHC plan on a parent's page (parent_panel.py).
        parent_panels=(ParentPanel("ehcp/parent/_ehc_plan.html", ehc_plan_panel, order=25),),
        demo=(
            DemoBuilder("ehcp", build_demo, order=30),
            # Annual reviews at every step (demo_reviews.py).
            DemoBuilder("ehcp_reviews", build_demo_reviews, order=31),
            DemoBuilder("ehcp_requests", build_demo_requests, order=32),
        ),
        # Annual reviews, their steps, needs assessments, phase transfers (events.py).
        events=events.SOURCES,
        deadline_events=events.SOURCES,  # the statutory steps, overdue or due soon
        event_kinds=events.KINDS,
        abilities={
            # Who reads a pupil's EHC plan: the SENCO, leaders, and the pupil's teachers and
            # TAs (who reach only the pupils they teach or support).
            "reads_ehc_plans": {Role.SENCO, Role.LEADER, Role.TEACHER, Role.TA},
            # Who records the plan and its section F, and follows the gaps and reviews.
            "manages_ehc_plans": {Role.SENCO},
            # Who follows the school's EHC work (the compliance page, phase transfers, needs
            # assessment requests) and reads a request: the SENCO and leaders.
            "follows_ehc_work": {Role.SENCO, Role.LEADER},
            "ehc_plans_in_menu": {Role.SENCO, Role.LEADER},
        },
        audit_actions=EhcpAction,
        # Governors' counts on the school's summary page (compliance_counts.py).
        summary_figures=(
            SummaryFigures("ehcp/compliance/_summary_figures.html", summary_figures, order=20),
        ),
        # Pupils at E with no plan recorded: marked on the register, and the plan's form
        # after the SENCO moves a pupil to E (register_e.py).
        pupil_notes=(register_e.register_notes,),
        after_register_change=(register_e.after_register_change,),
        # Section F's classroom strategies on My pupils and class sheets (for_teachers.py).
        for_teachers=(for_teachers.section_f,),
        # Figures offered as evidence for self-evaluation, meetings and reports (evidence.py).
        evidence=(
            Evidence("annual_reviews", evidence.annual_review_figures, order=20),
            Evidence("ehcp_provision", evidence.section_f_figures, order=20),
            Evidence("ehc_assessments", evidence.assessment_figures, order=20),
        ),
    )
)
