from django import forms

from senco.lib.forms import GovukFormMixin


class ImportUploadForm(GovukFormMixin, forms.Form):
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


class ImportApplyForm(GovukFormMixin, forms.Form):
    skip_invalid = forms.BooleanField(required=False)

    def __init__(self, *args, good_count: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        rows = "row" if good_count == 1 else "rows"
        self.fields[
            "skip_invalid"
        ].label = f"Import only the {good_count} good {rows} and leave out the bad ones"
