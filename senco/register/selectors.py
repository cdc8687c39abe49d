"""Reads of the register: the filtered list of pupils and the summary figures."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from typing import NamedTuple

from django.db.models import Count, Q, QuerySet

from senco.access import Scope, pupils_visible, scope_args
from senco.lib.codes import (
    YEAR_GROUP_LABELS,
    BroadArea,
    Need,
    Provision,
    Sex,
    broad_area,
    needs_in_area,
)
from senco.lib.prepared import Prepared
from senco.pupils.models import Pupil, PupilNaming
from senco.pupils.selectors import pupil_name_or_upn
from senco.register import national
from senco.register.models import RegisterChange

# Names sort by their keys (Çelik with the Cs) and groups by theirs (7K before 10K): see
# senco/lib/keys.py.
NAME = ("surname_key", "forename_key")
SORTS = {
    "name": NAME,
    "upn": ("upn",),
    "year": ("year_group", "reg_group_key", *NAME),
    "reg": ("reg_group_key", *NAME),
    "provision": ("sen_provision", *NAME),
    "primary": ("primary_need", *NAME),
    "secondary": ("secondary_need", *NAME),
    "area": ("primary_need", *NAME),
    "sex": ("sex", *NAME),
    "pp": ("pupil_premium", *NAME),
    "eal": ("eal", *NAME),
    "lac": ("looked_after", *NAME),
    "since": ("on_register_since", *NAME),
}

YES_NO_FILTERS = {"pp": "pupil_premium", "eal": "eal", "lac": "looked_after"}
# The filters whose value the SQL compares a column with, as the value itself: a query
# written once (senco/lib/prepared.py) takes each as an argument.
VALUE_FILTERS = ("reg", "provision", "primary", "secondary", "need", "sex")

# Pupils on a page of the register.
PAGE_SIZE = 250


class RegisterShape(NamedTuple):
    """What the SQL of a register query is made of, apart from the school, the user, the
    year group and the values of `VALUE_FILTERS`: the `shape` of its queries written once
    (senco/lib/prepared.py), each shape its own SQL."""

    visibility: str  # senco.access.visibility
    show_all: bool
    words: tuple[str, ...]  # searched for in names and UPNs
    area: str
    yes_no: tuple[tuple[str, bool], ...]  # (field, wanted) of the YES_NO_FILTERS in use
    not_told: bool
    order: tuple[str, ...]
    start: int = 0  # of a page of rows: its first row's position


def register_query(*, scope: Scope, params: dict) -> tuple[RegisterShape, dict]:
    """The register's filters, `params` (the cleaned values of its filter form), as the
    shape of its SQL and the other arguments of `register_pupils_of`."""
    args = scope_args(scope)
    if params.get("year") not in (None, ""):
        args["year"] = int(params["year"])
    for key in VALUE_FILTERS:
        if params.get(key):
            args[key] = params[key]
    order = SORTS.get(params.get("sort") or "name", SORTS["name"])
    if params.get("dir") == "desc":
        order = (f"-{order[0]}", *order[1:])
    shape = RegisterShape(
        visibility=args.pop("shape"),
        show_all=bool(params.get("show_all")),
        words=tuple((params.get("q") or "").split()),
        area=params.get("area") or "",
        yes_no=tuple(
            (field_name, params[key] == "yes")
            for key, field_name in YES_NO_FILTERS.items()
            if params.get(key) in ("yes", "no")
        ),
        not_told=bool(params.get("not_told")),
        order=order,
    )
    return shape, args


def register_pupils_of(shape: RegisterShape, school: int, user: int, **values) -> QuerySet[Pupil]:
    """The register's pupils for `register_query`'s shape and arguments: what
    `register_pupils` reads, and the queries of the register's page written once."""
    pupils = pupils_visible(shape.visibility, school, user)
    if not shape.show_all:
        pupils = pupils.on_register()
    for word in shape.words:
        pupils = pupils.filter(pupil_name_or_upn(word))
    if "year" in values:
        pupils = pupils.filter(year_group=values["year"])
    if "reg" in values:
        pupils = pupils.filter(reg_group=values["reg"])
    if "provision" in values:
        pupils = pupils.filter(sen_provision=values["provision"])
    if "primary" in values:
        pupils = pupils.filter(primary_need=values["primary"])
    if "secondary" in values:
        pupils = pupils.filter(secondary_need=values["secondary"])
    if "need" in values:
        pupils = pupils.filter(Q(primary_need=values["need"]) | Q(secondary_need=values["need"]))
    if shape.area:
        pupils = pupils.filter(primary_need__in=needs_in_area(shape.area))
    if "sex" in values:
        pupils = pupils.filter(sex=values["sex"])
    for field_name, wanted in shape.yes_no:
        pupils = pupils.filter(**{field_name: wanted})
    if shape.not_told:
        pupils = pupils.filter(parents_not_told=True)
    return pupils.order_by(*shape.order, "pk")


