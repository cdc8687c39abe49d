import csv

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from senco import registry
from senco.access import pupil_view, school_view, trust_view
from senco.audit.actions import AuditAction
from senco.audit.services import audit_list, audit_record
from senco.lib.codes import BroadArea, broad_area
from senco.lib.drawn import Drawn, asked
from senco.lib.forms import PageForm, add_service_errors
from senco.lib.spreadsheet import safe_cell
from senco.lib.text import plural
from senco.pupils.selectors import reg_groups as pupil_reg_groups
from senco.register import charts, disclosure, selectors
from senco.register.evidence import school_summary
from senco.register.forms import ParentsToldForm, RegisterChangeForm, RegisterFilterForm
from senco.register.rows import header_cells, register_rows, table_body
from senco.register.services import (
    register_change_mark_parents_told,
    register_change_record,
    register_parents_told_for_pupils,
    register_version,
)

PAGE_SIZE = selectors.PAGE_SIZE

COLUMNS = [
    ("name", "Name"),
    ("upn", "UPN"),
    ("year", "Year"),
    ("reg", "Reg group"),
    ("provision", "Provision"),
    ("primary", "Primary need"),
    ("secondary", "Secondary need"),
    ("area", "Broad area"),
    ("sex", "Sex"),
    ("pp", "PP"),
    ("eal", "EAL"),
    ("lac", "LAC"),
    ("since", "On register since"),
]


def _filters(request, scope):
    form = RegisterFilterForm(request.GET or None, reg_groups=pupil_reg_groups(scope=scope))
    params = form.cleaned_data if form.is_valid() else {}
    return form, params


def _used(params) -> dict[str, str]:
    """The filters in use, as text, for the audit rows of the register and its export."""
    return {k: str(v) for k, v in params.items() if v not in ("", None, False)}


def _refuse_bad_filters(request, scope, form):
    """A bulk action or a download with a filter that no longer fits (a registration group
    gone since the page was opened, say) must never widen to the whole school: send the
    person back to the register, where the filter's error is shown. None when all is well."""
    if not form.is_bound or form.is_valid():
        return None
    messages.error(
        request,
        "Nothing was done: a filter is no longer valid. Check the filters and try again.",
    )
    return redirect(f"{reverse('register', args=[scope.school.urn])}?{request.GET.urlencode()}")


@school_view("sees_pupils")
def register(request, scope):
    form, params = _filters(request, scope)
    listing = selectors.RegisterListing(scope=scope, params=params)
    page = Paginator(listing, PAGE_SIZE).get_page(PageForm.number(request.GET))
    listed = page.object_list  # the page's pupils, as selectors.RegisterPupil
    # One row per pupil on this page, so that each pupil's log shows the register was seen.
    audit_list(
        actor=request.actor,
        action=AuditAction.REGISTER_VIEW,
        school=scope.school,
        pupils=[p.pk for p in listed],
        detail={"filters": _used(params)},
    )
    query = request.GET.copy()
    query.pop("page", None)
    sort_query = query.copy()
    for key in ("sort", "dir"):
        sort_query.pop(key, None)
    sort, direction = params.get("sort") or "name", params.get("dir") or "asc"
    filtering = any(
        params.get(k) not in (None, "", False) for k in RegisterFilterForm.DETAIL_FILTERS
    )
    # What capabilities note beside pupils (an EHC plan not yet recorded): one query.
    rows = register_rows(listed, notes=registry.pupil_notes_for(scope, listed))
    return render(
        request,
        "register/register.html",
        {
            "scope": scope,
            "form": form,
            "filter_fields": _filter_fields(form, scope.school.urn, filtering, sort, direction),
            "page": page,
            # The table's headings and rows, made in Python (senco/register/rows.py).
            "header": header_cells(COLUMNS, sort, direction, sort_query.urlencode()),
            "rows": rows,
            "body": table_body(rows),
            "sort": sort,
            "dir": direction,
            "query": query.urlencode(),
            "not_told": selectors.parents_not_told_count(scope=scope),
            "filtering": filtering,
        },
    )


