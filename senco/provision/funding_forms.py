"""The forms for the money the provision is set against: the notional SEN budget of an
academic year and pupils' top-up funding. Money may be typed as 12500, 12,500.00 or
£12,500; a negative amount is refused with a message naming the field."""

import re
from decimal import InvalidOperation

from django import forms
from django.core.exceptions import ValidationError

from senco.lib import clock
from senco.lib.forms import GovukFormMixin, VersionedFormMixin


class MoneyField(forms.DecimalField):
    """Pounds and pence, £0 or more, up to £99,999,999.99."""

    def __init__(self, *, label: str, **kwargs):
        subject = label.split(" (")[0]
        super().__init__(
            label=label,
            max_digits=10,
            decimal_places=2,
            widget=forms.TextInput(attrs={"inputmode": "decimal"}),
            error_messages={
                "required": f"Enter the {subject[0].lower()}{subject[1:]}",
                "invalid": f"{subject} must be an amount of money, like 1500 or 1,500.00",
                "min_value": f"{subject} must be £0 or more",
                "max_digits": f"{subject} must be less than £100,000,000",
                "max_whole_digits": f"{subject} must be less than £100,000,000",
                "max_decimal_places": f"{subject} must be in pounds and pence, like 1,500.50",
            },
            **kwargs,
        )

    def to_python(self, value):
        if isinstance(value, str):
            value = re.sub(r"[£,\s]", "", value)
            if re.fullmatch(r"-?\d*\.?\d*", value) is None:
                raise ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            return super().to_python(value)
        except (ValidationError, InvalidOperation) as error:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from error

    def validate(self, value):
        super().validate(value)
        if value is not None and value < 0:
            raise ValidationError(self.error_messages["min_value"], code="min_value")


class FundingYearForm(GovukFormMixin, forms.Form):
    """Which academic year the funding page shows (?year=2025)."""

    year = forms.TypedChoiceField(
        label="Academic year",
        coerce=int,
        required=False,
        error_messages={"invalid_choice": "Choose an academic year from the list"},
    )

    def __init__(self, data=None, *, current: int, **kwargs):
        super().__init__(data, **kwargs)
        self.current = current
        years = range(current + 1, current - 5, -1)
        self.fields["year"].choices = [(str(y), clock.academic_year_label(y)) for y in years]

    def chosen(self) -> int:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return data.get("year") or self.current


class BudgetForm(GovukFormMixin, VersionedFormMixin, forms.Form):
    notional_budget = MoneyField(
        label="Notional SEN budget (£)",
        help_text="The part of the school's budget the local authority identifies for "
        "pupils with SEN (usually the first £6,000 of each pupil's additional support).",
    )


class TopUpForm(GovukFormMixin, forms.Form):
    pupil = forms.ModelChoiceField(
        label="Pupil",
        queryset=None,
        empty_label="Choose a pupil",
        error_messages={
            "required": "Choose the pupil",
            "invalid_choice": "Choose a pupil from the list",
        },
    )
    amount = MoneyField(label="Top-up funding (£)", help_text="For the whole academic year.")
    note = forms.CharField(
        label="Note (optional)",
        max_length=200,
        required=False,
        help_text="For example, the local authority's band or the date it was agreed.",
    )

    def __init__(self, *args, pupils, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pupil"].queryset = pupils
        self.fields["pupil"].label_from_instance = lambda p: f"{p.full_name} ({p.reg_group})"


class TopUpEditForm(GovukFormMixin, VersionedFormMixin, forms.Form):
    amount = MoneyField(label="Top-up funding (£)", help_text="For the whole academic year.")
    note = TopUpForm.base_fields["note"]
