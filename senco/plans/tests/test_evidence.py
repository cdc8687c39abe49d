"""SEN support plans offered as evidence: cycles in progress and reviews overdue."""

import datetime

from django.utils import timezone

from senco import factories as f
from senco.audit.actor import Actor
from senco.plans import services
from senco.plans.evidence import plan_figures
from senco.plans.models import Cycle

TODAY = timezone.localdate()


def test_pupils_at_sen_support_with_a_plan_in_progress(school, senco):
    assert plan_figures(school, TODAY, False) == []
    pupils = f.SenPupilFactory.create_batch(8, school=school)
    for pupil in pupils[:6]:
        services.cycle_start(actor=Actor(senco), pupil=pupil)
    Cycle.objects.filter(pupil=pupils[0]).update(review_date=TODAY - datetime.timedelta(days=3))
    in_progress, overdue = plan_figures(school, TODAY, False)
    assert in_progress.value == "6 of 8 (75%)"
    assert "6.44-6.56" in in_progress.source
    assert overdue.value == "1" and "6.48" in overdue.source
    hidden = plan_figures(school, TODAY, True)
    assert [fig.value for fig in hidden] == ["hidden", "hidden"]
