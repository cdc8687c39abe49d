from django import forms

from senco.audit.selectors import AuditFilters
from senco.lib.forms import GovukDateField, GovukFormMixin


class AuditFilterForm(GovukFormMixin, forms.Form):
    """The filters of "who has looked at this record": the choices are the people and the
    actions in this pupil's log (`senco.audit.selectors`), the actions by their labels."""

    person = forms.ChoiceField(label="Who", required=False)
    action = forms.ChoiceField(label="What they did", required=False)
    date_from = GovukDateField(label="From date", required=False)
    date_to = GovukDateField(label="To date", required=False)

    def __init__(self, *args, people=(), actions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [("", "Anyone")] + list(people)
        self.fields["action"].choices = [("", "Anything")] + [(a, a) for a in actions]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", "To date must be the same as or after the from date")
        return cleaned

    def filters(self) -> AuditFilters:
        """The filters chosen, or none at all while the form has errors."""
        if not self.is_bound or not self.is_valid():
            return AuditFilters()
        data = self.cleaned_data
        return AuditFilters(
            person=data["person"] or None,
            action=data["action"] or None,
            date_from=data["date_from"],
            date_to=data["date_to"],
        )
