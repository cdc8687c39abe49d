"""The form of a request for an EHC needs assessment."""

from django import forms
from django.utils import timezone

from senco.ehcp.authorities import AUTHORITIES
from senco.ehcp.models import AssessmentRequest
from senco.ehcp.request_services import request_dates_errors
from senco.lib.forms import GovukDateField, GovukFormMixin, VersionedFormMixin


class RequestForm(GovukFormMixin, VersionedFormMixin, forms.ModelForm):
    """The request and, as they come, the local authority's decision, the draft plan, our
    response and the outcome. Carries the version it was opened at."""

    la_code = forms.ChoiceField(
        label="Local authority",
        choices=[("", "Choose the local authority"), *((c, n) for c, n in AUTHORITIES)],
        help_text="The local authority asked to assess: the pupil's home authority.",
        error_messages={"required": "Choose the local authority"},
    )
    requested_by = forms.ChoiceField(
        label="Who made the request",
        choices=AssessmentRequest.RequestedBy.choices,
        widget=forms.RadioSelect,
        initial=AssessmentRequest.RequestedBy.SCHOOL,
        help_text="Record a request the parents or the young person made too, when you know "
        "of it: the same deadlines apply.",
        error_messages={"required": "Choose who made the request"},
    )
    requested_on = GovukDateField(label="Date the request was sent")
    decision = forms.ChoiceField(
        label="Decision whether to assess (optional)",
        choices=[("", "Not received yet"), *AssessmentRequest.Decision.choices],
        widget=forms.RadioSelect,
        required=False,
    )
    decision_on = GovukDateField(label="Date the decision was received", required=False)
    draft_served_on = GovukDateField(
        label="Date the draft plan was received",
        required=False,
        help_text="The day the local authority served the draft: the 15 days to respond "
        "start that day.",
    )
    response_sent_on = GovukDateField(label="Date our response was sent", required=False)
    outcome = forms.ChoiceField(
        label="Outcome (optional)",
        choices=[("", "Not yet"), *AssessmentRequest.Outcome.choices],
        widget=forms.RadioSelect,
        required=False,
    )
    outcome_on = GovukDateField(label="Date of the outcome", required=False)

    class Meta:
        model = AssessmentRequest
        fields = [
            "la_code",
            "requested_by",
            "requested_on",
            "evidence",
            "decision",
            "decision_on",
            "draft_served_on",
            "response_sent_on",
            "outcome",
            "outcome_on",
            "notes",
        ]
        widgets = {"evidence": forms.Textarea, "notes": forms.Textarea}
        labels = {"evidence": "Evidence sent with it (optional)", "notes": "Notes (optional)"}

    def clean(self):
        data = super().clean()
        for name, message in request_dates_errors(data, timezone.localdate()).items():
            if name not in self.errors:
                self.add_error(name, message)
        return data

    def request_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}
