"""The provision maps: the whole school's (sliced and filtered), a class's and a pupil's,
each as a page, an Excel workbook and a PDF. Every page and download writes an audit row
for each pupil in it (`audit_list`), with the choices made."""

from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone

from senco.access import pupil_view, school_view
from senco.audit.services import audit_list, audit_record
from senco.lib.codes import BroadArea
from senco.lib.drawn import Drawn, asked
from senco.provision import exports, map_selectors, maps
from senco.provision.audit import ProvisionAction
from senco.provision.exports import HOURS, MONEY, NUMBER, Column, Export
from senco.provision.map_forms import MapForm, PeriodForm
from senco.schools.selectors import saved_terms

FORMATS = ("xlsx", "pdf")


def _periods(scope):
    return maps.periods(saved_terms(scope.school), timezone.localdate())


def _map_export(scope, title: str, found: maps.ProvisionMap, filters, rows=None, by="") -> Export:
    columns = [
        Column("Intervention", width=30),
        Column("Wave", NUMBER, 7),
        Column("Broad area of need", width=26),
        Column("Groups", NUMBER, 8),
        Column("Pupils", NUMBER, 8),
        Column("Staff hours a week", HOURS, 10),
        Column("Sessions", NUMBER, 10),
        Column("Delivered by", width=28),
        Column("Cost", MONEY, 13),
        Column("Cost per pupil", MONEY, 13),
    ]
    lines = [
        [
            line.intervention.name,
            line.intervention.wave,
            BroadArea(line.intervention.area).label,
            len(line.groups),
            line.pupils,
            maps.hours(line.hours),
            line.sessions,
            line.staff_names,
            line.cost,
            line.per_pupil,
        ]
        for line in found.lines
    ]
    t = found.totals
    totals = [
        ("Pupils", t.pupils, NUMBER),
        ("Groups", t.groups, NUMBER),
        ("Staff hours a week", maps.hours(t.hours), HOURS),
        ("Sessions", t.sessions, NUMBER),
        ("Cost", t.cost, MONEY),
        ("Cost per pupil", t.per_pupil, MONEY),
    ]
    for row in rows or ():
        totals += [
            (f"{maps.SLICES[by]} {row.label}: pupils", row.pupils, NUMBER),
            (f"{maps.SLICES[by]} {row.label}: staff hours a week", maps.hours(row.hours), HOURS),
            (f"{maps.SLICES[by]} {row.label}: cost", row.cost, MONEY),
        ]
    notes = ["Staff time and cost of a group are shared between its pupils in a slice."]
    if 0 < t.pupils < maps.FEW:
        notes.append("Fewer than 5 pupils: too few pupils to judge the cost per pupil.")
    return Export(
        title, scope.school.name, timezone.localdate(), filters, columns, lines, totals, notes
    )


def _download(request, scope, export: Export, fmt: str, *, pupils, action, detail):
    if fmt not in FORMATS:
        raise Http404("Not found")
    audit_list(
        actor=request.actor,
        action=action,
        school=scope.school,
        pupils=sorted(pupils),
        detail={**detail, "format": fmt},
    )
    if fmt == "xlsx":
        return exports.workbook_response(export)
    return exports.pdf_response(scope, export)


def _answer(request, scope, fmt, *, export, pupils, detail, template, context):
    """A map as its page, or (with `fmt`) as a download built by `export()`: either way one
    audit row for each pupil in it."""
    if fmt:
        return _download(
            request,
            scope,
            export(),
            fmt,
            pupils=pupils,
            action=ProvisionAction.MAP_EXPORT,
            detail=detail,
        )
    audit_list(
        actor=request.actor,
        action=ProvisionAction.MAP_VIEW,
        school=scope.school,
        pupils=sorted(pupils),
        detail=detail,
    )
    return render(request, template, {"scope": scope, **context})


