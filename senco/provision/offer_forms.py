"""The intervention offer's forms."""

from decimal import Decimal

from django import forms

from senco.lib.codes import YEAR_GROUPS, BroadArea
from senco.lib.forms import GovukDateField, GovukFormMixin, VersionedFormMixin
from senco.provision.models import Intervention, Measure
from senco.provision.offer_services import FIELD_NAMES, _numbers_errors, threshold_errors

THRESHOLD_HINTS = {
    "entry": (
        "Used to suggest pupils from their latest score. For a standardised score: pupils "
        "scoring below this number (for example 85). For a reading or spelling age: pupils "
        "this many months or more behind their age (for example 12). For a checklist or "
        "rating: pupils scoring below this number. Leave empty for no suggestions."
    ),
    "exit": (
        "Used to flag pupils who have finished. For a standardised score: a score of this "
        "number or above (for example 90). For a reading or spelling age: no more than this "
        "many months behind their age (for example 6, or 0 for at their age). For a "
        "checklist or rating: a score of this number or above."
    ),
}


def _whole(label: str, *, low: int = 1, high: int = 32767, **kwargs) -> forms.IntegerField:
    subject = label.split(" (")[0]
    unit = label.split(" (")[1].rstrip(")") if " (" in label else ""
    return forms.IntegerField(
        label=label,
        min_value=low,
        max_value=high,
        error_messages={
            "required": f"Enter the {subject.lower()}" + (f" in {unit}" if unit else ""),
            "invalid": f"{subject} must be a whole number, like 10",
            "min_value": f"{subject} must be {low} or more",
            "max_value": f"{subject} must be {high} or fewer",
        },
        **kwargs,
    )


def _number(label: str, *, places: int, hint: str = "", required=True) -> forms.DecimalField:
    subject = label.split(" (")[0]
    return forms.DecimalField(
        label=label,
        required=required,
        help_text=hint,
        max_digits=6 if places == 1 else 10,
        decimal_places=places,
        error_messages={
            "required": f"Enter the {subject.lower()}",
            "invalid": f"{subject} must be a number, like 12" + (".50" if places == 2 else ""),
            "max_digits": f"{subject} is too large",
            "max_decimal_places": f"{subject} must have no more than {places} decimal place"
            + ("s" if places > 1 else ""),
            "max_whole_digits": f"{subject} is too large",
        },
    )


