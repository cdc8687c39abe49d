"""The forms of parents' pages and of the SENCO's answers."""

from django import forms

from senco.lib.forms import GovukFormMixin, VersionedFormMixin
from senco.parents.models import MeetingRequest
from senco.parents.services import NO_STATUS, NOTHING_WRITTEN


class ParentViewsForm(GovukFormMixin, forms.Form):
    going_well = forms.CharField(
        label="What is going well",
        widget=forms.Textarea,
        required=False,
        max_length=4000,
        help_text="At school, at home, with friends: anything you are pleased about.",
    )
    worries = forms.CharField(
        label="What worries you",
        widget=forms.Textarea,
        required=False,
        max_length=4000,
    )
    hopes = forms.CharField(
        label="What you would like to happen next",
        widget=forms.Textarea,
        required=False,
        max_length=4000,
    )

    def clean(self):
        data = super().clean()
        if not any((data.get(name) or "").strip() for name in ("going_well", "worries", "hopes")):
            # Named on the first box, so the error summary links to it.
            self.add_error("going_well", NOTHING_WRITTEN)
        return data


class MeetingAskForm(GovukFormMixin, forms.Form):
    about = forms.CharField(
        label="What would you like to talk about?",
        widget=forms.Textarea,
        max_length=2000,
        error_messages={"required": "Enter what you would like to talk about"},
    )
    when = forms.CharField(
        label="When suits you (optional)",
        max_length=200,
        required=False,
        help_text="For example: a phone call after 3pm, or any morning.",
    )


class RequestAnswerForm(GovukFormMixin, VersionedFormMixin, forms.Form):
    status = forms.ChoiceField(
        label="What happens next?",
        choices=[
            (MeetingRequest.Status.ARRANGED, "A meeting is arranged"),
            (MeetingRequest.Status.CLOSED, "Answered without a meeting"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": NO_STATUS},
    )
    answer = forms.CharField(
        label="Your answer to the family",
        widget=forms.Textarea,
        max_length=2000,
        help_text="The family will read this on their page, for example the day, time and place.",
        error_messages={"required": "Enter your answer to the family"},
    )
