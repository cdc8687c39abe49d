from django import forms

from senco.lib.clock import TERM_LABELS, academic_year_label
from senco.lib.forms import GovukDateField, GovukFormMixin


class TermDatesForm(GovukFormMixin, forms.Form):
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
