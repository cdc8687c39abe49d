"""The outline of the demo trust: its name, its day, its schools and how big they are.

Nothing here touches the database: `school_plans(n)` says which schools a trust of `n`
schools has, with their phase, forms per year group, staff and usernames, so that the
bench can tell its size without building it.
"""

import datetime
from dataclasses import dataclass

from senco.accounts.models import Role
from senco.demo.names import PRIMARY_NAMES, SECONDARY_NAMES
from senco.schools.models import School, Term

TRUST_NAME = "Riverside Learning Trust"
DEMO_PASSWORD = "senco-demo-2026"
DEFAULT_SEED = 2026
# Bump when the generated data change, so that a cached bench database is rebuilt.
DEMO_VERSION = 7
# "Today" for the demo: the register history runs up to here.
DEMO_TODAY = datetime.date(2026, 11, 25)
ACADEMIC_YEAR = 2026  # the year that starts on 1 September 2026
HISTORY_START = datetime.date(2024, 9, 1)
LA_NUMBER = 873  # every demo UPN is issued in one local authority
URN_BASE = 140000
TRUST_LEAD_USERNAME = "trustlead"
LOGIN_URL = "http://127.0.0.1:8000/accounts/login/"
BATCH = 500

# Usernames the demo owns: role[N].slug and the trust lead.
DEMO_USERNAME_RE = r"^((senco|leader|teacher|ta|office|governor)[0-9]*\.[a-z0-9]+|trustlead)$"

# (academic year, name, first day, last day) of every demo school's terms: on DEMO_TODAY
# the current term is autumn 2026 and the previous one summer 2026.
TERM_DATES = [
    (2025, Term.Name.AUTUMN, datetime.date(2025, 9, 3), datetime.date(2025, 12, 19)),
    (2025, Term.Name.SPRING, datetime.date(2026, 1, 5), datetime.date(2026, 3, 27)),
    (2025, Term.Name.SUMMER, datetime.date(2026, 4, 13), datetime.date(2026, 7, 22)),
    (2026, Term.Name.AUTUMN, datetime.date(2026, 9, 2), datetime.date(2026, 12, 18)),
    (2026, Term.Name.SPRING, datetime.date(2027, 1, 5), datetime.date(2027, 3, 26)),
    (2026, Term.Name.SUMMER, datetime.date(2027, 4, 12), datetime.date(2027, 7, 21)),
]

# Forms (classes) per year group of the schools after the first two, in turn.
BENCH_SECONDARY_FORMS = [10, 11, 12, 10, 9]
BENCH_PRIMARY_FORMS = [3, 2, 3, 3]
PRIMARY_CLASS_NAMES = ["Oak", "Ash", "Elm"]
SECONDARY_FORM_LETTERS = ["K", "M", "N", "P", "R", "S", "T", "W", "B", "D", "L", "H"]
SUBJECTS = [("En", "English"), ("Ma", "Maths"), ("Sc", "Science"), ("Hu", "Humanities")]


@dataclass
class SchoolPlan:
    index: int
    name: str
    phase: str
    forms: int
    slug: str

    @property
    def urn(self) -> str:
        return str(URN_BASE + self.index + 1)

    @property
    def years(self) -> list[int]:
        return list(range(0, 7)) if self.phase == School.Phase.PRIMARY else list(range(7, 12))

    def reg_groups(self, year: int) -> list[str]:
        if self.phase == School.Phase.PRIMARY:
            label = "R" if year == 0 else str(year)
            return [f"{label} {name}" for name in PRIMARY_CLASS_NAMES[: self.forms]]
        return [f"{year}{letter}" for letter in sorted(SECONDARY_FORM_LETTERS[: self.forms])]

    def staff(self) -> list[tuple[str, int]]:
        """(role, how many) of the school's staff."""
        if self.phase == School.Phase.PRIMARY:
            teachers, tas = 7 * self.forms, 4 * self.forms
            return [
                (Role.SENCO, 1),
                (Role.LEADER, 1),
                (Role.TEACHER, teachers),
                (Role.TA, tas),
                (Role.OFFICE, 1),
                (Role.GOVERNOR, 1),
            ]
        return [
            (Role.SENCO, 1),
            (Role.LEADER, 2),
            (Role.TEACHER, round(25 * self.forms / 8)),
            (Role.TA, self.forms),
            (Role.OFFICE, 2),
            (Role.GOVERNOR, 1),
        ]

    def usernames(self) -> list[tuple[str, str]]:
        names = []
        for role, count in self.staff():
            for i in range(count):
                names.append((role, f"{role}{i + 1 if i else ''}.{self.slug}"))
        return names


def school_plans(schools: int) -> list[SchoolPlan]:
    plans = [
        SchoolPlan(0, PRIMARY_NAMES[0], School.Phase.PRIMARY, 2, "brookfield"),
        SchoolPlan(1, SECONDARY_NAMES[0], School.Phase.SECONDARY, 8, "hillside"),
    ]
    for index in range(2, schools):
        k = index // 2  # the k-th school of its phase
        if index % 2 == 0:
            names, phase, forms = SECONDARY_NAMES, School.Phase.SECONDARY, BENCH_SECONDARY_FORMS
        else:
            names, phase, forms = PRIMARY_NAMES, School.Phase.PRIMARY, BENCH_PRIMARY_FORMS
        name = names[k] if k < len(names) else f"{names[k % len(names)]} {index + 1}"
        plans.append(
            SchoolPlan(index, name, phase, forms[(k - 1) % len(forms)], f"school{index + 1}")
        )
    return plans


def demo_usernames(schools: int) -> list[str]:
    """Every username a demo trust of `schools` schools gives its staff and trust lead."""
    return [TRUST_LEAD_USERNAME] + [u for p in school_plans(schools) for _, u in p.usernames()]
