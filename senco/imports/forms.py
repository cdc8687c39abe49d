from django import forms

from senco.lib.forms import GovukFormMixin, PageForm


class ImportUploadForm(GovukFormMixin, forms.Form):
    # What the file holds. Left out (an older form, the tests of the pupil import), a file
    # is a file of pupils.
    kind = forms.ChoiceField(
        label="What is in the file?",
        required=False,
        initial="pupils",
        choices=[
            ("pupils", "Pupils: one row for each pupil"),
            ("contacts", "Contacts: one row for each parent or carer, with the pupil's UPN"),
        ],
        widget=forms.RadioSelect,
    )
    file = forms.FileField(
        label="Upload a CSV file",
        help_text="A CSV file exported from SIMS, Arbor or Bromcom, up to 10 MB.",
        # An empty file gets the same message as in the command, from the import service.
        allow_empty_file=True,
        widget=forms.FileInput(attrs={"accept": ".csv,text/csv"}),
        error_messages={
            "required": "Select the CSV file to upload",
            "invalid": "The file to upload must be a CSV file",
        },
    )

    def clean_kind(self) -> str:
        return self.cleaned_data.get("kind") or "pupils"


class ImportApplyForm(GovukFormMixin, forms.Form):
    skip_invalid = forms.BooleanField(required=False)

    def __init__(self, *args, good_count: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        rows = "row" if good_count == 1 else "rows"
        self.fields[
            "skip_invalid"
        ].label = f"Import only the {good_count} good {rows} and leave out the bad ones"


class ImportPreviewForm(GovukFormMixin, PageForm):
    """Which rows of the preview to show, and which page of them (`PageForm`). Both come
    from the preview's links: a kind of row that is not one of them shows every row, a page
    that is not a number the first page, and one past the end the last."""

    show = forms.ChoiceField(label="Show", required=False)

    def __init__(self, *args, kinds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["show"].choices = [("", "Every row")] + list(kinds)

    def chosen(self) -> tuple[str | None, int]:
        """(the kind of row to show, or None for every row; the page number), each left
        out when it is not valid."""
        if not self.is_bound:
            return None, 1
        self.is_valid()
        data = self.cleaned_data
        return data.get("show") or None, data.get("page") or 1
