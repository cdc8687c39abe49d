"""The calendar's days as HTML, built in Python (senco/lib/html.py): a month of a hundred
dates through the template engine, an `include` for each, was two fifths of the page's time
(issue 13). The markup is what diary/calendar.html wrote, with the same ids."""

import datetime

from django.utils.safestring import SafeString

from senco.lib.html import escaped, html_row
from senco.registry import DatedEvent

URGENCY_TAGS = {
    "overdue": '<strong class="govuk-tag govuk-tag--red">Overdue</strong>',
    "soon": '<strong class="govuk-tag govuk-tag--orange">Due soon</strong>',
}
TODAY_TAG = ' <strong class="govuk-tag govuk-tag--blue">Today</strong>'

_DAY_START = (
    '<section class="senco-calendar-day" aria-labelledby="day-{0}">\n'
    '  <h3 class="govuk-heading-s govuk-!-margin-bottom-2" id="day-{0}">{1}{2}</h3>\n'
    '  <ul class="govuk-list govuk-!-margin-bottom-6">\n'
)
_DAY_END = "  </ul>\n</section>\n"
_LINK = '<a class="govuk-link" href="{}">{}</a>'


def _event(event: DatedEvent) -> str:
    title = html_row(_LINK, event.url, event.title) if event.url else escaped(event.title)
    hint = ""
    if event.rule or event.source or event.kind:
        hint = (
            '<br><span class="govuk-hint govuk-!-font-size-16">'
            + (f"{escaped(event.kind)}. " if event.kind else "")
            + (f"Rule: {escaped(event.rule)}" if event.rule else "")
            + (f" ({escaped(event.source)})" if event.source else "")
            + "</span>"
        )
    return (
        f'    <li class="govuk-!-margin-bottom-3">\n      {title}\n'
        f"      {URGENCY_TAGS.get(event.urgency, '')}\n      {hint}\n    </li>\n"
    )


def days_html(
    days: list[tuple[datetime.date, list[DatedEvent]]], today: datetime.date
) -> SafeString:
    """Each day with its events: a section headed by the day, a list of its events, each
    with its link, its urgency and its rule and legal source."""
    out = []
    for day, events in days:
        label = f"{day:%A} {day.day} {day:%B}"
        out.append(_DAY_START.format(f"{day:%Y-%m-%d}", label, TODAY_TAG if day == today else ""))
        out.extend(_event(event) for event in events)
        out.append(_DAY_END)
    return SafeString("".join(out))
