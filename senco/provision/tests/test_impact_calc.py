"""impact.py with worked examples: gains, ratio gains, effect sizes, exit criteria against
a pupil's age, missing scores and the "too few to judge" rule."""

import datetime
from decimal import Decimal as D

import pytest

from senco.provision import impact
from senco.provision.models import Measure

DAY = datetime.date


def test_gain_is_exit_less_entry_and_none_when_a_score_is_missing():
    assert impact.gain(D("85"), D("93")) == D("8")
    assert impact.gain(D("93"), D("90")) == D("-3")
    assert impact.gain(None, D("90")) is None
    assert impact.gain(D("85"), None) is None


def test_six_months_gained_in_three_months_is_a_ratio_gain_of_two():
    # 6 January to 7 April 2025 is 91 days, 3.0 months.
    ratio = impact.ratio_gain(D(6), DAY(2025, 1, 6), DAY(2025, 4, 7))
    assert ratio == D("2.0")
    assert impact.ratio_band(ratio) == "substantial impact"


@pytest.mark.parametrize(
    ("ratio", "band"),
    [
        ("0.8", "modest impact"),
        ("1.0", "modest impact"),
        ("1.4", "useful impact"),
        ("1.9", "useful impact"),
        ("2.0", "substantial impact"),
        ("3.0", "remarkable impact"),
        ("-0.5", "no progress"),
    ],
)
def test_brooks_bands(ratio, band):
    assert impact.ratio_band(D(ratio)) == band


def test_no_ratio_gain_without_dates_or_with_the_exit_before_the_entry():
    assert impact.ratio_gain(D(6), None, DAY(2025, 4, 7)) is None
    assert impact.ratio_gain(D(6), DAY(2025, 4, 7), DAY(2025, 1, 6)) is None
    assert impact.ratio_gain(None, DAY(2025, 1, 6), DAY(2025, 4, 7)) is None


def test_age_in_completed_months():
    born = DAY(2015, 5, 20)
    assert impact.age_in_months(born, DAY(2025, 5, 19)) == 119
    assert impact.age_in_months(born, DAY(2025, 5, 20)) == 120
    assert impact.age_in_months(born, DAY(2025, 7, 1)) == 121


def test_an_age_measure_meets_the_exit_criteria_when_few_enough_months_behind_their_age():
    # Born 20 May 2015: 120 months old on 20 May 2025. Exit: no more than 6 months behind.
    born, exit_on = DAY(2015, 5, 20), DAY(2025, 5, 20)
    met = impact.meets_exit(Measure.READING_AGE, D(6), D(114), exit_on=exit_on, date_of_birth=born)
    not_met = impact.meets_exit(
        Measure.READING_AGE, D(6), D(113), exit_on=exit_on, date_of_birth=born
    )
    assert (met, not_met) == (True, False)
    # A day earlier they were 119 months old: 113 is then 6 behind, and meets it.
    assert impact.meets_exit(
        Measure.READING_AGE, D(6), D(113), exit_on=DAY(2025, 5, 19), date_of_birth=born
    )


def test_a_standardised_score_meets_the_exit_criteria_at_the_threshold_or_above():
    assert impact.meets_exit(Measure.STANDARDISED, D(90), D(90)) is True
    assert impact.meets_exit(Measure.STANDARDISED, D(90), D("89.5")) is False
    assert impact.meets_exit(Measure.STANDARDISED, None, D(95)) is None
    assert impact.meets_exit(Measure.STANDARDISED, D(90), None) is None


def test_a_pupil_with_a_missing_score_says_what_is_missing():
    p = impact.pupil_impact(
        Measure.STANDARDISED,
        baseline=D(84),
        baseline_on=DAY(2025, 1, 6),
        exit=None,
        exit_on=None,
        date_of_birth=DAY(2013, 1, 1),
        exit_threshold=D(90),
    )
    assert (p.gain, p.has_both, p.met_exit) == (None, False, None)
    assert p.missing == "No score at exit yet"


def test_the_effect_size_is_the_mean_gain_over_the_pooled_standard_deviation():
    baselines = [D(80), D(85), D(90), D(75), D(70)]
    exits = [D(88), D(90), D(97), D(86), D(79)]
    # Gains 8, 5, 7, 11, 9: mean 8. Entry: mean 80, variance 250 / 4 = 62.5; exit: mean 88,
    # variance 170 / 4 = 42.5; pooled SD sqrt((62.5 + 42.5) / 2) = 7.25; d = 8 / 7.25 = 1.10.
    d = impact.effect_size(baselines, exits)
    assert d == D("1.10")
    assert impact.effect_band(d) == "large"
    assert impact.effect_band(D("0.5")) == "medium"
    assert impact.effect_band(D("0.3")) == "small"
    assert impact.effect_band(D("0.1")) == "very small"


def test_no_effect_size_without_spread():
    assert impact.effect_size([D(80), D(80)], [D(85), D(85)]) is None
    assert impact.effect_size([D(80)], [D(85)]) is None


def _pupils(pairs, measure=Measure.STANDARDISED, threshold=D(90)):
    return [
        impact.pupil_impact(
            measure,
            baseline=b,
            baseline_on=DAY(2025, 1, 6),
            exit=e,
            exit_on=DAY(2025, 4, 7) if e is not None else None,
            date_of_birth=DAY(2013, 1, 1),
            exit_threshold=threshold,
        )
        for b, e in pairs
    ]


def test_five_pupils_with_both_scores_are_judged():
    pupils = _pupils(
        [(D(80), D(88)), (D(85), D(90)), (D(90), D(97)), (D(75), D(86)), (D(70), D(79))]
    )
    s = impact.summarise(Measure.STANDARDISED, pupils, members=5)
    assert s.judged and s.n == 5
    assert s.mean_gain == D("8.0")
    assert s.total_gain == D(40)
    # 90 and 97 meet an exit threshold of 90: 2 of 5.
    assert (s.exit_met, s.exit_assessed, s.exit_share) == (2, 5, D("40.0"))
    assert s.effect_size == D("1.10")


def test_fewer_than_five_pupils_with_both_scores_are_too_few_to_judge():
    pupils = _pupils([(D(80), D(88)), (D(85), D(90)), (D(90), D(97)), (D(75), None), (None, D(80))])
    s = impact.summarise(Measure.STANDARDISED, pupils, members=5)
    assert not s.judged
    assert s.too_few_text == "Too few pupils to judge (n = 3)"
    assert (s.mean_gain, s.exit_share, s.effect_size, s.total_gain) == (None, None, None, None)
    # Each pupil's own gain is still there.
    assert [p.gain for p in pupils] == [D(8), D(5), D(7), None, None]


def test_an_age_measure_has_a_mean_ratio_gain_and_no_effect_size():
    pupils = _pupils([(D(100), D(106))] * 5, measure=Measure.READING_AGE, threshold=D(12))
    s = impact.summarise(Measure.READING_AGE, pupils, members=5)
    assert s.mean_ratio == D("2.0")
    assert s.effect_size is None
    assert s.unit == "month"


def test_attendance_rate_and_money():
    assert impact.attendance_rate(9, 12) == D("75.0")
    assert impact.attendance_rate(0, 0) is None
    assert impact.pounds(D("1234.5")) == "£1,234.50"
    assert impact.pounds(D("-20")) == "-£20.00"
