import re

from django import forms

from senco.accounts.models import Role, User
from senco.lib.cleaning import clean_text
from senco.lib.codes import YEAR_GROUPS
from senco.lib.forms import GovukFormMixin
from senco.lib.prepared import Prepared
from senco.pupils.models import TeachingGroup

# The school's teaching assistants, as the pupil page's form offers them (SQL written once).
_assistants = Prepared(
    lambda school: (
        User.objects.filter(
            memberships__school_id=school,
            memberships__role=Role.TA,
            memberships__is_active=True,
        )
        .order_by("last_name", "first_name")
        .only("first_name", "last_name", "username")
    )
)


class SupportAssignmentForm(GovukFormMixin, forms.Form):
    staff = forms.ModelChoiceField(
        label="Teaching assistant",
        queryset=User.objects.none(),
        empty_label="Choose a teaching assistant",
        error_messages={
            "required": "Choose a teaching assistant",
            "invalid_choice": "Choose a teaching assistant of this school",
        },
    )

    def __init__(self, *args, school, exclude=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.school, self.exclude = school, set(exclude)
        self.fields["staff"].queryset = (
            User.objects.filter(
                memberships__school=school,
                memberships__role=Role.TA,
                memberships__is_active=True,
            )
            .exclude(pk__in=exclude)
            .order_by("last_name", "first_name")
        )

    def read_choices(self) -> bool:
        """Read the teaching assistants once, as the select's options (a ModelChoiceField
        would read them again each time it is rendered or tested). True when there is one."""
        field = self.fields["staff"]
        staff = [
            u for u in _assistants.instances(school=self.school.pk) if u.pk not in self.exclude
        ]
        field.choices = [("", field.empty_label)] + [
            (user.pk, field.label_from_instance(user)) for user in staff
        ]
        return bool(staff)


class TeachingGroupForm(GovukFormMixin, forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=60,
        help_text="As in the timetable, e.g. 9x/Ma1",
        error_messages={"required": "Enter the name of the group"},
    )
    subject = forms.CharField(label="Subject", max_length=60, required=False)
    year_group = forms.TypedChoiceField(
        label="Year group",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "Mixed or none")] + [(str(v), label) for v, label in YEAR_GROUPS],
    )
    follows_reg_group = forms.ChoiceField(
        label="Pupils",
        required=False,
        help_text="A group that follows a registration group gains new pupils and loses "
        "leavers with each import from the MIS.",
    )
    teachers = forms.ModelMultipleChoiceField(
        label="Taught by",
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, school, group=None, reg_groups=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.school = school
        self.group = group
        self.fields["follows_reg_group"].choices = [("", "Chosen by hand")] + [
            (g, f"Everyone in registration group {g}") for g in reg_groups
        ]
        self.fields["teachers"].queryset = User.objects.filter(
            memberships__school=school, memberships__role=Role.TEACHER
        ).order_by("last_name", "first_name")

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        clash = TeachingGroup.objects.filter(school=self.school, name__iexact=name)
        if self.group is not None:
            clash = clash.exclude(pk=self.group.pk)
        if clash.exists():
            raise forms.ValidationError(
                "There is already a group with this name. Enter another name."
            )
        return name


class AddPupilsForm(GovukFormMixin, forms.Form):
    reg_group = forms.ChoiceField(label="Everyone in a registration group", required=False)
    upns = forms.CharField(
        label="Or paste UPNs",
        required=False,
        widget=forms.Textarea,
        help_text="One per line, or separated by commas or spaces, as copied from the MIS.",
    )

    def __init__(self, *args, reg_groups=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reg_group"].choices = [("", "None")] + [(g, g) for g in reg_groups]

    def clean(self):
        data = super().clean()
        if not data.get("reg_group") and not (data.get("upns") or "").strip():
            raise forms.ValidationError("Choose a registration group or paste some UPNs.")
        data["upn_list"] = [
            u.strip().upper() for u in re.split(r"[\s,;]+", data.get("upns") or "") if u.strip()
        ]
        return data


class ContactSearchForm(forms.Form):
    """The office's search of pupils and contacts: `q`, at most 100 characters."""

    q = forms.CharField(required=False, max_length=100)

    @classmethod
    def query(cls, data) -> str:
        text = clean_text(str(data.get("q", "")))[:100].strip()
        form = cls({"q": text})
        return form.cleaned_data["q"] if form.is_valid() else ""