# The filter form's fields as HTML (register/_filter_fields.html), by all that decides
# them: the school, the values asked for (none when the form is not filled in; a bound
# form's errors, whether the filters are open, the sort and its direction all follow from
# them and the choices) and the registration groups offered, which are the school's and,
# for a teacher or a TA, only their pupils'. Nearly every request draws the same one, which
# took the template engine ~2.5 ms (fourteen includes of a field).
_FILTER_FIELDS = Drawn(kept=64)


def _filter_fields(form, urn: str, filtering: bool, sort: str, direction: str) -> str:
    return _FILTER_FIELDS.once(
        (urn, asked(form), tuple(form.fields["reg"].choices)),
        lambda: render_to_string(
            "register/_filter_fields.html",
            {"form": form, "filtering": filtering, "sort": sort, "dir": direction},
        ),
    )


@school_view("sees_pupils")
def register_export(request, scope):
    """The register as it is filtered on screen, as CSV safe to open in a spreadsheet."""
    form, params = _filters(request, scope)
    refused = _refuse_bad_filters(request, scope, form)
    if refused:
        return refused
    pupils = selectors.register_pupils(scope=scope, params=params)
    exported = []
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = (
        f'attachment; filename="register-{scope.school.urn}-{stamp}.csv"'
    )
    response.write("\ufeff")  # so that Excel reads the names as UTF-8
    writer = csv.writer(response)
    writer.writerow(
        [
            "UPN",
            "Surname",
            "Forename",
            "Year group",
            "Reg group",
            "SEN provision",
            "Primary need",
            "Secondary need",
            "Broad area",
            "Sex",
            "Pupil premium",
            "EAL",
            "Looked after",
            "On register since",
        ]
    )
    for p in pupils.iterator(chunk_size=1000):
        exported.append(p.pk)
        writer.writerow(
            [
                safe_cell(v)
                for v in (
                    p.upn,
                    p.legal_surname,
                    p.forename,
                    p.year_group_label,
                    p.reg_group,
                    p.sen_provision,
                    p.primary_need,
                    p.secondary_need,
                    BroadArea(broad_area(p.primary_need)).label if p.primary_need else "",
                    p.sex,
                    "Y" if p.pupil_premium else "N",
                    "Y" if p.eal else "N",
                    "Y" if p.looked_after else "N",
                    p.on_register_since.isoformat() if p.on_register_since else "",
                )
            ]
        )
    # One row per pupil in the file, written once the file is: each pupil's log shows it.
    audit_list(
        actor=request.actor,
        action=AuditAction.REGISTER_EXPORT,
        school=scope.school,
        pupils=exported,
        detail={"filters": _used(params)},
    )
    return response


@school_view("sees_summary")
def register_summary(request, scope):
    suppress = scope.suppress_small_numbers
    known = frozenset()
    if suppress and scope.sees_across_trust:
        known = disclosure.schools_known_to(request.user, scope.school.trust_id)
    # For someone who sees no names, hidden as the trust's page and every other school's
    # page hide (senco/register/disclosure.py); the evidence for self-evaluation reads the
    # same figures.
    summary = school_summary(scope.school, suppress=suppress, known=known)
    audit_record(actor=request.actor, school=scope.school, action=AuditAction.REGISTER_SUMMARY)
    return render(
        request,
        "register/summary.html",
        {
            "scope": scope,
            "summary": summary,
            "sections": _sections(summary),
            "suppress": suppress,
            # Counts capabilities add (EHC plans' reviews on time...), hidden alike.
            "more_figures": registry.summary_figures_for(
                scope.school, timezone.localdate(), suppress=suppress
            ),
        },
    )


def _sections(summary) -> list[tuple]:
    """Each breakdown of a summary with its chart."""
    return list(zip(summary.breakdowns, charts.summary_charts(summary), strict=True))


