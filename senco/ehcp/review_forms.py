"""The forms of an annual review's steps. Each carries the review's version (or an
invitee's), so two people in two tabs never silently overwrite each other; the checks of
dates against each other are the services' (review_services.py), put beside the fields."""

from django import forms

from senco.ehcp.models import AnnualReview, Contributor
from senco.lib.forms import GovukDateField, GovukFormMixin, VersionedFormMixin


class ReviewStartForm(GovukFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label="What kind of review is it?",
        choices=AnnualReview.Kind.choices,
        widget=forms.RadioSelect,
        initial=AnnualReview.Kind.ANNUAL,
        error_messages={"required": "Choose the kind of review"},
    )
    next_setting = forms.CharField(
        label="Next school or college (optional)",
        max_length=200,
        required=False,
        help_text="The setting the pupil is moving to, if it is known.",
    )


class MeetingDateForm(GovukFormMixin, VersionedFormMixin, forms.Form):
    meeting_on = GovukDateField(label="Meeting date")
    meeting_time = forms.CharField(
        label="Time and place (optional)",
        max_length=200,
        required=False,
        help_text="For example: 3.30pm, the meeting room by reception.",
    )
    next_setting = forms.CharField(
        label="Next school or college (optional)", max_length=200, required=False
    )
    late_confirmed = forms.BooleanField(
        label="I know this is after the review is due", required=False
    )

    def __init__(self, *args, phase_transfer: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not phase_transfer:
            del self.fields["next_setting"]


def _invitee_label(contributor: Contributor) -> str:
    organisation = f", {contributor.organisation}" if contributor.organisation else ""
    return f"{contributor.name} ({contributor.get_role_display()}{organisation})"


class InvitationsForm(GovukFormMixin, VersionedFormMixin, forms.Form):
    contributors = forms.TypedMultipleChoiceField(
        label="Who was the invitation sent to?",
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply.",
        error_messages={
            "required": "Choose who the invitation was sent to",
            "invalid_choice": "Choose who the invitation was sent to from the list",
        },
    )
    invited_on = GovukDateField(label="Date the invitations were sent")

    def __init__(self, *args, contributors=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contributors"].choices = [(c.pk, _invitee_label(c)) for c in contributors]


class ContributorForm(GovukFormMixin, VersionedFormMixin, forms.ModelForm):
    """Someone to invite; once they are, the advice asked of and received from them."""

    role = forms.ChoiceField(
        label="Who are they?",
        choices=Contributor.Role.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who they are"},
    )
    advice_requested_on = GovukDateField(label="Date advice was asked for", required=False)
    advice_received_on = GovukDateField(label="Date advice was received", required=False)

    class Meta:
        model = Contributor
        fields = [
            "role",
            "name",
            "organisation",
            "email",
            "advice_requested_on",
            "advice_received_on",
            "advice",
        ]
        widgets = {"advice": forms.Textarea}
        labels = {
            "name": "Name",
            "organisation": "Organisation or service (optional)",
            "email": "Email (optional)",
            "advice": "Summary of their advice (optional)",
        }
        error_messages = {"name": {"required": "Enter their name"}}

    def __init__(self, *args, adding: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if adding:
            for name in ("advice_requested_on", "advice_received_on", "advice"):
                del self.fields[name]

    def contributor_fields(self) -> dict:
        return {n: self.cleaned_data[n] for n in self.Meta.fields if n in self.fields}


class AdviceForm(GovukFormMixin, VersionedFormMixin, forms.Form):
    advice_circulated_on = GovukDateField(
        label="Date the advice was circulated",
        required=False,
        help_text="The day you sent the advice received to everyone invited.",
    )


class ViewsForm(GovukFormMixin, VersionedFormMixin, forms.Form):
    pupil_view = forms.CharField(
        label="The pupil's views",
        widget=forms.Textarea,
        required=False,
        max_length=10000,
        help_text="In their words, or how they gave them (a drawing, a talk with their key adult).",
    )
    parent_view = forms.CharField(
        label="The parents' views",
        widget=forms.Textarea,
        required=False,
        max_length=10000,
    )


class HeldForm(GovukFormMixin, VersionedFormMixin, forms.Form):
    held_on = GovukDateField(label="Date the meeting was held")
    attended = forms.TypedMultipleChoiceField(
        label="Who attended?",
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply.",
        error_messages={"invalid_choice": "Choose who attended from the list"},
    )
    attendees = forms.CharField(
        label="Who else attended (optional)",
        widget=forms.Textarea,
        required=False,
        max_length=2000,
        help_text="For example: the class teacher, the pupil for the last 10 minutes.",
    )

    def __init__(self, *args, contributors=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attended"].choices = [(c.pk, _invitee_label(c)) for c in contributors]
        if not contributors:
            del self.fields["attended"]


class ReportForm(GovukFormMixin, VersionedFormMixin, forms.Form):
    progress = forms.CharField(
        label="Progress towards the outcomes",
        widget=forms.Textarea,
        required=False,
        max_length=20000,
        help_text="Outcome by outcome (section E): what has been achieved and what has not.",
    )
    recommendations = forms.CharField(
        label="Recommendations",
        widget=forms.Textarea,
        required=False,
        max_length=20000,
        help_text="Keep the plan, change it (what and why), or end it.",
    )
    report_sent_on = GovukDateField(
        label="Date the report was sent",
        required=False,
        help_text="Leave empty until the report has gone to the local authority.",
    )


class DecisionForm(GovukFormMixin, VersionedFormMixin, forms.Form):
    decision = forms.ChoiceField(
        label="The local authority's decision",
        choices=AnnualReview.Decision.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    decision_on = GovukDateField(label="Date the decision was received", required=False)
    proposals_on = GovukDateField(
        label="Date the proposed amendments were received", required=False
    )
    final_plan_on = GovukDateField(label="Date the final amended plan was issued", required=False)


class CloseForm(VersionedFormMixin, forms.Form):
    """Closing a review: only its version."""
