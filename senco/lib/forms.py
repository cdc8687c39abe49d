"""Forms the GOV.UK way, written once.

- `GovukDateField`: GOV.UK's date input (day, month, year) and its error messages.
- `GovukFormMixin`: every error names its field and says what to do (no "This field is
  required."), and the error summary links to the first box at fault.
- `add_service_errors`: a service's ValidationError onto the form's fields.
- `VersionedFormMixin`: the hidden version an edit form was opened at (`senco.lib.versions`).
- `OneTimeFormMixin`: a hidden one-time token, so a form posted twice saves once.
"""

import datetime
import re
import uuid
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms.boundfield import BoundField

from senco.lib.cleaning import clean_text
from senco.lib.versions import StaleVersion
from senco.lib.widgets import DATE_PARTS, GovukDateInput

DATE_EXAMPLE = "For example, 27 3 2007"

# GOV.UK asks services to accept a month written as a word, in full or cut short.
_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
MONTH_WORDS = {name: n for n, name in enumerate(_MONTHS, start=1)} | {
    name[:3]: n for n, name in enumerate(_MONTHS, start=1)
}
MONTH_WORDS["sept"] = 9

_DJANGO_REQUIRED = forms.Field.default_error_messages["required"]


def lower_first(text: str) -> str:
    """`Date of the review` -> `date of the review`; `EAL` stays `EAL`."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def _subject(label) -> str:
    """The label as the subject of a sentence: `Score (optional)` -> `Score`."""
    return re.sub(r"\s*\(optional\)$", "", str(label or "This"))


# --- Reading a date ----------------------------------------------------------------------


@dataclass(frozen=True)
class DateReading:
    """What three boxes hold: a date, or what is wrong and which boxes are at fault."""

    date: datetime.date | None = None
    problem: str = ""  # "", "required", "incomplete", "year" or "invalid"
    parts: tuple[str, ...] = ()


def _number(text: str) -> int | None:
    return int(text) if re.fullmatch(r"\d{1,4}", text) else None


def read_date(day, month, year) -> DateReading:
    """Read a GOV.UK date input. Only the boxes at fault are named, so that the page marks
    only those; a day that the month does not have (31 2 2026) is the day's fault."""
    values = dict(zip(DATE_PARTS, ((v or "").strip() for v in (day, month, year)), strict=True))
    missing = tuple(part for part in DATE_PARTS if not values[part])
    if len(missing) == len(DATE_PARTS):
        return DateReading(problem="required", parts=DATE_PARTS)
    if missing:
        return DateReading(problem="incomplete", parts=missing)
    d = _number(values["day"])
    m = _number(values["month"]) or MONTH_WORDS.get(values["month"].lower().rstrip("."))
    y = _number(values["year"])
    wrong = tuple(
        part
        for part, ok in (
            ("day", d is not None and 1 <= d <= 31),
            ("month", m is not None and 1 <= m <= 12),
            ("year", y is not None),
        )
        if not ok
    )
    if wrong:
        return DateReading(problem="invalid", parts=wrong)
    if len(values["year"]) != 4 or y < 1000:
        return DateReading(problem="year", parts=("year",))
    try:
        return DateReading(date=datetime.date(y, m, d))
    except ValueError:
        return DateReading(problem="invalid", parts=("day",))


# --- The field ---------------------------------------------------------------------------


class GovukBoundField(BoundField):
    """A bound field that knows where the error summary should link to, and its radios."""

    @property
    def error_link_id(self) -> str:
        if isinstance(self.field.widget, forms.CheckboxSelectMultiple):
            return f"{self.auto_id}_0"
        return self.auto_id

    @property
    def radio_items(self) -> list[dict]:
        """Each choice as a radio: the first has the field's id, so that labels and the
        error summary reach it."""
        current = self.value()
        return [
            {
                "value": value,
                "label": label,
                "id": self.auto_id if n == 1 else f"{self.auto_id}-{n}",
                "checked": current is not None and str(value) == str(current),
            }
            for n, (value, label) in enumerate(self.field.choices, start=1)
        ]


class GovukDateBoundField(GovukBoundField):
    @property
    def date_values(self) -> dict[str, str]:
        """What to show in each box: what was typed, or the initial date split up."""
        value = self.value()
        if not isinstance(value, list | tuple):
            value = self.field.widget.decompress(value)
        return {part: (v or "") for part, v in zip(DATE_PARTS, value, strict=True)}

    @property
    def error_parts(self) -> tuple[str, ...]:
        """The boxes to mark as wrong: those at fault, or all three when the date itself is
        refused (after another date, too far ahead...)."""
        if not self.errors:
            return ()
        reading = read_date(**self.date_values)
        return reading.parts if reading.problem else DATE_PARTS

    @property
    def error_link_id(self) -> str:
        return f"{self.auto_id}-{(self.error_parts or DATE_PARTS)[0]}"


