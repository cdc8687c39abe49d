"""The statutory clock: each rule pinned with worked examples (Christmas, Easter, a leap
year, a bank holiday Monday), and properties of working days."""

import datetime
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from senco.lib import clock, statutory

D = datetime.date


@pytest.mark.parametrize(
    ("start", "days", "closures", "expected"),
    [
        # Christmas 2026: Friday 25th, and Boxing Day's substitute on Monday 28th.
        (D(2026, 12, 18), 5, (), D(2026, 12, 29)),
        # Easter 2027: Good Friday 26 March, Easter Monday 29 March.
        (D(2027, 3, 25), 1, (), D(2027, 3, 30)),
        # The May Day bank holiday Monday, 4 May 2026.
        (D(2026, 5, 1), 1, (), D(2026, 5, 5)),
        # ... and an INSET day on the Tuesday after it.
        (D(2026, 5, 1), 1, (D(2026, 5, 5),), D(2026, 5, 6)),
        # Ten working days, as the induction pack counts a review report.
        (D(2026, 3, 10), 10, (), D(2026, 3, 24)),
        (D(2026, 3, 10), 0, (), D(2026, 3, 10)),
        (D(2026, 12, 29), -5, (), D(2026, 12, 18)),
    ],
)
def test_working_days(start, days, closures, expected):
    assert clock.add_working_days(start, days, closures=closures) == expected


@pytest.mark.parametrize(
    ("rule", "start", "due", "citation"),
    [
        ("assessment_decision", D(2026, 9, 2), D(2026, 10, 14), "reg. 5(1)"),
        ("final_plan", D(2026, 9, 2), D(2027, 1, 20), "reg. 13(2)"),
        # Over 29 February 2028: 140 days from 15 November 2027.
        ("final_plan", D(2027, 11, 15), D(2028, 4, 3), "reg. 13(2)"),
        # 15 days beginning with the day the draft is served.
        ("draft_plan_response", D(2027, 2, 1), D(2027, 2, 15), "reg. 13(1)"),
        ("review_invitations", D(2026, 3, 24), D(2026, 3, 10), "reg. 20(3)"),
        ("review_advice", D(2026, 3, 24), D(2026, 3, 10), "reg. 20(4)"),
        ("review_report", D(2026, 3, 10), D(2026, 3, 24), "reg. 20(7)"),
        ("review_decision", D(2026, 3, 10), D(2026, 4, 7), "reg. 20(10)"),
        ("amendment_final", D(2026, 6, 1), D(2026, 7, 27), "reg. 22(5)"),
        ("next_review", D(2026, 11, 26), D(2027, 11, 26), "s.44(1)"),
        # A plan issued on 29 February is next due on 28 February.
        ("next_review", D(2028, 2, 29), D(2029, 2, 28), "s.44(1)"),
    ],
)
def test_each_rule(rule, start, due, citation):
    deadline = clock.statutory(rule, start)
    assert deadline.due == due
    assert citation in deadline.citation
    assert deadline.rule and deadline.step


def test_the_schools_own_step_comes_back_to_a_working_day():
    # A meeting on Monday 11 January 2027: two weeks before is Monday 28 December 2026,
    # Boxing Day's substitute; the 25th is Christmas and the 26th and 27th a weekend.
    invitations = clock.statutory("review_invitations", D(2027, 1, 11))
    assert (invitations.due, invitations.moved) == (D(2026, 12, 24), True)
    assert "the last working day before it" in str(invitations)
    # ... and before an INSET day on the Thursday too.
    with_inset = clock.statutory("review_invitations", D(2027, 1, 11), closures={D(2026, 12, 24)})
    assert with_inset.due == D(2026, 12, 23)
    # The local authority's dates are the law's, whatever day they fall on.
    assert clock.statutory("review_decision", D(2026, 11, 28)).due == D(2026, 12, 26)


def test_a_deadline_reads_as_the_interface_shows_it():
    report = clock.statutory("review_report", D(2026, 3, 10))
    assert str(report) == (
        "Review report due 24 March 2026: within 2 weeks of the meeting, "
        "SEND Regulations 2014, reg. 20(7)"
    )


def test_an_unknown_rule_is_refused():
    with pytest.raises(ValueError, match="No statutory rule"):
        clock.statutory("tuesday", D(2026, 1, 1))


def test_phase_transfers():
    school = clock.phase_transfer_deadline(2026, to_post16=False)
    college = clock.phase_transfer_deadline(2026, to_post16=True)
    assert (school.due, college.due) == (D(2027, 2, 15), D(2027, 3, 31))
    assert "reg. 18" in school.citation and "reg. 18" in college.citation


days_2020s = st.dates(min_value=D(2020, 1, 1), max_value=D(2035, 12, 31))
closure_sets = st.frozensets(days_2020s, max_size=20)


@given(start=days_2020s, days=st.integers(min_value=1, max_value=80), closures=closure_sets)
def test_a_working_day_deadline_is_a_working_day_and_counts_back(start, days, closures):
    due = clock.add_working_days(start, days, closures=closures)
    assert due.weekday() < 5
    assert clock.is_working_day(due, closures=closures)
    assert due not in closures
    assert clock.working_days_between(start, due, closures=closures) == days


@given(
    meeting=days_2020s,
    rule=st.sampled_from(["review_invitations", "review_advice", "review_report"]),
    closures=closure_sets,
)
def test_the_schools_steps_never_fall_on_a_day_off(meeting, rule, closures):
    deadline = clock.statutory(rule, meeting, closures=closures)
    assert clock.is_working_day(deadline.due, closures=closures)
    # Closures only ever bring it earlier, never later than the law's date.
    law = meeting + datetime.timedelta(days=14 if rule == "review_report" else -14)
    assert deadline.due <= clock.statutory(rule, meeting).due <= law


@given(start=days_2020s)
def test_next_review_is_twelve_months_on_or_the_end_of_february(start):
    due = clock.statutory("next_review", start).due
    assert due.year == start.year + 1 and due.month == start.month
    assert due.day == start.day or (start.month, start.day, due.day) == (2, 29, 28)


def _walked(start, end, closures):
    """Working days counted one day at a time: what working_days_between must agree with."""
    if end < start:
        return -_walked(end, start, closures)
    count, day = 0, start
    while day < end:
        day += datetime.timedelta(days=1)
        count += statutory.is_working_day(day, closures=closures)
    return count


def test_working_days_between_counts_what_a_walk_counts():
    """Counted, not walked: the same answer over Christmas, Easter, substitute bank
    holidays, closure days on weekends and on bank holidays, backwards and forwards, and
    for any kind of collection of closure days."""
    rng = random.Random(2026)
    base = datetime.date(2025, 1, 1)
    for _ in range(3000):
        start = base + datetime.timedelta(days=rng.randint(0, 1100))
        end = start + datetime.timedelta(days=rng.randint(-150, 150))
        days = {base + datetime.timedelta(days=rng.randint(0, 1300)) for _ in range(25)}
        days |= {datetime.date(2025, 12, 25), datetime.date(2026, 4, 6)}  # and bank holidays
        kind = rng.choice([frozenset, set, list, tuple])
        walked = _walked(start, end, frozenset(days))
        assert statutory.working_days_between(start, end, closures=kind(days)) == walked
