from django import template
from django.utils.safestring import mark_safe

from senco.lib.html import html_row, url_pattern

register = template.Library()


# How a review's urgency shows: a red or orange tag, or nothing.
URGENCY_TAGS = {
    "overdue": mark_safe('<strong class="govuk-tag govuk-tag--red">Overdue</strong>'),
    "soon": mark_safe('<strong class="govuk-tag govuk-tag--orange">Due soon</strong>'),
}
_REVIEW_ROW = (
    '<tr class="govuk-table__row"><td class="govuk-table__cell"><a class="govuk-link" '
    'href="{}">{}</a>, {}</td><td class="govuk-table__cell" data-label="Review by">{} {}</td></tr>'
)


@register.simple_tag
def urgency_tag(urgency):
    return URGENCY_TAGS.get(urgency, "")


@register.simple_tag
def review_rows(rows):
    """The rows of a table of cycles to review, (cycle, urgency) each, built in Python
    (senco/lib/html.py): the SENCO's home page lists every review due in the school."""
    url = url_pattern("plans_cycle", 2)
    return mark_safe(  # noqa: S308 (each row escaped by html_row)
        "\n".join(
            html_row(
                _REVIEW_ROW,
                url.format(c.pupil_id, c.pk),
                c.pupil.full_name,
                c.pupil.year_group_label,
                f"{c.review_date:%-d %b %Y}",
                URGENCY_TAGS.get(urgency, ""),
            )
            for c, urgency in rows
        )
    )
