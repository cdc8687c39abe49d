"""Which periods make a year and a term, a pupil's sum over them, persistent absence at
exactly 10%, England's figure for a year, and the trend chart: no database but where said."""

import datetime

import pytest

from senco.outcomes import figures, national
from senco.outcomes.charts import Line, trend_chart_svg
from senco.outcomes.figures import P
from senco.outcomes.models import Period

HALF, TERM, TO_DATE = Period.Kind.HALF_TERM, Period.Kind.TERM, Period.Kind.TO_DATE


def d(y, m, day):
    return datetime.date(y, m, day)


def half_terms(year=2024, start_id=1):
    spans = [
        (d(year, 9, 3), d(year, 10, 24)),
        (d(year, 11, 3), d(year, 12, 19)),
        (d(year + 1, 1, 5), d(year + 1, 2, 13)),
        (d(year + 1, 2, 23), d(year + 1, 3, 27)),
        (d(year + 1, 4, 13), d(year + 1, 5, 22)),
        (d(year + 1, 6, 1), d(year + 1, 7, 21)),
    ]
    return [P(start_id + i, year, HALF, s, e) for i, (s, e) in enumerate(spans)]


def test_the_year_to_date_when_it_ends_last():
    halves = half_terms()
    to_date = P(99, 2024, TO_DATE, d(2024, 9, 3), d(2025, 7, 21))
    assert figures.year_periods([*halves, to_date], 2024) == [to_date]


def test_a_year_to_date_ending_early_is_left_out():
    halves = half_terms()
    to_date = P(99, 2024, TO_DATE, d(2024, 9, 3), d(2025, 2, 13))
    assert figures.year_periods([*halves, to_date], 2024) == halves


def test_terms_first_then_half_terms_without_overlap():
    halves = half_terms()
    autumn = P(50, 2024, TERM, d(2024, 9, 3), d(2024, 12, 19))
    chosen = figures.year_periods([*halves, autumn], 2024)
    assert chosen == [autumn, *halves[2:]]


def test_only_the_years_periods():
    both = half_terms(2023) + half_terms(2024, start_id=20)
    assert figures.year_periods(both, 2023) == both[:6]
    assert figures.year_periods(both, 2022) == []
    assert figures.years_with_data(both) == [2024, 2023]


def test_a_term_is_its_term_period_or_its_half_terms():
    halves = half_terms()
    spring = P(60, 2024, TERM, d(2025, 1, 5), d(2025, 3, 27))
    every = [*halves, spring]
    assert figures.term_periods(every, 2024, "autumn") == halves[:2]
    assert figures.term_periods(every, 2024, "spring") == [spring]
    assert figures.term_periods(every, 2024, "summer") == halves[4:]


def test_a_pupils_sum_is_grouped_as_at_the_last_period():
    halves = half_terms()[:2]
    rows = figures.Rows(
        by_period={
            halves[0].id: [(7, 70, 60, "N", "", 7)],
            halves[1].id: [(7, 70, 66, "K", "SEMH", 7)],
        },
        traits={7: ("F", True)},
    )
    (found,) = figures.pupil_years(rows, halves).values()
    assert (found.possible, found.attended, found.missed) == (140, 126, 14)
    assert (found.provision, found.need, found.pupil_premium) == ("K", "SEMH", True)
    assert found.persistent  # 14 of 140 is exactly 10%
    (unit,) = figures.persistent_units({7: found})
    assert unit.num == 1 and unit.provision == "K"
    (unit,) = figures.absence_units({7: found})
    assert (unit.num, unit.den) == (14, 140)


def test_just_under_ten_percent_is_not_persistent():
    p = figures.PupilYear(1, possible=140, attended=127)
    assert not p.persistent


@pytest.mark.parametrize(
    "measure, group, year, value, shown_year",
    [
        ("absence", "E", 2023, 12.06, 2023),
        ("absence", "E", 2025, 12.06, 2023),  # the latest published before
        ("absence", "all", 2025, 6.78, 2024),
        ("absence", "E", 2020, 12.03, 2022),  # none before: the earliest after
        ("persistent", "N", 2022, 18.4, 2022),
        ("suspensions", "all", 2024, 11.31, 2023),
        ("suspensions", "E", 2024, 17.63, 2021),
        ("sen_share", "all", 2024, 45.3, 2023),
        ("ks2_rwm", "K", 2024, 29, 2024),
    ],
)
def test_englands_figure_for_a_year(measure, group, year, value, shown_year):
    f = national.england(measure, group, year)
    assert (f.value, f.year) == (value, shown_year)
    assert f.source_text


def test_not_published_is_none():
    assert national.england("absence", "N", 2022) is not None  # 2023's
    assert national.england("permanent", "E", 2023) is None
    assert national.england("absence", "E", 2023).year_label == "2023/24"


def test_englands_share_of_suspensions_to_pupils_with_sen():
    assert national.sen_share("E").value == 10.6
    assert national.sen_share("K").value == 34.7
    assert national.sen_share("N") is None


def test_the_trend_chart_is_text_and_the_same_for_the_same_figures():
    lines = [Line("EHC plan", (12.0, None, 14.5), 12.06), Line("No SEN", (5.0, 5.5, 6.0))]
    svg = trend_chart_svg(title="Overall absence <by term>", labels=["Aut 24"] * 3, lines=lines)
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert "Overall absence &lt;by term&gt;" in svg
    assert "England" in svg and "stroke-dasharray" in svg
    # A missing figure breaks the line: no polyline for EHC plans' two lone points.
    assert svg.count("<polyline") == 1
    assert svg == trend_chart_svg(
        title="Overall absence <by term>", labels=["Aut 24"] * 3, lines=lines
    )


@pytest.mark.django_db
def test_a_year_reads_three_queries(school, django_assert_num_queries):
    from senco.outcomes import selectors
    from senco.outcomes.tests.comparison_fixtures import build

    build(school, ehc=2, support=2, none=2)
    with django_assert_num_queries(3):
        data = selectors.attendance_year(school, None)
    assert data.year == 2024 and len(data.pupils) == 6
    assert [t.label for t in data.terms][:2] == ["Autumn term 2023/24", "Spring term 2023/24"]
    assert selectors.attendance_year(school, 2019) is None