def _whole_school(request, scope, fmt: str | None):
    form = MapForm(
        request.GET or None, periods=_periods(scope), staff=map_selectors.staff_choices(scope)
    )
    period, filt, by = form.chosen_period(), form.chosen_filter(), form.chosen_slice()
    groups, _dates = map_selectors.map_groups(scope, period, with_classes=by == "class")
    found = maps.build_map(groups, period, filt)
    rows = maps.slice_rows(groups, filt, by) if by else []
    detail = {"period": period.key, "choices": dict(form.described())}
    return _answer(
        request,
        scope,
        fmt,
        export=lambda: _map_export(
            scope, "Provision map", found, form.described(), rows=rows, by=by
        ),
        pupils=found.pupil_ids,
        detail=detail,
        template="provision/maps/map.html",
        context={
            "form": form,
            "filter_form": None if fmt else _filter_form(form, scope.school.urn),
            "found": found,
            "by": by,
            "by_label": maps.SLICES.get(by, ""),
            "rows": rows,
            "row_totals": maps.slice_totals(rows) if rows else None,
            "query": form.query(),
            "few": maps.FEW,
        },
    )


# The filter form as HTML (provision/maps/_filter.html), by all that decides it: the
# school, the values asked for (none when the form is not filled in; a bound form's errors
# and whether "Limit the map" is open follow from them and the choices) and the periods and
# staff offered. Nearly every request draws the same one, which took the template engine
# ~1.9 ms (seven includes of a field).
_FILTER_FORMS = Drawn(kept=64)


def _filter_form(form: MapForm, urn: str) -> str:
    choices = (tuple(form.fields["period"].choices), tuple(form.fields["staff"].choices))
    return _FILTER_FORMS.once(
        (urn, asked(form), choices),
        lambda: render_to_string("provision/maps/_filter.html", {"form": form, "urn": urn}),
    )


@school_view("reads_provision")
def provision_map(request, scope):
    """The whole school's provision map: every intervention running in the period."""
    return _whole_school(request, scope, None)


@school_view("reads_provision")
def provision_map_download(request, scope, fmt):
    return _whole_school(request, scope, fmt)


@school_view("reads_class_provision")
def provision_map_classes(request, scope):
    """The classes whose maps the person may read, each with its pupils, hours and cost."""
    form = PeriodForm(request.GET or None, periods=_periods(scope))
    period = form.chosen_period()
    mine = set(map_selectors.classes_for(scope).values_list("pk", flat=True))
    pupils = None if scope.reads_provision else map_selectors.visible_pupils(scope)
    groups, _dates = map_selectors.map_groups(scope, period, pupils=pupils, with_classes=True)
    rows = [r for r in maps.slice_rows(groups, maps.MapFilter(), "class") if r.key in mine]
    shown = set().union(*(r.pupil_ids for r in rows)) if rows else set()
    audit_list(
        actor=request.actor,
        action=ProvisionAction.MAP_VIEW,
        school=scope.school,
        pupils=sorted(shown),
        detail={"period": period.key, "classes": True},
    )
    return render(
        request,
        "provision/maps/classes.html",
        {"scope": scope, "form": form, "rows": rows, "period": period, "query": form.query()},
    )


def _class_map(request, scope, group_id: int, fmt: str | None):
    teaching_group = map_selectors.class_for(scope, group_id)
    form = PeriodForm(request.GET or None, periods=_periods(scope))
    period = form.chosen_period()
    pupils = teaching_group.pupils.all()
    if not scope.reads_provision:
        pupils = pupils.filter(pk__in=map_selectors.visible_pupils(scope).values("pk"))
    groups, _dates = map_selectors.map_groups(scope, period, pupils=pupils)
    filt = maps.MapFilter(pupil_ids=frozenset(pupils.values_list("pk", flat=True)))
    found = maps.build_map(groups, period, filt)
    pupil_rows = maps.slice_rows(groups, filt, "pupil")
    detail = {"period": period.key, "class": teaching_group.pk}
    title = f"Provision map: {teaching_group.name}"
    filters = [("Class", teaching_group.name), ("Period", period.label)]
    return _answer(
        request,
        scope,
        fmt,
        export=lambda: _map_export(scope, title, found, filters, rows=pupil_rows, by="pupil"),
        pupils=found.pupil_ids,
        detail=detail,
        template="provision/maps/class_map.html",
        context={
            "form": form,
            "found": found,
            "teaching_group": teaching_group,
            "rows": pupil_rows,
            "query": form.query(),
            "few": maps.FEW,
        },
    )