def register_pupils(*, scope: Scope, params: dict) -> QuerySet[Pupil]:
    """The pupils of the register the user may see, filtered and sorted by `params`.

    `params` are the cleaned values of the register's filter form.
    """
    shape, args = register_query(scope=scope, params=params)
    return register_pupils_of(shape, **args)


@dataclass(slots=True)
class RegisterPupil(PupilNaming):
    """A pupil as the register's page reads it: the fields its table shows, which are also
    what capabilities' notes beside a pupil read (`registry.pupil_notes_for`: the id, the
    provision, the name) and what the audit needs (the id).

    Read as tuples rather than as models: making 200 `Pupil`s of 25 columns, with the dates
    and times of columns the page never shows converted, was a fifth of the page's time
    (issue 13). Not frozen: a frozen dataclass sets each field through
    `object.__setattr__`, eight times the making of a plain one (2 ms for a page)."""

    pk: int
    school_id: int
    upn: str
    legal_surname: str
    forename: str
    year_group: int
    reg_group: str
    sen_provision: str
    primary_need: str
    secondary_need: str
    sex: str
    pupil_premium: bool
    eal: bool
    looked_after: bool
    on_register_since: datetime.date | None
    parents_not_told: bool


REGISTER_FIELDS = tuple(f.name for f in fields(RegisterPupil))

# The page's two queries, written once: how many pupils, and one page of them.
_count = Prepared(
    lambda **args: (
        register_pupils_of(**args)
        .order_by()
        # Grouped by the school, which every pupil listed shares: one row, or none.
        .values("school_id")
        .annotate(n=Count("pk"))
        .values_list("n")
    )
)
_page = Prepared(
    lambda shape, **args: register_pupils_of(shape, **args).values_list(*REGISTER_FIELDS)[
        shape.start : shape.start + PAGE_SIZE
    ]
)


class RegisterListing:
    """The register's pupils as its page's paginator reads them: `count()`, and a page of
    them as `RegisterPupil`s, each by one query.

    The ORM would build and compile both queries at every request, a millisecond and more
    of the page; they are written once for each shape (senco/lib/prepared.py) instead.
    Except when a search by name (a LIKE pattern, which a query written once cannot take)
    or more than one filter is in use: those run through the ORM, so that the SQL kept by
    each process stays a few texts for each way of sorting, not one for every combination
    of the filters. Either way the SQL is `register_pupils_of`'s."""

    def __init__(self, *, scope: Scope, params: dict):
        self.shape, self.args = register_query(scope=scope, params=params)
        shape = self.shape
        # The arguments beyond the school and the user are the value filters in use.
        filters = len(self.args) - 2 + bool(shape.area) + len(shape.yes_no) + shape.not_told
        self.written_once = not shape.words and filters <= 1

    def count(self) -> int:
        if not self.written_once:
            return register_pupils_of(self.shape, **self.args).count()
        rows = _count.rows(shape=self.shape, **self.args)
        return rows[0][0] if rows else 0

    def __getitem__(self, rows: slice) -> list[RegisterPupil]:
        """The pupils of a page: `rows` is the slice a paginator of `PAGE_SIZE` asks for,
        from a page's first row to its end (or to the last pupil, on the last page)."""
        start = rows.start or 0
        if start % PAGE_SIZE or rows.stop - start > PAGE_SIZE:
            raise ValueError(f"Not a page of {PAGE_SIZE} pupils: {rows}")
        if self.written_once:
            found = _page.rows(shape=self.shape._replace(start=start), **self.args)
        else:
            queryset = register_pupils_of(self.shape, **self.args)
            found = queryset.values_list(*REGISTER_FIELDS)[rows]
        return [RegisterPupil(*row) for row in found]


