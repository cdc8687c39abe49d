from django import forms

from senco.lib.forms import (
    GovukDateField,
    GovukFormMixin,
    OneTimeFormMixin,
    VersionedFormMixin,
)
from senco.plans.models import Evidence, Note, Outcome, OutcomeProgress, Review


class EvidenceForm(GovukFormMixin, OneTimeFormMixin, forms.ModelForm):
    kind = forms.ChoiceField(
        label="Kind of evidence",
        choices=Evidence.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the kind of evidence"},
    )
    date = GovukDateField(label="Date of the evidence")

    class Meta:
        model = Evidence
        fields = ["kind", "date", "given_by", "summary", "score"]
        widgets = {"summary": forms.Textarea}
        labels = {"score": "Score (optional)"}
        error_messages = {
            "given_by": {"required": "Enter who gave it"},
            "summary": {"required": "Enter what it shows"},
        }


class PlanForm(GovukFormMixin, VersionedFormMixin, forms.Form):
    """The plan, with a fixed row for each of up to five outcomes, so nothing typed is lost
    when the form comes back with an error. It carries the plan's version (`Cycle.version`)
    it was opened at."""

    provision = forms.CharField(
        label="Provision to make",
        widget=forms.Textarea,
        required=False,
        help_text="The adjustments, interventions and support, and how often.",
    )
    who_does_what = forms.CharField(
        label="Who does what",
        widget=forms.Textarea,
        required=False,
        help_text="For example: Mrs Khan runs the reading group on Tuesdays and Thursdays.",
    )
    review_date = GovukDateField(label="Review date")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for n in range(1, Outcome.MAX + 1):
            self.fields[f"outcome_{n}"] = forms.CharField(
                label=f"Outcome {n}", widget=forms.Textarea, required=False, max_length=2000
            )
            self.fields[f"criteria_{n}"] = forms.CharField(
                label=f"Success criteria for outcome {n}",
                widget=forms.Textarea,
                required=False,
                max_length=2000,
            )

    @property
    def rows(self):
        return [(n, self[f"outcome_{n}"], self[f"criteria_{n}"]) for n in range(1, Outcome.MAX + 1)]

    def clean(self):
        data = super().clean()
        outcomes = []
        for n in range(1, Outcome.MAX + 1):
            text = data.get(f"outcome_{n}", "").strip()
            criteria = data.get(f"criteria_{n}", "").strip()
            if criteria and not text:
                self.add_error(f"outcome_{n}", f"Enter outcome {n}, or clear its success criteria")
            elif text:
                outcomes.append((text, criteria))
        if not outcomes and not self.errors:
            self.add_error("outcome_1", "Enter outcome 1: a plan has at least one outcome")
        data["outcomes"] = outcomes
        return data


class NoteForm(GovukFormMixin, OneTimeFormMixin, forms.ModelForm):
    date = GovukDateField(label="Date of the note")

    class Meta:
        model = Note
        fields = ["date", "text"]
        widgets = {"text": forms.Textarea}
        error_messages = {"text": {"required": "Enter what happened"}}


class ReviewForm(GovukFormMixin, VersionedFormMixin, forms.ModelForm):
    """The review: progress on each outcome, everyone's views and what happens next, with
    the headings of a person-centred review or a structured conversation when chosen."""

    # The questions each kind of review adds; the page shows them under the kind's radio.
    KIND_FIELDS = {
        Review.Kind.PERSON_CENTRED: Review.PERSON_CENTRED_FIELDS,
        Review.Kind.STRUCTURED: Review.STRUCTURED_FIELDS,
    }

    held_on = GovukDateField(label="Date of the review")
    kind = forms.ChoiceField(
        label="Kind of review",
        choices=Review.Kind.choices,
        initial=Review.Kind.STANDARD,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the kind of review"},
    )

    class Meta:
        model = Review
        fields = [
            "held_on",
            "kind",
            "pupil_view",
            "parent_view",
            "teacher_view",
            "next_steps",
            *Review.PERSON_CENTRED_FIELDS,
            *Review.STRUCTURED_FIELDS,
        ]

    def __init__(self, *args, outcomes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.outcomes = list(outcomes)
        for outcome in self.outcomes:
            self.fields[f"rating_{outcome.pk}"] = forms.ChoiceField(
                label=f"Progress on outcome {outcome.position}",
                choices=OutcomeProgress.Rating.choices,
                widget=forms.RadioSelect,
                error_messages={
                    "required": f"Say how much progress was made on outcome {outcome.position}"
                },
            )
            self.fields[f"evidence_{outcome.pk}"] = forms.CharField(
                label=f"Evidence of progress on outcome {outcome.position}",
                widget=forms.Textarea,
                required=False,
            )

    @property
    def kind_items(self) -> list[dict]:
        """The kinds of review as radios, each with the questions it adds."""
        return [
            {**item, "reveal": [self[name] for name in self.KIND_FIELDS.get(item["value"], ())]}
            for item in self["kind"].radio_items
        ]

    def clean(self):
        data = super().clean()
        # What was typed under a kind not chosen in the end is not saved with the review.
        for kind, names in self.KIND_FIELDS.items():
            if data.get("kind") != kind:
                for name in names:
                    data[name] = ""
        return data

    @property
    def outcome_rows(self):
        return [(o, self[f"rating_{o.pk}"], self[f"evidence_{o.pk}"]) for o in self.outcomes]

    def progress(self) -> dict[int, tuple[str, str]]:
        return {
            o.pk: (self.cleaned_data[f"rating_{o.pk}"], self.cleaned_data[f"evidence_{o.pk}"])
            for o in self.outcomes
        }

    def review_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class ViewAnswerForm(GovukFormMixin, forms.Form):
    view = forms.CharField(
        label="Your view",
        widget=forms.Textarea,
        max_length=4000,
        error_messages={"required": "Enter your view"},
        help_text=(
            "How is the pupil getting on in your lessons? What is working, what is not, "
            "and what would help next?"
        ),
    )
