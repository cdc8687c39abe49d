"""The forms of SEND parent review days."""

import datetime
import re

from django import forms

from senco.families.forms import review_chosen, review_options
from senco.families.review_days_services import MAX_MINUTES, MAX_ROOMS, MIN_MINUTES
from senco.lib.forms import GovukDateField, GovukFormMixin, VersionedFormMixin
from senco.pupils.models import Contact, Pupil

YES_NO = [("yes", "Yes"), ("no", "No")]


def _person(user) -> str:
    return user.get_full_name() or user.username


class GovukTimeField(forms.Field):
    """A time of day typed as 15:30, 3:30pm or 1530."""

    def __init__(self, *, label: str, **kwargs):
        messages = {
            "required": f"Enter the {label[:1].lower() + label[1:]}",
            "invalid": f"{label} must be a time of day, like 15:30",
        }
        kwargs.setdefault("help_text", "For example, 15:30")
        super().__init__(label=label, error_messages=messages, **kwargs)

    def to_python(self, value):
        if isinstance(value, datetime.time):
            return value
        text = (value or "").strip().lower().replace(".", ":")
        if not text:
            return None
        found = re.fullmatch(r"(\d{1,2})(?::?(\d{2}))?\s*(am|pm)?", text)
        if not found:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        hour, minute, half = int(found[1]), int(found[2] or 0), found[3]
        if half == "pm" and hour < 12:
            hour += 12
        if half == "am" and hour == 12:
            hour = 0
        if hour > 23 or minute > 59:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return datetime.time(hour, minute)

    def prepare_value(self, value):
        return f"{value:%H:%M}" if isinstance(value, datetime.time) else value


class ReviewDayForm(GovukFormMixin, forms.Form):
    title = forms.CharField(label="Title", max_length=120, initial="SEND parent review day")
    held_on = GovukDateField(label="Date of the review day")
    starts_at = GovukTimeField(label="Time of the first appointment")
    ends_at = GovukTimeField(label="Time the last appointment ends")
    slot_minutes = forms.IntegerField(
        label="Length of each appointment, in minutes",
        initial=20,
        help_text=f"From {MIN_MINUTES} to {MAX_MINUTES} minutes.",
        error_messages={
            "required": "Enter the length of each appointment, in minutes",
            "invalid": "The length of each appointment must be a number of minutes, like 20",
        },
    )
    parents_may_book = forms.ChoiceField(
        label="Can parents book online?",
        choices=YES_NO,
        initial="yes",
        widget=forms.RadioSelect,
        help_text="Parents who have signed in can then book a free time for their own child.",
        error_messages={"required": "Choose whether parents can book online"},
    )
    notes = forms.CharField(
        label="What parents should know (optional)",
        widget=forms.Textarea,
        required=False,
        help_text="For example, where to go and what to bring. It goes in the invitation.",
    )

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        for n in range(1, MAX_ROOMS + 1):
            self.fields[f"room_{n}"] = forms.CharField(
                label=f"Room {n}" + ("" if n == 1 else " (optional)"),
                max_length=60,
                required=False,
                help_text="For example, Library or Room 4." if n == 1 else "",
            )
            self.fields[f"staff_{n}"] = forms.ModelChoiceField(
                label=f"Who is taking appointments in room {n}",
                queryset=staff,
                required=False,
                empty_label="Choose a member of staff",
            )
            self.fields[f"staff_{n}"].label_from_instance = _person

    def room_pairs(self):
        return [(self[f"room_{n}"], self[f"staff_{n}"]) for n in range(1, MAX_ROOMS + 1)]

    def clean_slot_minutes(self):
        minutes = self.cleaned_data["slot_minutes"]
        if not MIN_MINUTES <= minutes <= MAX_MINUTES:
            raise forms.ValidationError(
                f"The length of each appointment must be between {MIN_MINUTES} and "
                f"{MAX_MINUTES} minutes"
            )
        return minutes

    def clean(self):
        cleaned = super().clean()
        rooms = []
        for n in range(1, MAX_ROOMS + 1):
            name, staff = cleaned.get(f"room_{n}", ""), cleaned.get(f"staff_{n}")
            if name and staff is None and f"staff_{n}" not in self.errors:
                self.add_error(f"staff_{n}", f"Choose who is taking appointments in room {n}")
            elif staff is not None and not name:
                self.add_error(f"room_{n}", f"Enter the name of room {n}")
            elif name and staff is not None:
                rooms.append((name, staff))
        if not rooms and not self.errors:
            self.add_error("room_1", "Enter at least one room and who is taking it")
        cleaned["rooms"] = rooms
        cleaned["parents_may_book"] = cleaned.get("parents_may_book") == "yes"
        return cleaned


