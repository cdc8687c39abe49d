"""The rows of big tables are escaped exactly as Django's templates escape."""

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

from senco.lib.html import escaped, html_row

AWKWARD = [
    "O'Brien & Sons",
    '<script>alert("x")</script>',
    "plain",
    "",
    "£5 > £4 < £6",
    42,
    -7,
    True,  # an int to Python, but written "True"
    2.5,
]


def test_each_value_is_escaped_as_the_templates_would():
    for value in AWKWARD:
        assert escaped(value) == conditional_escape(value)


def test_safe_strings_are_left_as_they_are():
    link = format_html('<a href="{}">{}</a>', "/pupils/1/", "Amy & Ben")
    assert escaped(link) is link
    assert escaped(mark_safe("<b>ok</b>")) == "<b>ok</b>"


def test_a_row_fills_its_template_with_escaped_values():
    row = html_row("<td>{}</td><td>{}</td>", "<i>", mark_safe("<i>"))
    assert isinstance(row, SafeString)
    assert row == "<td>&lt;i&gt;</td><td><i></td>"
