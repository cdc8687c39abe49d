"""The rows of the year page as HTML, built in Python (senco/lib/html.py): a whole year is
three to five hundred rows, and an `{% include %}` a row took two thirds of the page's
time (`make bench`, "year")."""

import datetime

from django.utils.safestring import SafeString, mark_safe

from senco.lib.clock import academic_year_of
from senco.lib.html import escaped, url_pattern
from senco.year.tasks_selectors import Row

ROW = (
    '<li class="govuk-!-margin-bottom-3"{}>'
    '<span class="govuk-!-font-weight-bold">{}</span>: {}{}'
    '<br><span class="govuk-hint govuk-!-font-size-16">{}</span>{}</li>'
)
LINK = '<a class="govuk-link" href="{}">{}</a>'
DATA_TASK = ' data-task="{}"'
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
        self._ticks = {done: self._tick_pattern(done) for done in (False, True)}
        self._dates: dict[datetime.date, str] = {}
        self._event_hints: dict[tuple[str, str, str], str] = {}
        # Each row drawn, with its HTML, by the row's id (the row kept, so that its id is
        # not another's): a row of the to-do view is also in its month.
        self._drawn: dict[int, tuple[Row, SafeString]] = {}

    def _tick_pattern(self, done: bool) -> str:
        """`TICK` filled with what every row shares, escaped, leaving a `{}` for the task's
        id (inside the address) and one for its title. The shared values are text a person
        may have typed (the address to come back to), so their braces are doubled to stay
        text when the pattern is filled; `done_url` is a pattern already."""
        return TICK.format(
            escaped(self.done_url),
            _braced(escaped(self.csrf_token)),
            "0" if done else "1",
            _braced(escaped(self.back)),
            "Mark as not done" if done else "Mark as done",
            "{}",
        )

    def _date(self, day: datetime.date) -> str:
        """ "Fri 12 Sep", with its year when it is not in this school year (a task left
        undone last year), escaped; each date worked out once a page."""
        text = self._dates.get(day)
        if text is None:
            if academic_year_of(day) == self.this_year:
                text = escaped(f"{day:%a %-d %b}")
            else:
                text = escaped(f"{day:%a %-d %b %Y}")
            self._dates[day] = text
        return text

    def _tag(self, row: Row):
        if row.done:
            return DONE
        if row.task is not None:
            return OVERDUE if row.date < self.today else ""
        return URGENCY_TAGS.get(row.event.urgency, "")

    def _hint(self, row: Row) -> str:
        """The line under the row, escaped: a task's kind, who has it and when it was done;
        an event's kind, rule and source (the same for many events: worked out once)."""
        if row.task is not None:
            parts = [row.kind or "Something due"]
            if row.assignee:
                parts.append(f"Given to {row.assignee}")
            elif self.scope.runs_year:
                parts.append("Yours")
            if row.done and row.task.done_at:
                parts.append(f"Done {row.task.done_at:%-d %B %Y}")
            return escaped(". ".join(parts))
        event = row.event
        key = (row.kind, event.rule, event.source)
        text = self._event_hints.get(key)
        if text is None:
            text = row.kind or "Something due"
            if event.rule:
                text += f". Rule: {event.rule}"
            if event.source:
                text += f" ({event.source})"
            text = self._event_hints[key] = escaped(text)
        return text

    def row(self, row: Row) -> SafeString:
        title = escaped(row.title)
        task = row.task
        return SafeString(
            ROW.format(
                DATA_TASK.format(task.pk) if task is not None else "",
                self._date(row.date),
                LINK.format(escaped(row.url), title) if row.url else title,
                self._tag(row),
                self._hint(row),
                self._ticks[row.done].format(task.pk, title) if row.may_tick else "",
            )
        )

    def rows(self, rows: list[Row]) -> SafeString:
        """The rows' `<li>`s, a line each; a row drawn before on the page (in the to-do
        view, then in its month) is not drawn again."""
        drawn = self._drawn
        lines = []
        for row in rows:
            found = drawn.get(id(row))
            if found is None:
                found = drawn[id(row)] = (row, self.row(row))
            lines.append(found[1])
        return mark_safe("\n".join(lines))  # noqa: S308 (each escaped)


def _braced(text: str) -> str:
    """Text to be put into a format string as itself."""
    return text.replace("{", "{{").replace("}", "}}")
