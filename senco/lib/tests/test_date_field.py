"""GOV.UK's date input: three boxes read into a date, or an error that names the date and
marks only the boxes at fault."""

import datetime

import pytest
from django import forms
from hypothesis import given
from hypothesis import strategies as st

from senco.lib.forms import GovukDateField, GovukFormMixin, date_data, read_date


class _Form(GovukFormMixin, forms.Form):
    held_on = GovukDateField(label="Date of the review")
    told_on = GovukDateField(label="Date the parents were told", required=False)


@given(st.dates(min_value=datetime.date(1000, 1, 1)))
def test_any_date_typed_in_the_boxes_is_read_back(day):
    assert read_date(str(day.day), str(day.month), str(day.year)).date == day


@pytest.mark.parametrize(
    ("boxes", "problem", "parts"),
    [
        (("", "", ""), "required", ("day", "month", "year")),
        (("3", "", "2026"), "incomplete", ("month",)),
        (("", "", "2026"), "incomplete", ("day", "month")),
        (("31", "2", "2026"), "invalid", ("day",)),
        (("29", "2", "2025"), "invalid", ("day",)),
        (("3", "13", "2026"), "invalid", ("month",)),
        (("0", "0", "2026"), "invalid", ("day", "month")),
        (("three", "2", "2026"), "invalid", ("day",)),
        (("3", "2", "26"), "year", ("year",)),
        (("3", "2", "0026"), "year", ("year",)),
    ],
)
def test_what_is_wrong_and_which_boxes(boxes, problem, parts):
    reading = read_date(*boxes)
    assert (reading.date, reading.problem, reading.parts) == (None, problem, parts)


@pytest.mark.parametrize("month", ["3", "03", "March", "mar", "MAR.", " march "])
def test_a_month_may_be_a_number_or_a_word(month):
    assert read_date(" 7 ", month, "2026").date == datetime.date(2026, 3, 7)


@pytest.mark.parametrize(
    ("boxes", "message"),
    [
        (None, "Enter the date of the review"),
        (("3", "", "2026"), "Date of the review must include a month"),
        (("3", "", ""), "Date of the review must include a month and year"),
        (("31", "2", "2026"), "Date of the review must be a real date"),
        (("3", "2", "26"), "Date of the review must include a year with 4 numbers"),
    ],
)
def test_the_messages_name_the_date(boxes, message):
    form = _Form(date_data("held_on", boxes))
    assert form.errors["held_on"] == [message]


def test_a_date_that_need_not_be_given_may_be_left_empty_but_not_half_typed():
    form = _Form({**date_data("held_on", datetime.date(2026, 11, 26)), "told_on-day": ""})
    assert form.is_valid()
    assert form.cleaned_data == {"held_on": datetime.date(2026, 11, 26), "told_on": None}
    half = _Form({**date_data("held_on", datetime.date(2026, 11, 26)), "told_on-year": "2026"})
    assert half.errors["told_on"] == ["Date the parents were told must include a day and month"]


def test_the_boxes_show_the_initial_date_or_what_was_typed():
    unbound = _Form(initial={"held_on": datetime.date(2007, 3, 27)})
    assert unbound["held_on"].date_values == {"day": "27", "month": "3", "year": "2007"}
    assert unbound["told_on"].date_values == {"day": "", "month": "", "year": ""}
    typed = _Form(date_data("held_on", ("31", "feb", "2026")))
    assert typed["held_on"].date_values == {"day": "31", "month": "feb", "year": "2026"}


def test_only_the_boxes_at_fault_are_marked_and_linked_to():
    form = _Form(date_data("held_on", ("3", "", "")))
    field = form["held_on"]
    assert field.error_parts == ("month", "year")
    assert field.error_link_id == "id_held_on-month"
    assert form["told_on"].error_parts == ()


def test_a_date_refused_for_another_reason_marks_all_three_boxes():
    form = _Form(date_data("held_on", datetime.date(2026, 11, 26)))
    assert form.is_valid()
    form.add_error("held_on", "Date of the review cannot be before the cycle started")
    assert form["held_on"].error_parts == ("day", "month", "year")
    assert form["held_on"].error_link_id == "id_held_on-day"


def test_the_boxes_are_posted_as_name_day_month_year():
    assert date_data("held_on", datetime.date(2026, 11, 26)) == {
        "held_on-day": "26",
        "held_on-month": "11",
        "held_on-year": "2026",
    }
    assert _Form(date_data("held_on", datetime.date(2026, 11, 26))).is_valid()


class _Plain(GovukFormMixin, forms.Form):
    name = forms.CharField(label="Name of the group", max_length=5)
    size = forms.ChoiceField(label="Size", choices=[("s", "Small"), ("l", "Large")])
    email = forms.EmailField(label="Email address", required=False)


def test_django_messages_that_do_not_name_the_field_are_replaced():
    form = _Plain({"name": "", "size": "huge", "email": "nope"})
    assert form.errors == {
        "name": ["Enter the name of the group"],
        "size": ["Choose one of the options for size"],
        "email": ["Enter the email address in the correct format, like name@example.com"],
    }
    assert _Plain({"name": "Far too long", "size": "s"}).errors == {
        "name": ["Name of the group must be 5 characters or fewer"]
    }
