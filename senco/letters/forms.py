"""The forms of letters to families. Every query parameter comes through a form."""

from django import forms
from django.utils import timezone

from senco.letters import wording
from senco.letters.models import Channel, Kind
from senco.letters.services import parse_time
from senco.lib.codes import YEAR_GROUPS, BroadArea, Provision
from senco.lib.forms import GovukDateField, GovukFormMixin, VersionedFormMixin


class WordingForm(GovukFormMixin, VersionedFormMixin, forms.Form):
    subject = forms.CharField(label="Subject", max_length=200)
    body = forms.CharField(label="The letter", widget=forms.Textarea)

    def __init__(self, *args, kind, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.fields["subject"].error_messages["required"] = "Enter the subject of the letter"
        self.fields["body"].error_messages["required"] = "Enter the text of the letter"

    def clean(self):
        cleaned = super().clean()
        for name in ("subject", "body"):
            for unknown in wording.unknown_placeholders(self.kind, cleaned.get(name, "")):
                self.add_error(name, wording.unknown_message(self.kind, unknown))
        return cleaned


class AboutMixin(forms.Form):
    """What a letter is about: the kind, and the group, meeting or review day it refers to."""

    kind = forms.ChoiceField(
        label="What is the letter about?",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what the letter is about"},
    )
    group = forms.ChoiceField(label="Which intervention group?", required=False)
    meeting_date = GovukDateField(label="Date of the meeting", required=False)
    meeting_time = forms.CharField(
        label="Time of the meeting",
        max_length=10,
        required=False,
        help_text="For example, 3:30pm or 15:30",
    )
    day = forms.ChoiceField(label="Which review day?", required=False)
    channel = forms.ChoiceField(
        label="How will it be sent?",
        choices=Channel.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how it will be sent"},
    )

    def set_about_choices(self, *, kinds, groups, days):
        self.fields["kind"].choices = [(k, Kind(k).label) for k in kinds]
        self.fields["group"].choices = [("", "Choose a group")] + [
            (str(g.id), f"{g.name} ({g.intervention})") for g in groups
        ]
        self.fields["day"].choices = [("", "Choose a review day")] + [
            (str(d.pk), f"{d.title}, {d.held_on:%-d %B %Y}") for d in days
        ]

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind == Kind.STARTING_INTERVENTION and not cleaned.get("group"):
            self.add_error("group", "Choose which intervention group")
        if kind == Kind.REVIEW_DAY and not cleaned.get("day"):
            self.add_error("day", "Choose which review day")
        if kind == Kind.REVIEW_INVITATION:
            if "meeting_date" not in self.errors and not cleaned.get("meeting_date"):
                self.add_error("meeting_date", "Enter the date of the meeting")
            elif cleaned.get("meeting_date") and cleaned["meeting_date"] < timezone.localdate():
                self.add_error(
                    "meeting_date", "The date of the meeting must be today or in the future"
                )
            if not cleaned.get("meeting_time"):
                self.add_error("meeting_time", "Enter the time of the meeting")
            elif parse_time(cleaned["meeting_time"]) is None:
                self.add_error("meeting_time", "Enter the time of the meeting like 3:30pm or 15:30")
        return cleaned

    def about(self) -> dict:
        data, kind = self.cleaned_data, self.cleaned_data["kind"]
        if kind == Kind.STARTING_INTERVENTION:
            return {"group": int(data["group"])}
        if kind == Kind.REVIEW_DAY:
            return {"day": int(data["day"])}
        if kind == Kind.REVIEW_INVITATION:
            at = parse_time(data["meeting_time"])
            return {"date": data["meeting_date"].isoformat(), "time": f"{at:%H:%M}"}
        return {}


class SendForm(GovukFormMixin, AboutMixin):
    """A letter to one family: what about, how, and to whom (chosen by hand)."""

    contacts = forms.MultipleChoiceField(
        label="Who will it go to?",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose who it will go to"},
    )

    def __init__(self, *args, contacts, groups, days, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_about_choices(kinds=list(Kind.values), groups=groups, days=days)
        # Every contact is a choice, so that a post naming a forbidden one is refused with
        # its reason by the service, not as "not one of the choices".
        self.fields["contacts"].choices = [(str(c.pk), c.name) for c in contacts]


class BulkForm(GovukFormMixin, AboutMixin):
    """A letter to many families: what about, how, and which pupils' families."""

    BULK_KINDS = [
        Kind.JOINED_REGISTER,
        Kind.STARTING_INTERVENTION,
        Kind.REVIEW_DAY,
        Kind.LEFT_REGISTER,
    ]

    year_groups = forms.MultipleChoiceField(
        label="Year groups (optional)",
        choices=[(str(v), label) for v, label in YEAR_GROUPS],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Leave them all empty for every year group.",
    )
    provisions = forms.MultipleChoiceField(
        label="SEN support or EHC plan (optional)",
        choices=[(Provision.SEN_SUPPORT, "SEN support"), (Provision.EHC_PLAN, "EHC plan")],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    area = forms.ChoiceField(
        label="Broad area of need (optional)",
        choices=[("", "Any area of need"), *BroadArea.choices],
        required=False,
    )
    everyone_on_day = forms.BooleanField(
        label="Include families already booked on the review day",
        required=False,
        help_text="Left empty, only the families not yet booked get the invitation.",
    )

    def __init__(self, *args, groups, days, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_about_choices(kinds=self.BULK_KINDS, groups=groups, days=days)
        self.fields["group"].label = "Intervention group"
        self.fields["group"].help_text = (
            "For a letter about an intervention, the group it is about. For another letter, "
            "only the pupils in this group (optional)."
        )
        self.fields["group"].choices = [("", "Any group, or none")] + list(
            self.fields["group"].choices
        )[1:]

    def filters(self) -> dict:
        data = self.cleaned_data
        kind = data["kind"]
        return {
            "year_groups": data["year_groups"],
            "provisions": data["provisions"],
            "area": data["area"],
            "group_id": int(data["group"]) if data.get("group") else None,
            "day_id": int(data["day"]) if kind == Kind.REVIEW_DAY and data.get("day") else None,
            "all_on_day": data["everyone_on_day"],
        }


class PrefillForm(forms.Form):
    """`?kind=...&group=...&day=...`, as the review-day, provision and pupil pages link to
    the letter forms: anything not understood is left out."""

    kind = forms.ChoiceField(choices=Kind.choices, required=False)
    group = forms.IntegerField(min_value=1, max_value=10**12, required=False)
    day = forms.IntegerField(min_value=1, max_value=10**12, required=False)

    def chosen(self) -> dict:
        chosen = {}
        for name in ("kind", "group", "day"):
            field = self.fields[name]
            try:
                value = field.clean(self.data.get(name, ""))
            except forms.ValidationError:
                continue
            if value not in (None, ""):
                chosen[name] = str(value)
        return chosen
