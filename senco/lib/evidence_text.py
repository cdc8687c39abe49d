"""How a figure offered as evidence reads (`senco.registry.Figure.value`), one rule for every
app: a count, "n of m (p%)", or "hidden" for a count that someone who sees no names may not
see (senco/lib/figures.py: a percent is shown only where both its counts are)."""

from senco.lib.disclosure import Sum, is_small, protect
from senco.lib.figures import HIDDEN


def count(n: int, *, hidden: bool = False) -> str:
    """A count, or "hidden"."""
    return HIDDEN if hidden else f"{n:,}"


def percent(value: float | None) -> str:
    """A percent to one decimal place; "" for none."""
    return "" if value is None else f"{value:.1f}%"


def part_of(part: int, whole: int, *, hidden: bool = False, whole_hidden: bool = False) -> str:
    """ "14 of 16 (88%)": hidden when the part is hidden; the percent left out when either
    count is hidden or there is nothing to take a percent of."""
    if hidden:
        return HIDDEN
    if whole_hidden:
        return f"{part:,}"
    if not whole:
        return f"{part:,} of 0"
    return f"{part:,} of {whole:,} ({100 * part / whole:.0f}%)"


def hidden_if_small(n: int, suppress: bool) -> bool:
    """A lone count with nothing that adds up to it: hidden from someone who sees no names
    when it is from 1 to 4 (senco.lib.disclosure.is_small)."""
    return suppress and is_small(n)


def hidden_pair(part: int, whole: int, suppress: bool) -> tuple[bool, bool]:
    """Whether to hide `part` and `whole` of "part of whole" from someone who sees no names:
    the rest (whole less part) can be worked out from them, so it counts too
    (senco.lib.disclosure.protect over whole = part + rest)."""
    if not suppress:
        return False, False
    values = {"whole": whole, "part": part, "rest": whole - part}
    hidden = protect(values, [Sum("whole", ("part", "rest"))]).hidden
    return "part" in hidden, "whole" in hidden


def part_of_shown(part: int, whole: int, suppress: bool) -> str:
    """ "part of whole (p%)" as someone who does or does not see names may read it."""
    part_hidden, whole_hidden = hidden_pair(part, whole, suppress)
    return part_of(part, whole, hidden=part_hidden, whole_hidden=whole_hidden)
