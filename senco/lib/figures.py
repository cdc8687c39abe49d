"""Counts and percents as every page shows them, with small numbers hidden where they must be.

Governors and trust leads see no pupil's name, so a count below 5 could identify a child:
they see "fewer than 5" and no percent. One rule, used by the tables and the charts alike.
"""

SMALL = 5


def shown_count(count: int | None, suppress: bool = False) -> str:
    """A count, or "fewer than 5" for users who see only suppressed figures."""
    if count is None:
        return "-"
    if suppress and count < SMALL:
        return "fewer than 5"
    return f"{count:,}"


def shown_share(count: int, total: int, suppress: bool = False) -> float | None:
    """count as a percent of total, or None where there is no total or it is suppressed."""
    if not total:
        return None
    if suppress and (count < SMALL or total < SMALL):
        return None
    return 100 * count / total
