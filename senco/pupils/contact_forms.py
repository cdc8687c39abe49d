"""The form the office and the SENCO use to add or correct a pupil's contact by hand."""

from django import forms

from senco.lib.forms import GovukFormMixin, VersionedFormMixin
from senco.pupils.contact_services import CONTACT_LABELS, RESTRICTION_REASON_MISSING
from senco.pupils.models import Contact

EMAIL_FORMAT = "Enter an email address in the correct format, like name@example.com"


class ContactForm(GovukFormMixin, VersionedFormMixin, forms.Form):
    """A parent's or carer's details, how to reach them, and the rules about them."""

    name = forms.CharField(
        label=CONTACT_LABELS["name"],
        max_length=200,
        error_messages={"required": "Enter their full name"},
    )
    relationship = forms.CharField(
        label=CONTACT_LABELS["relationship"],
        max_length=60,
        help_text="For example, mother, father, grandmother, foster carer",
        error_messages={"required": "Enter their relationship to the pupil"},
    )
    parental_responsibility = forms.BooleanField(
        label=CONTACT_LABELS["parental_responsibility"], required=False
    )
    priority = forms.IntegerField(
        label=CONTACT_LABELS["priority"],
        min_value=1,
        max_value=9,
        help_text="1 is the person the school calls first",
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": "Enter their priority, from 1 (call first) to 9",
            "invalid": "Priority must be a whole number, like 1",
            "min_value": "Priority must be 1 or more",
            "max_value": "Priority must be 9 or less",
        },
    )
    phone = forms.CharField(
        label=CONTACT_LABELS["phone"],
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )
    email = forms.EmailField(
        label=CONTACT_LABELS["email"],
        max_length=254,
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
        error_messages={"invalid": EMAIL_FORMAT},
    )
    language = forms.CharField(
        label=CONTACT_LABELS["language"],
        max_length=60,
        required=False,
        help_text="Leave empty for English",
    )
    interpreter = forms.BooleanField(label=CONTACT_LABELS["interpreter"], required=False)
    no_contact = forms.BooleanField(
        label=CONTACT_LABELS["no_contact"],
        required=False,
        help_text="For example, a court order: the school must not call, write to or meet them",
    )
    no_information = forms.BooleanField(
        label=CONTACT_LABELS["no_information"],
        required=False,
        help_text="They must not be sent letters or told about the pupil's progress or needs",
    )
    restriction_note = forms.CharField(
        label=CONTACT_LABELS["restriction_note"],
        max_length=200,
        required=False,
        help_text="Needed when either box above is ticked",
    )

    FIELDS = tuple(CONTACT_LABELS)

    def __init__(self, *args, contact: Contact | None = None, **kwargs):
        if contact is not None:
            kwargs.setdefault("initial", {n: getattr(contact, n) for n in self.FIELDS})
            kwargs.setdefault("version", contact.version)
        else:
            kwargs.setdefault("initial", {"parental_responsibility": True, "priority": 1})
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        restricted = cleaned.get("no_contact") or cleaned.get("no_information")
        if restricted and not (cleaned.get("restriction_note") or "").strip():
            self.add_error("restriction_note", RESTRICTION_REASON_MISSING)
        return cleaned

    def contact_fields(self) -> dict:
        return {n: self.cleaned_data[n] for n in self.FIELDS}


class ContactRemoveForm(GovukFormMixin, VersionedFormMixin, forms.Form):
    """ "Are you sure?": only the version of the contact shown."""
