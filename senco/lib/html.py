"""HTML for the rows of big tables, built in Python rather than by the template engine.

A table of 200 rows of a dozen cells costs Django's template engine about 0.3 ms a row
(`make bench`: the register, three a year); filling a format string costs a tenth of that.
`html_row(ROW, *values)` escapes each value as Django's `escape` does (Python's
`html.escape`: the same five characters and entities) without its lazy-string wrapper, and
leaves safe strings (tags, links made with `format_html`) as they are. The format string
itself is trusted: it is a constant of the code, never text a person typed.
"""

from html import escape

from django.utils.safestring import SafeData, SafeString, mark_safe


def escaped(value) -> str:
    """`conditional_escape` for plain values: safe strings as they are. `html.escape` is
    five `str.replace`s, a quarter of the time of one `str.translate` with a table (which
    looks up every character: ~5 ms of the SENCO's year's 540 rows). A plain string, the
    commonest value, is escaped without first asking whether it is safe; a number (an id,
    a count) has no character to escape, so it is only made a string."""
    kind = type(value)
    if kind is str:
        return escape(value)
    if kind is int:
        return str(value)
    if isinstance(value, SafeData):
        return value
    return escape(str(value))


def linebreaksbr(value) -> str:
    """Django's `linebreaksbr` filter: the text escaped (unless safe), each line break a
    `<br>`."""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return (text if isinstance(value, SafeData) else escape(text)).replace("\n", "<br>")


def html_row(template: str, *values) -> SafeString:
    """`template` (a constant with `{}` for each value) filled with the values escaped.
    Made a SafeString directly: `mark_safe` goes through Django's lazy-string wrapper."""
    return SafeString(template.format(*map(escaped, values)))


# Items of a long list shown before the rest is folded away under "Show N more".
SHOWN_BEFORE_FOLD = 8


def folded_list(items: list, list_id: str, *, shown: int = SHOWN_BEFORE_FOLD) -> SafeString:
    """`<li>` items (safe strings) as a GOV.UK list with the id `list_id`, the first
    `shown` in view and the rest in a "Show N more" details element."""
    first, more = items[:shown], items[shown:]
    out = [html_row('<ul class="govuk-list" id="{}">', list_id), *first, "</ul>"]
    if more:
        out += [
            html_row(
                '<details class="govuk-details"><summary class="govuk-details__summary">'
                '<span class="govuk-details__summary-text">Show {} more</span></summary>'
                '<div class="govuk-details__text"><ul class="govuk-list">',
                len(more),
            ),
            *more,
            "</ul></div></details>",
        ]
    return mark_safe("\n".join(out))  # noqa: S308 (each piece escaped by html_row)


def url_pattern(url_name: str, n_args: int) -> str:
    """The address of `url_name` with `{}` for each of its arguments, reversed once, to be
    filled for many rows with `str.format` (the arguments are numbers)."""
    from django.urls import reverse

    marks = [str(10**12 + i) for i in range(n_args)]
    url = reverse(url_name, args=marks)
    for mark in marks:
        url = url.replace(mark, "{}", 1)
    return url.replace("{}", "\0").replace("{", "{{").replace("}", "}}").replace("\0", "{}")
