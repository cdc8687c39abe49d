"""Meetings with families offered as evidence: three a year (evidence.py)."""

import datetime

from django.utils import timezone

from senco import factories as f
from senco.families.evidence import meeting_figures
from senco.families.models import Meeting

TODAY = timezone.localdate()


def test_families_met_three_times_and_not_this_term(school):
    assert meeting_figures(school, TODAY, False) == []
    pupils = f.SenPupilFactory.create_batch(10, school=school)
    for pupil in pupils[:6]:
        for days in (1, 2, 3):
            Meeting.objects.create(
                school=school,
                pupil=pupil,
                kind="send_review",
                held_on=TODAY - datetime.timedelta(days=days),
            )
    three, this_term = meeting_figures(school, TODAY, False)
    assert three.value == "6 of 10 (60%)"
    assert this_term.value == "4 of 10 (40%)"
    assert "6.65" in three.source
    assert three.url == f"/school/{school.urn}/families/three-a-year/"
    # 10 - 6 = 4 would give the rest away: hidden for someone who sees no names.
    assert meeting_figures(school, TODAY, True)[0].value == "hidden"
