"""The form of one self-evaluation question's answer."""

from django import forms

from senco.lib.forms import GovukFormMixin, VersionedFormMixin
from senco.strategy.models import Rating


class AnswerForm(GovukFormMixin, VersionedFormMixin, forms.Form):
    rating = forms.ChoiceField(
        label="Is this in place?",
        choices=Rating.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose whether this is in place: yes, partly, no or does not apply"
        },
    )
    words = forms.CharField(
        label="What we do and how we know (optional)",
        widget=forms.Textarea,
        required=False,
        max_length=5000,
        help_text="What happens now, and the evidence that shows it: a page, a record, a figure.",
    )
    next_step = forms.CharField(
        label="Next step (optional)",
        widget=forms.Textarea,
        required=False,
        max_length=2000,
        help_text="What will be done, by whom and by when.",
    )
    line_manager_words = forms.CharField(
        label="Line manager's comments (optional)",
        widget=forms.Textarea,
        required=False,
        max_length=5000,
        help_text="For the SENCO's line manager: what they agree with, challenge or will support.",
    )


class FinishForm(GovukFormMixin, forms.Form):
    """Nothing to fill in: the button that marks a set finished."""