_not_told = Prepared(
    lambda **args: (
        pupils_visible(**args)
        .filter(parents_not_told=True)
        .order_by()
        .values("school_id")  # one school: one row, or none
        .annotate(n=Count("pk"))
        .values_list("n")
    )
)


def parents_not_told_count(*, scope: Scope) -> int:
    """How many of the pupils the user sees have parents not yet told of a change: one
    query, written once (the register shows it at every request)."""
    rows = _not_told.rows(**scope_args(scope))
    return rows[0][0] if rows else 0


# --- Summary -------------------------------------------------------------------------------


@dataclass
class Row:
    label: str
    roll: int = 0
    ehc: int = 0
    support: int = 0
    national_ehc: float | None = None
    national_support: float | None = None
    # Which row this is: ("total", ""), ("year", "7"), ("sex", "F"), ("pp", "yes"),
    # ("area", "CL"), ("need", "MLD"). The same row of two schools has the same key.
    key: tuple[str, str] = ("total", "")
    # The figures of the row ("roll", "ehc", "support") hidden from the person looking,
    # decided for the whole trust at once (senco/register/disclosure.py). Empty for those
    # who see exact figures.
    hidden: frozenset[str] = frozenset()

    @property
    def ehc_percent(self) -> float | None:
        return 100 * self.ehc / self.roll if self.roll else None

    @property
    def support_percent(self) -> float | None:
        return 100 * self.support / self.roll if self.roll else None

    @property
    def on_register(self) -> int:
        return self.ehc + self.support


@dataclass
class Breakdown:
    title: str
    caption: str
    rows: list[Row] = field(default_factory=list)
    # "roll": percent of the pupils in each row; "register": share of the register.
    basis: str = "roll"
    national_note: str = ""
    national_label: str = "England"


@dataclass
class Summary:
    total: Row
    breakdowns: list[Breakdown]
    national_source: str = national.SEN_IN_ENGLAND_2025

    def rows(self) -> list[Row]:
        """Every row of every table: the total first."""
        return [self.total] + [row for b in self.breakdowns for row in b.rows]


class GroupCount(NamedTuple):
    """How many pupils of one school share a year group, sex, pupil premium, provision and
    primary need."""

    school_id: int
    year_group: int
    sex: str
    pupil_premium: bool
    sen_provision: str
    primary_need: str
    n: int


def _counts(pupils: QuerySet[Pupil]) -> tuple[GroupCount, ...]:
    """The pupils counted in groups, in one query, sorted: the same pupils give the same
    tuple (the figures a trust's pages hide are decided from it, and remembered by it)."""
    fields = [f for f in GroupCount._fields if f != "n"]
    rows = pupils.order_by().values(*fields).annotate(n=Count("pk"))
    return tuple(sorted(GroupCount(**row) for row in rows))


def _add(row: Row, provision: str, n: int) -> None:
    row.roll += n
    if provision == Provision.EHC_PLAN:
        row.ehc += n
    elif provision == Provision.SEN_SUPPORT:
        row.support += n


def pp_key(pupil_premium: bool) -> str:
    return "yes" if pupil_premium else "no"


