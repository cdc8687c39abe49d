"""What the EHC plan records add to the shared pages (see senco/registry.py)."""

from django.urls import reverse
from django.utils import timezone

from senco.accounts.models import Role
from senco.ehcp import selectors
from senco.ehcp.audit import EhcpAction
from senco.ehcp.demo import build as build_demo
from senco.lib.codes import Provision
from senco.registry import (
    Capability,
    DatedEvent,
    DemoBuilder,
    PupilPanel,
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


def _annual_reviews(scope, start, end):
    """Each EHC plan's next annual review, for the calendar, with its rule and law."""
    if not scope.reads_ehc_plans:
        return
    for plan, deadline in selectors.annual_reviews_between(scope, start, end):
        yield DatedEvent(
            date=deadline.due,
            title=f"Annual review of {plan.pupil.full_name}'s EHC plan due",
            url=reverse("ehcp_plan", args=[plan.pupil_id]),
            pupil_id=plan.pupil_id,
            rule=deadline.rule,
            source=deadline.citation,
        )


def _todo(scope, today):
    if not scope.manages_ehc_plans:
        return None
    return {
        "gaps": selectors.plans_with_gaps(scope),
        "reviews": selectors.reviews_due(scope, today),
    }


register(
    Capability(
        app="ehcp",
        pupil_panels=(PupilPanel("ehcp/_pupil_panel.html", _pupil_panel, order=15),),
        todo=(TodoSection("ehcp/todo/ehc_plans.html", _todo, order=25),),
        demo=(DemoBuilder("ehcp", build_demo, order=30),),
        events=(_annual_reviews,),
        abilities={
            # Who reads a pupil's EHC plan: the SENCO, leaders, and the pupil's teachers and
            # TAs (who reach only the pupils they teach or support).
            "reads_ehc_plans": {Role.SENCO, Role.LEADER, Role.TEACHER, Role.TA},
            # Who records the plan and its section F, and follows the gaps and reviews.
            "manages_ehc_plans": {Role.SENCO},
        },
        audit_actions=EhcpAction,
    )
)
