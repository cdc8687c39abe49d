from django import forms

from senco.lib.clock import TERM_LABELS, academic_year_label
from senco.lib.forms import GovukDateField, GovukFormMixin, VersionedFormMixin


class YearChoiceForm(forms.Form):
    """The `year` query parameter: an academic year (its first calendar year) within five
    years of this one. Anything else (letters, "²", a huge number) is invalid and the page
    shows this year."""

    YEARS_EITHER_SIDE = 5

    year = forms.IntegerField()

    def __init__(self, *args, this_year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.this_year = this_year

    def clean_year(self):
        year = self.cleaned_data["year"]
        if abs(year - self.this_year) > self.YEARS_EITHER_SIDE:
            raise forms.ValidationError("Choose a year within five years of this one")
        return year

    def year_or_this_year(self) -> int:
        return self.cleaned_data["year"] if self.is_valid() else self.this_year


class TermDatesForm(GovukFormMixin, VersionedFormMixin, forms.Form):
    """Start and end of the three terms of one academic year."""

    def __init__(self, *args, academic_year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.academic_year = academic_year
        for name, label in TERM_LABELS.items():
            self.fields[f"{name}_starts_on"] = GovukDateField(label=f"Start of the {label.lower()}")
            self.fields[f"{name}_ends_on"] = GovukDateField(label=f"End of the {label.lower()}")

    def clean(self):
        data = super().clean()
        previous_end, previous_label = None, ""
        for name, label in TERM_LABELS.items():
            start, end = data.get(f"{name}_starts_on"), data.get(f"{name}_ends_on")
            if start is None or end is None:
                continue
            term = label.lower()
            if end <= start:
                self.add_error(f"{name}_ends_on", f"End of the {term} must be after its start")
            if previous_end is not None and start <= previous_end:
                self.add_error(
                    f"{name}_starts_on",
                    f"Start of the {term} must be after the end of the {previous_label}",
                )
            previous_end, previous_label = end, term
        first = data.get("autumn_starts_on")
        if first is not None and first.year != self.academic_year:
            self.add_error(
                "autumn_starts_on",
                f"Start of the autumn term must be in {self.academic_year}, the first year "
                f"of {academic_year_label(self.academic_year)}",
            )
        return data


class ClosureForm(GovukFormMixin, forms.Form):
    date = GovukDateField(
        label="Date",
        help_text="For example, 5 1 2027",
        error_messages={"required": "Enter the date the school is closed"},
    )
    reason = forms.CharField(
        label="Reason",
        max_length=100,
        help_text="For example, INSET day",
        error_messages={"required": "Enter why the school is closed, for example INSET day"},
    )
