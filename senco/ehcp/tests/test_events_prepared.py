"""The EHC plan records' dated events (senco/ehcp/events.py) read everything with SQL
written once (senco/lib/prepared.py), for whoever sees the whole school and for those who
see their own pupils: the calendar, the year page and every home page ask for them."""

import datetime

from senco.access import scope_at
from senco.ehcp import events, selectors
from senco.ehcp.models import AnnualReview, AssessmentRequest, Contributor

DAY = datetime.timedelta(days=1)


def test_every_query_of_the_events_is_written_once_for_each_role(
    senco, leader, teacher, ta, school, plan, ehc_pupil, today
):
    ehc_pupil.year_group = 11  # leaving a secondary school: a phase transfer this year
    ehc_pupil.save()
    review = AnnualReview.objects.create(plan=plan, owner=teacher, meeting_on=today + 12 * DAY)
    Contributor.objects.create(review=review, role="parent", name="Mary O'Brien")
    Contributor.objects.create(review=review, role="professional", name="EP", invited_on=today)
    AssessmentRequest.objects.create(
        pupil=ehc_pupil, la_code="886", requested_by="school", requested_on=today - 5 * 7 * DAY
    )
    queries = (
        selectors._reviews_between,
        events._open_review_records,
        events._contributors_of,
        events._open_requests,
        events._not_transferred,
    )
    for query in queries:
        query.forget()
    seen = {}
    for user in (senco, leader, teacher, ta):
        found = list(
            events.dated_events(scope_at(user, school), today - 400 * DAY, today + 800 * DAY)
        )
        seen[user.username] = found
    kinds = {e.kind for e in seen[senco.username]}
    assert kinds == {events.ANNUAL_REVIEWS, events.NEEDS_ASSESSMENTS, events.PHASE_TRANSFERS}
    # Each of them sees the one pupil, so the same events.
    assert all(found == seen[senco.username] for found in seen.values())
    for query in queries:
        assert query._plans and not query.refused(), query.build
