from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm

from senco.accounts.models import Role, User


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "The username or password is not right. Check them and try again.",
        "inactive": "This account has been switched off. Ask your SENCO.",
    }


class StaffAddForm(forms.Form):
    first_name = forms.CharField(label="First name", max_length=150)
    last_name = forms.CharField(label="Last name", max_length=150)
    email = forms.EmailField(label="Email address")
    username = forms.CharField(
        label="Username", max_length=150, help_text="What they type to sign in, for example jsmith."
    )
    role = forms.ChoiceField(label="Role", choices=Role.choices)
    password = forms.CharField(
        label="First password",
        widget=forms.PasswordInput,
        help_text="At least 10 characters. Give it to them in person; they can change it later.",
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
                self.add_error("password", error)
        return data


class StaffEditForm(forms.Form):
    role = forms.ChoiceField(label="Role", choices=Role.choices)
    can_edit_passports = forms.BooleanField(
        label="May write the passports and profiles of the pupils they teach",
        required=False,
        help_text="For teachers only.",
    )
    is_active = forms.BooleanField(label="Can sign in", required=False)
