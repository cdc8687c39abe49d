"""The pupils behind one cell of a comparison (outcomes_pupils), for `sees_outcome_pupils`.

The measure comes from the URL and picks its list from `PUPIL_LISTS`: a function of the
scope and the GET parameters that returns a `PupilList`, or raises Http404 for an option
that is not one of the page's. Attainment adds its own with one line (`PUPIL_LISTS[
"attainment"] = ...`). GET: `group` (E, K, N or all), `by` and `key` (a row of a breakdown;
neither for the whole school), `year` (attendance, suspensions) or `drop` (results).

Every pupil shown is audited, one row each, in one INSERT.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from senco.access import school_view
from senco.audit.services import audit_list
from senco.lib.clock import academic_year_label
from senco.lib.codes import YEAR_GROUP_LABELS, Need
from senco.lib.collector import fewer_collections
from senco.outcomes import figures, selectors
from senco.outcomes.audit import OutcomesAction
from senco.outcomes.groups import ALL, DIMENSIONS, GROUP_LABELS, SEN_GROUPS, Unit
from senco.pupils.models import Pupil

GROUPS = (*SEN_GROUPS, ALL)


@dataclass
class PupilList:
    title: str  # "Attendance 2024/25: EHC plan, Year 7"
    back: str  # the comparison's address
    back_label: str
    headings: list[str]  # the columns after name, year group and need
    rows: list[tuple[int, list[str]]]  # (pupil id, the columns' texts), in order
    note: str = ""
    detail: dict = field(default_factory=dict)  # what the audit rows record


def _group(params) -> str:
    group = params.get("group", "")
    if group not in GROUPS:
        raise Http404("Not found")
    return group


def _cell_filter(params, units: list[Unit]) -> tuple[Callable[[Unit], bool], str]:
    """Which units are in the cell the parameters name, and the row's label."""
    group = _group(params)
    by, key = params.get("by", ""), params.get("key", "")
    in_group = (lambda u: True) if group == ALL else (lambda u: u.provision == group)
    if not by and not key:
        return in_group, "whole school"
    if by not in DIMENSIONS or not key:
        raise Http404("Not found")
    labels = {str(u.facts[by][0]): u.facts[by][1] for u in units if by in u.facts}
    if key not in labels:
        raise Http404("Not found")
    return (lambda u: in_group(u) and str(u.facts[by][0]) == key), labels[key]


def _year_param(params) -> int | None:
    raw = params.get("year", "")
    if not raw:
        return None
    if not (raw.isascii() and raw.isdigit()) or len(raw) != 4:
        raise Http404("Not found")
    return int(raw)


def attendance_pupils(scope, params) -> PupilList:
    data = selectors.attendance_year(scope.school, _year_param(params), trend=False)
    if data is None or data.year is None:
        raise Http404("Not found")
    units = figures.absence_units(data.pupils)
    keep, row_label = _cell_filter(params, units)
    group = params["group"]
    chosen = sorted(
        (data.pupils[u.pupil] for u in units if keep(u)),
        key=lambda p: (-(p.absence or 0), p.pupil),
    )
    rows = [
        (
            p.pupil,
            [
                f"{p.missed:,} of {p.possible:,}",
                f"{p.absence:.1f}%",
                "Yes" if p.persistent else "No",
            ],
        )
        for p in chosen
    ]
    year = academic_year_label(data.year)
    return PupilList(
        title=f"Attendance {year}: {GROUP_LABELS[group]}, {row_label}",
        back=reverse("outcomes_attendance", args=[scope.school.urn]) + f"?year={data.year}",
        back_label=f"Back to attendance {year}",
        headings=["Sessions missed", "Overall absence", "Persistently absent"],
        rows=rows,
        note="Most absence first. Persistently absent: missed 10% or more of their sessions.",
        detail={"measure": "attendance", "year": data.year, **_used(params)},
    )


def suspension_pupils(scope, params) -> PupilList:
    data = selectors.suspension_year(scope.school, _year_param(params), trend=False)
    if data is None or data.year is None:
        raise Http404("Not found")
    units = figures.suspension_units(data.pupils, data.suspensions)
    keep, row_label = _cell_filter(params, units)
    group = params["group"]
    counts: dict[int, list[int]] = {}
    for s in data.suspensions:
        c = counts.setdefault(s.pupil, [0, 0, 0])
        if s.kind == "S":
            c[0] += 1
            c[1] += s.sessions or 0
        else:
            c[2] += 1
    in_cell = [u.pupil for u in units if keep(u)]
    chosen = sorted((p for p in in_cell if p in counts), key=lambda p: (-counts[p][0], p))
    rows = [
        (p, [str(counts[p][0]), str(counts[p][1]), str(counts[p][2]) if counts[p][2] else "-"])
        for p in chosen
    ]
    others = len(in_cell) - len(chosen)
    year = academic_year_label(data.year)
    return PupilList(
        title=f"Suspensions {year}: {GROUP_LABELS[group]}, {row_label}",
        back=reverse("outcomes_suspensions", args=[scope.school.urn]) + f"?year={data.year}",
        back_label=f"Back to suspensions {year}",
        headings=["Suspensions", "Sessions suspended", "Permanent exclusion"],
        rows=rows,
        note=(
            f"The pupils of this group with a suspension or exclusion, most first; "
            f"{others:,} other pupil{'' if others == 1 else 's'} of the group had none."
        ),
        detail={"measure": "suspensions", "year": data.year, **_used(params)},
    )


def _used(params) -> dict:
    return {k: params[k] for k in ("group", "by", "key") if params.get(k)}


# The measures whose cells list their pupils; attainment adds its own.
PUPIL_LISTS: dict[str, Callable] = {
    "attendance": attendance_pupils,
    "suspensions": suspension_pupils,
}


@school_view("sees_outcome_pupils")
@fewer_collections()  # a unit a pupil, measure and term (senco/lib/collector.py)
def pupils(request, scope, measure):
    make = PUPIL_LISTS.get(measure)
    if make is None:
        raise Http404("Not found")
    found = make(scope, request.GET)
    ids = [pid for pid, _ in found.rows]
    people = {
        pk: (f"{fore} {sur}", year, need)
        for pk, fore, sur, year, need in Pupil.objects.filter(
            pk__in=ids, school=scope.school
        ).values_list("pk", "forename", "legal_surname", "year_group", "primary_need")
    }
    shown = [
        (
            pid,
            people[pid][0],
            YEAR_GROUP_LABELS.get(people[pid][1], str(people[pid][1])),
            Need(people[pid][2]).label if people[pid][2] else "-",
            texts,
        )
        for pid, texts in found.rows
        if pid in people
    ]
    audit_list(
        actor=request.actor,
        action=OutcomesAction.PUPILS_VIEW,
        school=scope.school,
        pupils=[row[0] for row in shown],
        detail=found.detail,
    )
    return render(
        request,
        "outcomes/pupils.html",
        {"scope": scope, "list": found, "shown": shown, "measure": measure},
    )
