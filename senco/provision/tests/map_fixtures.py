"""Fixtures for the provision maps' tests: a small offer with two groups this academic year.

Lexia (wave 2, cognition and learning), 30 minutes on Monday, Wednesday and Friday, £20 an
hour and £100 of licences, delivered by the TA to `pupil` (taught by `teacher`) and three
others; two sessions held and one not held: £120.00, £30.00 a pupil. Zones of Regulation
(wave 3), one pupil, no session recorded yet: its planned sessions are counted.
"""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from senco import factories as f
from senco.lib import clock
from senco.lib.codes import Provision
from senco.provision.models import GroupMember, Intervention, InterventionGroup, Session


def this_year() -> int:
    return clock.academic_year_of(timezone.localdate())


def add_group(school, intervention, pupils, *, name, staff=None, staff_name="", days="024"):
    year = this_year()
    group = InterventionGroup.objects.create(
        intervention=intervention,
        school=school,
        name=name,
        staff=staff,
        staff_name=staff_name,
        days=days,
        starts_on=datetime.date(year, 9, 15),
        ends_on=datetime.date(year, 12, 10),
    )
    for p in pupils:
        GroupMember.objects.create(group=group, pupil=p, joined_on=group.starts_on)
    return group


@pytest.fixture
def map_offer(school, pupil, ta):
    year = this_year()
    lexia = Intervention.objects.create(
        school=school,
        name="Lexia",
        area="CL",
        measure="standardised",
        wave=2,
        session_minutes=30,
        hourly_rate=Decimal("20.00"),
        resources_cost=Decimal("100.00"),
    )
    zones = Intervention.objects.create(
        school=school,
        name="Zones of Regulation",
        area="SEMH",
        measure="rating",
        wave=3,
        session_minutes=60,
        hourly_rate=Decimal("15.00"),
    )
    others = [
        f.SenPupilFactory(school=school, year_group=8, legal_surname=f"Other{n}", forename="Ola")
        for n in range(3)
    ]
    others[0].sen_provision = Provision.EHC_PLAN
    others[0].save()
    group = add_group(school, lexia, [pupil, *others], name="Lexia Y7 Monday", staff=ta)
    for day, held in ((15, True), (17, True), (19, False)):
        Session.objects.create(group=group, date=datetime.date(year, 9, day), held=held)
    lonely = f.SenPupilFactory(school=school, year_group=9, legal_surname="Alone", forename="Al")
    zones_group = add_group(
        school, zones, [lonely], name="Zones Tuesday", staff_name="Outside agency", days="1"
    )
    return {
        "lexia": lexia,
        "zones": zones,
        "group": group,
        "zones_group": zones_group,
        "others": others,
        "lonely": lonely,
    }
