import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.template import Context, Template

from senco.lib.forms import add_service_errors
from senco.lib.text import long_date, plural


def test_plural():
    assert plural(1, "pupil") == "1 pupil"
    assert plural(0, "pupil") == "0 pupils"
    assert plural(2, "child", "children") == "2 children"
    assert plural(1200, "upload") == "1,200 uploads"


def test_long_date_writes_what_the_templates_write():
    template = Template('{{ day|date:"j F Y" }}')
    for day in (
        datetime.date(2027, 3, 5),
        datetime.date(2026, 12, 31),
        datetime.datetime(2026, 9, 1, 8, 30),
    ):
        assert long_date(day) == template.render(Context({"day": day}))
    assert long_date(datetime.date(2027, 3, 5)) == "5 March 2027"


class _Form(forms.Form):
    date = forms.DateField()


def test_service_errors_land_on_the_field_they_name():
    form = _Form({"date": "2026-11-26"})
    assert form.is_valid()
    add_service_errors(form, ValidationError({"date": "Too late.", "other": "Elsewhere."}))
    assert form.errors["date"] == ["Too late."]
    assert form.non_field_errors() == ["Elsewhere."]


def test_a_plain_service_error_goes_to_the_top():
    form = _Form({"date": "2026-11-26"})
    assert form.is_valid()
    add_service_errors(form, ValidationError("Closed."))
    assert form.non_field_errors() == ["Closed."]
