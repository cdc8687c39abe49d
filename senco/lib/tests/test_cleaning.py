"""Control characters and bidirectional overrides never reach a name or a note."""

import pytest
from django import forms
from django.urls import reverse
from django.utils import timezone

from senco.lib.cleaning import clean_text
from senco.lib.forms import GovukFormMixin, date_data

RLO, PDI, LRI = "\u202e", "\u2069", "\u2066"


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Amira", "Amira"),
        ("Esmé Ó Súilleabháin-Nguyễn 李", "Esmé Ó Súilleabháin-Nguyễn 李"),
        (f"{RLO}arimA", "arimA"),
        (f"Sam{LRI}my{PDI}", "Sammy"),
        ("a\u200eb\u200fc\u202ad\u202be\u202cf\u202dg\u061ch", "abcdefgh"),
        ("Nul\x00l", "Null"),
        ("bell\x07 esc\x1b[31m red", "bell esc[31m red"),
        ("del\x7f c1\x85\x9b", "del c1"),
        ("line one\nline two\ttabbed", "line one\nline two\ttabbed"),
        ("windows\r\nold mac\rend", "windows\nold mac\nend"),
        (
            "zero width joiner stays: 👩\u200d👩\u200d👧",
            "zero width joiner stays: 👩\u200d👩\u200d👧",
        ),
        ("", ""),
    ],
)
def test_clean_text(raw, clean):
    assert clean_text(raw) == clean


class NoteForm(GovukFormMixin, forms.Form):
    name = forms.CharField()
    note = forms.CharField(widget=forms.Textarea, required=False)
    count = forms.IntegerField(required=False)

    def clean(self):
        data = super().clean()
        self.seen_in_clean = data.get("name")
        return data


def test_a_govuk_form_cleans_every_text_before_its_clean_sees_it():
    form = NoteForm({"name": f"{RLO}Amira\x01", "note": "first\r\nsecond\x1b", "count": "3"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"name": "Amira", "note": "first\nsecond", "count": 3}
    assert form.seen_in_clean == "Amira"


def test_a_reason_typed_on_a_page_is_stored_clean(client_for, senco, pupil):
    from senco.register.models import RegisterChange

    response = client_for(senco).post(
        reverse("register_change", args=[pupil.pk]),
        {
            "to_provision": "E",
            "to_primary_need": "ASD",
            "to_secondary_need": "",
            **date_data("effective_date", timezone.localdate()),
            "reason": f"EHC plan {RLO}deussi{PDI} by the local authority\x07",
        },
    )
    assert response.status_code == 302
    assert RegisterChange.objects.get(pupil=pupil).reason == (
        "EHC plan deussi by the local authority"
    )
