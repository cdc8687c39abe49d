from django import forms
from django.utils import timezone

from senco.ehcp.authorities import AUTHORITIES
from senco.ehcp.models import EHCPlan, ProvisionItem
from senco.ehcp.services import plan_dates_errors
from senco.lib.forms import GovukDateField, GovukFormMixin, VersionedFormMixin


class PlanForm(GovukFormMixin, VersionedFormMixin, forms.ModelForm):
    """The plan's record, carrying the version (`EHCPlan.version`) it was opened at."""

    la_code = forms.ChoiceField(
        label="Local authority",
        choices=[("", "Choose the local authority"), *((c, n) for c, n in AUTHORITIES)],
        help_text="The local authority that issued the plan and maintains it.",
        error_messages={"required": "Choose the local authority"},
    )
    issued_on = GovukDateField(label="Date the plan was issued")
    last_review_on = GovukDateField(
        label="Date of the last annual review meeting",
        required=False,
        help_text="Leave empty if the plan has not been reviewed yet.",
    )
    status = forms.ChoiceField(
        label="Status",
        choices=EHCPlan.Status.choices,
        initial=EHCPlan.Status.IN_FORCE,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the status of the plan"},
    )

    class Meta:
        model = EHCPlan
        fields = [
            "la_code",
            "officer_name",
            "officer_email",
            "officer_phone",
            "issued_on",
            "last_review_on",
            "status",
            "needs",
            "outcomes",
        ]
        widgets = {"needs": forms.Textarea, "outcomes": forms.Textarea}
        labels = {
            "officer_name": "Case officer (optional)",
            "officer_email": "Case officer's email (optional)",
            "officer_phone": "Case officer's phone (optional)",
        }

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        for name, message in plan_dates_errors(
            data.get("issued_on"), data.get("last_review_on"), today
        ).items():
            if name not in self.errors:
                self.add_error(name, message)
        return data

    def plan_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class ItemForm(GovukFormMixin, VersionedFormMixin, forms.ModelForm):
    """An item of section F."""

    kind = forms.ChoiceField(
        label="Kind of provision",
        choices=ProvisionItem.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the kind of provision"},
    )
    in_place_since = GovukDateField(label="Date it has been in place since", required=False)

    class Meta:
        model = ProvisionItem
        fields = [
            "what",
            "who",
            "how_often",
            "how_long",
            "kind",
            "in_place",
            "in_place_since",
            "evidence",
        ]
        widgets = {"what": forms.Textarea, "evidence": forms.Textarea}
        labels = {
            "what": "What the plan says the provision is",
            "in_place": "It is in place",
            "evidence": "Evidence it is in place (optional)",
        }
        help_texts = {"evidence": "For example: seen in lessons, the intervention's register."}
        error_messages = {"what": {"required": "Enter what the provision is"}}

    def clean(self):
        data = super().clean()
        since = data.get("in_place_since")
        if since and since > timezone.localdate():
            self.add_error(
                "in_place_since", "Date it has been in place since must be today or in the past"
            )
        elif since and not data.get("in_place"):
            self.add_error(
                "in_place_since", "Tick in place, or clear the date it has been in place since"
            )
        return data

    def item_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class PlanListForm(GovukFormMixin, forms.Form):
    """Which plans the list shows (query parameters: nonsense shows every plan, with a
    message, never a 500)."""

    ALL, DUE, GAPS = "", "due", "gaps"
    la = forms.ChoiceField(label="Local authority", required=False)
    show = forms.ChoiceField(
        label="Show",
        required=False,
        choices=[
            (ALL, "Every plan"),
            (DUE, "Reviews due within 3 months, overdue or at risk"),
            (GAPS, "Section F not in place"),
        ],
        error_messages={"invalid_choice": "Choose what to show from the list"},
    )

    def __init__(self, *args, authorities: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["la"].choices = [("", "All local authorities"), *authorities]
        self.fields["la"].error_messages["invalid_choice"] = (
            "Choose a local authority from the list"
        )

    def chosen(self) -> tuple[str, str]:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return data.get("la", ""), data.get("show", "")
