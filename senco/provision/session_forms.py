"""The forms of recording a session (phone-first: a date, held or not, who came, a note)
and of the "Withdrawn from lessons" page's filters. The checks of the date against the
group and of one session a day are the services' (session_services.py)."""

import datetime

from django import forms

from senco.lib.forms import GovukDateField, GovukFormMixin, VersionedFormMixin, read_date
from senco.provision.models import Session


def member_label(member) -> str:
    return member.pupil.full_name


def posted_date(data, name: str = "date") -> datetime.date | None:
    """The date a session form was posted with, if it reads as one (to list the members of
    the group on that day); None otherwise, and the form says what is wrong."""
    if not data:
        return None
    return read_date(
        data.get(f"{name}-day"), data.get(f"{name}-month"), data.get(f"{name}-year")
    ).date


class SessionForm(GovukFormMixin, VersionedFormMixin, forms.Form):
    date = GovukDateField(label="Date of the session")
    held = forms.ChoiceField(
        label="Was the session held?",
        choices=[("yes", "Yes"), ("no", "No")],
        widget=forms.RadioSelect,
        initial="yes",
        error_messages={"required": "Choose whether the session was held"},
    )
    not_held_reason = forms.ChoiceField(
        label="Why was it not held?",
        choices=Session.NotHeld.choices,
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": "Choose why the session was not held from the list"},
    )
    attended = forms.TypedMultipleChoiceField(
        label="Who came?",
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Untick anyone who was absent.",
        error_messages={"invalid_choice": "Choose who came from the pupils in the group"},
    )
    note = forms.CharField(
        label="Note (optional)",
        max_length=500,
        required=False,
        widget=forms.Textarea,
        help_text="For example, what you covered or anything the SENCO should know.",
    )

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attended"].choices = [(m.pk, member_label(m)) for m in members]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("held") == "no" and not cleaned.get("not_held_reason"):
            self.add_error("not_held_reason", "Choose why the session was not held")
        return cleaned

    def service_fields(self) -> dict:
        data = self.cleaned_data
        held = data["held"] == "yes"
        return {
            "date": data["date"],
            "held": held,
            "not_held_reason": "" if held else data.get("not_held_reason", ""),
            "present_ids": (data.get("attended") or []) if held else [],
            "note": data.get("note", ""),
        }


class WithdrawalsForm(GovukFormMixin, forms.Form):
    """Which pupils (a class, or all those the person sees) and which week."""

    group = forms.TypedChoiceField(
        label="Class",
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={"invalid_choice": "Choose a class from the list"},
    )
    week = forms.ChoiceField(
        label="Week",
        choices=[("this", "This week"), ("next", "Next week")],
        required=False,
        error_messages={"invalid_choice": "Choose this week or next week"},
    )

    def __init__(self, *args, groups=(), everyone: str = "All your pupils", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].choices = [("", everyone)] + [(g.pk, g.name) for g in groups]
