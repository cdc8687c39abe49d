from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils.http import url_has_allowed_host_and_scheme

from senco.accounts.models import Role, User
from senco.lib.forms import GovukFormMixin, VersionedFormMixin

LOCKED_OUT = (
    "Too many attempts to sign in as this user. Try again in 15 minutes, "
    "or ask your SENCO to unlock your account."
)


class SignInForm(GovukFormMixin, AuthenticationForm):
    error_messages = {
        "invalid_login": "The username or password is not right. Check them and try again.",
        "inactive": "This account has been switched off. Ask your SENCO.",
        "locked_out": LOCKED_OUT,
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"

    def get_invalid_login_error(self):
        # django-axes marks the request when this attempt is refused for too many failures.
        if getattr(self.request, "axes_locked_out", False):
            return forms.ValidationError(self.error_messages["locked_out"], code="locked_out")
        return super().get_invalid_login_error()


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


def _password_error(error: forms.ValidationError, subject="First password", whose="their"):
    message = PASSWORD_MESSAGES.get(error.code)
    if message is None:
        return error
    message = message.replace("First password", subject).replace("their ", f"{whose} ")
    return forms.ValidationError(message, code=error.code, params=error.params)


def _validate_password(form, field: str, user, *, subject: str, whose: str) -> None:
    """Django's password rules on `field`, in GOV.UK words."""
    password = form.cleaned_data.get(field)
    if not password:
        return
    try:
        password_validation.validate_password(password, user)
    except forms.ValidationError as error:
        form.add_error(field, [_password_error(e, subject, whose) for e in error.error_list])


def _their_password(user, password: str, label: str) -> str:
    if not user.check_password(password):
        raise forms.ValidationError(
            f"{label} is not right. Check it and try again.", code="incorrect"
        )
    return password


class NewPasswordForm(GovukFormMixin, forms.Form):
    """A person chooses a new password: twice, by the house rules (a reset link uses this
    form as it is)."""

    new_password = forms.CharField(
        label="New password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 10 characters. A few words you will remember are a good choice.",
        error_messages={"required": "Enter a new password"},
    )
    new_password_again = forms.CharField(
        label="Confirm new password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Enter your new password again"},
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        new, again = data.get("new_password"), data.get("new_password_again")
        if new and again and new != again:
            self.add_error(
                "new_password_again", "Confirm new password must be the same as the new password"
            )
        _validate_password(self, "new_password", self.user, subject="New password", whose="your")
        return data


class PasswordChangeForm(NewPasswordForm):
    """A person changes their own password: the current one, then the new one twice."""

    current_password = forms.CharField(
        label="Current password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Enter your current password"},
    )
    field_order = ["current_password", "new_password", "new_password_again"]

    def clean_current_password(self):
        return _their_password(self.user, self.cleaned_data["current_password"], "Current password")

    def clean(self):
        data = super().clean()
        new = data.get("new_password")
        if new and new == data.get("current_password"):
            self.add_error("new_password", "New password must be different from the current one")
        return data


class StaffPasswordForm(GovukFormMixin, forms.Form):
    """A SENCO gives a colleague a new password; they must change it when they next sign in."""

    password = forms.CharField(
        label="New password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 10 characters. Give it to them in person; "
        "they will be asked to choose their own when they next sign in.",
        error_messages={"required": "Enter a new password for them"},
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        _validate_password(self, "password", self.user, subject="New password", whose="their")
        return data


class StaffEditForm(GovukFormMixin, VersionedFormMixin, forms.Form):
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
    is_active = forms.BooleanField(
        label="Can sign in at this school",
        required=False,
        help_text="Switching this off stops them seeing this school. "
        "Any other school they work at is not changed.",
    )


class SecurityCodeForm(GovukFormMixin, forms.Form):
    """A code from the authenticator app, or a recovery code (GOV.UK security code pattern)."""

    code = forms.CharField(
        label="Security code",
        max_length=20,
        help_text="The 6-digit code your authenticator app shows now.",
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "spellcheck": "false",
                "autocapitalize": "none",
            }
        ),
        error_messages={"required": "Enter the security code from your authenticator app"},
    )

    def __init__(self, *args, recovery=False, **kwargs):
        super().__init__(*args, **kwargs)
        if recovery:
            field = self.fields["code"]
            field.help_text = (
                "The 6-digit code your authenticator app shows now, or one of your "
                "recovery codes if you do not have your phone."
            )
            field.widget.attrs["inputmode"] = "text"


class PasswordConfirmForm(GovukFormMixin, forms.Form):
    """Your password again, before something that weakens your sign-in."""

    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Enter your password"},
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        return _their_password(self.user, self.cleaned_data["password"], "Your password")


class SchoolSignInForm(GovukFormMixin, VersionedFormMixin, forms.Form):
    two_factor_required = forms.BooleanField(
        label="Require two-factor sign-in for the SENCO and senior leaders",
        required=False,
        help_text="They will sign in with their password and a code from an authenticator "
        "app on their phone. The trust's SEND lead will too. Anyone who has not set one up "
        "is asked to when they next sign in.",
    )


class PasswordResetRequestForm(GovukFormMixin, forms.Form):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        help_text="The email address your school has for you.",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
    )


class NextForm(forms.Form):
    """Where to go after the security code: a page of this site only."""

    next = forms.CharField(required=False, max_length=1000)

    @classmethod
    def url(cls, request) -> str:
        form = cls(request.POST if request.method == "POST" else request.GET)
        target = form.cleaned_data["next"] if form.is_valid() else ""
        if target and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return target
        return ""
