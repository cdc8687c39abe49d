"""England's figures that a school's attendance, suspensions and results are set beside.

Every figure carries its year and its source (a key of `SOURCES`), as gathered in
shared/reference/national_send_outcomes.md. Update them here, and only here, when the DfE
publishes the next year's statistics. A figure the DfE has not published (or that was not
found) is simply absent: pages say "not published".

Groups are the school census's provision codes ("E" EHC plan, "K" SEN support, "N" no SEN)
and "all". Years are academic years by the calendar year they start in (2023 is 2023/24).
"""

from dataclasses import dataclass

from senco.lib.clock import academic_year_label

# Where each figure comes from, by the key the reference note uses.
SOURCES = {
    "L": "DfE Local Authority Interactive Tool (LAIT) bulk data, England rows, April 2026",
    "A1": 'DfE, "Pupil absence in schools in England", 2023/24 (March 2025)',
    "A3": 'DfE, "Pupil attendance in schools", autumn term 2024/25',
    "A4": 'DfE, "Pupil attendance in schools", autumn term 2023/24',
    "E1": 'DfE, "Suspensions and permanent exclusions in England", 2023/24',
    "E2": 'DfE, "Suspensions and permanent exclusions in England", 2021/22 (by SEN status)',
    "K1": 'DfE, "Key stage 2 attainment: national headlines", 2024/25',
}


@dataclass(frozen=True)
class Figure:
    """One England figure: its value, the academic year it is for, and its source key."""

    value: float
    year: int
    source: str

    @property
    def year_label(self) -> str:
        return academic_year_label(self.year)

    @property
    def source_text(self) -> str:
        return SOURCES[self.source]


def _rows(source: str, year: int, **values: float | None) -> list[tuple[str, Figure]]:
    groups = {"ehc": "E", "support": "K", "none": "N", "all": "all"}
    return [(groups[k], Figure(v, year, source)) for k, v in values.items() if v is not None]


# Each measure: (group, Figure) pairs, any order. State-funded primary, secondary and special.
FIGURES: dict[str, list[tuple[str, Figure]]] = {
    # Overall absence: % of possible sessions missed (full year, school census).
    "absence": [
        *_rows("A1", 2023, ehc=12.06, support=10.2, none=6.3),
        *_rows("L", 2023, all=7.15),
        *_rows("A1", 2022, ehc=12.03, support=10.2),
        *_rows("L", 2022, all=7.37),
        *_rows("L", 2024, all=6.78),
    ],
    # Persistent absence: % of enrolments missing 10% or more of possible sessions.
    "persistent": [
        *_rows("A1", 2023, ehc=35.5, support=30.1, none=16.8),
        *_rows("L", 2023, all=19.95),
        *_rows("A1", 2022, ehc=36.0, support=31.1, none=18.4),
        *_rows("L", 2022, all=21.22),
        *_rows("L", 2024, all=18.14),
    ],
    # Suspensions per 100 pupils (January census headcount).
    "suspensions": [
        *_rows("L", 2023, all=11.31),
        *_rows("E2", 2021, ehc=17.63, support=18.59, none=4.69, all=6.91),
    ],
    # Permanent exclusions per 100 pupils.
    "permanent": [*_rows("L", 2023, all=0.13)],
    # % of pupils with one or more suspensions.
    "suspended_pupils": [*_rows("L", 2023, all=4.04)],
    # KS2: % meeting the expected standard in reading, writing and maths combined.
    "ks2_rwm": [
        *_rows("L", 2024, ehc=9, support=29, none=74, all=63),
        *_rows("L", 2023, ehc=9, support=26, none=72, all=61),
    ],
    # KS4: average Attainment 8.
    "ks4_attainment8": [
        *_rows("L", 2024, ehc=14.8, support=33.8, none=50.2, all=46.0),
        *_rows("L", 2023, ehc=14.2, support=33.1, none=49.8, all=45.9),
    ],
}

# The number of suspensions and permanent exclusions in England, by group (E1, 2023/24).
SUSPENSION_COUNTS = {"E": 101_381, "K": 330_908, "all": 954_952}
PERMANENT_COUNTS = {"E": 1_044, "K": 4_639, "all": 10_900}
COUNTS_YEAR = 2023
COUNTS_SOURCE = "E1"

# What each measure is called where a page names England's figure.
MEASURE_NAMES = {
    "absence": "overall absence",
    "persistent": "persistent absence",
    "suspensions": "suspensions per 100 pupils",
    "permanent": "permanent exclusions per 100 pupils",
    "suspended_pupils": "pupils with one or more suspensions",
    "sen_share": "share of suspensions to pupils with SEN",
    "ks2_rwm": "key stage 2 reading, writing and maths at the expected standard",
    "ks4_attainment8": "average Attainment 8",
}


def england(measure: str, group: str, year: int) -> Figure | None:
    """England's figure for the group nearest to `year`: the latest published for that year
    or before, else the earliest after; None when none is published."""
    found = [f for g, f in FIGURES.get(measure, ()) if g == group]
    if measure == "sen_share":
        found = [f for f in [sen_share(group)] if f is not None]
    before = [f for f in found if f.year <= year]
    if before:
        return max(before, key=lambda f: f.year)
    return min(found, key=lambda f: f.year, default=None)


def englands(measure: str, year: int) -> dict[str, Figure | None]:
    """England's figure for each group, "E", "K", "N" and "all"."""
    return {g: england(measure, g, year) for g in ("E", "K", "N", "all")}


def sen_share(group: str = "all") -> Figure | None:
    """The share of England's suspensions that fell to pupils with an EHC plan ("E"), at SEN
    support ("K") or either ("all", the share to pupils with SEN), in percent."""
    counts = SUSPENSION_COUNTS
    if group == "all":
        part = counts["E"] + counts["K"]
    elif group in counts:
        part = counts[group]
    else:
        return None
    return Figure(round(100 * part / counts["all"], 1), COUNTS_YEAR, COUNTS_SOURCE)


def sources_of(figures) -> list[str]:
    """The sources of some figures, each once, as text with its year, in a fixed order."""
    seen: dict[tuple, str] = {}
    for f in figures:
        if f is not None:
            seen.setdefault((f.source, f.year), f"{f.source_text} (figures for {f.year_label})")
    return [seen[k] for k in sorted(seen)]