@pupil_view("manages_register")
def register_change(request, pupil, scope):
    if request.method == "POST":
        form = RegisterChangeForm(request.POST)
        if form.is_valid():
            try:
                change = register_change_record(
                    actor=request.actor, pupil=pupil, **form.change_fields()
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, f"The register entry for {pupil.full_name} has been changed."
                )
                # A capability may need something next (the EHC plan, after a move to E).
                step = registry.next_step_after_register_change(scope, change)
                if step is not None:
                    messages.info(request, step.message)
                    return redirect(step.url)
                return redirect("pupil_detail", pk=pupil.pk)
    else:
        audit_record(actor=request.actor, pupil=pupil, action=AuditAction.REGISTER_CHANGE_VIEW)
        form = RegisterChangeForm(
            initial={
                "to_provision": pupil.sen_provision,
                "to_primary_need": pupil.primary_need,
                "to_secondary_need": pupil.secondary_need,
                "effective_date": timezone.localdate(),
            },
            version=register_version(pupil),
        )
    return render(request, "register/change.html", {"scope": scope, "pupil": pupil, "form": form})


@require_POST
@pupil_view("manages_register")
def register_parents_told(request, pupil, scope, change_id):
    change = get_object_or_404(pupil.register_changes, pk=change_id)
    form = ParentsToldForm(request.POST)
    if form.is_valid():
        try:
            register_change_mark_parents_told(
                actor=request.actor, change=change, told_on=form.cleaned_data["told_on"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Recorded that the parents have been told.")
            return redirect("pupil_detail", pk=pupil.pk)
    # The date beside its field, with what was typed, on a page of its own.
    back = reverse("pupil_detail", args=[pupil.pk])
    return _parents_told_page(request, scope, form, back, pupil=pupil, change=change)


def _parents_told_page(request, scope, form, back: str, **context):
    return render(
        request,
        "register/parents_told.html",
        {"scope": scope, "form": form, "back": back, "action": request.get_full_path(), **context},
    )


@require_POST
@school_view("manages_register")
def register_parents_told_all(request, scope):
    """Record parents told for every pupil listed by the register's filters."""
    form, params = _filters(request, scope)
    refused = _refuse_bad_filters(request, scope, form)
    if refused:
        return refused
    told = ParentsToldForm(request.POST)
    back = f"{reverse('register', args=[scope.school.urn])}?{request.GET.urlencode()}"
    pupils = selectors.register_pupils(scope=scope, params={**params, "not_told": True})
    if told.is_valid():
        try:
            count = register_parents_told_for_pupils(
                actor=request.actor, pupils=pupils, told_on=told.cleaned_data["told_on"]
            )
        except ValidationError as error:
            add_service_errors(told, error)
        else:
            messages.success(
                request, f"Recorded that the parents of {plural(count, 'pupil')} have been told."
            )
            return redirect(back)
    return _parents_told_page(request, scope, told, back, count=pupils.count())


@trust_view
def trust_summary(request, trust):
    """Aggregate figures for every school of the trust, from one count of its pupils, with
    the figures hidden that its pages hide together (senco/register/disclosure.py)."""
    schools = list(trust.schools.all())
    counts = selectors.trust_counts(trust_id=trust.pk)
    known = disclosure.schools_known_to(request.user, trust.pk)
    hidden = disclosure.hidden_figures(counts, known)
    rows, total = selectors.school_rows(counts, schools)
    hidden.school_rows(rows)
    summary = hidden.summary(selectors.summary_from_counts(counts), disclosure.TRUST)
    comparisons = hidden.comparisons(selectors.comparisons_from_counts(counts, schools))
    audit_record(actor=request.actor, action=AuditAction.TRUST_SUMMARY, detail={"trust": trust.pk})
    return render(
        request,
        "register/trust_summary.html",
        {
            "trust": trust,
            "rows": rows,
            "total": total,
            "summary": summary,
            "sections": _sections(summary),
            "schools_chart": charts.school_comparison_chart([r for _, r in rows], total),
            "comparisons": comparisons,
            "suppress": True,
            "schools": schools,
        },
    )