def summary_from_counts(counts: Iterable[GroupCount]) -> Summary:
    """Figures by year group, broad area, need, sex and pupil premium from grouped counts."""
    total = Row(
        "All pupils",
        national_ehc=national.EHC_PLAN_PERCENT,
        national_support=national.SEN_SUPPORT_PERCENT,
    )
    years: dict[int, Row] = {}
    sexes = {s.value: Row(s.label, key=("sex", s.value)) for s in Sex}
    pp = {
        True: Row("Pupil premium", key=("pp", pp_key(True))),
        False: Row("Not pupil premium", key=("pp", pp_key(False))),
    }
    areas = {a.value: Row(a.label, key=("area", a.value)) for a in BroadArea}
    needs = {n.value: Row(f"{n.label} ({n.value})", key=("need", n.value)) for n in Need}
    for c in counts:
        n, provision = c.n, c.sen_provision
        _add(total, provision, n)
        year = years.setdefault(
            c.year_group, Row(YEAR_GROUP_LABELS[c.year_group], key=("year", str(c.year_group)))
        )
        _add(year, provision, n)
        if c.sex in sexes:
            _add(sexes[c.sex], provision, n)
        _add(pp[c.pupil_premium], provision, n)
        need = c.primary_need
        if provision != Provision.NONE and need:
            _add(areas[broad_area(need)], provision, n)
            _add(needs[need], provision, n)
    for code, row in needs.items():
        row.national_ehc = national.EHC_PLAN_PRIMARY_NEED_PERCENT.get(code)
    male = sexes[Sex.MALE]
    male.national_ehc = national.BOYS_PERCENT_OF["E"]
    male.national_support = national.BOYS_PERCENT_OF["K"]
    return Summary(
        total=total,
        breakdowns=[
            Breakdown(
                "By year group",
                "Pupils with an EHC plan and at SEN support in each year group",
                [years[y] for y in sorted(years)],
            ),
            Breakdown(
                "By broad area of need",
                "Pupils on the register by the broad area of their primary need",
                list(areas.values()),
                basis="register",
            ),
            Breakdown(
                "By primary need",
                "Pupils on the register by primary need",
                [row for row in needs.values()],
                basis="register",
                national_note=national.EHC_PLANS_2025,
                national_label="England: share of EHC plans",
            ),
            Breakdown(
                "By sex",
                "Pupils with an EHC plan and at SEN support by sex",
                list(sexes.values()),
                national_note="percent of pupils with each provision who are boys. "
                + national.SEN_IN_ENGLAND_2025,
                national_label="England: boys' share of EHC plans / SEN support",
            ),
            Breakdown(
                "By pupil premium",
                "Pupils with an EHC plan and at SEN support by pupil premium",
                list(pp.values()),
            ),
        ],
    )


def register_summary(*, schools) -> Summary:
    """Summary figures for one or more schools, in one query."""
    return summary_from_counts(_counts(Pupil.objects.filter(school__in=schools)))


def trust_counts(*, trust_id: int) -> tuple[GroupCount, ...]:
    """Every pupil of the trust, counted by school and by everything the summaries show, in
    one query: all any page of the trust's figures needs."""
    return _counts(Pupil.objects.filter(school__trust_id=trust_id))


def school_rows(counts: Iterable[GroupCount], schools) -> tuple[list[tuple], Row]:
    """(school, row) for each school, and the total of them all."""
    rows: dict[int, Row] = {s.pk: Row(s.name) for s in schools}
    total = Row(
        "All schools",
        national_ehc=national.EHC_PLAN_PERCENT,
        national_support=national.SEN_SUPPORT_PERCENT,
    )
    for c in counts:
        if c.school_id in rows:
            _add(rows[c.school_id], c.sen_provision, c.n)
            _add(total, c.sen_provision, c.n)
    return [(s, rows[s.pk]) for s in schools], total


def trust_summary_by_school(*, trust) -> tuple[list[tuple], Row]:
    """(school, row) for each school of the trust, and the trust's total, in two queries."""
    return school_rows(trust_counts(trust_id=trust.pk), list(trust.schools.all()))


# --- Schools side by side, for the trust's SEND lead ---------------------------------------


