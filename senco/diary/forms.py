"""The calendar's forms: which month and which kinds of event to show (query parameters,
so nonsense gives an error message and this month, never a 500), and how pupils appear in
a subscription."""

import datetime

from django import forms

from senco.lib.forms import GovukFormMixin

MONTHS = [(n, datetime.date(2000, n, 1).strftime("%B")) for n in range(1, 13)]
FIRST_YEAR, LAST_YEAR = 2000, 2100


class CalendarForm(GovukFormMixin, forms.Form):
    month = forms.TypedChoiceField(
        label="Month",
        choices=MONTHS,
        coerce=int,
        required=False,
        error_messages={"invalid_choice": "Choose a month from the list"},
    )
    year = forms.IntegerField(
        label="Year",
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        required=False,
        error_messages={
            "invalid": "Year must be a number, like 2027",
            "min_value": f"Year must be {FIRST_YEAR} or later",
            "max_value": f"Year must be {LAST_YEAR} or earlier",
        },
    )
    kind = forms.MultipleChoiceField(
        label="Show only",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose what to show from the list"},
    )

    def __init__(self, *args, kinds: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k, k) for k in kinds]

    def chosen(self, today: datetime.date) -> tuple[int, int, list[str]]:
        """(year, month, kinds) asked for: this month and every kind for what is missing
        or not valid."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return (
            data.get("year") or today.year,
            data.get("month") or today.month,
            data.get("kind") or [],
        )


class FeedForm(GovukFormMixin, forms.Form):
    INITIALS, FULL_NAMES = "initials", "full_names"
    names = forms.ChoiceField(
        label="How should pupils appear in your calendar?",
        choices=[
            (INITIALS, "Initials only, for example “ZO”"),
            (FULL_NAMES, "Full names"),
        ],
        initial=INITIALS,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how pupils should appear in your calendar"},
    )

    @property
    def full_names(self) -> bool:
        return self.cleaned_data["names"] == self.FULL_NAMES
