"""The calendar's days as HTML, built in Python (senco/lib/html.py): a month of a hundred
dates through the template engine, an `include` for each, was two fifths of the page's time
(issue 13). The markup is what diary/calendar.html wrote, with the same ids. The same for
the statutory deadlines of the SENCO's "What needs doing" (diary/todo/deadlines.html)."""

import datetime

from django.utils.safestring import SafeString

from senco.lib.html import escaped, html_row
from senco.lib.text import long_date
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


# How many deadlines "What needs doing" lists before "See all N on the calendar".
DEADLINES_SHOWN = 8


def deadline_items(steps: list[DatedEvent]) -> SafeString:
    """The first eight deadlines as `<li>`s: the step (a link when it has a page), its
    date and urgency, and its rule and legal source."""
    out = []
    for event in steps[:DEADLINES_SHOWN]:
        title = html_row(_LINK, event.url, event.title) if event.url else escaped(event.title)
        rule = ""
        if event.rule:
            rule = (
                '<br><span class="govuk-hint govuk-!-font-size-16">'
                + escaped(event.rule)
                + (f" ({escaped(event.source)})" if event.source else "")
                + "</span>"
            )
        out.append(
            f"<li>{title}: {long_date(event.date)} "
            f"{URGENCY_TAGS.get(event.urgency, '')}\n{rule}</li>"
        )
    return SafeString("".join(out))


_KIND_BOX = (
    '\n        <div class="govuk-checkboxes__item">\n'
    '          <input class="govuk-checkboxes__input" id="{0}" name="kind" type="checkbox"'
    ' value="{1}"{2}>\n'
    '          <label class="govuk-label govuk-checkboxes__label" for="{0}">{3}</label>\n'
    "        </div>\n        "
)


def kind_checkboxes(form, kinds: list[str]) -> SafeString:
    """The calendar filter's checkboxes, one a kind of event, those in `kinds` ticked: the
    first with the field's id, the others with "-2", "-3" and so on after it, as GOV.UK's
    checkboxes are numbered."""
    field = form["kind"]
    out = []
    for n, (value, label) in enumerate(field.field.choices, start=1):
        box_id = field.auto_id if n == 1 else f"{field.auto_id}-{n}"
        checked = SafeString(" checked" if value in kinds else "")
        out.append(html_row(_KIND_BOX, box_id, value, checked, label))
    return SafeString("".join(out))