class GovukDateField(forms.Field):
    """A date typed into GOV.UK's date input, with GOV.UK's messages:
    "Enter the date of the review", "Date of the review must include a month",
    "Date of the review must be a real date"."""

    widget = GovukDateInput
    bound_field_class = GovukDateBoundField
    hint = DATE_EXAMPLE

    def __init__(self, *, label: str, error_messages=None, **kwargs):
        messages = {
            "required": f"Enter the {lower_first(label)}",
            "incomplete": f"{label} must include a %(missing)s",
            "year": f"{label} must include a year with 4 numbers",
            "invalid": f"{label} must be a real date",
        }
        messages.update(error_messages or {})
        super().__init__(label=label, error_messages=messages, **kwargs)

    def to_python(self, value):
        if isinstance(value, datetime.date) or value in self.empty_values:
            return value or None
        reading = read_date(*value)
        if reading.problem == "required":
            return None
        if reading.problem:
            raise ValidationError(
                self.error_messages[reading.problem],
                code=reading.problem,
                params={"missing": " and ".join(reading.parts)},
            )
        return reading.date


# --- Messages that name the field ----------------------------------------------------------

_CHOOSING = (forms.ChoiceField, forms.ModelChoiceField, forms.ModelMultipleChoiceField)


def name_the_field_in_errors(field: forms.Field) -> None:
    """Replace Django's messages that do not say which field ("This field is required.",
    "Ensure this value has at most 60 characters") by ones that do. A form's own messages
    are kept; this is the safety net under them."""
    subject = _subject(field.label)
    messages = field.error_messages
    choosing = isinstance(field, _CHOOSING)
    if messages.get("required") == _DJANGO_REQUIRED:
        verb = "Choose" if choosing else "Enter"
        messages["required"] = f"{verb} the {lower_first(subject)}"
    if choosing:
        for code in ("invalid_choice", "invalid_pk_value"):
            if str(messages.get(code, "")).startswith(("Select a valid choice", "“")):
                messages[code] = f"Choose one of the options for {lower_first(subject)}"
    if getattr(field, "max_length", None) and not isinstance(field, forms.FileField):
        messages.setdefault(
            "max_length", f"{subject} must be {field.max_length} characters or fewer"
        )
    # The email check's own message is on its validator, so it is not in `messages` yet.
    if isinstance(field, forms.EmailField) and "invalid" not in messages:
        messages["invalid"] = (
            f"Enter the {lower_first(subject)} in the correct format, like name@example.com"
        )


class GovukFormMixin:
    """Put first in a form's bases: its errors name their field, and its bound fields know
    where the error summary links to. Fields added in `__init__` are covered too."""

    bound_field_class = GovukBoundField

    def full_clean(self):
        for field in self.fields.values():
            name_the_field_in_errors(field)
        super().full_clean()

    def _clean_fields(self):
        # Every text a person types loses control characters and bidirectional overrides
        # (senco.lib.cleaning) before the form's clean() and a model form's instance see it.
        super()._clean_fields()
        for name, value in self.cleaned_data.items():
            if isinstance(value, str):
                self.cleaned_data[name] = clean_text(value)


# --- A service's errors -------------------------------------------------------------------


def add_service_errors(form, error: ValidationError) -> None:
    """Put a service's errors on the form: on the field they name where the form has it,
    otherwise at the top of the form, so that what the person typed is kept. A refused
    stale save also gives a versioned form the version saved now and what differs."""
    if isinstance(error, StaleVersion) and isinstance(form, VersionedFormMixin):
        form.take_version(error)
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def saved(request, form, save, message: str) -> bool:
    """Run a form's service, `save()`: its refusals go beside the form's fields (a stale
    save shows what changed) and what was typed is kept; on success the `message` is shown
    on the next page. True when saved."""
    try:
        save()
    except ValidationError as error:
        add_service_errors(form, error)
        return False
    messages.success(request, message)
    return True


