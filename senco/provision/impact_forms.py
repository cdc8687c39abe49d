"""The impact page's choices: which academic year, which broad area of need and in what
order (query parameters: nonsense shows the defaults with a message, never a 500)."""

from decimal import Decimal

from django import forms

from senco.lib import clock
from senco.lib.codes import BroadArea
from senco.lib.forms import GovukFormMixin

# (code, label, the row's figure to sort by, highest first?)
SORTS = {
    "name": ("Name, A to Z", None, False),
    "cost": ("Cost, highest first", "cost", True),
    "per_pupil": ("Cost for each pupil, highest first", "per_pupil", True),
    "exit": ("Share meeting the exit criteria, highest first", "exit_share", True),
    "effect": ("Effect size, largest first", "effect_size", True),
    "attendance": ("Attendance, lowest first", "attendance", False),
}


class ImpactFilterForm(GovukFormMixin, forms.Form):
    year = forms.TypedChoiceField(
        label="Academic year",
        coerce=int,
        required=False,
        error_messages={"invalid_choice": "Choose an academic year from the list"},
    )
    area = forms.ChoiceField(
        label="Broad area of need",
        required=False,
        choices=[("", "Every area of need"), *BroadArea.choices],
        error_messages={"invalid_choice": "Choose a broad area of need from the list"},
    )
    sort = forms.ChoiceField(
        label="Order",
        required=False,
        choices=[(code, label) for code, (label, *_) in SORTS.items()],
        error_messages={"invalid_choice": "Choose an order from the list"},
    )

    def __init__(self, data=None, *, years: list[int], current: int, **kwargs):
        super().__init__(data, **kwargs)
        self.current = current
        shown = sorted({*years, current}, reverse=True)
        self.fields["year"].choices = [(str(y), clock.academic_year_label(y)) for y in shown]

    def chosen(self) -> tuple[int, str, str]:
        """(academic year, area, sort), the defaults for anything not chosen or wrong."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return data.get("year") or self.current, data.get("area", ""), data.get("sort") or "name"


def _key(row, figure: str):
    if figure in ("exit_share", "effect_size"):
        return getattr(row.summary, figure) if row.summary else None
    return getattr(row, figure)


def sort_rows(rows: list, sort: str) -> list:
    """The rows in the chosen order; rows without the figure (too few to judge, nothing
    recorded) last, by name."""
    _, figure, highest_first = SORTS.get(sort, SORTS["name"])
    by_name = sorted(rows, key=lambda r: (r.intervention.name.lower(), r.intervention.pk))
    if figure is None:
        return by_name
    known = [r for r in by_name if _key(r, figure) is not None]
    unknown = [r for r in by_name if _key(r, figure) is None]
    known.sort(key=lambda r: Decimal(_key(r, figure)), reverse=highest_first)
    return known + unknown