class InterventionForm(GovukFormMixin, VersionedFormMixin, forms.ModelForm):
    """Everything about one intervention of the offer."""

    area = forms.ChoiceField(
        label="Broad area of need",
        choices=BroadArea.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the broad area of need"},
    )
    evidence_strength = forms.ChoiceField(
        label="Strength of the evidence",
        choices=Intervention.Strength.choices,
        widget=forms.RadioSelect,
        initial=Intervention.Strength.NONE,
        error_messages={"required": "Choose the strength of the evidence"},
    )
    evidence_url = forms.URLField(
        label="Link to the evidence (optional)",
        required=False,
        max_length=200,
        assume_scheme="https",
        help_text="For example, the Education Endowment Foundation's page on it.",
        error_messages={
            "invalid": "Enter the link to the evidence as a web address, like "
            "https://educationendowmentfoundation.org.uk"
        },
    )
    measure = forms.ChoiceField(
        label="How progress is measured",
        choices=Measure.choices,
        widget=forms.RadioSelect,
        help_text="Reading and spelling ages are in months.",
        error_messages={"required": "Choose how progress is measured"},
    )
    entry_threshold = _number(
        "Entry threshold (optional)", places=1, hint=THRESHOLD_HINTS["entry"], required=False
    )
    exit_threshold = _number(
        "Exit threshold (optional)", places=1, hint=THRESHOLD_HINTS["exit"], required=False
    )
    wave = forms.TypedChoiceField(
        label="Wave",
        coerce=int,
        choices=Intervention.Wave.choices,
        widget=forms.RadioSelect,
        initial=Intervention.Wave.SMALL_GROUP,
        error_messages={"required": "Choose the wave"},
    )
    group_size = _whole("Typical group size", high=40, initial=4)
    session_minutes = _whole("Session length (minutes)", high=480, initial=30)
    sessions_per_week = _whole("Sessions a week", high=10, initial=3)
    weeks = _whole("Number of weeks", high=52, initial=10)
    staff_role = forms.ChoiceField(
        label="Delivered by",
        choices=Intervention.StaffRole.choices,
        widget=forms.RadioSelect,
        initial=Intervention.StaffRole.TA,
        error_messages={"required": "Choose who it is delivered by"},
    )
    hourly_rate = _number(
        "Staff cost an hour (£)",
        places=2,
        hint="What an hour of the role's time costs the school, with on-costs.",
    )
    resources_cost = _number(
        "Resources and licences for each group (£)",
        places=2,
        hint="Books, kits or a licence, for one group's run. Enter 0 for none.",
    )

    class Meta:
        model = Intervention
        fields = list(FIELD_NAMES)
        widgets = {
            "description": forms.Textarea,
            "entry_criteria": forms.Textarea,
            "exit_criteria": forms.Textarea,
        }
        labels = {
            "description": "What it is (optional)",
            "evidence_url": "Link to the evidence (optional)",
            "entry_criteria": "Who it is for (entry criteria, optional)",
            "exit_criteria": "When a pupil has finished (exit criteria, optional)",
            "active": "Offered now",
        }
        help_texts = {
            "evidence_url": "For example, the Education Endowment Foundation's page on it.",
        }
        error_messages = {
            "name": {"required": "Enter the name of the intervention"},
            "evidence_url": {
                "invalid": "Enter the link to the evidence as a web address, like "
                "https://educationendowmentfoundation.org.uk"
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.fields["active"].initial = True
            self.fields["resources_cost"].initial = Decimal("0.00")
            self.fields["hourly_rate"].initial = Decimal("15.00")

    def clean(self):
        data = super().clean()
        found = _numbers_errors(data)
        found |= threshold_errors(
            data.get("measure"), data.get("entry_threshold"), data.get("exit_threshold")
        )
        for name, message in found.items():
            if name not in self.errors:
                self.add_error(name, message)
        return data

    def intervention_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in FIELD_NAMES}


class StopForm(GovukFormMixin, VersionedFormMixin, forms.Form):
    """ "Are you sure?" for stopping an intervention, from the version shown."""


# --- Scores --------------------------------------------------------------------------------


def _score_value(label: str, required=True) -> forms.DecimalField:
    subject = label.split(" (")[0]
    return forms.DecimalField(
        label=label,
        required=required,
        max_digits=6,
        decimal_places=1,
        error_messages={
            "required": f"Enter the {subject.lower()}",
            "invalid": f"{subject} must be a number, like 85 or 98.5",
            "max_digits": f"{subject} is too large",
            "max_whole_digits": f"{subject} is too large",
            "max_decimal_places": f"{subject} must have no more than 1 decimal place",
        },
    )


MEASURE_FIELD = {
    "label": "Measure",
    "choices": Measure.choices,
    "error_messages": {"required": "Choose the measure"},
}


class ScoreListForm(GovukFormMixin, forms.Form):
    """Which measure the scores page shows (a query parameter: nonsense shows the first)."""

    measure = forms.ChoiceField(label="Measure", choices=Measure.choices, required=False)

    def chosen(self) -> str:
        if self.is_bound and self.is_valid() and self.cleaned_data["measure"]:
            return self.cleaned_data["measure"]
        return Measure.STANDARDISED


class ScoreForm(GovukFormMixin, forms.Form):
    """One pupil's score on a measure."""

    pupil = forms.ModelChoiceField(
        label="Pupil",
        queryset=None,
        empty_label="Choose a pupil",
        error_messages={"required": "Choose the pupil"},
    )
    measure = forms.ChoiceField(widget=forms.RadioSelect, **MEASURE_FIELD)
    value = _score_value("Score", required=True)
    taken_on = GovukDateField(label="Date the score was taken")
    test_name = forms.CharField(
        label="Test (optional)",
        required=False,
        max_length=100,
        help_text="For example, NGRT or Salford Sentence Reading Test",
    )

    def __init__(self, *args, pupils, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pupil"].queryset = pupils.order_by("surname_key", "forename_key", "pk")
        self.fields["pupil"].help_text = "Reading and spelling ages are in months."
        self.fields[
            "value"
        ].help_text = "A reading or spelling age in months: 98 for 8 years 2 months."


class YearChoiceForm(GovukFormMixin, forms.Form):
    """Which year group's pupils the quick form lists (a query parameter)."""

    year_group = forms.TypedChoiceField(
        label="Year group",
        coerce=int,
        choices=[("", "Choose a year group"), *YEAR_GROUPS],
        required=False,
    )

    def year(self) -> int | None:
        if self.is_bound and self.is_valid() and self.cleaned_data["year_group"] != "":
            return self.cleaned_data["year_group"]
        return None


class ScoresYearForm(GovukFormMixin, forms.Form):
    """A year group's scores on one measure taken on one day: a box a pupil; empty boxes
    are left out."""

    measure = forms.ChoiceField(widget=forms.RadioSelect, **MEASURE_FIELD)
    taken_on = GovukDateField(label="Date the scores were taken")
    test_name = forms.CharField(label="Test (optional)", required=False, max_length=100)

    def __init__(self, *args, pupils, **kwargs):
        super().__init__(*args, **kwargs)
        self.pupils = list(pupils)
        for pupil in self.pupils:
            self.fields[f"score_{pupil.pk}"] = _score_value(
                f"Score for {pupil.full_name}", required=False
            )

    def rows(self):
        return [(pupil, self[f"score_{pupil.pk}"]) for pupil in self.pupils]

    def values(self) -> dict:
        return {
            pupil: self.cleaned_data[f"score_{pupil.pk}"]
            for pupil in self.pupils
            if self.cleaned_data.get(f"score_{pupil.pk}") is not None
        }

    def common(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("measure", "taken_on", "test_name")}