@school_view("reads_class_provision")
def provision_map_class(request, scope, group_id):
    """One class's map: what its pupils receive. A teacher reads only their own classes."""
    return _class_map(request, scope, group_id, None)


@school_view("reads_class_provision")
def provision_map_class_download(request, scope, group_id, fmt):
    return _class_map(request, scope, group_id, fmt)


def _pupil_export(scope, pupil, period, lines) -> Export:
    columns = [
        Column("Intervention", width=30),
        Column("Group", width=24),
        Column("Wave", NUMBER, 7),
        Column("Broad area of need", width=26),
        Column("Delivered by", width=24),
        Column("Joined", width=13),
        Column("Left", width=13),
        Column("Hours a week", HOURS, 10),
        Column("Group's sessions", NUMBER, 10),
        Column("Share of the cost", MONEY, 13),
    ]
    rows = [
        [
            x.facts.intervention.name,
            x.facts.group.name,
            x.facts.intervention.wave,
            BroadArea(x.facts.intervention.area).label,
            x.facts.staff_label,
            x.joined_on,
            x.left_on,
            maps.hours(x.hours),
            x.facts.sessions,
            x.cost,
        ]
        for x in lines
    ]
    total_cost = sum((x.cost or 0 for x in lines), maps.ZERO)
    totals = [
        ("Interventions", len({x.facts.intervention.pk for x in lines}), NUMBER),
        ("Hours a week", maps.hours(sum((x.hours for x in lines), maps.ZERO)), HOURS),
        ("Cost", total_cost, MONEY),
    ]
    filters = [
        ("Pupil", pupil.full_name),
        ("Year group", pupil.year_group_label),
        ("SEN provision", pupil.get_sen_provision_display()),
        ("Period", period.label),
    ]
    notes = ["The cost of a group is shared equally between its pupils."]
    return Export(
        f"Provision map: {pupil.full_name}",
        scope.school.name,
        timezone.localdate(),
        filters,
        columns,
        rows,
        totals,
        notes,
    )


def _pupil_map(request, pupil, scope, fmt: str | None):
    form = PeriodForm(request.GET or None, periods=_periods(scope))
    period = form.chosen_period()
    groups, dates = map_selectors.map_groups(
        scope, period, pupils=type(pupil).objects.filter(pk=pupil.pk)
    )
    lines = maps.pupil_lines(
        groups, pupil.pk, {g: d for (g, p), d in dates.items() if p == pupil.pk}
    )
    export = _pupil_export(scope, pupil, period, lines)
    detail = {"period": period.key}
    if fmt:
        if fmt not in FORMATS:
            raise Http404("Not found")
        audit_record(
            actor=request.actor,
            pupil=pupil,
            action=ProvisionAction.PUPIL_MAP_EXPORT,
            detail={**detail, "format": fmt},
        )
        if fmt == "xlsx":
            return exports.workbook_response(export)
        return exports.pdf_response(scope, export)
    audit_record(
        actor=request.actor, pupil=pupil, action=ProvisionAction.PUPIL_MAP_VIEW, detail=detail
    )
    return render(
        request,
        "provision/maps/pupil_map.html",
        {
            "scope": scope,
            "pupil": pupil,
            "form": form,
            "period": period,
            "lines": lines,
            "totals": export.totals,
            "total_hours": export.totals[1][1],
            "total_cost": export.totals[2][1],
            "query": form.query(),
        },
    )


@pupil_view("reads_pupil_provision")
def provision_map_pupil(request, pupil, scope):
    """Everything one pupil receives, with hours and cost: the evidence a local authority
    asks for."""
    return _pupil_map(request, pupil, scope, None)


@pupil_view("reads_pupil_provision")
def provision_map_pupil_download(request, pupil, scope, fmt):
    return _pupil_map(request, pupil, scope, fmt)
