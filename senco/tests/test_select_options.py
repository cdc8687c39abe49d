"""A select's options, built in Python, are the HTML the template's loop made."""

import pytest
from django import forms
from django.template import Context, Template
from django.utils.safestring import mark_safe

# The loop `includes/field.html` had, for comparison.
THE_LOOP = Template(
    '{% for value, label in field.field.choices %}<option value="{{ value }}"'
    '{% if value|stringformat:"s" == field.value|stringformat:"s" %} selected{% endif %}>'
    "{{ label }}</option>{% endfor %}"
)
THE_TAG = Template("{% load senco_tags %}{% select_options field %}")


class Choosing(forms.Form):
    year = forms.TypedChoiceField(
        choices=[("", "Any year"), (7, "Year 7"), (8, "Year 8")], coerce=int, required=False
    )
    reg = forms.ChoiceField(
        choices=[("", "Any"), ("7A", "7A & 7B <group>"), ("O'B", mark_safe("<b>Bold</b>"))],
        required=False,
    )


@pytest.mark.parametrize(
    "data",
    [None, {}, {"year": "8"}, {"year": "9"}, {"reg": "O'B"}, {"reg": "7A", "year": ""}],
)
def test_the_options_are_the_loops(data):
    form = Choosing(data)
    for name in ("year", "reg"):
        context = Context({"field": form[name]})
        assert THE_TAG.render(context) == THE_LOOP.render(context)


def test_the_chosen_option_is_selected_and_text_escaped():
    html = THE_TAG.render(Context({"field": Choosing({"reg": "7A"})["reg"]}))
    assert '<option value="7A" selected>7A &amp; 7B &lt;group&gt;</option>' in html
    assert '<option value="O&#x27;B"><b>Bold</b></option>' in html
    assert html.count(" selected") == 1
