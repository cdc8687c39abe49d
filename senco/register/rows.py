"""The register's table rows, built in Python.

The register is the busiest page: a secondary school's SEN register is about 200 rows of
13 cells. Django's template engine costs about 0.3 ms a row there; filling a format string
costs a tenth of that, which keeps the page inside its 150 ms budget at trust scale.

Of a row's values only five are text from the pupil's record (the names, the UPN, the
registration group and the sex): each is escaped as Django's `escape` does (`html.escape`:
the same five characters and entities). The other cells show one of a few codes (needs,
provision, broad area, year group, yes or no, a date), so each such cell is made and
escaped once, not for every row: a `format_html` for each need of each row, and the
escaping of values that could hold nothing to escape, were most of the rows' time (7 ms of
a page of 200 rows, now under 2: issue 13).

The headings, with their sort links, are made here too, and the rows are handed to the
template as one string: the template's loops over them were a millisecond more.
"""

from html import escape

from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeData, SafeString, mark_safe

from senco.lib.codes import BroadArea, Need, Provision, broad_area

NEED_LABELS = dict(Need.choices)
AREA_LABELS = dict(BroadArea.choices)
PROVISION_CELL = {
    Provision.EHC_PLAN: mark_safe('<strong class="govuk-tag govuk-tag--purple">EHC plan</strong>'),
    Provision.SEN_SUPPORT: mark_safe(
        '<strong class="govuk-tag govuk-tag--blue">SEN support</strong>'
    ),
    Provision.NONE: "No SEN",
}
NOT_TOLD = mark_safe(' <strong class="govuk-tag govuk-tag--orange">Parents not told</strong>')

# `data-label`s head the cells on a phone, where the table stacks (senco.scss); the UPN, which
# a teacher rarely needs there, comes last.
ROW = (
    '<tr class="govuk-table__row">'
    '<td class="govuk-table__cell"><a class="govuk-link" href="{}">{}, {}</a>{}</td>'
    '<td class="govuk-table__cell senco-nowrap senco-stack-last" data-label="UPN">{}</td>'
    '<td class="govuk-table__cell senco-nowrap">{}</td>'
    '<td class="govuk-table__cell" data-label="Reg group">{}</td>'
    '<td class="govuk-table__cell">{}{}</td>'
    '<td class="govuk-table__cell" data-label="Primary need">{}</td>'
    '<td class="govuk-table__cell" data-label="Secondary need">{}</td>'
    '<td class="govuk-table__cell" data-label="Broad area">{}</td>'
    '<td class="govuk-table__cell" data-label="Sex">{}</td>'
    '<td class="govuk-table__cell" data-label="PP">{}</td>'
    '<td class="govuk-table__cell" data-label="EAL">{}</td>'
    '<td class="govuk-table__cell" data-label="LAC">{}</td>'
    '<td class="govuk-table__cell senco-nowrap" data-label="On register since">{}</td>'
    "</tr>"
)


def _need(code: str) -> str:
    """A need's cell: its code, with the need's name on hover."""
    if not code:
        return ""
    return format_html('<abbr title="{}">{}</abbr>', NEED_LABELS.get(code, code), code)


def _text(value) -> str:
    """A cell of text: safe strings (the tags above) as they are, anything else escaped."""
    return str(value) if isinstance(value, SafeData) else escape(str(value))


class _Cells(dict):
    """The escaped cell of each value of one column, made the first time the value is met:
    a register shows a few needs, year groups and dates, each on many rows."""

    def __init__(self, make):
        super().__init__()
        self.make = make

    def __missing__(self, value) -> str:
        cell = self[value] = self.make(value)
        return cell


def _since(day) -> str:
    return f"{day.day} {day:%b %Y}" if day else "-"


def _notes(notes) -> SafeString:
    """What capabilities note beside a pupil (`registry.pupil_notes_for`), under the
    provision: a link when there is something to do, otherwise a grey tag."""
    return format_html_join(
        "",
        "{}",
        (
            (
                format_html(
                    '<br><a class="govuk-link" href="{}">{}<span class="govuk-visually-hidden">'
                    "{}</span></a>",
                    note.url,
                    note.text,
                    note.hidden,
                )
                if note.url
                else format_html(
                    ' <strong class="govuk-tag govuk-tag--grey">{}</strong>', note.text
                ),
            )
            for note in notes
        ),
    )


def register_rows(pupils, notes=None) -> list[SafeString]:
    """One <tr> for each pupil, in the columns of `register.views.COLUMNS`. `notes`: what
    capabilities add beside each pupil, by id (`registry.pupil_notes_for`).

    A pupil is anything with the fields the row shows: a `Pupil`, or the lighter
    `selectors.RegisterPupil` the register page reads."""
    url = escape(reverse("pupil_detail", args=[0])[: -len("0/")])
    notes = notes or {}
    # The cells of the columns that show codes, for this call's rows.
    needs = _Cells(lambda code: str(_need(code)))
    provisions = _Cells(lambda code: _text(PROVISION_CELL.get(code, code)))
    areas = _Cells(lambda need: escape(AREA_LABELS.get(broad_area(need), "")))
    years = _Cells(_text)
    dates = _Cells(lambda day: escape(_since(day)))
    yes_no = {True: "Yes", False: "No"}
    row = ROW.format
    rows = []
    for p in pupils:
        rows.append(
            SafeString(
                row(
                    f"{url}{p.pk}/",
                    escape(p.legal_surname),
                    escape(p.forename),
                    NOT_TOLD if p.parents_not_told else "",
                    escape(p.upn),
                    years[p.year_group_label],
                    escape(p.reg_group),
                    provisions[p.sen_provision],
                    _notes(notes[p.pk]) if p.pk in notes else "",
                    needs[p.primary_need],
                    needs[p.secondary_need],
                    areas[p.primary_need],
                    escape(p.sex),
                    yes_no[bool(p.pupil_premium)],
                    yes_no[bool(p.eal)],
                    yes_no[bool(p.looked_after)],
                    dates[p.on_register_since],
                )
            )
        )
    return rows


def table_body(rows: list[SafeString]) -> SafeString:
    """The rows as the table's body writes them, one a line: one value for the template,
    not a loop of 200 (about a millisecond of the template engine's time)."""
    return SafeString("".join(f"{row}\n  " for row in rows))


# A column's heading: a link that sorts by it, ascending, or descending when it is the
# column sorted by already, ascending. Laid out as the template had it, line for line.
HEADER = (
    '\n      <th scope="col" class="govuk-table__header"{}>'
    '\n        <a class="govuk-link senco-sort-link" href="?{}sort={}&amp;dir={}">{}'
    '<span class="govuk-visually-hidden">, sort {}</span></a>'
    "\n      </th>\n      "
)


def header_cells(columns, sort: str, direction: str, sort_query: str) -> SafeString:
    """The <th> of each of `columns` ((key, label)), sorted by `sort` in `direction` ("asc"
    or "desc"): `sort_query` is the page's query string without its sort, which each link
    keeps."""
    kept = f"{escape(sort_query)}&amp;" if sort_query else ""
    cells = []
    for key, label in columns:
        if sort == key:
            current = ' aria-sort="descending"' if direction == "desc" else ' aria-sort="ascending"'
        else:
            current = ""
        flip = sort == key and direction != "desc"
        cells.append(
            HEADER.format(
                current,
                kept,
                escape(key),
                "desc" if flip else "asc",
                escape(label),
                "descending" if flip else "ascending",
            )
        )
    return SafeString("".join(cells))
