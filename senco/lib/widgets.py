import datetime

from django import forms

DATE_PARTS = ("day", "month", "year")


class GovukDateInput(forms.MultiWidget):
    """GOV.UK's date input: three boxes, posted as `<name>-day`, `<name>-month` and
    `<name>-year`. Pages draw it with `includes/date_input.html` (through
    `includes/field.html`), which knows which boxes to mark as wrong."""

    def __init__(self, attrs=None):
        super().__init__(
            [
                forms.TextInput(attrs={"inputmode": "numeric"}),
                forms.TextInput(attrs={"inputmode": "numeric"}),
                forms.TextInput(attrs={"inputmode": "numeric"}),
            ],
            attrs,
        )
        self.widgets_names = [f"-{part}" for part in DATE_PARTS]

    def decompress(self, value):
        if isinstance(value, str) and value:
            try:
                value = datetime.date.fromisoformat(value)
            except ValueError:
                return [None, None, None]
        if isinstance(value, datetime.date):
            return [str(value.day), str(value.month), str(value.year)]
        return [None, None, None]
