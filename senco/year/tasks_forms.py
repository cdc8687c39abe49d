"""The forms of the SENCO's year: which year and what to show, a task (versioned, so two
people changing one task never overwrite each other), and "set up the year"."""

from django import forms

from senco.lib.clock import academic_year_label
from senco.lib.forms import GovukDateField, GovukFormMixin, VersionedFormMixin
from senco.year.tasks_selectors import person

EVERYONE = "everyone"
MINE = "mine"


class YearFilterForm(GovukFormMixin, forms.Form):
    """The year page's ?year=2026&who=mine&kind=...: anything else than the choices shows
    GOV.UK's error message and the current year, everything, never a 500."""

    year = forms.TypedChoiceField(
        label="Academic year",
        coerce=int,
        required=False,
        error_messages={"invalid_choice": "Choose an academic year from the list"},
    )
    who = forms.ChoiceField(
        label="Whose tasks",
        required=False,
        choices=[(EVERYONE, "Everyone's"), (MINE, "Mine")],
        error_messages={"invalid_choice": "Choose everyone's or yours"},
    )
    kind = forms.ChoiceField(
        label="What to show",
        required=False,
        error_messages={"invalid_choice": "Choose what to show from the list"},
    )

    def __init__(self, data=None, *, years: list[int], current: int, kinds: list[str], **kw):
        super().__init__(data, **kw)
        self.current = current
        self.fields["year"].choices = [(str(y), academic_year_label(y)) for y in years]
        self.fields["kind"].choices = [("", "Everything")] + [(k, k) for k in kinds]

    def chosen(self) -> tuple[int, bool, str]:
        """(academic year, mine only, kind): the defaults for anything not valid."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return data.get("year") or self.current, data.get("who") == MINE, data.get("kind") or ""


class SetupForm(forms.Form):
    """Which way to set up the year: from the phase's calendar, or from last year."""

    CALENDAR = "calendar"
    CARRY = "carry"

    academic_year = forms.IntegerField(min_value=2000, max_value=2100)
    source = forms.ChoiceField(choices=[(CALENDAR, CALENDAR), (CARRY, CARRY)])


class TaskForm(GovukFormMixin, VersionedFormMixin, forms.Form):
    title = forms.CharField(
        label="Task",
        max_length=200,
        help_text="What needs doing, in a few words. Do not use a pupil's name.",
        error_messages={"required": "Enter the task"},
    )
    details = forms.CharField(
        label="Details (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea,
    )
    due = GovukDateField(label="Date it is due")
    assigned_to = forms.ModelChoiceField(
        label="Given to",
        queryset=None,
        required=False,
        empty_label="The SENCO (nobody else)",
        help_text="They see it on their home page and in the SENCO's year, and tick it off.",
        error_messages={"invalid_choice": "Choose someone on the school's staff from the list"},
    )
    repeats = forms.BooleanField(
        label="Repeat it next year",
        required=False,
        help_text="When next year is set up from this one, the task is copied to the same "
        "week of the same month.",
    )

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assigned_to"].queryset = staff
        self.fields["assigned_to"].label_from_instance = person


class DoneForm(forms.Form):
    """Tick (done=1) or untick (done=0) a task; `next` back to the page it was ticked on."""

    done = forms.TypedChoiceField(choices=[("1", "1"), ("0", "0")], coerce=lambda v: v == "1")
