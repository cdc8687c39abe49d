import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from senco.access import school_view
from senco.lib.clock import academic_year_label, academic_year_of, school_terms
from senco.lib.forms import add_service_errors
from senco.schools.forms import ClosureForm, TermDatesForm, YearChoiceForm
from senco.schools.models import ClosureDay
from senco.schools.selectors import saved_terms
from senco.schools.services import closure_add, closure_remove, terms_save, terms_version


@school_view("manages_register")
def term_dates(request, scope):
    """The SENCO sets the school's term dates; review dates follow them."""
    this_year = academic_year_of(timezone.localdate())
    year = YearChoiceForm(request.GET, this_year=this_year).year_or_this_year()
    terms = school_terms(saved_terms(scope.school), year)
    initial = {}
    for t in terms:
        initial[f"{t.name}_starts_on"] = t.starts_on
        initial[f"{t.name}_ends_on"] = t.ends_on
    form = TermDatesForm(
        request.POST or None,
        academic_year=year,
        initial=initial,
        version=terms_version(scope.school, year),
    )
    if request.method == "POST" and form.is_valid():
        try:
            terms_save(
                actor=request.actor,
                school=scope.school,
                academic_year=year,
                dates=form.cleaned_data,
                version=form.opened_version,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Saved the term dates for {academic_year_label(year)}.")
            return redirect(f"{reverse('term_dates', args=[scope.school.urn])}?year={year}")
    return _term_dates_page(request, scope, year, terms, form, ClosureForm(prefix="closure"))


def _term_dates_page(request, scope, year, terms, form, closure_form, status=200):
    saved = scope.school.terms.filter(academic_year=year).exists()
    closures = scope.school.closure_days.filter(
        date__gte=terms[0].starts_on - datetime.timedelta(days=40),
        date__lte=terms[-1].ends_on + datetime.timedelta(days=40),
    )
    return render(
        request,
        "schools/term_dates.html",
        {
            "scope": scope,
            "form": form,
            "year": year,
            "saved": saved,
            "terms": terms,
            "closures": closures,
            "closure_form": closure_form,
        },
        status=status,
    )


@require_POST
@school_view("manages_register")
def closure_add_view(request, scope):
    """Add an INSET day or closure; the page comes back with the error beside the field."""
    form = ClosureForm(request.POST, prefix="closure")
    if form.is_valid():
        try:
            closure = closure_add(actor=request.actor, school=scope.school, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, f"Added {closure.date:%-d %B %Y} as a closure day ({closure.reason})."
            )
            year = academic_year_of(closure.date)
            return redirect(f"{reverse('term_dates', args=[scope.school.urn])}?year={year}")
    day = form.cleaned_data.get("date") if hasattr(form, "cleaned_data") else None
    year = academic_year_of(day or timezone.localdate())
    terms = school_terms(saved_terms(scope.school), year)
    terms_form = TermDatesForm(
        academic_year=year,
        initial={f"{t.name}_{e}": getattr(t, e) for t in terms for e in ("starts_on", "ends_on")},
        version=terms_version(scope.school, year),
    )
    return _term_dates_page(request, scope, year, terms, terms_form, form)


@require_POST
@school_view("manages_register")
def closure_remove_view(request, scope, closure_id):
    closure = get_object_or_404(ClosureDay, pk=closure_id, school=scope.school)
    year = academic_year_of(closure.date)
    closure_remove(actor=request.actor, closure=closure)
    messages.success(request, f"Removed {closure.date:%-d %B %Y} from the closure days.")
    return redirect(f"{reverse('term_dates', args=[scope.school.urn])}?year={year}")
