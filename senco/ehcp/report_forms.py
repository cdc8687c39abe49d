"""The form for uploading a local authority's own annual review form."""

from django import forms

from senco.ehcp.authorities import AUTHORITIES
from senco.ehcp.report_sandbox import MAX_BYTES, FormProblem, check_form
from senco.lib.forms import GovukFormMixin


class ReportTemplateForm(GovukFormMixin, forms.Form):
    la_code = forms.ChoiceField(
        label="Local authority",
        choices=[("", "Choose the local authority"), *AUTHORITIES],
        help_text="The authority whose form this is. It is used for every plan it maintains.",
        error_messages={"required": "Choose the local authority"},
    )
    file = forms.FileField(
        label="Upload the form",
        help_text="A Word document (.docx) with placeholders, smaller than 5 MB.",
        allow_empty_file=True,
        widget=forms.FileInput(
            attrs={
                "accept": ".docx,application/vnd.openxmlformats-officedocument"
                ".wordprocessingml.document"
            }
        ),
        error_messages={
            "required": "Select the Word document to upload",
            "invalid": "The form must be a Word document (.docx)",
        },
    )

    unknown: tuple[str, ...] = ()

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload:
            return upload
        # Read one byte past the limit, so a huge file is never read whole.
        upload.seek(0)
        data = upload.read(MAX_BYTES + 1)
        try:
            self.placeholders = check_form(data)
        except FormProblem as problem:
            self.unknown = problem.unknown
            raise forms.ValidationError(str(problem)) from None
        self.data_bytes = data
        return upload
