"""The forms of meetings with families. Every query parameter comes through a form."""

from django import forms
from django.core.exceptions import ValidationError

from senco.families.models import Kind
from senco.lib.codes import YEAR_GROUPS
from senco.lib.forms import GovukDateField, GovukFormMixin, VersionedFormMixin


def _person(user) -> str:
    return user.get_full_name() or user.username


class MeetingForm(GovukFormMixin, VersionedFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label="What kind of meeting or contact was it?",
        choices=Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what kind of meeting or contact it was"},
    )
    held_on = GovukDateField(label="Date of the meeting")
    contacts = forms.ModelMultipleChoiceField(
        label="Who from the family was there? (optional)",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Only contacts who may be told about the pupil are listed.",
    )
    others = forms.CharField(
        label="Staff and others there (optional)",
        max_length=300,
        required=False,
        help_text="For example: Ms Khan (class teacher), the speech and language therapist.",
    )
    agreed = forms.CharField(
        label="What was agreed (optional)", widget=forms.Textarea, required=False
    )

    review = forms.ChoiceField(
        label="Which review was this meeting for? (optional)",
        choices=(),
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose a review of this pupil's plan, or none of these"},
        help_text="Left unanswered, a meeting of kind Annual review is for the open annual review.",
    )

    def __init__(self, *args, contacts, cycles=(), annual_reviews=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contacts"].queryset = contacts
        self.fields["contacts"].label_from_instance = str
        self._reviews = review_options(cycles, annual_reviews)
        self.fields["review"].choices = [(NO_REVIEW, "None of these")] + [
            (value, label) for value, (label, _) in self._reviews.items()
        ]

    def clean(self):
        cleaned = super().clean()
        chosen = cleaned.get("review") or ""
        if not chosen and cleaned.get("kind") == Kind.ANNUAL_REVIEW:
            chosen = next((v for v, (_, r) in self._reviews.items() if _is_open_ar(r)), "")
        cleaned["cycle"], cleaned["annual_review"] = review_chosen(self._reviews, chosen)
        return cleaned


NO_REVIEW = "none"


def _is_open_ar(record) -> bool:
    return hasattr(record, "plan_id") and record.closed_at is None


def review_options(cycles, annual_reviews) -> dict[str, tuple[str, object]]:
    """{radio value: (label, record)} for the reviews a meeting may be for."""
    options = {}
    for cycle in cycles:
        state = "open" if cycle.is_open else "reviewed"
        options[f"cycle-{cycle.pk}"] = (
            f"The review of cycle {cycle.number} ({state}), due {cycle.review_date:%-d %B %Y}",
            cycle,
        )
    for review in annual_reviews:
        when = review.meeting_on or review.held_on
        state = "in progress" if review.closed_at is None else "closed"
        label = f"{review.get_kind_display()} of the EHC plan ({state})"
        if when:
            label += f", meeting {when:%-d %B %Y}"
        options[f"ar-{review.pk}"] = (label, review)
    return options


def review_chosen(options, chosen: str):
    """(cycle, annual review) for the radio value chosen: at most one is set."""
    record = options.get(chosen, (None, None))[1]
    if record is None:
        return None, None
    return (None, record) if hasattr(record, "plan_id") else (record, None)


def review_initial(meeting) -> str:
    if meeting.cycle_id:
        return f"cycle-{meeting.cycle_id}"
    if meeting.annual_review_id:
        return f"ar-{meeting.annual_review_id}"
    return ""


class FollowUpForm(GovukFormMixin, forms.Form):
    what = forms.CharField(label="What needs doing", max_length=300)
    owner = forms.ModelChoiceField(
        label="Who will do it",
        queryset=None,
        empty_label="Choose a member of staff",
        error_messages={"required": "Choose who will do it"},
    )
    due_on = GovukDateField(label="Date it needs doing by")

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = staff
        self.fields["owner"].label_from_instance = _person


class KeyWorkerField(forms.ChoiceField):
    """A ModelChoiceField's validation over key workers already read (`KeyWorker`s from
    `selectors.key_workers_of`): the value is a key worker's id as the ORM reads one
    (`int()`), else "invalid_choice"; the cleaned value is the `KeyWorker`, or None. Its
    choices cost no queryset per page (1.4 ms of the three-a-year page)."""

    def __init__(self, *, empty_label: str, **kwargs):
        self.empty_label = empty_label
        self.by_pk: dict = {}
        super().__init__(**kwargs)

    def set_workers(self, workers) -> None:
        self.by_pk = {w.pk: w for w in workers}
        self.choices = [("", self.empty_label), *((w.pk, w.name) for w in workers)]

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return self.by_pk[int(value)]
        except (ValueError, TypeError, KeyError):
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            ) from None

    def validate(self, value):
        forms.Field.validate(self, value)  # to_python found it among the choices


class FilterForm(GovukFormMixin, forms.Form):
    """The three-a-year page's filters, from its query string."""

    not_met = forms.BooleanField(label="Only families not met this term", required=False)
    year_group = forms.TypedChoiceField(
        label="Year group",
        choices=[("", "All year groups"), *YEAR_GROUPS],
        coerce=int,
        empty_value=None,
        required=False,
    )
    key_worker = KeyWorkerField(
        label="Key worker (teaching assistant)",
        required=False,
        empty_label="Any key worker",
    )

    def __init__(self, *args, key_workers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["key_worker"].set_workers(key_workers)

    def filters(self) -> dict:
        """The filters chosen, or none when the query string is not understood."""
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "not_met": data["not_met"],
            "year_group": data["year_group"],
            "key_worker": data["key_worker"],
        }


class CountingKindsForm(GovukFormMixin, VersionedFormMixin, forms.Form):
    kinds = forms.MultipleChoiceField(
        label="Which kinds of meeting count towards three a year?",
        choices=Kind.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply.",
        error_messages={"required": "Choose at least one kind of meeting that counts"},
    )
