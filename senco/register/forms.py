from django import forms
from django.utils import timezone

from senco.lib.codes import YEAR_GROUPS, BroadArea, Need, Provision, Sex
from senco.lib.forms import GovukDateField, GovukFormMixin, VersionedFormMixin

ANY = [("", "Any")]

YES_NO = [("", "Any"), ("yes", "Yes"), ("no", "No")]
NEED_CHOICES = [(n.value, f"{n.value} - {n.label}") for n in Need]


class RegisterFilterForm(GovukFormMixin, forms.Form):
    # The filters folded away under "Filter by ..." unless one of them is in use.
    DETAIL_FILTERS = (
        "year",
        "reg",
        "provision",
        "primary",
        "secondary",
        "need",
        "area",
        "sex",
        "pp",
        "eal",
        "lac",
        "not_told",
    )

    q = forms.CharField(label="Name or UPN", required=False, max_length=100)
    year = forms.TypedChoiceField(
        label="Year group",
        required=False,
        coerce=int,
        empty_value=None,
        choices=ANY + [(str(v), label) for v, label in YEAR_GROUPS],
    )
    reg = forms.ChoiceField(label="Registration group", required=False)
    provision = forms.ChoiceField(
        label="Provision", required=False, choices=ANY + Provision.choices
    )
    primary = forms.ChoiceField(label="Primary need", required=False, choices=ANY + NEED_CHOICES)
    secondary = forms.ChoiceField(
        label="Secondary need", required=False, choices=ANY + NEED_CHOICES
    )
    need = forms.ChoiceField(
        label="Primary or secondary need", required=False, choices=ANY + NEED_CHOICES
    )
    area = forms.ChoiceField(label="Broad area", required=False, choices=ANY + BroadArea.choices)
    sex = forms.ChoiceField(label="Sex", required=False, choices=ANY + Sex.choices)
    pp = forms.ChoiceField(label="Pupil premium", required=False, choices=YES_NO)
    eal = forms.ChoiceField(label="EAL", required=False, choices=YES_NO)
    lac = forms.ChoiceField(label="Looked after", required=False, choices=YES_NO)
    not_told = forms.BooleanField(label="Parents not yet told of a change", required=False)
    show_all = forms.BooleanField(
        label="Show all pupils, not only those on the register", required=False
    )
    sort = forms.CharField(required=False, widget=forms.HiddenInput)
    dir = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, reg_groups=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reg"].choices = ANY + [(g, g) for g in reg_groups]


class RegisterChangeForm(GovukFormMixin, VersionedFormMixin, forms.Form):
    """A change of provision or needs; it carries the entry's version when it was opened
    (`senco.register.services.register_version`)."""

    to_provision = forms.ChoiceField(
        label="Provision",
        choices=Provision.choices,
        error_messages={"required": "Choose the provision"},
    )
    to_primary_need = forms.ChoiceField(
        label="Primary need", required=False, choices=[("", "None")] + NEED_CHOICES
    )
    to_secondary_need = forms.ChoiceField(
        label="Secondary need", required=False, choices=[("", "None")] + NEED_CHOICES
    )
    effective_date = GovukDateField(
        label="Date the change takes effect",
        help_text="Usually the date of the meeting where it was agreed.",
    )
    reason = forms.CharField(
        label="Reason for the change",
        widget=forms.Textarea,
        max_length=2000,
        error_messages={"required": "Enter the reason for the change"},
        help_text=(
            "Say what the evidence was, for example a review, an assessment or an EHC plan."
        ),
    )
    parents_told = forms.BooleanField(label="The parents or carers have been told", required=False)
    parents_told_on = GovukDateField(label="Date the parents were told", required=False)

    def clean_effective_date(self):
        value = self.cleaned_data["effective_date"]
        if value.year < 2000:
            raise forms.ValidationError(
                "Date the change takes effect must be on or after 1 January 2000"
            )
        if (value - timezone.localdate()).days > 366:
            raise forms.ValidationError(
                "Date the change takes effect must be no more than a year from today"
            )
        return value

    def change_fields(self) -> dict:
        """What the service takes: the change, and the version the form was opened at."""
        fields = {k: v for k, v in self.cleaned_data.items() if k != "version"}
        return {**fields, "version": self.opened_version}


class ParentsToldForm(GovukFormMixin, forms.Form):
    """Posted by the hand-written forms of the pupil's register history and of the register's
    "parents not told" list, as told_on-day, told_on-month and told_on-year."""

    told_on = GovukDateField(label="Date the parents were told")
