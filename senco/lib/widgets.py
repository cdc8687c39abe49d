from django import forms


class DateInput(forms.DateInput):
    """A browser date picker; the value goes to and from the browser as yyyy-mm-dd."""

    input_type = "date"

    def __init__(self):
        super().__init__(format="%Y-%m-%d")
