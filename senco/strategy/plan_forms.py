"""The forms of the SEND development plan: a priority, an action (everything, or the quick
status and progress update), evidence (a link or a file) and "Are you sure?"."""

from django import forms
from django.core.exceptions import ValidationError

from senco.lib.forms import GovukDateField, GovukFormMixin, VersionedFormMixin
from senco.strategy import plan_services
from senco.strategy.models import Status
from senco.strategy.plan_selectors import person_label


class PriorityForm(GovukFormMixin, VersionedFormMixin, forms.Form):
    title = forms.CharField(
        label="Priority",
        max_length=200,
        help_text="One line, for example: Improve attendance of pupils at SEN support",
        error_messages={"required": "Enter the priority"},
    )
    why = forms.CharField(
        label="Why it matters (optional)",
        required=False,
        widget=forms.Textarea,
        help_text="What the data, the self-evaluation or Ofsted say, in a sentence or two.",
    )


def _status_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label="Status",
        help_text="How the action is going: red if it is off track, amber if there are some "
        "concerns, green if it is on track.",
        choices=Status.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the status"},
    )


def _progress_field() -> forms.CharField:
    return forms.CharField(
        label="Progress (optional)",
        required=False,
        widget=forms.Textarea,
        help_text="What has happened so far and what comes next.",
    )


class ActionForm(GovukFormMixin, VersionedFormMixin, forms.Form):
    """An action in full: what, who, when, how we will know, and how it is going."""

    what = forms.CharField(
        label="What will be done",
        widget=forms.Textarea,
        error_messages={"required": "Enter what will be done"},
    )
    owner = forms.ModelChoiceField(
        label="Owner",
        queryset=None,
        required=False,
        empty_label="Choose a member of staff",
        help_text="The person who makes sure it happens. For someone outside senco, enter "
        "their name below instead.",
    )
    owner_name = forms.CharField(
        label="Or the owner's name, if they do not use senco",
        max_length=120,
        required=False,
        help_text="For example, the educational psychologist or the trust's SEND lead.",
    )
    starts = GovukDateField(label="Start date", required=False)
    due = GovukDateField(label="Due date")
    success_criteria = forms.CharField(
        label="Success criteria (optional)",
        required=False,
        widget=forms.Textarea,
        help_text="How you will know it has worked, for example: persistent absence of "
        "pupils at SEN support below 20% by July.",
    )
    status = _status_field()
    progress = _progress_field()

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        self.fields["owner"].label_from_instance = person_label
        if not self.is_bound and "status" not in self.initial:
            self.initial["status"] = Status.NOT_STARTED

    def clean(self):
        data = super().clean()
        errors = plan_services.action_dates_errors(data.get("starts"), data.get("due"))
        for name, message in errors.items():
            if name not in self.errors:
                self.add_error(name, message)
        named = (data.get("owner_name") or "").strip()
        if "owner" not in self.errors and not data.get("owner") and not named:
            self.add_error("owner", "Choose the owner, or enter their name")
        if data.get("owner") and named:
            self.add_error("owner_name", "Enter the owner's name only when they are not listed")
        return data

    def action_fields(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in plan_services.ACTION_FIELDS}


class ActionUpdateForm(GovukFormMixin, VersionedFormMixin, forms.Form):
    """The quick update: the status and what has happened."""

    status = _status_field()
    progress = _progress_field()


class EvidenceForm(GovukFormMixin, forms.Form):
    """A link to a page of senco, or a file."""

    LINK, FILE = "link", "file"
    kind = forms.ChoiceField(
        label="What is the evidence?",
        choices=[(LINK, "A page of senco"), (FILE, "A file")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what the evidence is"},
    )
    label = forms.CharField(
        label="What the evidence shows",
        max_length=200,
        help_text="For example, Attendance of pupils with SEN, autumn term",
        error_messages={"required": "Enter what the evidence shows"},
    )
    url = forms.CharField(
        label="Link to the page",
        max_length=500,
        required=False,
        help_text="Copy the address of the page from your browser, for example "
        "/school/137001/outcomes/attendance/",
    )
    file = forms.FileField(
        label="File",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": plan_services.ACCEPT}),
        error_messages={
            "invalid": plan_services.CHOOSE_FILE,
            "missing": plan_services.CHOOSE_FILE,
            "empty": plan_services.EMPTY,
        },
    )

    def __init__(self, *args, host: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.host = host
        self.fields["file"].help_text = (
            "A PDF, Word or Excel file, or an image (PNG, JPEG or GIF), smaller than "
            f"{plan_services.max_bytes() // (1024 * 1024)} MB."
        )

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == self.LINK and "url" not in self.errors:
            if not data.get("url"):
                self.add_error("url", "Enter the link to the page")
            elif plan_services.site_path(data["url"], self.host) is None:
                self.add_error("url", plan_services.NOT_SENCO)
        if kind == self.FILE and "file" not in self.errors:
            upload = data.get("file")
            if upload is None:
                self.add_error("file", plan_services.CHOOSE_FILE)
            else:
                problem = plan_services.file_problem(upload)
                if problem:
                    self.add_error("file", ValidationError(problem))
        return data


class ConfirmForm(GovukFormMixin, VersionedFormMixin, forms.Form):
    """ "Are you sure?": the version of what is about to go."""
