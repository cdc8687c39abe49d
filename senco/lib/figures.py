"""Counts and percents as every page shows them, with hidden figures left out.

Governors and trust leads see no pupil's name, so a count below 5 could identify a child,
and so could any figure from which such a count can be worked out (a total less the rest
of its row, a trust's figure less one school's): which figures are hidden is decided by
senco/lib/disclosure.py (see docs/disclosure.md). Here is how a figure reads once that is
decided, one rule for the tables and the charts alike: a hidden count reads "hidden", and a
percent is shown only where its count and the count it is a percent of are both shown (a
percent of a shown total would give the hidden count back).
"""

SMALL = 5
# How a hidden count reads: the same for a count below 5 and for one hidden to protect it,
# so that nobody learns which is which.
HIDDEN = "hidden"


def shown_count(count: int | None, hidden: bool = False) -> str:
    """A count, or "hidden"."""
    if count is None:
        return "-"
    if hidden:
        return HIDDEN
    return f"{count:,}"


def shown_share(count: int, total: int, hidden: bool = False) -> float | None:
    """count as a percent of total, or None where there is no total or either is hidden."""
    if not total or hidden:
        return None
    return 100 * count / total


def row_share(row, measure: str, base, base_measure: str) -> float | None:
    """One figure of a row (`row.ehc`) as a percent of another (`base.roll`), or None where
    either is in its row's `hidden` (a set of figure names)."""
    hidden = measure in row.hidden or base_measure in base.hidden
    return shown_share(getattr(row, measure), getattr(base, base_measure), hidden)
