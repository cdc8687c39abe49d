"""The forms of a parent's invitation: the school sends it; the parent accepts it."""

from django import forms

from senco.accounts.forms import NewPasswordForm
from senco.lib.forms import GovukFormMixin


class JoinNewForm(NewPasswordForm):
    """A parent with no account chooses a password, twice, by the house rules."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["new_password"].label = "Choose a password"
        self.fields["new_password"].error_messages["required"] = "Choose a password"
        self.fields["new_password_again"].label = "Type the password again"
        self.fields["new_password_again"].error_messages["required"] = (
            "Type the password again to confirm it"
        )


class JoinExistingForm(GovukFormMixin, forms.Form):
    """A parent who already has an account signs in with its password on the join page."""

    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Enter your password"},
    )


class ConfirmForm(GovukFormMixin, forms.Form):
    """A button and nothing else ("Send the invitation", "Stop access")."""
