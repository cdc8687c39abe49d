"""What the census would get wrong: the register read as the DfE's school census reads it.

`census_problems(school, pupils, today)` reads the pupils given (a queryset the caller has
limited to what the person may see) in four queries whatever their number (the pupils with
anything on the register; the EHC plans of those at E; the SEN support plans of those at
K; the register changes parents were not told of), plus the school's term dates. Each
problem is a `Line`: one pupil, what is wrong in plain English. A pupil is listed once per
problem. Which codes the census accepts: senco/lib/codes.py (its source: the DfE's guide).
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from senco.ehcp.selectors import pupils_without_plan
from senco.lib import clock
from senco.lib.codes import LEGACY_PROVISION, ON_REGISTER, Need, Provision, year_group_label
from senco.lib.prepared import Prepared
from senco.plans.selectors import pupils_with_plan_since
from senco.pupils.models import Pupil
from senco.register.models import RegisterChange
from senco.schools.selectors import saved_terms
from senco.year.census import CensusDay, next_census_day
from senco.year.models import CensusCheck

NEEDS = {need.value: need.label for need in Need}
PROVISIONS = {p.value: p.label for p in Provision}
# "NSA: SEN support but no specialist assessment of type of need" is for pupils at K only.
NSA_ONLY_AT = Provision.SEN_SUPPORT
PUPIL_FIELDS = (
    "forename",
    "preferred_name",
    "legal_surname",
    "year_group",
    "school_id",
    "sen_provision",
    "primary_need",
    "secondary_need",
)


@dataclass(frozen=True)
class Problem:
    """One kind of thing the census would get wrong, and what fixes it."""

    key: str
    heading: str  # "No primary need"
    why: str  # what the census does with it, in plain English
    fix: str  # the fix link's words: "Record the primary need"
    # Where the fix is: "register" (the register change form), "ehc_plan" (the EHC plan's
    # form), "plans" (the pupil's SEN support plans), "parents" (the pupil's page, where
    # "parents told" is recorded).
    fixed_at: str


PROBLEMS = (
    Problem(
        "no_primary",
        "At SEN support or with an EHC plan, but no primary need",
        "The census needs a primary type of need for every pupil at K or E.",
        "Record the primary need",
        "register",
    ),
    Problem(
        "same_needs",
        "Secondary need the same as the primary need",
        "A secondary need must be a different need from the primary one, or left blank.",
        "Change the secondary need",
        "register",
    ),
    Problem(
        "bad_need",
        "A need code the census does not accept",
        "The census accepts only its own need codes, and NSA only for pupils at SEN support.",
        "Choose a census need code",
        "register",
    ),
    Problem(
        "old_provision",
        "An old provision code (A, P or S)",
        "School Action, School Action Plus and statements ended in 2014: the census takes "
        "only N, K and E.",
        "Choose N, K or E",
        "register",
    ),
    Problem(
        "need_off_register",
        "A need recorded for a pupil not on the register",
        "The census records a type of need only for pupils at K or E.",
        "Put them on the register or clear the need",
        "register",
    ),
    Problem(
        "no_ehc_plan",
        "At E with no EHC plan recorded",
        "A pupil at E must have an EHC plan: record it (the local authority and when it was "
        "issued), or change the provision if the plan has not been issued.",
        "Record the EHC plan",
        "ehc_plan",
    ),
    Problem(
        "no_recent_plan",
        "At SEN support with no plan in the last two terms",
        "A pupil at SEN support needs a plan reviewed at least termly (SEND Code of Practice "
        "6.48, 6.52); without one, ask whether K is still right before the census reports it.",
        "Start or review the plan",
        "plans",
    ),
    Problem(
        "parents_not_told",
        "A register change the parents were never told of",
        "Parents must be told when the school makes SEN provision for their child or stops "
        "(SEND Code of Practice 6.43 and 6.58).",
        "Record that the parents were told",
        "parents",
    ),
)
PROBLEM_KEYS = tuple(p.key for p in PROBLEMS)


@dataclass
class Line:
    """One pupil with one problem."""

    pupil_id: int
    name: str
    year_group: int
    detail: str

    @property
    def year_label(self) -> str:
        return year_group_label(self.year_group)


@dataclass
class CensusProblems:
    census: CensusDay
    today: datetime.date
    # The first day counted as "the last two terms" and "recent": the previous term's start.
    since: datetime.date
    lines: dict[str, list[Line]] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(len(lines) for lines in self.lines.values())

    @property
    def pupil_ids(self) -> list[int]:
        return list(dict.fromkeys(line.pupil_id for ls in self.lines.values() for line in ls))

    def counts(self) -> dict[str, int]:
        return {key: len(self.lines.get(key, [])) for key in PROBLEM_KEYS}

    def groups(self) -> list[tuple[Problem, list[Line]]]:
        """The problems found, in the order of PROBLEMS, each with its lines."""
        return [(p, self.lines[p.key]) for p in PROBLEMS if self.lines.get(p.key)]


def _need(code: str) -> str:
    label = NEEDS.get(code)
    return f"{code} ({label})" if label else f"“{code}”"


def _register_lines(pupils: list[Pupil]) -> dict[str, list[Line]]:
    found: dict[str, list[Line]] = {key: [] for key in PROBLEM_KEYS}

    def add(key: str, pupil: Pupil, detail: str) -> None:
        found[key].append(Line(pupil.pk, pupil.full_name, pupil.year_group, detail))

    for p in pupils:
        provision, primary, secondary = p.sen_provision, p.primary_need, p.secondary_need
        on_register = provision in ON_REGISTER
        if provision in LEGACY_PROVISION:
            add("old_provision", p, f"Provision {provision}: {LEGACY_PROVISION[provision]}.")
        elif provision not in PROVISIONS:
            add("old_provision", p, f"Provision “{provision}” is not a census code.")
        if on_register and not primary:
            extra = f" (a secondary need of {_need(secondary)} is recorded)" if secondary else ""
            add("no_primary", p, f"{PROVISIONS[provision]} with no primary need{extra}.")
        if primary and secondary and primary == secondary:
            add("same_needs", p, f"Both needs are {_need(primary)}.")
        bad = [
            f"{which} need {_need(code)} is not a census code"
            for which, code in (("Primary", primary), ("Secondary", secondary))
            if code and code not in NEEDS
        ]
        if provision == Provision.EHC_PLAN and Need.NSA in (primary, secondary):
            bad.append("NSA is only for pupils at SEN support (K), not with an EHC plan")
        if bad:
            add("bad_need", p, "; ".join(bad) + ".")
        if provision == Provision.NONE and (primary or secondary):
            recorded = " and ".join(_need(code) for code in (primary, secondary) if code)
            add("need_off_register", p, f"Not on the register (N), but {recorded} recorded.")
    return found


def _not_told_lines(pupils: QuerySet[Pupil], since: datetime.date) -> list[Line]:
    """One line for each pupil with a register change since `since` whose parents were not
    told, naming the latest such change. One query."""
    rows = (
        RegisterChange.objects.filter(
            pupil__in=pupils, parents_told=False, effective_date__gte=since
        )
        .order_by("pupil__surname_key", "pupil__forename_key", "pupil_id", "-effective_date")
        .values_list(
            "pupil_id",
            "effective_date",
            "from_provision",
            "to_provision",
            "pupil__forename",
            "pupil__legal_surname",
            "pupil__year_group",
        )
    )
    lines: dict[int, Line] = {}
    for pupil_id, day, before, after, forename, surname, year in rows:
        if pupil_id in lines:
            continue
        if before != after:
            what = f"moved from {PROVISIONS.get(before, before)} to {PROVISIONS.get(after, after)}"
        else:
            what = "needs changed"
        detail = f"On {day:%-d %B %Y}: {what}. The parents have not been told."
        lines[pupil_id] = Line(pupil_id, f"{forename} {surname}", year, detail)
    return list(lines.values())


def census_problems(school, pupils: QuerySet[Pupil], today: datetime.date) -> CensusProblems:
    """What the census would get wrong about these pupils (the caller's queryset, limited to
    what the person may see), before the next census day on or after `today`."""
    since = clock.previous_term(saved_terms(school), today).starts_on
    found = CensusProblems(next_census_day(today), today, since)
    listed = list(
        pupils.filter(
            ~Q(sen_provision=Provision.NONE) | ~Q(primary_need="") | ~Q(secondary_need="")
        )
        .only(*PUPIL_FIELDS)
        .order_by("surname_key", "forename_key", "pk")
    )
    found.lines = _register_lines(listed)
    without = pupils_without_plan(listed)
    found.lines["no_ehc_plan"] = [
        Line(p.pk, p.full_name, p.year_group, "At E on the register; no EHC plan recorded.")
        for p in listed
        if p.pk in without
    ]
    at_k = [p for p in listed if p.sen_provision == Provision.SEN_SUPPORT]
    if at_k:
        planned = pupils_with_plan_since(pupils.filter(sen_provision=Provision.SEN_SUPPORT), since)
        found.lines["no_recent_plan"] = [
            Line(
                p.pk,
                p.full_name,
                p.year_group,
                f"No plan started or reviewed since {since:%-d %B %Y}.",
            )
            for p in at_k
            if p.pk not in planned
        ]
    found.lines["parents_not_told"] = _not_told_lines(pupils, since)
    return found


def checks_before(school, census: CensusDay, limit: int = 5) -> list[CensusCheck]:
    """The latest checks run for this census day, newest first, with who ran them."""
    return list(
        CensusCheck.objects.filter(school=school, census_day=census.date)
        .select_related("run_by")
        .order_by("-run_at", "-pk")[:limit]
    )


def latest_checks(school, days: list[datetime.date]) -> dict[datetime.date, CensusCheck]:
    """The last check run for each of these census days, by day. One query."""
    latest: dict[datetime.date, CensusCheck] = {}
    for check in CensusCheck.objects.filter(school=school, census_day__in=days).order_by(
        "run_at", "pk"
    ):
        latest[check.census_day] = check
    return latest


_last_check = Prepared(
    lambda school, since: CensusCheck.objects.filter(school_id=school, run_at__gte=since).order_by(
        "-run_at", "-pk"
    )[:1]
)


def last_check_since(school, since: datetime.datetime) -> CensusCheck | None:
    """The last check run at the school since a moment, or None. One query, written once
    (senco/lib/prepared.py): the SENCO's home page asks it."""
    return _last_check.first(school=school.pk, since=since)
