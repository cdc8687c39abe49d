"""The rows of the year page as HTML, built in Python (senco/lib/html.py): a whole year is
three to five hundred rows, and an `{% include %}` a row took two thirds of the page's
time (`make bench`, "year")."""

import datetime

from django.utils.safestring import SafeString, mark_safe

from senco.lib.clock import academic_year_of
from senco.lib.html import html_row, url_pattern
from senco.year.tasks_selectors import Row

ROW = (
    '<li class="govuk-!-margin-bottom-3"{}>'
    '<span class="govuk-!-font-weight-bold">{}</span>: {}{}'
    '<br><span class="govuk-hint govuk-!-font-size-16">{}</span>{}</li>'
)
LINK = '<a class="govuk-link" href="{}">{}</a>'
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


class RowPainter:
    """Draws the rows of one page: the tick-off address reversed once, the CSRF token and
    the address to come back to the same for every row."""

    def __init__(self, scope, today: datetime.date, csrf_token: str, back: str):
        self.scope = scope
        self.today = today
        self.csrf_token = csrf_token
        self.back = back
        self.done_url = url_pattern("year_task_done", 2).replace("{}", scope.school.urn, 1)
        self.this_year = academic_year_of(today)

    def _date(self, day: datetime.date) -> str:
        """ "Fri 12 Sep", with its year when it is not in this school year (a task left
        undone last year)."""
        if academic_year_of(day) == self.this_year:
            return f"{day:%a %-d %b}"
        return f"{day:%a %-d %b %Y}"

    def _tag(self, row: Row):
        if row.done:
            return DONE
        if row.task is not None:
            return OVERDUE if row.date < self.today else ""
        return {"overdue": OVERDUE, "soon": SOON}.get(row.event.urgency, "")

    def _hint(self, row: Row) -> str:
        parts = [row.kind or "Something due"]
        if row.task is not None:
            if row.assignee:
                parts.append(f"Given to {row.assignee}")
            elif self.scope.runs_year:
                parts.append("Yours")
            if row.done and row.task.done_at:
                parts.append(f"Done {row.task.done_at:%-d %B %Y}")
            return ". ".join(parts)
        text = ". ".join(parts)
        if row.event.rule:
            text += f". Rule: {row.event.rule}"
        if row.event.source:
            text += f" ({row.event.source})"
        return text

    def _tick(self, row: Row):
        if not row.may_tick:
            return ""
        return html_row(
            TICK,
            self.done_url.format(row.task.pk),
            self.csrf_token,
            "0" if row.done else "1",
            self.back,
            "Mark as not done" if row.done else "Mark as done",
            row.title,
        )

    def row(self, row: Row) -> SafeString:
        title = html_row(LINK, row.url, row.title) if row.url else row.title
        return html_row(
            ROW,
            html_row(' data-task="{}"', row.task.pk) if row.task is not None else "",
            self._date(row.date),
            title,
            self._tag(row),
            self._hint(row),
            self._tick(row),
        )

    def rows(self, rows: list[Row]) -> SafeString:
        return mark_safe("\n".join(self.row(r) for r in rows))  # noqa: S308 (html_row escapes)
