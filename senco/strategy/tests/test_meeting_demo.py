"""The demo trust's line management meetings: two line manager meetings and one link
governor meeting this school year at every school, with answers, figures and actions."""

import pytest

from senco.demo.outline import DEMO_TODAY
from senco.lib.clock import academic_year_of, school_terms
from senco.schools.models import School
from senco.schools.selectors import saved_terms
from senco.strategy.models import Meeting, MeetingAction


@pytest.mark.django_db
def test_every_school_has_a_year_of_meetings_in_progress(demo_trust):
    schools = list(School.objects.all())
    assert len(schools) == 2
    for school in schools:
        year_starts = school_terms(saved_terms(school), academic_year_of(DEMO_TODAY))[0]
        meetings = Meeting.objects.filter(school=school)
        assert sorted(meetings.values_list("kind", flat=True)) == [
            "line_manager",
            "line_manager",
            "link_governor",
        ]
        for meeting in meetings:
            assert year_starts.starts_on <= meeting.held_on < DEMO_TODAY
            assert meeting.answers.exists() and meeting.who_was_there
            assert all({"key", "label", "value"} <= set(row) for row in meeting.data_shown)
        assert meetings.get(kind="link_governor").data_shown
        assert meetings.filter(kind="line_manager").exclude(data_shown=[]).count() == 2
        actions = MeetingAction.objects.filter(meeting__school=school)
        assert actions.filter(done_at__isnull=False).exists()
        assert actions.filter(closed_at_meeting__isnull=False).count() == 1
        assert actions.filter(done_at__isnull=True, due__gte=DEMO_TODAY).exists()
        assert actions.filter(done_at__isnull=True, due__lt=DEMO_TODAY).exists()  # overdue
        assert not actions.filter(done_at__date__gt=DEMO_TODAY).exists()
