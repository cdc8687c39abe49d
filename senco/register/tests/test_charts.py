"""The summary's charts show what its tables show, and hide what they hide."""

import re

from senco.lib.charts import Bar, bar_chart_svg
from senco.register.charts import breakdown_chart, school_comparison_chart
from senco.register.selectors import Breakdown, Row


def _bars(svg: str) -> list[str]:
    """The figures written beside the bars."""
    return re.findall(r'class="senco-chart__value">([^<]+)</text>', svg)


def test_a_chart_is_labelled_and_says_where_the_figures_are():
    svg = bar_chart_svg(title="By year <group>", series=("A",), bars=[Bar("Year 7", (12.5,))])
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert 'role="img"' in svg and "The figures are in the table that follows." in svg
    assert "<title>By year &lt;group&gt;</title>" in svg
    assert "width=" not in svg.split(">")[0].replace("stroke-width", "")  # scales to its box
    assert _bars(svg) == ["12.5%"]


def test_the_same_figures_give_the_same_chart():
    args = {"title": "t", "series": ("A", "B"), "bars": [Bar("x", (1.0, 2.0), (3.0, None))]}
    assert bar_chart_svg(**args) == bar_chart_svg(**args)


def test_a_missing_figure_draws_no_bar():
    svg = bar_chart_svg(title="t", series=("A", "B"), bars=[Bar("x", (None, 4.0))])
    assert _bars(svg) == ["4.0%"]
    assert svg.count("<rect") == 2 + 1  # two legend swatches, one bar


def test_hidden_figures_are_not_drawn():
    hidden = frozenset({"ehc"})
    breakdown = Breakdown("By year group", "c", [Row("Year 7", roll=120, ehc=3, support=20)])
    total = Row("All", roll=120, ehc=3, support=20)
    senco = breakdown_chart(breakdown, total)
    breakdown.rows[0].hidden = total.hidden = hidden
    governor = breakdown_chart(breakdown, total)
    assert _bars(governor) == ["16.7%"]  # EHC plans: hidden, no percent, no bar
    assert _bars(senco) == ["2.5%", "16.7%"]


def test_a_share_of_a_hidden_total_is_not_drawn():
    """A share of the register is hidden where the register's figure is, even if the row's
    own count is shown: the percent would give the hidden total back."""
    breakdown = Breakdown("By need", "c", [Row("ASD", ehc=6, support=8)], basis="register")
    total = Row("All", roll=120, ehc=9, support=20, hidden=frozenset({"ehc"}))
    assert _bars(breakdown_chart(breakdown, total)) == ["40.0%"]  # 8 of 20; not 6 of 9


def test_nothing_to_draw_is_no_chart():
    every = frozenset({"roll", "ehc", "support"})
    breakdown = Breakdown("By sex", "c", [Row("Girls", roll=3, ehc=1, support=1, hidden=every)])
    assert breakdown_chart(breakdown, Row("All", roll=3, hidden=every)) is None


def test_schools_are_compared_with_england():
    total = Row("All", national_ehc=5.3, national_support=14.2)
    svg = school_comparison_chart([Row("Hillside", roll=1000, ehc=50, support=140)], total)
    assert _bars(svg) == ["5.0%", "14.0%"]
    assert "England" in svg
