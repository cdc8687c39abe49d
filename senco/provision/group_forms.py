"""The forms of intervention groups and their members."""

import datetime

from django import forms
from django.utils import timezone

from senco.lib.forms import GovukDateField, GovukFormMixin, VersionedFormMixin
from senco.provision.group_selectors import DAY_NAMES, staff_label
from senco.provision.group_services import MEMBER_FIELDS, group_dates_errors, member_errors
from senco.provision.models import GroupMember, InterventionGroup


def _score(label: str) -> forms.DecimalField:
    subject = label.split(" (")[0]
    return forms.DecimalField(
        label=label,
        required=False,
        max_digits=6,
        decimal_places=1,
        error_messages={
            "invalid": f"{subject} must be a number, like 85 or 98.5",
            "max_digits": f"{subject} is too large",
            "max_whole_digits": f"{subject} is too large",
            "max_decimal_places": f"{subject} must have no more than 1 decimal place",
        },
    )


class GroupForm(GovukFormMixin, VersionedFormMixin, forms.ModelForm):
    """A group: which intervention, who delivers it, when and where."""

    intervention = forms.ModelChoiceField(
        label="Intervention",
        queryset=None,
        empty_label="Choose an intervention",
        error_messages={"required": "Choose the intervention"},
    )
    staff = forms.ModelChoiceField(
        label="Who delivers it",
        queryset=None,
        required=False,
        empty_label="Choose a member of staff",
        help_text="A teaching assistant, teacher or the SENCO of the school. For someone "
        "from outside the school, enter their name below instead.",
    )
    days = forms.MultipleChoiceField(
        label="Days",
        choices=[(str(n), name) for n, name in enumerate(DAY_NAMES)],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose the days it runs"},
    )
    time = forms.TimeField(
        label="Time (optional)",
        required=False,
        help_text="For example, 9:15 or 14:30",
        input_formats=["%H:%M", "%H.%M", "%H:%M:%S"],
        error_messages={"invalid": "Enter the time like 9:15 or 14:30"},
    )
    starts_on = GovukDateField(label="Starts on")
    ends_on = GovukDateField(label="Ends on")

    class Meta:
        model = InterventionGroup
        fields = [
            "intervention",
            "name",
            "staff",
            "staff_name",
            "days",
            "time",
            "place",
            "starts_on",
            "ends_on",
        ]
        labels = {
            "staff_name": "Or their name, if they are not a member of staff here",
            "place": "Where (optional)",
        }
        help_texts = {"name": "For example, Year 7 reading, Tuesday and Thursday"}
        error_messages = {"name": {"required": "Enter the name of the group"}}

    def __init__(self, *args, interventions, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["intervention"].queryset = interventions
        self.fields["staff"].queryset = staff
        self.fields["staff"].label_from_instance = staff_label
        if self.instance.pk:
            self.initial["days"] = list(self.instance.days)

    def clean(self):
        data = super().clean()
        for name, message in group_dates_errors(data.get("starts_on"), data.get("ends_on")).items():
            if name not in self.errors:
                self.add_error(name, message)
        named = (data.get("staff_name") or "").strip()
        if "staff" not in self.errors and not data.get("staff") and not named:
            self.add_error("staff", "Choose who delivers it, or enter their name")
        return data

    def _post_clean(self):
        # The model keeps the days as one string, "024"; the form as a list of days.
        days = self.cleaned_data.get("days")
        if days is not None:
            self.cleaned_data["days"] = "".join(sorted(set(days)))
        super()._post_clean()

    def group_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class GroupFilterForm(GovukFormMixin, forms.Form):
    """Which groups the list shows (query parameters: nonsense shows every group)."""

    intervention = forms.ModelChoiceField(
        label="Intervention", queryset=None, required=False, empty_label="Every intervention"
    )
    staff = forms.ModelChoiceField(
        label="Who delivers it", queryset=None, required=False, empty_label="Anyone"
    )

    def __init__(self, *args, interventions, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["intervention"].queryset = interventions
        self.fields["staff"].queryset = staff
        self.fields["staff"].label_from_instance = staff_label

    def chosen(self) -> dict:
        if not self.is_bound or not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v is not None}


class PupilSearchForm(GovukFormMixin, forms.Form):
    q = forms.CharField(
        label="Pupil's name or UPN",
        required=False,
        max_length=100,
        help_text="Type part of their name, then search.",
    )


class MemberAddForm(GovukFormMixin, forms.Form):
    """A pupil joins a group, with their score at entry."""

    pupil = forms.ModelChoiceField(
        label="Pupil",
        queryset=None,
        error_messages={
            "required": "Choose the pupil",
            "invalid_choice": "Choose a pupil of the school",
        },
    )
    joined_on = GovukDateField(label="Joined on")
    baseline_score = _score("Score at entry (optional)")
    baseline_on = GovukDateField(label="Entry score taken on", required=False)
    parents_told_joining = GovukDateField(
        label="Parents told they joined on",
        required=False,
        help_text="Leave empty if they have not been told yet.",
    )

    FIELDS = ("joined_on", "baseline_score", "baseline_on", "parents_told_joining")

    def __init__(self, *args, group: InterventionGroup, pupils, **kwargs):
        super().__init__(*args, **kwargs)
        self.group = group
        self.fields["pupil"].queryset = pupils

    def clean(self):
        data = super().clean()
        found = member_errors(self.group, data, timezone.localdate())
        for name, message in found.items():
            if name in self.fields and name not in self.errors:
                self.add_error(name, message)
        return data

    def member_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.FIELDS}


class MemberForm(GovukFormMixin, VersionedFormMixin, forms.ModelForm):
    """A member's dates and scores: when they joined and left, entry and exit scores, and
    when their parents were told."""

    joined_on = GovukDateField(label="Joined on")
    left_on = GovukDateField(label="Left on", required=False)
    baseline_score = _score("Score at entry (optional)")
    baseline_on = GovukDateField(label="Entry score taken on", required=False)
    exit_score = _score("Score at exit (optional)")
    exit_on = GovukDateField(label="Exit score taken on", required=False)
    parents_told_joining = GovukDateField(label="Parents told they joined on", required=False)
    parents_told_leaving = GovukDateField(label="Parents told they left on", required=False)

    class Meta:
        model = GroupMember
        fields = [name for name, _ in MEMBER_FIELDS]

    def clean(self):
        data = super().clean()
        found = member_errors(self.instance.group, data, timezone.localdate())
        for name, message in found.items():
            if name not in self.errors:
                self.add_error(name, message)
        return data

    def member_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class ParentsToldForm(GovukFormMixin, VersionedFormMixin, forms.Form):
    told_on = GovukDateField(label="Date the parents were told")

    def clean_told_on(self):
        told_on = self.cleaned_data["told_on"]
        if told_on and told_on > timezone.localdate():
            raise forms.ValidationError("Date the parents were told must be today or in the past")
        return told_on


class QuickAddForm(GovukFormMixin, forms.Form):
    """One click from an intervention's suggestions: the pupil joins today (or on the day the
    group starts), with their latest score as the score at entry."""

    pupil = forms.IntegerField(widget=forms.HiddenInput)


def today_or_start(group: InterventionGroup) -> datetime.date:
    return max(timezone.localdate(), group.starts_on)
