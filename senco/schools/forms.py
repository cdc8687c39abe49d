from django import forms

from senco.lib.clock import TERM_LABELS, academic_year_label
from senco.lib.widgets import DateInput


class TermDatesForm(forms.Form):
    """Start and end of the three terms of one academic year."""

    def __init__(self, *args, academic_year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.academic_year = academic_year
        for name, label in TERM_LABELS.items():
            self.fields[f"{name}_starts_on"] = forms.DateField(
                label=f"{label} starts", widget=DateInput()
            )
            self.fields[f"{name}_ends_on"] = forms.DateField(
                label=f"{label} ends", widget=DateInput()
            )

    def clean(self):
        data = super().clean()
        previous_end = None
        for name, label in TERM_LABELS.items():
            start, end = data.get(f"{name}_starts_on"), data.get(f"{name}_ends_on")
            if start is None or end is None:
                continue
            if end <= start:
                self.add_error(f"{name}_ends_on", f"The {label.lower()} must end after it starts.")
            if previous_end is not None and start <= previous_end:
                self.add_error(
                    f"{name}_starts_on",
                    f"The {label.lower()} must start after the term before ends.",
                )
            previous_end = end
        first = data.get("autumn_starts_on")
        if first is not None and first.year != self.academic_year:
            self.add_error(
                "autumn_starts_on",
                f"The autumn term of {academic_year_label(self.academic_year)} "
                f"starts in {self.academic_year}.",
            )
        return data