class VersionedFormMixin:
    """An edit form that carries, in a hidden `version` field, the version of the record it
    was opened at: `PlanForm(data, version=cycle.version)`; pass `form.opened_version` to
    the service. When the service refuses the save (`StaleVersion`), `add_service_errors`
    puts the version saved now into the form, so that once the person has merged what they
    typed with `form.stale_rows` (the fields that differ, theirs beside yours) saving again
    works. Put it after `GovukFormMixin` in the bases."""

    def __init__(self, *args, version=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"] = forms.CharField(
            required=False,
            widget=forms.HiddenInput,
            initial="" if version is None else str(version),
        )
        self.stale_rows = None

    @property
    def opened_version(self) -> str | None:
        return self.cleaned_data.get("version") or None

    def _typed(self, name: str):
        if name not in self.fields:
            return ""
        cleaned = getattr(self, "cleaned_data", {})
        return cleaned[name] if name in cleaned else self[name].value()

    def take_version(self, error: StaleVersion) -> None:
        data = self.data.copy()
        data["version"] = error.current
        self.data = data
        self.stale_rows = [
            {"name": name, "label": label, "theirs": shown, "yours": yours}
            for name, label, theirs in error.theirs
            if name in self.fields
            and (shown := _field_shown(self.fields[name], theirs))
            != (yours := _field_shown(self.fields[name], self._typed(name)))
        ]


def _field_shown(field, value) -> str:
    """A value as the person sees it in the field: Yes or No for a checkbox, a choice's
    label rather than its code."""
    if isinstance(field, forms.BooleanField):
        return "Yes" if value in (True, "on", "true", "True", "1") else "No"
    choices = getattr(field, "choices", None)
    if choices and not isinstance(value, (list, tuple)):
        labels = {str(code): label for code, label in choices if not isinstance(label, list)}
        value = labels.get(str(value), value)
    return _shown(value)


def _shown(value) -> str:
    if isinstance(value, datetime.date):
        return f"{value:%-d %B %Y}"
    if value is None or value is False:
        return ""
    return str(value).replace("\r\n", "\n").strip()


def date_data(name: str, value) -> dict[str, str]:
    """What a GOV.UK date input posts: `date_data("held_on", date(2026, 11, 26))` is
    `{"held_on-day": "26", "held_on-month": "11", "held_on-year": "2026"}`. `value` may
    also be the three boxes as typed, `("31", "2", "2026")`, or None for empty boxes."""
    if isinstance(value, datetime.date):
        value = (value.day, value.month, value.year)
    value = value or ("", "", "")
    return {f"{name}-{part}": str(v) for part, v in zip(DATE_PARTS, value, strict=True)}


class OneTimeFormMixin:
    """A form that saves once however often it is posted (a double click, the browser's
    resend): it carries a hidden `form_token`, a random UUID made when the form is drawn and
    kept when it comes back with errors. The view saves through
    `senco.audit.submissions.submit_once(form, save)`, which records the token as used and
    does nothing for a token used already. `form.form_token` is the posted token (None when
    none or a malformed one came); it is not in `cleaned_data`, which stays the service's
    arguments. Put it after `GovukFormMixin` in the bases."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["form_token"] = forms.CharField(
            required=False, widget=forms.HiddenInput, initial=lambda: str(uuid.uuid4())
        )
        self.form_token = None

    def clean(self):
        cleaned = super().clean()
        try:
            self.form_token = uuid.UUID(self.cleaned_data.pop("form_token", "") or "")
        except ValueError:
            self.form_token = None
        return cleaned


class CompareVersionsForm(GovukFormMixin, forms.Form):
    """Which two versions of a record to compare (a passport, a plan), from the version
    numbers it has; unbound, it starts at the two latest."""

    old = forms.TypedChoiceField(
        label="Compare version",
        coerce=int,
        error_messages={
            "required": "Choose the version to compare",
            "invalid_choice": "Choose a version to compare from the list",
        },
    )
    new = forms.TypedChoiceField(
        label="with version",
        coerce=int,
        error_messages={
            "required": "Choose the version to compare it with",
            "invalid_choice": "Choose a version to compare it with from the list",
        },
    )

    def __init__(self, data=None, *, numbers: list[int], **kwargs):
        """`numbers` newest first."""
        if len(numbers) > 1:
            kwargs.setdefault("initial", {"old": numbers[1], "new": numbers[0]})
        super().__init__(data, **kwargs)
        choices = [(str(n), f"Version {n}") for n in numbers]
        self.fields["old"].choices = choices
        self.fields["new"].choices = choices

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("old") is not None and cleaned.get("old") == cleaned.get("new"):
            raise forms.ValidationError("Choose two different versions to compare")
        return cleaned


class PageForm(forms.Form):
    """The `page` of a paged list, as its links send it. Every query parameter comes
    through a form; a page that is not a number gives the first page, one past the end
    the last (Paginator.get_page)."""

    page = forms.IntegerField(required=False, min_value=1, max_value=10**6)

    @classmethod
    def number(cls, data) -> int:
        form = cls(data)
        return (form.cleaned_data.get("page") or 1) if form.is_valid() else 1
