"""Impact: what pupils gained in an intervention, worked out from their scores at entry and
exit. Pure functions of the rows' values, no queries (the queries are in
`impact_selectors.py`, the money in `costs.py`).

- Gain: the score at exit less the score at entry, on the intervention's measure.
- Ratio gain (age measures: reading or spelling age in months): months gained divided by
  the months between the two scores. 1.0 is the ordinary rate of progress (a month of
  reading age a month); Greg Brooks, "What works for children and young people with
  literacy difficulties?" (5th edition, 2016) reads under 1.4 as modest impact, 1.4 or
  more as useful, 2 or more as substantial and 3 or more as remarkable (`RATIO_BANDS`).
- Exit criteria met: a score at or above the intervention's exit threshold, or for an age
  measure no more than that many months behind the pupil's age on the day of the exit
  score.
- Effect size (standardised scores): Cohen's d, the mean gain divided by the pooled
  standard deviation of the scores at entry and at exit, sqrt((SD entry² + SD exit²) / 2),
  each a sample standard deviation. Cohen's rough guide: 0.2 small, 0.5 medium, 0.8 large.
- Too few to judge: averages, shares and the effect size of fewer than 5 pupils with both
  scores are not shown (`TOO_FEW`); each pupil's own gain still is.
"""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from senco.provision.models import AGE_MEASURES, Measure

# Fewer pupils than this with both scores: "too few pupils to judge".
TOO_FEW = 5
TENTH = Decimal("0.1")
HUNDREDTH = Decimal("0.01")
# The average length of a month in days (365.25 / 12), for months between two scores.
DAYS_A_MONTH = Decimal("30.4375")

BROOKS = (
    'Greg Brooks, "What works for children and young people with literacy difficulties?" '
    "(5th edition, 2016)"
)
# (at least, what it means), highest first.
RATIO_BANDS = (
    (Decimal(3), "remarkable impact"),
    (Decimal(2), "substantial impact"),
    (Decimal("1.4"), "useful impact"),
    (Decimal(0), "modest impact"),
)
COHEN = "Jacob Cohen, Statistical Power Analysis for the Behavioral Sciences (1988)"
EFFECT_BANDS = (
    (Decimal("0.8"), "large"),
    (Decimal("0.5"), "medium"),
    (Decimal("0.2"), "small"),
)


def tenth(value) -> Decimal:
    return Decimal(value).quantize(TENTH, rounding=ROUND_HALF_UP)


def is_age_measure(measure: str) -> bool:
    return measure in AGE_MEASURES


def too_few(n: int) -> bool:
    return n < TOO_FEW


def too_few_text(n: int) -> str:
    return f"Too few pupils to judge (n = {n})"


# --- One pupil ---------------------------------------------------------------------------


def months_between(start: datetime.date, end: datetime.date) -> Decimal:
    """Months from one day to another, to a tenth (days over the average month)."""
    return tenth(Decimal((end - start).days) / DAYS_A_MONTH)


def age_in_months(date_of_birth: datetime.date, on: datetime.date) -> int:
    """A pupil's age in completed months on a day, as a reading test reports it."""
    months = (on.year - date_of_birth.year) * 12 + on.month - date_of_birth.month
    return months - (1 if on.day < date_of_birth.day else 0)


def gain(baseline: Decimal | None, exit: Decimal | None) -> Decimal | None:
    """The score at exit less the score at entry; None when either is missing."""
    if baseline is None or exit is None:
        return None
    return Decimal(exit) - Decimal(baseline)


def ratio_gain(
    months_gained: Decimal | None, start: datetime.date | None, end: datetime.date | None
) -> Decimal | None:
    """Months gained per month between the two scores, to a tenth; None when a score or
    its date is missing, or the exit score is not after the entry score."""
    if months_gained is None or start is None or end is None or end <= start:
        return None
    months = Decimal((end - start).days) / DAYS_A_MONTH
    return tenth(Decimal(months_gained) / months)


def ratio_band(ratio: Decimal | None) -> str:
    """What a ratio gain means on Brooks's scale."""
    if ratio is None:
        return ""
    for floor, meaning in RATIO_BANDS:
        if ratio >= floor:
            return meaning
    return "no progress"


def months_behind(age_score: Decimal, date_of_birth: datetime.date, on: datetime.date) -> Decimal:
    """How many months a reading (or spelling) age is behind the pupil's age that day;
    negative when ahead."""
    return Decimal(age_in_months(date_of_birth, on)) - Decimal(age_score)


def meets_exit(
    measure: str,
    threshold: Decimal | None,
    exit_score: Decimal | None,
    *,
    exit_on: datetime.date | None = None,
    date_of_birth: datetime.date | None = None,
) -> bool | None:
    """Whether an exit score meets the exit criteria; None when it cannot be said (no
    threshold, no exit score, or for an age measure no date for the exit score)."""
    if threshold is None or exit_score is None:
        return None
    if is_age_measure(measure):
        if exit_on is None or date_of_birth is None:
            return None
        return months_behind(exit_score, date_of_birth, exit_on) <= threshold
    return Decimal(exit_score) >= threshold


@dataclass(frozen=True)
class PupilImpact:
    """One member's scores and what they mean."""

    measure: str
    baseline: Decimal | None
    baseline_on: datetime.date | None
    exit: Decimal | None
    exit_on: datetime.date | None
    gain: Decimal | None
    ratio: Decimal | None
    met_exit: bool | None
    behind_at_exit: Decimal | None

    @property
    def has_both(self) -> bool:
        return self.gain is not None

    @property
    def missing(self) -> str:
        """What is missing, in words, or ""."""
        if self.baseline is None and self.exit is None:
            return "No scores recorded yet"
        if self.baseline is None:
            return "No score at entry recorded"
        if self.exit is None:
            return "No score at exit yet"
        return ""

    @property
    def ratio_band(self) -> str:
        return ratio_band(self.ratio)


