"""A school's results over several data drops, for the results comparison's tests.

`build(school, ...)`: pupils in three groups (EHC plan, SEN support, no SEN) across Years 9
to 11, results in English, Maths and Science on GCSE grades at each drop (bulk inserts, so
a big school is quick), two EHC pupils far below the rest, and a teacher per subject and
year. Returns what the tests look up.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from senco import factories as f
from senco.lib.codes import Provision
from senco.outcomes.models import DataDrop, Result, Scale, Subject

SUBJECTS = ("English", "Maths", "Science")
DROPS = (("Autumn", 12, 10), ("Summer", 7, 10))


@dataclass
class Built:
    ehc: list = field(default_factory=list)
    support: list = field(default_factory=list)
    none: list = field(default_factory=list)
    low: list = field(default_factory=list)  # the EHC pupils far below
    drops: list = field(default_factory=list)
    subjects: dict = field(default_factory=dict)  # name -> Subject
    scale: Scale | None = None

    @property
    def pupils(self):
        return self.ehc + self.support + self.none


def _pupils(school, n, provision, need, prefix, years):
    return [
        f.PupilFactory(
            school=school,
            sen_provision=provision,
            primary_need=need,
            year_group=years[i % len(years)],
            sex="F" if i % 2 else "M",
            pupil_premium=i % 4 == 0,
            forename=f"{prefix}{i}",
        )
        for i in range(n)
    ]


def drops_for(school, years) -> list[DataDrop]:
    made = []
    for year in years:
        for label, month, day in DROPS:
            taken = datetime.date(year if month >= 9 else year + 1, month, day)
            made.append(
                DataDrop.objects.create(
                    school=school,
                    name=f"{label} {taken.year}",
                    academic_year=year,
                    taken_on=taken,
                )
            )
    return made


def build(
    school,
    *,
    ehc=12,
    support=20,
    none=40,
    years=(2023, 2024),
    low=2,
    year_groups=(9, 10, 11),
    subjects=SUBJECTS,
) -> Built:
    b = Built()
    b.ehc = _pupils(school, ehc, Provision.EHC_PLAN, "SEMH", "Ehc", year_groups)
    b.support = _pupils(school, support, Provision.SEN_SUPPORT, "SLCN", "Sup", year_groups)
    b.none = _pupils(school, none, Provision.NONE, "", "Non", year_groups)
    b.low = b.ehc[:low]
    b.scale = Scale.objects.get_or_create(
        school=school, name="GCSE grades", kind=Scale.Kind.GCSE, defaults={"expected": 4}
    )[0]
    b.subjects = {
        name: Subject.objects.get_or_create(school=school, name=name, key=name.casefold())[0]
        for name in subjects
    }
    b.drops = drops_for(school, years)
    results = []
    for d_index, d in enumerate(b.drops):
        for s_index, (name, subject) in enumerate(b.subjects.items()):
            for n, p in enumerate(b.pupils):
                if p in b.low:
                    grade = 1
                elif p.sen_provision == Provision.EHC_PLAN:
                    grade = 4 + (n + s_index) % 2  # 4 or 5
                elif p.sen_provision == Provision.SEN_SUPPORT:
                    grade = 3 + (n + s_index + d_index) % 4  # 3 to 6
                else:
                    grade = 4 + (n + s_index) % 4  # 4 to 7
                results.append(
                    Result(
                        drop=d,
                        pupil=p,
                        subject=subject,
                        scale=b.scale,
                        grade=str(grade),
                        value=Decimal(grade),
                        expected=grade >= 4,
                        teacher=f"{name} teacher Y{p.year_group}",
                        provision=p.sen_provision,
                        need=p.primary_need,
                        year_group=p.year_group,
                    )
                )
    Result.objects.bulk_create(results, batch_size=2000)
    return b
