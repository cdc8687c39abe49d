"""The provision map's choices, from its query parameters: the period, how to slice it and
what to limit it to. Nonsense in the address shows the whole of this academic year with a
message naming the box, never a 500."""

from django import forms
from django.utils.http import urlencode

from senco.lib.codes import YEAR_GROUPS, BroadArea, Provision
from senco.lib.forms import GovukFormMixin
from senco.provision import maps
from senco.provision.maps import MapFilter
from senco.provision.models import Intervention


class PeriodForm(GovukFormMixin, forms.Form):
    period = forms.ChoiceField(
        label="Period",
        required=False,
        error_messages={"invalid_choice": "Choose a period from the list"},
    )

    def __init__(self, *args, periods: list[maps.Period], **kwargs):
        super().__init__(*args, **kwargs)
        self.periods = {p.key: p for p in periods}
        self.fields["period"].choices = [(p.key, p.label) for p in periods]
        self.default = periods[0]

    def _data(self) -> dict:
        return self.cleaned_data if self.is_bound and self.is_valid() else {}

    def chosen_period(self) -> maps.Period:
        return self.periods.get(self._data().get("period") or "", self.default)

    def query(self) -> str:
        """The choices as a query string, for the download links."""
        data = self._data()
        return urlencode({k: v for k, v in data.items() if v not in ("", None)})


class MapForm(PeriodForm):
    by = forms.ChoiceField(
        label="Show totals by",
        required=False,
        choices=[("", "Intervention only"), *maps.SLICES.items()],
        error_messages={"invalid_choice": "Choose how to show the totals from the list"},
    )
    year = forms.TypedChoiceField(
        label="Year group",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "Every year group"), *YEAR_GROUPS],
        error_messages={"invalid_choice": "Choose a year group from the list"},
    )
    area = forms.ChoiceField(
        label="Broad area of need",
        required=False,
        choices=[("", "Every area"), *BroadArea.choices],
        error_messages={"invalid_choice": "Choose a broad area of need from the list"},
    )
    wave = forms.TypedChoiceField(
        label="Wave",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "Every wave"), *Intervention.Wave.choices],
        error_messages={"invalid_choice": "Choose a wave from the list"},
    )
    sen = forms.ChoiceField(
        label="SEN support or EHC plan",
        required=False,
        choices=[
            ("", "Every pupil"),
            (Provision.SEN_SUPPORT, "SEN support"),
            (Provision.EHC_PLAN, "EHC plan"),
            (Provision.NONE, "Not on the SEN register"),
        ],
        error_messages={"invalid_choice": "Choose SEN support or EHC plan from the list"},
    )
    staff = forms.ChoiceField(
        label="Member of staff",
        required=False,
        error_messages={"invalid_choice": "Choose a member of staff from the list"},
    )

    def __init__(self, *args, staff: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].choices = [("", "Everyone"), *staff]

    def chosen_filter(self) -> MapFilter:
        data = self._data()
        return MapFilter(
            year=data.get("year"),
            sen=data.get("sen") or "",
            area=data.get("area") or "",
            wave=data.get("wave"),
            staff=data.get("staff") or "",
        )

    def chosen_slice(self) -> str:
        return self._data().get("by") or ""

    def described(self) -> list[tuple[str, str]]:
        """The choices in words, for the top of an export."""
        data = self._data()
        found = [("Period", self.chosen_period().label)]
        for name in ("year", "area", "wave", "sen", "staff"):
            value = data.get(name)
            if value not in ("", None):
                label = dict(self.fields[name].choices).get(value, str(value))
                found.append((str(self.fields[name].label), str(label)))
        if data.get("by"):
            found.append(("Totals by", maps.SLICES[data["by"]]))
        return found

    @property
    def filtered(self) -> bool:
        data = self._data()
        return any(data.get(n) not in ("", None) for n in ("year", "area", "wave", "sen", "staff"))
