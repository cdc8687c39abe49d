"""No lost updates (ARCHITECTURE.md, rule 5), written once.

Every edit form carries the version of the record it was opened at (a hidden `version`
field, `senco.lib.forms.VersionedFormMixin`). The service that saves it locks the row
(select_for_update), inside its transaction, and calls `check_version`: a save from an
older version is refused with `StaleVersion`, which carries the version now saved (so the
form sent back can be saved again once merged) and the current values of what the form
edits (so the page can show them beside what the person typed).

Pure: no models. A version is anything that prints the same while the record is unchanged
(a counter, the number of the latest saved version, a string made of the current state).
"""

from collections.abc import Callable, Iterable

from django.core.exceptions import ValidationError

STALE_MESSAGE = "Someone else changed this since you opened it"

# (form field name, label, value saved now)
Current = tuple[str, str, object]


class StaleVersion(ValidationError):
    """A save from a form opened at an older version of the record."""

    def __init__(self, *, current, theirs: Iterable[Current] = (), message: str = STALE_MESSAGE):
        super().__init__(message, code="stale")
        self.current = str(current)
        self.theirs = list(theirs)


def check_version(
    opened,
    current,
    *,
    theirs: Iterable[Current] | Callable[[], Iterable[Current]] = (),
) -> None:
    """Refuse a save opened at `opened` when the record is now at `current`.

    `opened` is None (or "") when the caller did not send a version (a script, the demo
    data): nothing is checked then. `theirs` may be a function, called only on refusal.
    """
    if opened is None or str(opened) == "":
        return
    if str(opened) != str(current):
        raise StaleVersion(current=current, theirs=theirs() if callable(theirs) else theirs)
