"""HTML drawn once a process for each key (issue 13).

A list page's filter form is a dozen `includes/field.html`, ~0.2 ms each for the template
engine, and nearly every request draws the same one. Kept by all that decides it, it is
drawn once; the template stays the one source of its HTML:

    _FILTERS = Drawn(kept=64)

    html = _FILTERS.once(
        (urn, asked(form), tuple(form.fields["reg"].choices)),
        lambda: render_to_string("register/_filter_fields.html", {"form": form}),
    )

The key must hold everything the HTML is drawn from: the values asked for (`asked`: a
bound form's errors come from them too), each choice list the form was built with, and
anything else the template reads (the school's urn in a link, say). Anything may be asked
for, so at most `kept` are kept: when full, the store starts again rather than grow.
"""

from collections.abc import Callable, Hashable


class Drawn:
    def __init__(self, kept: int = 64):
        self.kept = kept
        self._html: dict[Hashable, str] = {}

    def once(self, key: Hashable, draw: Callable[[], str]) -> str:
        """The HTML kept for `key`, or `draw()`'s, kept for the next time."""
        html = self._html.get(key)
        if html is None:
            html = draw()
            if len(self._html) >= self.kept:
                self._html.clear()  # anything may be asked for: start again, never grow
            self._html[key] = html
        return html

    def __len__(self) -> int:
        return len(self._html)

    def clear(self) -> None:
        self._html.clear()


def asked(form) -> tuple | None:
    """The values of the form's fields in its query string, as its widgets read them (the
    last of a repeated name; None for a name not there), or None for a form not filled in."""
    if not form.is_bound:
        return None
    return tuple(form.data.get(name) for name in form.fields)
