"""The toolkit's calendars as data, and where a month's week falls on a school's calendar."""

import datetime

from senco.lib.clock import TermDates, default_terms
from senco.year import calendars
from senco.year.tasks_selectors import half_term_of, half_terms


def test_every_key_is_unique_and_names_its_phase_and_month():
    for items in (calendars.PRIMARY, calendars.SECONDARY):
        keys = [i.key for i in items]
        assert len(keys) == len(set(keys))
    for item in calendars.PRIMARY + calendars.SECONDARY:
        phase, month, name = item.key.split(".")
        assert phase in ("primary", "secondary") and name
        assert calendars.month_of_year(2026, item.month).strftime("%b").lower() == month
        assert 1 <= item.week <= 5
        assert 10 < len(item.title) <= 200
        assert "  " not in item.title and not item.title.endswith(".")


def test_each_month_of_the_school_year_has_tasks_but_august():
    for items in (calendars.PRIMARY, calendars.SECONDARY):
        assert {i.month for i in items} == set(range(1, 13)) - {8}


def test_the_phase_chooses_the_calendar():
    assert calendars.calendar_for("primary")[0].key.startswith("primary.sep.")
    assert all(i.key.startswith("secondary.") for i in calendars.calendar_for("secondary"))
    through = {i.key for i in calendars.calendar_for("all-through")}
    assert {i.key for i in calendars.SECONDARY} <= through
    assert through - {i.key for i in calendars.SECONDARY} == calendars.ALL_THROUGH_FROM_PRIMARY
    assert set(calendars.ALL_ITEMS) >= calendars.ALL_THROUGH_FROM_PRIMARY
    # September first, July last.
    months = [i.month for i in calendars.calendar_for("secondary")]
    assert months[0] == 9 and months[-1] == 7


def test_census_checks_come_before_each_census_day():
    census = {i.key: i for i in calendars.SECONDARY if i.key.endswith(".census")}
    assert {i.month for i in census.values()} == {9, 1, 5}
    placer = calendars.Placer([], 2026)
    # First Thursday of October 2026, third Thursdays of January and May 2027.
    assert placer.due(9, census["secondary.sep.census"].week) < datetime.date(2026, 10, 1)
    assert placer.due(1, census["secondary.jan.census"].week) < datetime.date(2027, 1, 21)
    assert placer.due(5, census["secondary.may.census"].week) < datetime.date(2027, 5, 20)


def test_a_week_of_a_month_is_its_last_school_day():
    placer = calendars.Placer([], 2026)
    # September 2026 starts on a Tuesday: week 1 is 1 to 4 September.
    assert placer.due(9, 1) == datetime.date(2026, 9, 4)
    assert placer.due(9, 2) == datetime.date(2026, 9, 11)
    # The autumn term ends on 19 December (a Saturday by default): three weeks of school.
    assert placer.due(12, 3) == datetime.date(2026, 12, 18)
    assert placer.due(12, 5) == datetime.date(2026, 12, 18)
    assert placer.due(8, 1) is None


def test_holidays_bank_holidays_and_closures_are_never_due_days():
    terms = [
        TermDates("autumn", 2026, datetime.date(2026, 9, 3), datetime.date(2026, 12, 18)),
        *default_terms(2026)[1:],
    ]
    half_term = {datetime.date(2026, 10, 26) + datetime.timedelta(days=n) for n in range(5)}
    closures = {datetime.date(2026, 9, 4)} | half_term
    placer = calendars.Placer(terms, 2026, closures)
    # Term starts on Thursday 3 September; Friday 4th is an INSET day.
    assert placer.due(9, 1) == datetime.date(2026, 9, 3)
    # The week of 26 October is closed (half term): week 5 is the week of the 19th.
    assert placer.due(10, 5) == datetime.date(2026, 10, 23)
    # Easter Monday 2027 (29 March) is a bank holiday; the default spring term ends 31 March.
    assert placer.weeks(3)[-1] == [datetime.date(2027, 3, 30), datetime.date(2027, 3, 31)]
    for item in calendars.calendar_for("secondary"):
        due = placer.due(item.month, item.week)
        assert due.weekday() < 5 and due not in closures
        assert any(t.starts_on <= due <= t.ends_on for t in placer.terms)


def test_week_of_finds_a_days_week_for_next_year():
    placer = calendars.Placer([], 2025)
    assert placer.week_of(datetime.date(2025, 9, 19)) == 3
    assert placer.week_of(datetime.date(2025, 9, 1)) == 1
    assert placer.week_of(datetime.date(2025, 12, 31)) == len(placer.weeks(12))


def test_half_terms_split_each_term_at_a_friday_near_its_middle():
    halves = half_terms(default_terms(2026))
    assert [h.label for h in halves] == [
        "Autumn 1",
        "Autumn 2",
        "Spring 1",
        "Spring 2",
        "Summer 1",
        "Summer 2",
    ]
    assert halves[0].starts_on == datetime.date(2026, 9, 1)
    assert halves[0].ends_on.weekday() == 4
    assert halves[1].starts_on == halves[0].ends_on + datetime.timedelta(days=1)
    assert half_term_of(default_terms(2026), datetime.date(2026, 12, 1)).label == "Autumn 2"
    # In the Christmas holiday: the next half term.
    assert half_term_of(default_terms(2026), datetime.date(2026, 12, 28)).label == "Spring 1"