def pupil_impact(
    measure: str,
    *,
    baseline: Decimal | None,
    baseline_on: datetime.date | None,
    exit: Decimal | None,
    exit_on: datetime.date | None,
    date_of_birth: datetime.date | None,
    exit_threshold: Decimal | None,
) -> PupilImpact:
    gained = gain(baseline, exit)
    age = is_age_measure(measure)
    return PupilImpact(
        measure=measure,
        baseline=baseline,
        baseline_on=baseline_on,
        exit=exit,
        exit_on=exit_on,
        gain=gained,
        ratio=ratio_gain(gained, baseline_on, exit_on) if age else None,
        met_exit=meets_exit(
            measure, exit_threshold, exit, exit_on=exit_on, date_of_birth=date_of_birth
        ),
        behind_at_exit=(
            months_behind(exit, date_of_birth, exit_on)
            if age and exit is not None and exit_on and date_of_birth
            else None
        ),
    )


# --- Many pupils -------------------------------------------------------------------------


def mean(values: Sequence[Decimal]) -> Decimal | None:
    return sum(values, Decimal(0)) / len(values) if values else None


def sample_sd(values: Sequence[Decimal]) -> Decimal | None:
    """The sample standard deviation (n - 1); None for fewer than two values."""
    if len(values) < 2:
        return None
    average = mean(values)
    return (sum((v - average) ** 2 for v in values) / (len(values) - 1)).sqrt()


def effect_size(baselines: Sequence[Decimal], exits: Sequence[Decimal]) -> Decimal | None:
    """Cohen's d: mean gain over the pooled standard deviation of the entry and exit scores,
    sqrt((SD entry² + SD exit²) / 2), to two places. The two lists are the same pupils',
    in the same order. None for fewer than two pupils or no spread at all."""
    if len(baselines) != len(exits):
        raise ValueError("Entry and exit scores must be the same pupils'")
    sd_in, sd_out = sample_sd(baselines), sample_sd(exits)
    if sd_in is None or sd_out is None:
        return None
    pooled = ((sd_in**2 + sd_out**2) / 2).sqrt()
    if pooled == 0:
        return None
    gains = [Decimal(b) - Decimal(a) for a, b in zip(baselines, exits, strict=True)]
    return (mean(gains) / pooled).quantize(HUNDREDTH, rounding=ROUND_HALF_UP)


def effect_band(d: Decimal | None) -> str:
    """Cohen's rough guide: 0.2 small, 0.5 medium, 0.8 large (by size, either way)."""
    if d is None:
        return ""
    for floor, meaning in EFFECT_BANDS:
        if abs(d) >= floor:
            return meaning
    return "very small"


@dataclass(frozen=True)
class Summary:
    """What the pupils of a group (or of every group of an intervention) gained.

    `n` pupils have both scores. When `judged` is False (fewer than 5), the averages, the
    share meeting the exit criteria and the effect size are None: say `too_few_text`."""

    measure: str
    members: int
    n: int
    mean_gain: Decimal | None
    total_gain: Decimal | None
    mean_ratio: Decimal | None
    exit_assessed: int
    exit_met: int
    exit_share: Decimal | None
    effect_size: Decimal | None

    @property
    def judged(self) -> bool:
        return not too_few(self.n)

    @property
    def too_few_text(self) -> str:
        return too_few_text(self.n)

    @property
    def is_age(self) -> bool:
        return is_age_measure(self.measure)

    @property
    def unit(self) -> str:
        return "month" if self.is_age else "point"

    @property
    def ratio_band(self) -> str:
        return ratio_band(self.mean_ratio)

    @property
    def effect_band(self) -> str:
        return effect_band(self.effect_size)


def summarise(measure: str, pupils: Iterable[PupilImpact], members: int) -> Summary:
    """The group's (or intervention's) figures from its members' impacts."""
    both = [p for p in pupils if p.has_both]
    assessed = [p for p in both if p.met_exit is not None]
    met = sum(1 for p in assessed if p.met_exit)
    judged = not too_few(len(both))
    gains = [p.gain for p in both]
    ratios = [p.ratio for p in both if p.ratio is not None]
    standardised = measure == Measure.STANDARDISED
    return Summary(
        measure=measure,
        members=members,
        n=len(both),
        mean_gain=tenth(mean(gains)) if judged else None,
        total_gain=sum(gains, Decimal(0)) if judged else None,
        mean_ratio=tenth(mean(ratios)) if judged and ratios else None,
        exit_assessed=len(assessed),
        exit_met=met,
        exit_share=(tenth(Decimal(100) * met / len(assessed)) if judged and assessed else None),
        effect_size=(
            effect_size([p.baseline for p in both], [p.exit for p in both])
            if judged and standardised
            else None
        ),
    )


def attendance_rate(attended: int, held: int) -> Decimal | None:
    """Sessions attended as a percent of the sessions held while a member, to a tenth."""
    if not held:
        return None
    return tenth(Decimal(100) * attended / held)


def pounds(value: Decimal | None) -> str:
    """£1,234.50; "" for None."""
    if value is None:
        return ""
    value = Decimal(value).quantize(HUNDREDTH, rounding=ROUND_HALF_UP)
    sign = "-" if value < 0 else ""
    return f"{sign}£{abs(value):,.2f}"
