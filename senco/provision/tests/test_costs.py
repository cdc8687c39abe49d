import datetime
from decimal import Decimal

from senco.provision import costs
from senco.provision.models import Intervention, InterventionGroup

D = datetime.date


def test_planned_sessions_skip_bank_holidays_and_closures():
    # Mondays and Wednesdays, 4 to 29 May 2026: 8 such days, less the early May bank
    # holiday (Monday 4th) and the spring bank holiday (Monday 25th).
    group = InterventionGroup(days="02", starts_on=D(2026, 5, 4), ends_on=D(2026, 5, 29))
    assert costs.planned_sessions(group) == 6
    assert costs.planned_sessions(group, closures={D(2026, 5, 6)}) == 5
    assert costs.planned_sessions(group, until=D(2026, 5, 10)) == 1


def test_a_group_costs_staff_time_and_resources():
    reading = Intervention(
        session_minutes=30, hourly_rate=Decimal("15.00"), resources_cost=Decimal("120")
    )
    assert costs.group_cost(reading, 30) == Decimal("345.00")  # 15 hours at £15, plus £120
    assert costs.per_pupil(Decimal("345.00"), 4) == Decimal("86.25")
    assert costs.per_pupil(Decimal("345.00"), 0) is None
    assert costs.per_unit_gained(Decimal("345.00"), Decimal("6")) == Decimal("57.50")
    assert costs.per_unit_gained(Decimal("345.00"), Decimal("0")) is None
    group = InterventionGroup(days="024")
    assert costs.weekly_hours(reading, group) == Decimal("1.5")
