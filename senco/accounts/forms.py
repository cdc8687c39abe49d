from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm

from senco.accounts.models import Role, User
from senco.lib.forms import GovukFormMixin


class SignInForm(GovukFormMixin, AuthenticationForm):
    error_messages = {
        "invalid_login": "The username or password is not right. Check them and try again.",
        "inactive": "This account has been switched off. Ask your SENCO.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"


# Django's password rules, said the GOV.UK way: what is wrong with the first password and what
# to do. A rule not listed here keeps Django's words.
PASSWORD_MESSAGES = {
    "password_too_short": "First password must be %(min_length)d characters or more",
    "password_too_common": "First password is too common: choose one that is harder to guess",
    "password_entirely_numeric": "First password must include letters, not only numbers",
    "password_too_similar": "First password is too like their %(verbose_name)s: choose another",
}


class StaffAddForm(GovukFormMixin, forms.Form):
    first_name = forms.CharField(
        label="First name",
        max_length=150,
        error_messages={"required": "Enter their first name"},
    )
    last_name = forms.CharField(
        label="Last name",
        max_length=150,
        error_messages={"required": "Enter their last name"},
    )
    email = forms.EmailField(
        label="Email address",
        error_messages={
            "required": "Enter their email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
    )
    username = forms.CharField(
        label="Username",
        max_length=150,
        help_text="What they type to sign in, for example jsmith.",
        error_messages={"required": "Enter a username for them"},
    )
    role = forms.ChoiceField(
        label="Role",
        choices=Role.choices,
        error_messages={"required": "Choose their role"},
    )
    password = forms.CharField(
        label="First password",
        widget=forms.PasswordInput,
        help_text="At least 10 characters. Give it to them in person; they can change it later.",
        error_messages={"required": "Enter a first password for them"},
    )

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError("That username is taken. Choose another.")
        return username

    def clean(self):
        data = super().clean()
        if data.get("password"):
            candidate = User(
                username=data.get("username", ""),
                first_name=data.get("first_name", ""),
                last_name=data.get("last_name", ""),
                email=data.get("email", ""),
            )
            try:
                password_validation.validate_password(data["password"], candidate)
            except forms.ValidationError as error:
                self.add_error("password", [_password_error(e) for e in error.error_list])
        return data


def _password_error(error: forms.ValidationError) -> forms.ValidationError:
    message = PASSWORD_MESSAGES.get(error.code)
    if message is None:
        return error
    return forms.ValidationError(message, code=error.code, params=error.params)


class StaffEditForm(GovukFormMixin, forms.Form):
    role = forms.ChoiceField(
        label="Role",
        choices=Role.choices,
        error_messages={"required": "Choose their role"},
    )
    can_edit_passports = forms.BooleanField(
        label="May write the passports and profiles of the pupils they teach",
        required=False,
        help_text="For teachers only.",
    )
    is_active = forms.BooleanField(label="Can sign in", required=False)
