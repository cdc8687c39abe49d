"""The graduated approach's figures offered as evidence under "plans" (`registry.Evidence`):
pupils at SEN support with an assess-plan-do-review cycle in progress, and cycles whose
review is overdue. The "What needs doing" selectors (`selectors.pupils_without_cycle`,
`selectors.reviews_overdue`) read for the whole school. Three queries."""

import datetime

from django.urls import reverse

from senco.access import Scope
from senco.accounts.models import Role
from senco.lib import evidence_text as text
from senco.lib.codes import Provision
from senco.plans import selectors
from senco.plans.parent_panel import REVIEW_SOURCE
from senco.pupils.models import Pupil
from senco.registry import Figure

CYCLE_SOURCE = "SEND Code of Practice 6.44-6.56: assess, plan, do, review"


def plan_figures(school, today: datetime.date, suppress: bool) -> list[Figure]:
    # The whole school, as its SENCO sees it (as the reminders do).
    scope = Scope(None, school, Role.SENCO)
    at_support = Pupil.objects.filter(school=school, sen_provision=Provision.SEN_SUPPORT).count()
    if not at_support:
        return []
    without = selectors.pupils_without_cycle(scope=scope).count()
    overdue = selectors.reviews_overdue(scope=scope, today=today).count()
    url = reverse("register", args=[school.urn]) + f"?provision={Provision.SEN_SUPPORT}"
    return [
        Figure(
            "Pupils at SEN support with a plan in progress (assess, plan, do, review)",
            text.part_of_shown(at_support - without, at_support, suppress),
            url,
            "",
            CYCLE_SOURCE,
        ),
        Figure(
            "SEN support plans whose review date has passed",
            text.count(overdue, hidden=text.hidden_if_small(overdue, suppress)),
            url,
            "",
            f"{REVIEW_SOURCE}: reviewed at least once a term",
        ),
    ]
