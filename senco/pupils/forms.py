from django import forms

from senco.accounts.models import Role, User


class SupportAssignmentForm(forms.Form):
    staff = forms.ModelChoiceField(
        label="Teaching assistant",
        queryset=User.objects.none(),
        empty_label="Choose a teaching assistant",
        error_messages={"required": "Choose a teaching assistant."},
    )

    def __init__(self, *args, school, exclude=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = (
            User.objects.filter(
                memberships__school=school, memberships__role=Role.TA, is_active=True
            )
            .exclude(pk__in=exclude)
            .order_by("last_name", "first_name")
        )
