"""Forms of the links between groups and plans (link_views.py)."""

from django import forms

from senco.lib.forms import GovukFormMixin
from senco.provision.link_services import CHOOSE


class LinkForm(GovukFormMixin, forms.Form):
    """Which of the pupil's planned provision this place in a group delivers."""

    target = forms.ChoiceField(
        label="What does this group deliver?",
        error_messages={"required": CHOOSE, "invalid_choice": CHOOSE},
    )

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = [(c.value, c.label) for c in choices]
        if len(choices) > 3:
            self.fields["target"].choices.insert(0, ("", CHOOSE))
        else:
            self.fields["target"].widget = forms.RadioSelect(choices=self.fields["target"].choices)


class RemoveForm(GovukFormMixin, forms.Form):
    link = forms.IntegerField(
        min_value=1, widget=forms.HiddenInput, error_messages={"required": "Choose a link"}
    )
