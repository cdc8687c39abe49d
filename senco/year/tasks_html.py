"""The rows of the year page as HTML, built in Python (senco/lib/html.py): a whole year is
three to five hundred rows, and an `{% include %}` a row took two thirds of the page's
time (`make bench`, "year")."""

import datetime
import functools

from django.utils.safestring import SafeString, mark_safe

from senco.lib.clock import academic_year_of
from senco.lib.html import escaped, url_pattern
from senco.registry import DatedEvent
from senco.year.tasks_selectors import Row

TICK = (
    '<form method="post" action="{}" class="senco-inline-form">'
    '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
    '<input type="hidden" name="done" value="{}"><input type="hidden" name="next" value="{}">'
    ' <button type="submit" class="senco-link-button govuk-link govuk-!-font-size-16">{}'
    '<span class="govuk-visually-hidden">: {}</span></button></form>'
)
DONE = mark_safe(' <strong class="govuk-tag govuk-tag--green">Done</strong>')
OVERDUE = mark_safe(' <strong class="govuk-tag govuk-tag--red">Overdue</strong>')
SOON = mark_safe(' <strong class="govuk-tag govuk-tag--yellow">Due soon</strong>')
URGENCY_TAGS = {"overdue": OVERDUE, "soon": SOON}
# Where a row's task id and title go in the tick-off form (`RowPainter._tick_parts`): tags,
# so never in escaped text.
_ID, _TITLE = "<id>", "<title>"


def _li(data: str, date: str, text: str, tag: str, hint: str, tick: str) -> str:
    """A row's `<li>` from its parts, each escaped. An f-string: `str.format` of the same
    took eight times as long (~1 µs a row, ~0.5 ms a page)."""
    return (
        f'<li class="govuk-!-margin-bottom-3"{data}>'
        f'<span class="govuk-!-font-weight-bold">{date}</span>: {text}{tag}'
        f'<br><span class="govuk-hint govuk-!-font-size-16">{hint}</span>{tick}</li>'
    )


class RowPainter:
    """Draws the rows of one page. What is the same for every row is worked out once: the
    tick-off form (its address, the CSRF token and the address to come back to, escaped
    once into a pattern with a place for the task's id and title), and each date's text and
    each kind of event's hint the first time they are met. A row then escapes only its own
    title and address and fills one format string (`ROW`): a whole year is ~540 rows."""

    def __init__(self, scope, today: datetime.date, csrf_token: str, back: str):
        self.scope = scope
        self.today = today
        self.csrf_token = csrf_token
        self.back = back
        self.done_url = url_pattern("year_task_done", 2).replace("{}", scope.school.urn, 1)
        self.this_year = academic_year_of(today)
        self._ticks = {done: self._tick_parts(done) for done in (False, True)}
        self._dates: dict[datetime.date, str] = {}
        self._event_hints: dict[tuple[str, str, str], str] = {}
        # Each row drawn, with its HTML, by the row's id (the row kept, so that its id is
        # not another's): a row of the to-do view is also in its month.
        self._drawn: dict[int, str] = {}
        self._kept: list[Row] = []

    def _tick_parts(self, done: bool) -> tuple[str, str, str]:
        """`TICK` filled with what every row shares, escaped, cut where each row's task id
        (inside the address) and title go: a row joins the five pieces."""
        head, tail = (escaped(part) for part in self.done_url.format("\0").split("\0"))
        form = TICK.format(
            f"{head}{_ID}{tail}",
            escaped(self.csrf_token),
            "0" if done else "1",
            escaped(self.back),
            "Mark as not done" if done else "Mark as done",
            _TITLE,
        )
        before, rest = form.split(_ID)
        between, after = rest.split(_TITLE)
        return before, between, after

    def _date(self, day: datetime.date) -> str:
        """`_day_text` of a day, looked up once a page."""
        text = self._dates[day] = _day_text(day, self.this_year)
        return text

    def _task_hint(self, row: Row) -> str:
        """The line under a task, escaped: its kind, who has it and when it was done."""
        parts = [row.kind or "Something due"]
        if row.assignee:
            parts.append(f"Given to {row.assignee}")
        elif self.scope.runs_year:
            parts.append("Yours")
        if row.done and row.done_at:
            parts.append(f"Done {row.done_at:%-d %B %Y}")
        return escaped(". ".join(parts))

    def _event_hint(self, event: DatedEvent, kind: str) -> str:
        """The line under an event, escaped: its kind, rule and source (the same for many
        events: worked out once a page)."""
        key = (kind, event.rule, event.source)
        text = self._event_hints.get(key)
        if text is None:
            text = kind or "Something due"
            if event.rule:
                text += f". Rule: {event.rule}"
            if event.source:
                text += f" ({event.source})"
            text = self._event_hints[key] = escaped(text)
        return text

    def row(self, row: Row) -> str:
        """A row's `<li>` (escaped, not yet marked safe). Tasks and events take their own
        branch, each with the date, tag and hint looked up inline: ~540 rows a page."""
        title = escaped(row.title)
        text = f'<a class="govuk-link" href="{escaped(row.url)}">{title}</a>' if row.url else title
        date = self._dates.get(row.date) or self._date(row.date)
        task_id = row.task_id
        if task_id is None:
            event = row.event
            hint = self._event_hint(event, row.kind)
            return _li("", date, text, URGENCY_TAGS.get(event.urgency, ""), hint, "")
        tick = ""
        if row.may_tick:
            before, between, after = self._ticks[row.done]
            tick = f"{before}{task_id}{between}{title}{after}"
        tag = DONE if row.done else OVERDUE if row.date < self.today else ""
        return _li(f' data-task="{task_id}"', date, text, tag, self._task_hint(row), tick)

    def rows(self, rows: list[Row]) -> SafeString:
        """The rows' `<li>`s, a line each; a row drawn before on the page (in the to-do
        view, then in its month) is not drawn again."""
        drawn = self._drawn
        lines = []
        for row in rows:
            line = drawn.get(id(row))
            if line is None:
                line = drawn[id(row)] = self.row(row)
                self._kept.append(row)  # alive while drawn: its id is no other row's
            lines.append(line)
        return mark_safe("\n".join(lines))  # noqa: S308 (each escaped)


@functools.lru_cache(maxsize=1024)
def _day_text(day: datetime.date, this_year: int) -> str:
    """ "Fri 12 Sep", with its year when it is not in the school year `this_year` (a task
    left undone last year), escaped. The same on every page: kept for the process (a year
    has ~200 dates, ~0.4 ms a page to format)."""
    if academic_year_of(day) == this_year:
        return escaped(f"{day:%a %-d %b}")
    return escaped(f"{day:%a %-d %b %Y}")
