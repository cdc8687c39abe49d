"""The forms of bringing data in: uploading a file of each kind, confirming it, and the
school's subjects and own scales."""

import datetime
import re
from decimal import Decimal, InvalidOperation

from django import forms

from senco.lib.clock import academic_year_label, academic_year_of
from senco.lib.csvfile import heading_key
from senco.lib.forms import GovukDateField, GovukFormMixin, PageForm
from senco.outcomes.import_parsing import PERIOD_CHOICES, period_spec
from senco.outcomes.models import DataDrop, Scale, Subject
from senco.outcomes.scales import BUILT_IN

YEARS_BACK = 3
FROM_FILE = "file"
NEW_DROP = "new"


def _file_field() -> forms.FileField:
    return forms.FileField(
        label="Upload a CSV file",
        help_text="A CSV file exported from SIMS, Arbor or Bromcom, up to 10 MB.",
        allow_empty_file=True,
        widget=forms.FileInput(attrs={"accept": ".csv,text/csv"}),
        error_messages={
            "required": "Select the CSV file to upload",
            "invalid": "The file to upload must be a CSV file",
        },
    )


def year_choices(today: datetime.date) -> list[tuple[str, str]]:
    this = academic_year_of(today)
    return [(str(y), academic_year_label(y)) for y in range(this, this - YEARS_BACK - 1, -1)]


