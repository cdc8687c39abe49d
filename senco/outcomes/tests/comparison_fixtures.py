"""A school with attendance and suspensions over years, for the comparison pages' tests.

`build(school, pupils=..., years=...)`: pupils in three groups (EHC plan, SEN support, no
SEN) across year groups 7 to 9, half terms for each year (with bulk inserts, so a big
school is quick), two heavy absentees among the EHC plans, suspensions mostly among pupils
with SEMH needs. Returns what the tests look up.
"""

import datetime
from dataclasses import dataclass, field

from senco import factories as f
from senco.lib.codes import Provision
from senco.outcomes.models import Attendance, Period, Suspension

HALF_TERMS = (
    ("Autumn 1", (9, 3), (10, 24)),
    ("Autumn 2", (11, 3), (12, 19)),
    ("Spring 1", (1, 5), (2, 13)),
    ("Spring 2", (2, 23), (3, 27)),
    ("Summer 1", (4, 13), (5, 22)),
    ("Summer 2", (6, 1), (7, 21)),
)
POSSIBLE = 70  # sessions a half term


@dataclass
class Built:
    ehc: list = field(default_factory=list)
    support: list = field(default_factory=list)
    none: list = field(default_factory=list)
    heavy: list = field(default_factory=list)  # the EHC pupils who miss most
    semh: list = field(default_factory=list)  # suspended pupils
    periods: dict = field(default_factory=dict)  # year -> [Period]

    @property
    def pupils(self):
        return self.ehc + self.support + self.none


def half_terms(school, year: int) -> list[Period]:
    made = []
    for label, (sm, sd), (em, ed) in HALF_TERMS:
        y1 = year if sm >= 9 else year + 1
        y2 = year if em >= 9 else year + 1
        made.append(
            Period.objects.get_or_create(
                school=school,
                starts=datetime.date(y1, sm, sd),
                ends=datetime.date(y2, em, ed),
                defaults={"academic_year": year, "kind": Period.Kind.HALF_TERM, "label": label},
            )[0]
        )
    return made


def _pupils(school, n: int, provision: str, need: str, prefix: str) -> list:
    return [
        f.PupilFactory(
            school=school,
            sen_provision=provision,
            primary_need=need,
            year_group=7 + i % 3,
            sex="F" if i % 2 else "M",
            pupil_premium=i % 4 == 0,
            forename=f"{prefix}{i}",
        )
        for i in range(n)
    ]


def build(school, *, ehc=12, support=20, none=40, years=(2023, 2024), heavy=2) -> Built:
    b = Built()
    b.ehc = _pupils(school, ehc, Provision.EHC_PLAN, "SEMH", "Ehc")
    b.support = _pupils(school, support, Provision.SEN_SUPPORT, "SLCN", "Sup")
    b.none = _pupils(school, none, Provision.NONE, "", "Non")
    b.heavy = b.ehc[:heavy]
    rows = []
    for year in years:
        b.periods[year] = half_terms(school, year)
        for p in b.periods[year]:
            for pupil in b.pupils:
                if pupil in b.heavy:
                    missed = 28  # 40% absent
                elif pupil.sen_provision == Provision.EHC_PLAN:
                    missed = 7
                elif pupil.sen_provision == Provision.SEN_SUPPORT:
                    missed = 6
                else:
                    missed = 3 + (8 if pupil.pk % 10 == 0 else 0)
                rows.append(
                    Attendance(
                        pupil=pupil,
                        period=p,
                        possible=POSSIBLE,
                        attended=POSSIBLE - missed,
                        authorised=missed,
                        unauthorised=0,
                        provision=pupil.sen_provision,
                        need=pupil.primary_need,
                        year_group=pupil.year_group,
                    )
                )
    Attendance.objects.bulk_create(rows)
    b.semh = b.ehc[:3]
    susp = []
    for year in years:
        for i, pupil in enumerate(b.semh):
            for n in range(3 - i):
                susp.append(_suspension(pupil, datetime.date(year, 10, 1 + n), "PD"))
        susp.append(_suspension(b.none[0], datetime.date(year + 1, 2, 2), "VA"))
    Suspension.objects.bulk_create(susp)
    return b


def _suspension(pupil, starts, reason, kind=Suspension.Kind.SUSPENSION) -> Suspension:
    return Suspension(
        school=pupil.school,
        pupil=pupil,
        kind=kind,
        starts=starts,
        sessions=2,
        reason=reason,
        academic_year=starts.year if starts.month >= 9 else starts.year - 1,
        provision=pupil.sen_provision,
        need=pupil.primary_need,
        year_group=pupil.year_group,
    )
