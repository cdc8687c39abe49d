"""What a group costs and how much time it takes: pure functions of the rows, no queries.
The provision maps, the impact pages and the exports all ask these, so they agree.

A group's cost is the staff time of its sessions at the hourly rate of the role that
delivers it, plus its resources and licences. Sessions are those held when any are
recorded for a group that has ended or is running; before the first is recorded, the
sessions planned (each chosen weekday from start to end that is a working day).
"""

import datetime
from collections.abc import Collection
from decimal import ROUND_HALF_UP, Decimal

from senco.lib import clock
from senco.provision.models import Intervention, InterventionGroup

PENNY = Decimal("0.01")
HOUR = Decimal(60)


def money(value: Decimal) -> Decimal:
    return Decimal(value).quantize(PENNY, rounding=ROUND_HALF_UP)


def weekdays(group: InterventionGroup) -> set[int]:
    """The group's days as weekday numbers, Monday 0."""
    return {int(d) for d in group.days if d.isdigit()}


def planned_sessions(
    group: InterventionGroup,
    *,
    until: datetime.date | None = None,
    closures: Collection[datetime.date] = (),
) -> int:
    """How many sessions the timetable gives from the start to the end (or `until`):
    each of the group's weekdays that is a working day (not a bank holiday or a closure)."""
    end = min(group.ends_on, until) if until else group.ends_on
    days = weekdays(group)
    count, day = 0, group.starts_on
    while day <= end:
        if day.weekday() in days and clock.is_working_day(day, closures=closures):
            count += 1
        day += datetime.timedelta(days=1)
    return count


def session_hours(intervention: Intervention, sessions: int) -> Decimal:
    return Decimal(intervention.session_minutes) * sessions / HOUR


def weekly_hours(intervention: Intervention, group: InterventionGroup) -> Decimal:
    """Hours a week each member spends in the group."""
    return Decimal(intervention.session_minutes) * len(weekdays(group)) / HOUR


def group_cost(intervention: Intervention, sessions: int) -> Decimal:
    """Staff time for `sessions` sessions at the role's hourly rate, plus resources."""
    return money(
        session_hours(intervention, sessions) * intervention.hourly_rate
        + intervention.resources_cost
    )


def per_pupil(total: Decimal, pupils: int) -> Decimal | None:
    """A cost shared between the pupils of a group; None for a group with nobody in it."""
    return money(total / pupils) if pupils else None


def per_unit_gained(total: Decimal, gained: Decimal | None) -> Decimal | None:
    """Cost per point (or month) gained; None when nothing was gained or it is not known,
    rather than a meaningless or infinite figure."""
    if gained is None or gained <= 0:
        return None
    return money(total / gained)