class UploadForm(GovukFormMixin, forms.Form):
    """A file of suspensions: the file is all it needs."""

    def __init__(self, *args, school=None, today=None, terms=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.school, self.today, self.terms = school, today, terms
        self.fields["file"] = _file_field()

    def options(self) -> dict:
        return {}


class AttendanceUploadForm(UploadForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        file = self.fields.pop("file")
        self.fields["period"] = forms.ChoiceField(
            label="Which period is the attendance for?",
            choices=[*PERIOD_CHOICES, (FROM_FILE, "Each row says its period (a file of history)")],
            initial="to_date",
            widget=forms.RadioSelect,
            error_messages={"required": "Choose which period the attendance is for"},
        )
        self.fields["academic_year"] = forms.ChoiceField(
            label="Academic year",
            choices=year_choices(self.today),
            initial=str(academic_year_of(self.today)),
            error_messages={"required": "Choose the academic year"},
        )
        self.fields["starts"] = GovukDateField(
            label="Start date (optional)",
            required=False,
            help_text="Leave the dates blank to use the school's term dates.",
        )
        self.fields["ends"] = GovukDateField(label="End date (optional)", required=False)
        self.fields["file"] = file

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts"), data.get("ends")
        if starts and ends and ends < starts:
            self.add_error("ends", "The end date must be on or after the start date")
        for name in ("starts", "ends"):
            if data.get(name) and data[name] > self.today:
                self.add_error(name, f"The {name[:-1]} date must be today or in the past")
        checked = not any(n in self.errors for n in ("period", "academic_year", "starts", "ends"))
        if checked and data.get("period") not in (None, FROM_FILE) and data.get("academic_year"):
            spec = self._spec(data)
            if spec.starts > self.today:
                self.add_error(
                    "period",
                    f"The period the attendance is for, {spec}, has not started yet. Choose "
                    "a period that has started",
                )
        return data

    def _spec(self, data):
        return period_spec(
            data["period"],
            int(data["academic_year"]),
            self.terms,
            today=self.today,
            starts=data.get("starts"),
            ends=data.get("ends"),
        )

    def options(self) -> dict:
        data = self.cleaned_data
        if data["period"] == FROM_FILE:
            return {}
        return {"period": self._spec(data).as_json()}


class ResultsUploadForm(UploadForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        file = self.fields.pop("file")
        drops = DataDrop.objects.filter(school=self.school).order_by("-taken_on", "-id")
        self.fields["drop"] = forms.ChoiceField(
            label="Data drop",
            choices=[(NEW_DROP, "A new data drop")]
            + [(str(d.pk), f"{d.name} ({d.taken_on:%-d %b %Y})") for d in drops[:30]],
            initial=NEW_DROP,
            help_text="Importing into a data drop again replaces the results it has.",
            error_messages={"required": "Choose the data drop"},
        )
        self.fields["drop_name"] = forms.CharField(
            label="Name of the new data drop",
            required=False,
            max_length=60,
            help_text="For example Autumn 2025.",
        )
        self.fields["taken_on"] = GovukDateField(label="Date of the new data drop", required=False)
        scales = Scale.objects.filter(school=self.school, kind=Scale.Kind.OWN)
        self.fields["scale"] = forms.ChoiceField(
            label="Scale of the results",
            choices=[(kind, spec.name) for kind, spec in BUILT_IN.items()]
            + [(f"own:{s.pk}", s.name) for s in scales],
            initial=Scale.Kind.TEACHER_ASSESSMENT,
            error_messages={"required": "Choose the scale of the results"},
        )
        self.fields["file"] = file

    def clean(self):
        data = super().clean()
        if data.get("drop") != NEW_DROP:
            return data
        name = " ".join((data.get("drop_name") or "").split())
        if not name:
            self.add_error("drop_name", "Enter the name of the new data drop")
        elif DataDrop.objects.filter(school=self.school, name=name).exists():
            self.add_error(
                "drop_name",
                f"The name of the new data drop is taken: {name} is there already. Choose "
                "it from the list of data drops, or give the new one another name",
            )
        data["drop_name"] = name
        if not data.get("taken_on") and "taken_on" not in self.errors:
            self.add_error("taken_on", "Enter the date of the new data drop")
        elif data.get("taken_on") and data["taken_on"] > self.today:
            self.add_error("taken_on", "The date of the new data drop must be today or earlier")
        return data

    def options(self) -> dict:
        data = self.cleaned_data
        options = {"scale": data["scale"]}
        if data["drop"] == NEW_DROP:
            options.update(drop_name=data["drop_name"], taken_on=data["taken_on"].isoformat())
        else:
            options["drop"] = int(data["drop"])
        return options


class ConfirmForm(GovukFormMixin, forms.Form):
    """The preview's buttons: import the file (leaving out bad rows if ticked) or cancel."""

    action = forms.ChoiceField(
        label="What to do with the file", choices=[("confirm", "Import"), ("cancel", "Cancel")]
    )
    skip_invalid = forms.BooleanField(required=False)

    def __init__(self, *args, good_count: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        rows = "row" if good_count == 1 else "rows"
        self.fields[
            "skip_invalid"
        ].label = f"Import only the {good_count} good {rows} and leave out the rows with problems"


class SubjectForm(GovukFormMixin, forms.Form):
    name = forms.CharField(
        label="Subject name",
        max_length=60,
        help_text="As the MIS writes it in the results, for example Maths.",
        error_messages={"required": "Enter the subject name"},
    )

    def __init__(self, *args, school=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.school = school

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not heading_key(name):
            raise forms.ValidationError("Enter the subject name with letters or numbers")
        if Subject.objects.filter(school=self.school, key=heading_key(name)).exists():
            raise forms.ValidationError(f"The subject name {name} is on the list already")
        return name


# "Secure = 3": a label, then =, : or a comma, then a number (up to 9999, two decimals).
GRADE_LINE = re.compile(
    r"^\s*(?P<label>.+?)\s*(?:=|:|,|\t)\s*(?P<value>-?\d{1,4}(?:\.\d{1,2})?)\s*$"
)


class ScaleForm(GovukFormMixin, forms.Form):
    name = forms.CharField(
        label="Name of the scale",
        max_length=60,
        help_text="For example Key stage 3 steps.",
        error_messages={"required": "Enter the name of the scale"},
    )
    grades = forms.CharField(
        label="Grades and their numbers",
        widget=forms.Textarea,
        help_text="One grade a line, lowest first, each with the number it stands for, for "
        "example: Emerging = 1",
        error_messages={"required": "Enter the grades and their numbers"},
    )
    expected = forms.CharField(
        label="Expected grade",
        max_length=30,
        help_text="The grade at or above which a pupil meets the expected standard, for "
        "example Secure.",
        error_messages={"required": "Enter the expected grade"},
    )

    def __init__(self, *args, school=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.school = school

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if Scale.objects.filter(school=self.school, name=name).exists():
            raise forms.ValidationError(f"The name of the scale {name} is taken: choose another")
        return name

    def clean_grades(self) -> list[tuple[str, Decimal]]:
        grades, keys = [], set()
        for number, line in enumerate(self.cleaned_data["grades"].splitlines(), start=1):
            if not line.strip():
                continue
            match = GRADE_LINE.match(line)
            try:
                value = Decimal(match.group("value")) if match else None
            except InvalidOperation:
                value = None
            label = match.group("label")[:30] if match else ""
            if value is None or not heading_key(label):
                raise forms.ValidationError(
                    f"Grades and their numbers: line {number} must be a grade, '=' and a "
                    "number up to 9999 with at most two decimals, for example Secure = 3"
                )
            if heading_key(label) in keys:
                raise forms.ValidationError(
                    f"Grades and their numbers: {label} is on more than one line"
                )
            keys.add(heading_key(label))
            grades.append((label, value))
        if len(grades) < 2:
            raise forms.ValidationError("Enter at least two grades and their numbers")
        return grades

    def clean(self):
        data = super().clean()
        grades, expected = data.get("grades"), data.get("expected")
        if grades and expected:
            values = {heading_key(label): value for label, value in grades}
            if heading_key(expected) not in values:
                self.add_error(
                    "expected", "The expected grade must be one of the grades you entered"
                )
            else:
                data["expected_value"] = values[heading_key(expected)]
        return data


class PreviewRowsForm(PageForm):
    """Which rows of the check page to show, and which page of them: a kind that is not one
    of them shows every row, a page that is not a number the first."""

    show = forms.ChoiceField(required=False)

    def __init__(self, *args, kinds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["show"].choices = [("", "Every row"), *kinds]

    def chosen(self) -> tuple[str | None, int]:
        if not self.is_bound:
            return None, 1
        self.is_valid()
        return self.cleaned_data.get("show") or None, self.cleaned_data.get("page") or 1
