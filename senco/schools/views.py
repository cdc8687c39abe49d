from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from senco.access import school_view
from senco.lib.clock import academic_year_label, academic_year_of, school_terms
from senco.lib.forms import add_service_errors
from senco.schools.forms import TermDatesForm, YearChoiceForm
from senco.schools.selectors import saved_terms
from senco.schools.services import terms_save, terms_version


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
    saved = scope.school.terms.filter(academic_year=year).exists()
    return render(
        request,
        "schools/term_dates.html",
        {"scope": scope, "form": form, "year": year, "saved": saved, "terms": terms},
    )
