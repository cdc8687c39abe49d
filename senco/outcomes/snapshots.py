"""Pupils as they were on a past day: SEN provision, primary need and year group.

A figure from last year is grouped as the pupil was then (a pupil who joined the register
this term counted as "no SEN" in last year's attendance). The register keeps every change as
a dated `RegisterChange`; walking a pupil's changes after the day backwards from today's
record gives the record on the day. The year group moves on one a year, on 1 September.
"""

import datetime
from collections.abc import Iterable
from typing import NamedTuple

from senco.lib.clock import academic_year_of
from senco.pupils.models import Pupil
from senco.register.models import RegisterChange


class AsTheyWere(NamedTuple):
    provision: str
    need: str
    year_group: int


def as_they_were(
    pupils: Iterable[Pupil], on: datetime.date, *, today: datetime.date
) -> dict[int, AsTheyWere]:
    """Each pupil's provision, primary need and year group on `on`, by pupil id: one query
    (none when `on` is today or later)."""
    pupils = list(pupils)
    back = academic_year_of(today) - academic_year_of(on)
    state = {p.pk: [p.sen_provision, p.primary_need, p.year_group - max(back, 0)] for p in pupils}
    if on < today and state:
        changes = (
            RegisterChange.objects.filter(pupil_id__in=list(state), effective_date__gt=on)
            .order_by("-effective_date", "-id")
            .values_list("pupil_id", "from_provision", "from_primary_need")
        )
        # Newest first: each undoes the one after it, so the oldest after `on` wins.
        for pupil_id, provision, need in changes.iterator(chunk_size=2000):
            state[pupil_id][0] = provision
            state[pupil_id][1] = need
    return {pk: AsTheyWere(*values) for pk, values in state.items()}


def as_they_were_each(
    pairs: Iterable[tuple[Pupil, datetime.date]], *, today: datetime.date
) -> dict[tuple[int, datetime.date], AsTheyWere]:
    """`as_they_were` for many (pupil, day) pairs, each pupil on its own days (an import's
    suspensions start on hundreds of days): one query for them all, keyed (pupil id, day)."""
    pairs = list(pairs)
    if not pairs:
        return {}
    pupils = {p.pk: p for p, _ in pairs}
    earliest = min(day for _, day in pairs)
    changes: dict[int, list[tuple[datetime.date, str, str]]] = {}
    if earliest < today:
        rows = (
            RegisterChange.objects.filter(pupil_id__in=list(pupils), effective_date__gt=earliest)
            .order_by("-effective_date", "-id")
            .values_list("pupil_id", "effective_date", "from_provision", "from_primary_need")
        )
        for pupil_id, effective, provision, need in rows.iterator(chunk_size=2000):
            changes.setdefault(pupil_id, []).append((effective, provision, need))
    result = {}
    for pupil, day in pairs:
        back = max(academic_year_of(today) - academic_year_of(day), 0)
        provision, need = pupil.sen_provision, pupil.primary_need
        if day < today:
            # Newest first: each undoes the one after it, so the oldest after `day` wins.
            for effective, from_provision, from_need in changes.get(pupil.pk, ()):
                if effective <= day:
                    break
                provision, need = from_provision, from_need
        result[(pupil.pk, day)] = AsTheyWere(provision, need, pupil.year_group - back)
    return result