class ReviewDayChangeForm(GovukFormMixin, VersionedFormMixin, forms.Form):
    title = forms.CharField(label="Title", max_length=120)
    parents_may_book = forms.ChoiceField(
        label="Can parents book online?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether parents can book online"},
    )
    notes = forms.CharField(
        label="What parents should know (optional)", widget=forms.Textarea, required=False
    )

    def clean(self):
        cleaned = super().clean()
        cleaned["parents_may_book"] = cleaned.get("parents_may_book") == "yes"
        return cleaned


class PupilSearchForm(GovukFormMixin, forms.Form):
    q = forms.CharField(label="Pupil's name", max_length=100, required=False)
    pupil = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)


class BookForm(GovukFormMixin, forms.Form):
    """Who the appointment is for and who from the family is coming. Every contact of the
    school's pupils may be posted: the service refuses one who may not be asked, with the
    reason."""

    pupil = forms.ModelChoiceField(
        label="Pupil",
        queryset=None,
        widget=forms.HiddenInput,
        error_messages={
            "required": "Choose the pupil",
            "invalid_choice": "Choose a pupil on the SEND register of this school",
        },
    )
    contact = forms.ModelChoiceField(
        label="Who is coming? (optional)",
        queryset=None,
        required=False,
        error_messages={"invalid_choice": "Choose one of this pupil's contacts"},
    )

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pupil"].queryset = Pupil.objects.filter(school=school).on_register()
        self.fields["contact"].queryset = Contact.objects.filter(pupil__school=school)


class AppointmentForm(GovukFormMixin, forms.Form):
    contacts = forms.ModelMultipleChoiceField(
        label="Who from the family came? (optional)",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Only contacts who may be told about the pupil are listed.",
    )
    others = forms.CharField(
        label="Staff and others there (optional)", max_length=300, required=False
    )
    agreed = forms.CharField(
        label="What was agreed (optional)", widget=forms.Textarea, required=False
    )
    review = forms.ChoiceField(
        label="Which review was this meeting for?",
        choices=(),
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose a review of this pupil's plan, or none of these"},
    )
    what = forms.CharField(label="Follow-up action (optional)", max_length=300, required=False)
    owner = forms.ModelChoiceField(
        label="Who will do it",
        queryset=None,
        required=False,
        empty_label="Choose a member of staff",
    )
    due_on = GovukDateField(label="Date it needs doing by", required=False)

    def __init__(self, *args, contacts, staff, cycles=(), annual_reviews=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contacts"].queryset = contacts
        self.fields["contacts"].label_from_instance = str
        self.fields["owner"].queryset = staff
        self.fields["owner"].label_from_instance = _person
        self._reviews = review_options(cycles, annual_reviews)
        self.fields["review"].choices = [("none", "None of these")] + [
            (value, label) for value, (label, _) in self._reviews.items()
        ]

    def clean(self):
        cleaned = super().clean()
        cleaned["cycle"], cleaned["annual_review"] = review_chosen(
            self._reviews, cleaned.get("review") or ""
        )
        follow_up = None
        if cleaned.get("what"):
            if cleaned.get("owner") is None and "owner" not in self.errors:
                self.add_error("owner", "Choose who will do the follow-up action")
            if cleaned.get("due_on") is None and "due_on" not in self.errors:
                self.add_error("due_on", "Enter the date the follow-up action needs doing by")
            if cleaned.get("owner") and cleaned.get("due_on"):
                follow_up = {
                    "what": cleaned["what"],
                    "owner": cleaned["owner"],
                    "due_on": cleaned["due_on"],
                }
        cleaned["follow_up"] = follow_up
        return cleaned


class ParentBookForm(GovukFormMixin, forms.Form):
    slot = forms.ModelChoiceField(
        label="Choose a time",
        queryset=None,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose a time for the appointment",
            "invalid_choice": "Choose one of the free times",
        },
    )

    def __init__(self, *args, day, **kwargs):
        super().__init__(*args, **kwargs)
        from senco.families.models import Slot

        self.fields["slot"].queryset = Slot.objects.filter(day=day)
