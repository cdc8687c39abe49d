"""The forms of the EHC plan's PDF and of removing an item of section F."""

from django import forms
from django.core.exceptions import ValidationError

from senco.ehcp.document_services import CHOOSE, EMPTY, max_bytes, pdf_problem
from senco.lib.forms import GovukFormMixin, VersionedFormMixin


class DocumentForm(GovukFormMixin, VersionedFormMixin, forms.Form):
    """The plan's PDF. Its version is the key of the PDF kept when the page was opened
    (`document_version`), so uploading over a PDF someone else has just replaced or removed
    is refused."""

    file = forms.FileField(
        label="The EHC plan as a PDF",
        error_messages={"required": CHOOSE, "invalid": CHOOSE, "missing": CHOOSE, "empty": EMPTY},
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = (
            "The final plan (or the latest amended plan) as the local authority sent it: a "
            f"PDF smaller than {max_bytes() // (1024 * 1024)} MB."
        )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is not None:
            problem = pdf_problem(upload)
            if problem:
                raise ValidationError(problem)
        return upload


class ConfirmForm(GovukFormMixin, VersionedFormMixin, forms.Form):
    """ "Are you sure?": only the version of what is about to go, so that removing something
    changed (or replaced) since the page was opened is refused."""
