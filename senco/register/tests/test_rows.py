"""The register's rows escape what a name or a code could hold exactly as Django's
`format_html` would, and leave the safe pieces (tags, notes) as they are."""

import datetime
from types import SimpleNamespace

from django.utils.html import format_html
from django.utils.safestring import mark_safe

from senco.lib.html import escaped
from senco.register.rows import ROW, header_cells, register_rows, table_body
from senco.registry import PupilNote

TRICKY = "<script>alert('x')</script> & \"Ó'Brien\""


def test_plain_values_are_escaped_as_django_escapes_them():
    values = (TRICKY, 42, "", "Zoë", "a&b")
    assert [escaped(v) for v in values] == [str(format_html("{}", v)) for v in values]


def test_a_row_is_what_format_html_makes_of_it(db):
    pupil = SimpleNamespace(
        pk=7,
        legal_surname=TRICKY,
        forename="<i>Zoë</i>",
        parents_not_told=True,
        upn="A123<",
        year_group_label="Year 9",
        reg_group="9'K",
        sen_provision="K",
        primary_need="ASD",
        secondary_need="",
        sex="F",
        pupil_premium=True,
        eal=False,
        looked_after=False,
        on_register_since=datetime.date(2025, 9, 3),
    )
    notes = {7: [PupilNote("Record the <EHC> plan", "/x/?a=1&b=2", "for <Zoë>")]}
    [row] = register_rows([pupil], notes)
    assert "<script>" not in row and "&lt;script&gt;" in row
    assert "&lt;i&gt;Zoë&lt;/i&gt;" in row
    assert "9&#x27;K" in row and "A123&lt;" in row
    assert '<strong class="govuk-tag govuk-tag--orange">Parents not told</strong>' in row
    assert '<strong class="govuk-tag govuk-tag--blue">SEN support</strong>' in row
    assert 'href="/x/?a=1&amp;b=2">Record the &lt;EHC&gt; plan' in row
    assert '<abbr title="Autistic spectrum disorder">ASD</abbr>' in row
    assert ">3 Sep 2025<" in row
    assert row.count("<tr") == 1 and row.count("<td") == ROW.count("<td")


def test_the_headings_sort_and_keep_the_other_filters():
    columns = [("name", "Name"), ("year", "Year <group>")]
    header = header_cells(columns, "name", "asc", "q=a%26b&year=9")
    [name, year] = header.split("</th>")[:2]
    assert ' aria-sort="ascending"' in name and "aria-sort" not in year
    assert 'href="?q=a%26b&amp;year=9&amp;sort=name&amp;dir=desc"' in name
    assert ", sort descending</span>" in name
    assert 'href="?q=a%26b&amp;year=9&amp;sort=year&amp;dir=asc"' in year
    assert ">Year &lt;group&gt;<span" in year
    header = header_cells(columns, "name", "desc", "")
    assert ' aria-sort="descending"' in header and 'href="?sort=name&amp;dir=asc"' in header


def test_the_body_is_the_rows_one_a_line():
    assert table_body([mark_safe("<tr>a</tr>"), mark_safe("<tr>b</tr>")]) == (
        "<tr>a</tr>\n  <tr>b</tr>\n  "
    )