class Share(NamedTuple):
    """One school's figure in a comparison: `count` of `total`, shown as a percent unless
    `hidden` (the count or the total is hidden from the person looking)."""

    count: int
    total: int
    hidden: bool = False


@dataclass
class Comparison:
    """One figure for each school in each row: `cells[i]` is the Share for `schools[i]`,
    shown as count/total with hidden figures left out.

    `kind` and `codes` say which row of the schools' summaries each row is (("year", "7"),
    ("need", "MLD")), and `school_ids` which school each column is."""

    title: str
    caption: str
    schools: list[str]
    rows: list[tuple[str, list[Share]]]
    kind: str = ""
    codes: list[str] = field(default_factory=list)
    school_ids: list[int] = field(default_factory=list)


def comparisons_from_counts(counts: Iterable[GroupCount], schools) -> list[Comparison]:
    """The schools compared by year group (percent of each year on the register) and by
    broad area and primary need (share of each school's register)."""
    index = {s.pk: i for i, s in enumerate(schools)}
    n = len(schools)
    roll_by_year: dict[int, list[int]] = {}
    register_by_year: dict[int, list[int]] = {}
    by_area = {a.value: [0] * n for a in BroadArea}
    by_need = {need.value: [0] * n for need in Need}
    on_register = [0] * n
    for c in counts:
        if c.school_id not in index:
            continue
        i, count = index[c.school_id], c.n
        roll_by_year.setdefault(c.year_group, [0] * n)[i] += count
        register_by_year.setdefault(c.year_group, [0] * n)
        if c.sen_provision == Provision.NONE:
            continue
        register_by_year[c.year_group][i] += count
        on_register[i] += count
        if c.primary_need:
            by_area[broad_area(c.primary_need)][i] += count
            by_need[c.primary_need][i] += count
    names = [s.name for s in schools]
    ids = [s.pk for s in schools]

    def shares(counts: list[int], totals: list[int]) -> list[Share]:
        return [Share(count, total) for count, total in zip(counts, totals, strict=True)]

    years = sorted(roll_by_year)
    needs = [code for code, c in by_need.items() if any(c)]
    return [
        Comparison(
            "Schools by year group",
            "Percent of each year group on the SEN register",
            names,
            [(YEAR_GROUP_LABELS[y], shares(register_by_year[y], roll_by_year[y])) for y in years],
            kind="year",
            codes=[str(y) for y in years],
            school_ids=ids,
        ),
        Comparison(
            "Schools by broad area of need",
            "Share of each school's register by the broad area of the primary need",
            names,
            [(BroadArea(a).label, shares(c, on_register)) for a, c in by_area.items()],
            kind="area",
            codes=list(by_area),
            school_ids=ids,
        ),
        Comparison(
            "Schools by primary need",
            "Share of each school's register by primary need",
            names,
            [
                (f"{Need(code).label} ({code})", shares(by_need[code], on_register))
                for code in needs
            ],
            kind="need",
            codes=needs,
            school_ids=ids,
        ),
    ]


def trust_comparisons(*, trust) -> list[Comparison]:
    """The trust's schools compared by year group (percent of each year on the register)
    and by broad area and primary need (share of each school's register), in two queries."""
    return comparisons_from_counts(
        trust_counts(trust_id=trust.pk), list(trust.schools.order_by("name"))
    )


_history = Prepared(
    lambda pupil: (
        RegisterChange.objects.filter(pupil_id=pupil)
        .select_related("changed_by")
        .defer("changed_by__password", "changed_by__last_login", "changed_by__date_joined")
    )
)


def pupil_history(pupil: Pupil) -> list:
    """The pupil's register changes, newest first, each with who made it: one query, read
    once per request however many parts of the pupil page ask (kept on the instance)."""
    cached = pupil.__dict__.get("_register_history")
    if cached is None:
        cached = _history.instances(pupil=pupil.pk)
        for change in cached:
            change.pupil = pupil
        pupil.__dict__["_register_history"] = cached
    return cached
