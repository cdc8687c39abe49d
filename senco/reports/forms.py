"""The forms of reports: a section's words, issuing and making a new draft."""

from django import forms

from senco.lib.forms import GovukFormMixin, VersionedFormMixin
from senco.reports.kinds import KINDS

WORDS_MAX = 20_000


class NewReportForm(GovukFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label="Kind of report",
        choices=[(k.key, k.label) for k in KINDS.values()],
        error_messages={
            "required": "Choose the kind of report",
            "invalid_choice": "Choose the governors' report or the SEN information report",
        },
    )


class SectionForm(GovukFormMixin, VersionedFormMixin, forms.Form):
    words = forms.CharField(
        label="What this section says",
        widget=forms.Textarea,
        max_length=WORDS_MAX,
        strip=True,
        error_messages={
            "required": "Enter what this section says",
            "max_length": f"What this section says must be {WORDS_MAX:,} characters or fewer",
        },
    )

    def __init__(self, *args, prompt: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        hint = "Leave a blank line between paragraphs. Do not name any pupil."
        self.fields["words"].help_text = f"{prompt} {hint}".strip()


class ConfirmForm(GovukFormMixin, VersionedFormMixin, forms.Form):
    """Issuing a report, or making an issued one a draft again: only the version it was
    opened at, so that a report changed meanwhile is not issued unread."""
