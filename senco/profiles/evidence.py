"""Pupil passports' figures offered as evidence under "passports" (`registry.Evidence`):
pupils on the register whose passport was reviewed this term or last, as "What needs
doing" counts them (`selectors.passports_out_of_date`, for the whole school). Three
queries (the term dates, the register, those out of date)."""

import datetime

from django.urls import reverse

from senco.access import Scope
from senco.accounts.models import Role
from senco.lib import evidence_text as text
from senco.profiles import selectors
from senco.pupils.models import Pupil
from senco.registry import Figure


def passport_figures(school, today: datetime.date, suppress: bool) -> list[Figure]:
    on_register = Pupil.objects.filter(school=school).on_register().count()
    if not on_register:
        return []
    # The whole school, as its SENCO sees it (as the reminders do).
    scope = Scope(None, school, Role.SENCO)
    out_of_date = selectors.passports_out_of_date(scope=scope, today=today).count()
    return [
        Figure(
            "Pupils on the register whose passport was reviewed this term or last",
            text.part_of_shown(on_register - out_of_date, on_register, suppress),
            reverse("register", args=[school.urn]),
        )
    ]
