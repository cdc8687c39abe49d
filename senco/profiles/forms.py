from django import forms

from senco.lib.forms import GovukFormMixin, VersionedFormMixin
from senco.profiles.models import (
    ALWAYS_PUPILS,
    PASSPORT_SECTIONS,
    PROFILE_SECTIONS,
    TEXT_MAX,
    PassportVersion,
)
from senco.profiles.photos import clean_photo


class _SectionsForm(GovukFormMixin, VersionedFormMixin, forms.Form):
    """A textarea for each section, each with a tick box "written by the pupil". It carries
    the number of the latest version when it was opened (0 for none)."""

    section_list = ()

    reviewed = forms.BooleanField(
        label="This save is a review",
        required=False,
        help_text="Tick when you have checked every section with the pupil (and their "
        "parents), not just changed a few words. A passport not reviewed for more than a "
        "term is flagged as out of date.",
    )

    def __init__(self, *args, pupil, latest: PassportVersion | None = None, **kwargs):
        kwargs.setdefault("version", latest.number if latest else 0)
        if latest is not None and "initial" not in kwargs:
            kwargs["initial"] = {name: getattr(latest, name) for name, _, _ in self.section_list}
            kwargs["initial"].update({f"{n}_by_pupil": True for n in latest.pupil_wrote})
        super().__init__(*args, **kwargs)
        first_name = pupil.preferred_name or pupil.forename
        for name, label, hint in self.section_list:
            self.fields[name] = forms.CharField(
                label=label,
                help_text=hint,
                required=False,
                max_length=TEXT_MAX,
                widget=forms.Textarea,
                error_messages={
                    "max_length": f"{label} must be {TEXT_MAX} characters or fewer. Shorten it."
                },
            )
            if name not in ALWAYS_PUPILS:
                self.fields[f"{name}_by_pupil"] = forms.BooleanField(
                    label=f"{first_name} wrote this in their own words", required=False
                )
        # Keep the review tick box last.
        self.fields["reviewed"] = self.fields.pop("reviewed")
        self.fields["version"] = self.fields.pop("version")

    @property
    def sections(self):
        """(textarea, tick box or None) pairs, for the template."""
        return [
            (self[name], None if name in ALWAYS_PUPILS else self[f"{name}_by_pupil"])
            for name, _, _ in self.section_list
        ]

    def texts(self) -> dict[str, str]:
        return {name: self.cleaned_data[name] for name, _, _ in self.section_list}

    def pupil_wrote(self) -> set[str]:
        return {
            name for name, _, _ in self.section_list if self.cleaned_data.get(f"{name}_by_pupil")
        }


class PassportForm(_SectionsForm):
    section_list = PASSPORT_SECTIONS

    photo = forms.FileField(
        label="Photo",
        required=False,
        help_text="A JPEG or PNG, smaller than 5 MB. It is made smaller and saved without "
        "its hidden details (such as where it was taken).",
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}),
    )
    remove_photo = forms.BooleanField(label="Remove the photo", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["photo"] = self.fields.pop("photo")
        self.fields["remove_photo"] = self.fields.pop("remove_photo")
        self.fields["reviewed"] = self.fields.pop("reviewed")

    def clean_photo(self):
        upload = self.cleaned_data.get("photo")
        if not upload:
            return None
        return clean_photo(upload)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("photo") and cleaned.get("remove_photo"):
            self.add_error("remove_photo", "Choose a new photo or remove the photo, not both")
        return cleaned


class ProfileForm(_SectionsForm):
    section_list = PROFILE_SECTIONS
