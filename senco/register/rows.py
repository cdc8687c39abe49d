"""The register's table rows, built in Python.

The register is the busiest page: a secondary school's SEN register is about 200 rows of
13 cells. Django's template engine costs about 0.3 ms a row there; `format_html` costs a
tenth of that, which keeps the page inside its 150 ms budget at trust scale. Each row is
filled by `senco.lib.html.html_row`, which escapes every value (Django's escaping without
its lazy-string wrapper, a third of the rows' time: `make bench`).
"""

from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from senco.lib.codes import BroadArea, Need, Provision, broad_area
from senco.lib.html import html_row

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


def _need(code: str):
    if not code:
        return ""
    return format_html('<abbr title="{}">{}</abbr>', NEED_LABELS.get(code, code), code)


def _yes_no(value: bool) -> str:
    return "Yes" if value else "No"


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
    capabilities add beside each pupil, by id (`registry.pupil_notes_for`)."""
    url = reverse("pupil_detail", args=[0])[: -len("0/")]
    notes = notes or {}
    rows = []
    for p in pupils:
        area = broad_area(p.primary_need)
        values = (
            f"{url}{p.pk}/",
            p.legal_surname,
            p.forename,
            NOT_TOLD if p.parents_not_told else "",
            p.upn,
            p.year_group_label,
            p.reg_group,
            PROVISION_CELL.get(p.sen_provision, p.sen_provision),
            _notes(notes[p.pk]) if p.pk in notes else "",
            _need(p.primary_need),
            _need(p.secondary_need),
            AREA_LABELS.get(area, ""),
            p.sex,
            _yes_no(p.pupil_premium),
            _yes_no(p.eal),
            _yes_no(p.looked_after),
            f"{p.on_register_since.day} {p.on_register_since:%b %Y}"
            if p.on_register_since
            else "-",
        )
        rows.append(html_row(ROW, *values))
    return rows
