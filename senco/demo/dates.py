"""Random dates and choices for the demo's register history: school days, term starts,
rising dates with gaps between them."""

import datetime
import random


def pick(rng: random.Random, weights: dict[str, float], exclude: str = "") -> str:
    keys = [k for k in weights if k != exclude]
    return rng.choices(keys, [weights[k] for k in keys])[0]


def allocate(n: int, weights: dict[str, float]) -> list[str]:
    """`n` needs in the proportions of `weights` (largest remainder), in weight order."""
    total = sum(weights.values())
    exact = {k: n * w / total for k, w in weights.items()}
    counts = {k: int(v) for k, v in exact.items()}
    left = n - sum(counts.values())
    for k in sorted(exact, key=lambda k: exact[k] - counts[k], reverse=True)[:left]:
        counts[k] += 1
    return [k for k in weights for _ in range(counts[k])]


def off_weekend(d: datetime.date, lo: datetime.date, hi: datetime.date) -> datetime.date:
    """`d`, moved off a weekend when a weekday inside [lo, hi] is near."""
    if d.weekday() < 5:
        return d
    after = d + datetime.timedelta(days=7 - d.weekday())
    if after <= hi:
        return after
    before = d - datetime.timedelta(days=d.weekday() - 4)
    return before if before >= lo else d


def holiday(d: datetime.date) -> tuple[datetime.date, datetime.date] | None:
    """The summer or Christmas holiday around `d` (first and last day), if it is in one."""
    day = (d.month, d.day)
    if (7, 23) <= day <= (9, 2):
        return datetime.date(d.year, 7, 23), datetime.date(d.year, 9, 2)
    if day >= (12, 21):
        return d.replace(month=12, day=21), datetime.date(d.year + 1, 1, 3)
    if day <= (1, 3):
        return datetime.date(d.year - 1, 12, 21), d.replace(month=1, day=3)
    return None


def school_day(rng: random.Random, lo: datetime.date, hi: datetime.date) -> datetime.date:
    """A school day in [lo, hi]: not a weekend, not in the summer or Christmas holiday,
    unless the range leaves no choice."""
    d = lo + datetime.timedelta(days=rng.randint(0, max(0, (hi - lo).days)))
    around = holiday(d)
    if around is not None:
        if around[1] + days(1) <= hi:
            d = around[1] + days(1)
        elif around[0] - days(1) >= lo:
            d = around[0] - days(1)
    return off_weekend(d, lo, hi)


def term_start(year: int) -> datetime.date:
    d = datetime.date(year, 9, 3)
    return off_weekend(d, d, d + datetime.timedelta(days=7))


def days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


def event_dates(rng, lo, hi, gaps, final_range=None):
    """len(gaps) + 1 rising dates in [lo, hi], at least gaps[i] days apart, or None.

    With `final_range`, the last date falls inside it.
    """
    need = sum(gaps)
    if final_range is not None:
        f_lo, f_hi = max(final_range[0], lo + days(need)), min(final_range[1], hi)
        if f_lo > f_hi:
            return None
        dates = [school_day(rng, f_lo, f_hi)]
        for i in range(len(gaps) - 1, -1, -1):
            lower, upper = lo + days(sum(gaps[:i])), dates[0] - days(gaps[i])
            if lower > upper:
                return None
            dates.insert(0, school_day(rng, lower, upper))
        return dates
    if lo + days(need) > hi:
        return None
    dates = [school_day(rng, lo, hi - days(need))]
    for i, gap in enumerate(gaps):
        dates.append(school_day(rng, dates[-1] + days(gap), hi - days(sum(gaps[i + 1 :]))))
    return dates
