"""The demo trust's EHC plans: every pupil at E has one, with section F of each kind."""

from collections import Counter

import pytest

from senco.demo.outline import DEMO_TODAY
from senco.ehcp import selectors
from senco.ehcp.models import EHCPlan, ProvisionItem
from senco.lib.codes import Provision
from senco.pupils.models import Pupil


@pytest.mark.django_db
def test_every_demo_pupil_at_e_has_a_plan(demo_trust):
    at_e = Pupil.objects.filter(sen_provision=Provision.EHC_PLAN)
    assert at_e.exists()
    assert set(at_e.values_list("pk", flat=True)) == set(
        EHCPlan.objects.values_list("pupil_id", flat=True)
    )
    assert EHCPlan.objects.values("la_code").distinct().count() >= 3
    today = DEMO_TODAY
    for plan in EHCPlan.objects.prefetch_related("items"):
        kinds = Counter(i.kind for i in plan.items.all())
        assert set(kinds) == set(ProvisionItem.Kind.values)
        assert all(3 <= n <= 6 for n in kinds.values())
        assert plan.last_review_on is None or plan.last_review_on >= plan.issued_on
    assert ProvisionItem.objects.filter(in_place=False).exists()
    assert ProvisionItem.objects.filter(in_place=True).exists()
    overdue = [p for p in EHCPlan.objects.all() if selectors.next_review(p).due < today]
    assert overdue and len(overdue) < EHCPlan.objects.count()
    assert all(p.issued_on <= today for p in EHCPlan.objects.all())
