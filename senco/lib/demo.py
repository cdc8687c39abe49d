"""The demo trust: realistic, deterministic schools, staff, pupils and register history, with
term dates, pupil passports and assess-plan-do-review cycles (`senco.lib.demo_plans`).

`build_demo_trust()` is used by `manage.py seed_demo` (two schools) and by `manage.py bench`
(a trust of N schools). Everything comes from one seed, so the same seed gives the same
pupils, names, UPNs and history on every run. The data are as of `DEMO_TODAY`, in the
academic year that starts on 1 September 2026.

Rebuilding deletes the demo trust's own data first (passports, cycles, terms, pupils,
history, contacts, groups, memberships, the demo users and the schools) inside the same
transaction.
"""

import datetime
import random
import re
import time
import unicodedata
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction

from senco.accounts.models import Membership, Role, TrustMembership, User
from senco.audit.models import AuditEvent
from senco.lib.codes import Need, Provision, Sex
from senco.lib.demo_plans import PlansBuilder
from senco.lib.upn import make_upn
from senco.plans.models import Cycle, Evidence, Note, Outcome, OutcomeProgress, Review, ViewRequest
from senco.profiles.models import PassportVersion
from senco.pupils.models import Contact, Pupil, SupportAssignment, TeachingGroup
from senco.register.models import RegisterChange
from senco.schools.models import School, Term, Trust

TRUST_NAME = "Riverside Learning Trust"
DEMO_PASSWORD = "senco-demo-2026"
DEFAULT_SEED = 2026
# Bump when the generated data change, so that a cached bench database is rebuilt.
DEMO_VERSION = 3
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

PRIMARY_NAMES = [
    "Brookfield Primary",
    "Willow Tree Primary",
    "St Mary's Catholic Primary",
    "Greenacres Primary",
    "Orchard Primary",
    "Millbrook Primary",
    "Ashgrove Primary",
    "Holy Trinity CofE Primary",
    "Larkrise Primary",
    "Fairfield Primary",
]
SECONDARY_NAMES = [
    "Hillside Academy",
    "Castle View Academy",
    "Kingsmead School",
    "St Aidan's CofE Academy",
    "Meadowbank Academy",
    "Northgate School",
    "Westfield Academy",
    "Beacon Hill Academy",
    "Oakfield School",
    "Thornbury Academy",
]
# Forms (classes) per year group of the schools after the first two, in turn.
BENCH_SECONDARY_FORMS = [10, 11, 12, 10, 9]
BENCH_PRIMARY_FORMS = [3, 2, 3, 3]
PRIMARY_CLASS_NAMES = ["Oak", "Ash", "Elm"]
SECONDARY_FORM_LETTERS = ["K", "M", "N", "P", "R", "S", "T", "W", "B", "D", "L", "H"]
SUBJECTS = [("En", "English"), ("Ma", "Maths"), ("Sc", "Science"), ("Hu", "Humanities")]

# --- Names ---------------------------------------------------------------------------------
# Each heritage: weight, boys' names, girls' names, surnames, chance of EAL.

HERITAGES = {
    "british": (
        56,
        "Oliver George Harry Noah Jack Charlie Leo Jacob Freddie Alfie Oscar Thomas William "
        "Archie James Henry Joshua Alexander Max Ethan Isaac Lucas Samuel Daniel Tyler Riley "
        "Logan Harrison Dylan Mason Theo Arthur Finley Reuben Toby Rhys Owen Callum Lewis Kian",
        "Olivia Amelia Isla Ava Mia Ivy Lily Isabella Rosie Sophia Grace Freya Florence Evie "
        "Poppy Ella Emily Charlotte Sophie Chloë Zoë Jessica Ruby Millie Daisy Phoebe Lucy "
        "Holly Megan Erin Eleanor Harriet Imogen Maisie Siân Bethan Renée Esmé",
        "Smith Jones Williams Taylor Brown Davies Evans Wilson Thomas Johnson Roberts Robinson "
        "Thompson Wright Walker White Edwards Hughes Green Hall Lewis Harris Clarke Jackson "
        "Wood Turner Martin Cooper Hill Ward Morris Moore Clark King Baker Harrison Morgan "
        "Allen Scott Phillips Watson Parker Price Bennett Young Griffiths Mitchell Cook Carter "
        "Richardson Bailey Collins Bell Shaw Miller Cox Marshall Simpson Ellis Adams Fletcher "
        "Hunt Chapman Pearson Holmes Lloyd Pritchard Ashworth Hargreaves Whitehead Featherstone",
        0.01,
    ),
    "irish": (
        4,
        "Seán Conor Cian Oisín Liam Patrick Niall Darragh Ronan Eoin Cillian",
        "Aoife Niamh Siobhán Róisín Ciara Saoirse Orla Caoimhe Méabh Clodagh",
        "O'Connor O'Brien Murphy Kelly O'Sullivan Byrne Ryan O'Neill McCarthy Doyle Gallagher "
        "Fitzgerald McLaughlin Kavanagh O'Donnell",
        0.0,
    ),
    "pakistani": (
        5,
        "Muhammad Ibrahim Ayaan Hamza Zayn Yusuf Bilal Usman Ali Haris Rayyan Zakariya",
        "Aisha Maryam Zara Hafsa Khadija Fatima Inaya Eesha Amna Noor Mehak",
        "Khan Hussain Ahmed Ali Iqbal Shah Malik Butt Akhtar Mahmood Raza Rehman",
        0.5,
    ),
    "indian": (
        4,
        "Arjun Aarav Rohan Vihaan Krish Dev Arun Jai Harjot Manveer Jaskaran",
        "Priya Ananya Diya Anika Simran Navneet Kiran Isha Saanvi Jasleen",
        "Patel Sharma Singh Gill Sandhu Mistry Chauhan Gupta Parmar Joshi Bains Dhillon",
        0.45,
    ),
    "bangladeshi": (
        4,
        "Abdul Rahim Tahmid Ishfaq Sami Rafi Nabil Mahir",
        "Tasnim Sumaiya Nusrat Raisa Afia Sadia Jannat Tahmina",
        "Miah Uddin Rahman Islam Hoque Chowdhury Ahmed Hossain Ali",
        0.55,
    ),
    "polish": (
        4,
        "Łukasz Jakub Kacper Szymon Filip Mikołaj Wojciech Antoni Jan Igor Oskar",
        "Zuzanna Julia Maja Zofia Hanna Natalia Wiktoria Katarzyna Agnieszka Małgorzata",
        "Nowak Kowalski Wiśniewski Wójcik Kowalczyk Kamiński Lewandowski Zieliński Szymański "
        "Woźniak Dąbrowski Kozłowski Mazur Krawczyk Grabowski Pawłowski Michalski Król",
        0.85,
    ),
    "romanian": (
        3,
        "Andrei Ștefan Mihai Alexandru Ionuț Gabriel Bogdan Cristian Darius Luca Rareș",
        "Andreea Ioana Maria Elena Bianca Alexandra Daria Ana-Maria Ilinca Cătălina",
        "Popescu Ionescu Popa Dumitru Stan Stoica Gheorghe Rusu Munteanu Constantin Stănescu "
        "Matei Ciobanu Lungu",
        0.85,
    ),
    "nigerian": (
        3.5,
        "Chinedu Oluwaseun Tobi Emeka Ayomide Chukwuemeka Tunde David Daniel Samuel Femi "
        "Kayode Ikechukwu Obinna",
        "Chioma Adaeze Folake Temitope Blessing Precious Ngozi Oluwatoyin Ifeoma Amara Damilola",
        "Okafor Adeyemi Okonkwo Oyelaran Balogun Nwosu Eze Adebayo Okoro Ogunleye Olawale "
        "Adewale Nwachukwu Obi",
        0.35,
    ),
    "ghanaian": (
        1.5,
        "Kwame Kofi Kwabena Yaw Nana Kojo",
        "Ama Akosua Abena Efua Adwoa",
        "Mensah Asante Owusu Boateng Appiah Osei Agyeman Ofori",
        0.35,
    ),
    "somali": (
        2,
        "Abdirahman Mohamed Abdullahi Hassan Yusuf Abdi Mahad Liban Guled",
        "Hodan Ayaan Sagal Hibo Amran Fadumo Ikran Nimco Ubah",
        "Mohamed Ali Hassan Abdi Omar Warsame Farah Jama Osman Hersi Aden Ahmed Ibrahim",
        0.85,
    ),
    "caribbean": (
        3,
        "Jermaine Tyrese Kai Marcus Devon Nathaniel Isaiah Malachi Jaden Reggie Kyle",
        "Tia Shanice Jade Aaliyah Nia Kayla Imani Chantelle Keisha Naomi",
        "Campbell Brown Williams Francis Gordon Grant Clarke Henry Thomas Bailey Reid Stewart "
        "Samuels McKenzie Gayle Forbes",
        0.03,
    ),
    "chinese": (
        1.5,
        "Wei Jun Hao Ryan Kai Jason Ming Tian Yiming",
        "Mei Xin Lily Grace Yan Jia Ying Wen Hui",
        "Wang Li Zhang Chen Liu Yang Huang Wong Chan Lam Cheung Ng Lau Ho",
        0.7,
    ),
    "turkish": (
        2,
        "Emre Mehmet Yusuf Ömer Mustafa Kerem Burak Eren Arda Çağan Efe Deniz",
        "Gülsüm Elif Zeynep Ayşe Defne Ecem Selin Büşra Nisa Ebru Sevgi",
        "Yılmaz Kaya Demir Şahin Çelik Yıldız Öztürk Aydın Arslan Doğan Kılıç Aslan",
        0.75,
    ),
    "iberian": (
        1.5,
        "José João Tomás Rodrigo Diogo Martín Hugo Mateo Gonçalo Álvaro",
        "Inês Beatriz Mariana Lucía Sofía Leonor Matilde Carolina Raquel",
        "Silva Santos Ferreira Pereira Oliveira Costa Rodrigues Martins García Fernández "
        "López Gonçalves Sánchez",
        0.75,
    ),
    "arab": (
        1.5,
        "Omar Khalid Yousef Karim Tariq Adam Ahmad Samir",
        "Layla Noor Mariam Salma Hana Lina Rania Yasmin",
        "Al-Hassan Haddad Nasser Saleh Al-Khatib Mansour Aziz Hamdan Al-Sayed Khalil",
        0.75,
    ),
}
HERITAGE_KEYS = list(HERITAGES)
HERITAGE_WEIGHTS = [HERITAGES[k][0] for k in HERITAGE_KEYS]
FEMALE_SURNAME = {"Singh": "Kaur", "Miah": "Begum"}
MALE_SURNAME = {female: male for male, female in FEMALE_SURNAME.items()}
PREFERRED = {
    "Alexander": "Alex",
    "Thomas": "Tom",
    "William": "Will",
    "Joshua": "Josh",
    "Samuel": "Sam",
    "Jessica": "Jess",
    "Isabella": "Bella",
    "Eleanor": "Ellie",
    "Florence": "Flo",
    "Katarzyna": "Kasia",
    "Małgorzata": "Gosia",
    "Wojciech": "Wojtek",
    "Oluwaseun": "Seun",
    "Ayomide": "Ayo",
    "Chukwuemeka": "Emeka",
    "Oluwatoyin": "Toyin",
    "Temitope": "Tope",
    "Damilola": "Dami",
    "Ikechukwu": "Ike",
    "Abdirahman": "Abdi",
    "Abdullahi": "Abdi",
    "Muhammad": "Mo",
    "Alexandra": "Sasha",
}


def _words(text: str) -> list[str]:
    return text.split()


NAME_LISTS = {
    key: (_words(boys), _words(girls), _words(surnames), eal)
    for key, (_, boys, girls, surnames, eal) in HERITAGES.items()
}


def _female_surname(surname: str) -> str:
    if surname in FEMALE_SURNAME:
        return FEMALE_SURNAME[surname]
    for male, female in (("ski", "ska"), ("cki", "cka")):
        if surname.endswith(male):
            return surname[: -len(male)] + female
    return surname


@dataclass
class Person:
    forename: str
    surname: str
    sex: str
    heritage: str


def make_person(rng: random.Random, sex: str | None = None, heritage: str = "") -> Person:
    """A name as a school in England might have on its roll."""
    heritage = heritage or rng.choices(HERITAGE_KEYS, HERITAGE_WEIGHTS)[0]
    sex = sex or rng.choice([Sex.MALE, Sex.FEMALE])
    boys, girls, surnames, _ = NAME_LISTS[heritage]
    forename_list = boys if sex == Sex.MALE else girls
    roll = rng.random()
    if heritage != "british" and roll < 0.06:
        # Mixed heritage: a British forename with this family's surname.
        forename_list = NAME_LISTS["british"][0 if sex == Sex.MALE else 1]
    forename = rng.choice(forename_list)
    surname = rng.choice(surnames)
    if heritage == "british" and roll < 0.05:
        other = rng.choice(surnames)
        if other != surname:
            surname = f"{surname}-{other}"
    if sex == Sex.FEMALE:
        surname = _female_surname(surname)
    return Person(forename, surname, sex, heritage)


def _ascii(text: str) -> str:
    text = text.replace("ł", "l").replace("Ł", "L").replace("ı", "i")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9-]", "", text.lower())


# --- Needs ---------------------------------------------------------------------------------
# Percent weights of primary need, by provision and phase (DfE SEN in England 2025 shape).

PRIMARY_NEED_WEIGHTS = {
    (Provision.SEN_SUPPORT, School.PRIMARY): {
        "SLCN": 33, "SEMH": 17, "MLD": 16, "ASD": 10, "SPLD": 7, "NSA": 4, "OTH": 3,
        "PD": 2.5, "HI": 1.5, "VI": 1, "SLD": 0.6, "MSI": 0.2, "PMLD": 0.2,
    },
    (Provision.SEN_SUPPORT, School.SECONDARY): {
        "SLCN": 21, "SEMH": 21, "MLD": 17, "SPLD": 13, "ASD": 13, "NSA": 3, "OTH": 3.5,
        "PD": 2.5, "HI": 2, "VI": 1, "SLD": 0.7, "MSI": 0.3,
    },
    (Provision.EHC_PLAN, School.PRIMARY): {
        "ASD": 34, "SLCN": 30, "SEMH": 11, "SLD": 6, "MLD": 5, "PD": 5, "PMLD": 2, "HI": 2,
        "OTH": 1.5, "VI": 1, "MSI": 0.5, "SPLD": 0.5,
    },
    (Provision.EHC_PLAN, School.SECONDARY): {
        "ASD": 33, "SLCN": 19, "SEMH": 21, "MLD": 10, "SLD": 5, "PD": 4, "SPLD": 3, "HI": 2,
        "OTH": 1.5, "VI": 1, "PMLD": 1, "MSI": 0.5,
    },
}  # fmt: skip
SECONDARY_NEED_WEIGHTS = {
    "ASD": {"SEMH": 40, "SLCN": 30, "MLD": 12, "SPLD": 6, "PD": 6, "OTH": 6},
    "SLCN": {"SEMH": 25, "MLD": 25, "SPLD": 20, "ASD": 15, "HI": 5, "PD": 5, "OTH": 5},
    "SEMH": {"SLCN": 30, "SPLD": 20, "MLD": 20, "ASD": 15, "OTH": 15},
    "MLD": {"SLCN": 40, "SEMH": 30, "PD": 10, "SPLD": 10, "OTH": 10},
    "SPLD": {"SEMH": 35, "SLCN": 30, "MLD": 15, "OTH": 10, "VI": 10},
}
DEFAULT_SECONDARY_NEEDS = {"SLCN": 30, "SEMH": 30, "MLD": 20, "PD": 10, "OTH": 10}
# A need a pupil was first recorded with before a specialist assessment changed it.
EARLIER_NEED = {
    "ASD": ["SLCN", "SEMH"],
    "SPLD": ["MLD", "NSA"],
    "SLCN": ["NSA"],
    "SEMH": ["NSA", "SLCN"],
    "MLD": ["NSA", "SLCN"],
    "SLD": ["MLD"],
}
FINDINGS = {
    "SLCN": "difficulties understanding instructions and with expressive language "
    "(language screener well below age-related expectations)",
    "ASD": "difficulties with social communication, changes of routine and sensory overload; "
    "referred to the autism assessment pathway",
    "SPLD": "a profile consistent with dyslexia: reading and spelling standardised scores "
    "below 85 despite good verbal reasoning",
    "MLD": "attainment well below age-related expectations across the curriculum despite "
    "targeted support",
    "SLD": "significant learning difficulties across all areas; educational psychologist involved",
    "PMLD": "profound and multiple learning difficulties needing support throughout the day",
    "SEMH": "persistent anxiety and difficulty regulating emotions in class (Boxall profile "
    "and SDQ completed)",
    "HI": "a hearing loss confirmed by audiology; advice from the sensory support service",
    "VI": "a visual impairment confirmed by the eye clinic; advice from the sensory support "
    "service",
    "MSI": "combined hearing and visual impairment; advice from the sensory support service",
    "PD": "a physical disability affecting mobility and fine motor skills; occupational "
    "therapy advice in place",
    "OTH": "a medical condition affecting attendance and learning (individual healthcare plan "
    "in place)",
    "NSA": "gaps in learning needing provision different from peers; further assessment planned",
}
CONFIRMED_BY = {
    "ASD": "an autism diagnosis from the community paediatrician",
    "SLCN": "a speech and language therapy assessment",
    "SPLD": "a specialist dyslexia assessment",
    "SEMH": "a CAMHS assessment",
    "MLD": "an educational psychologist's assessment",
    "SLD": "an educational psychologist's assessment",
}
OFF_REGISTER_REASONS = [
    "Made good progress over two assess-plan-do-review cycles and is now working at "
    "age-related expectations; no longer needs provision additional to or different from "
    "that for other pupils. Removed after the review meeting with parents.",
    "Needs now met through quality first teaching and adaptations in class; removed from the "
    "register after the termly review, agreed with parents.",
    "Speech and language therapy discharged with targets met; removed from SEN support after "
    "review with parents.",
]
EHC_ISSUED_REASONS = [
    "EHC plan issued by the local authority after an EHC needs assessment requested by the school.",
    "EHC plan issued by the local authority following the needs assessment requested by "
    "parents; school named in section I.",
    "Final EHC plan issued by the local authority; provision in section F starts this term.",
]


def _pick(rng: random.Random, weights: dict[str, float], exclude: str = "") -> str:
    keys = [k for k in weights if k != exclude]
    return rng.choices(keys, [weights[k] for k in keys])[0]


def _allocate(n: int, weights: dict[str, float]) -> list[str]:
    """`n` needs in the proportions of `weights` (largest remainder), in weight order."""
    total = sum(weights.values())
    exact = {k: n * w / total for k, w in weights.items()}
    counts = {k: int(v) for k, v in exact.items()}
    left = n - sum(counts.values())
    for k in sorted(exact, key=lambda k: exact[k] - counts[k], reverse=True)[:left]:
        counts[k] += 1
    return [k for k in weights for _ in range(counts[k])]


# --- Dates ---------------------------------------------------------------------------------


def _weekday(d: datetime.date, lo: datetime.date, hi: datetime.date) -> datetime.date:
    """`d`, moved off a weekend when a weekday inside [lo, hi] is near."""
    if d.weekday() < 5:
        return d
    after = d + datetime.timedelta(days=7 - d.weekday())
    if after <= hi:
        return after
    before = d - datetime.timedelta(days=d.weekday() - 4)
    return before if before >= lo else d


def _holiday(d: datetime.date) -> tuple[datetime.date, datetime.date] | None:
    """The summer or Christmas holiday around `d` (first and last day), if it is in one."""
    day = (d.month, d.day)
    if (7, 23) <= day <= (9, 2):
        return datetime.date(d.year, 7, 23), datetime.date(d.year, 9, 2)
    if day >= (12, 21):
        return d.replace(month=12, day=21), datetime.date(d.year + 1, 1, 3)
    if day <= (1, 3):
        return datetime.date(d.year - 1, 12, 21), d.replace(month=1, day=3)
    return None


def _rand_date(rng: random.Random, lo: datetime.date, hi: datetime.date) -> datetime.date:
    """A school day in [lo, hi]: not a weekend, not in the summer or Christmas holiday,
    unless the range leaves no choice."""
    d = lo + datetime.timedelta(days=rng.randint(0, max(0, (hi - lo).days)))
    holiday = _holiday(d)
    if holiday is not None:
        if holiday[1] + _days(1) <= hi:
            d = holiday[1] + _days(1)
        elif holiday[0] - _days(1) >= lo:
            d = holiday[0] - _days(1)
    return _weekday(d, lo, hi)


def _term_start(year: int) -> datetime.date:
    d = datetime.date(year, 9, 3)
    return _weekday(d, d, d + datetime.timedelta(days=7))


def _days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


def _event_dates(rng, lo, hi, gaps, final_range=None):
    """len(gaps) + 1 rising dates in [lo, hi], at least gaps[i] days apart, or None.

    With `final_range`, the last date falls inside it.
    """
    need = sum(gaps)
    if final_range is not None:
        f_lo, f_hi = max(final_range[0], lo + _days(need)), min(final_range[1], hi)
        if f_lo > f_hi:
            return None
        dates = [_rand_date(rng, f_lo, f_hi)]
        for i in range(len(gaps) - 1, -1, -1):
            lower, upper = lo + _days(sum(gaps[:i])), dates[0] - _days(gaps[i])
            if lower > upper:
                return None
            dates.insert(0, _rand_date(rng, lower, upper))
        return dates
    if lo + _days(need) > hi:
        return None
    dates = [_rand_date(rng, lo, hi - _days(need))]
    for i, gap in enumerate(gaps):
        dates.append(_rand_date(rng, dates[-1] + _days(gap), hi - _days(sum(gaps[i + 1 :]))))
    return dates


# --- Plan of a school ----------------------------------------------------------------------


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
        return list(range(0, 7)) if self.phase == School.PRIMARY else list(range(7, 12))

    def reg_groups(self, year: int) -> list[str]:
        if self.phase == School.PRIMARY:
            label = "R" if year == 0 else str(year)
            return [f"{label} {name}" for name in PRIMARY_CLASS_NAMES[: self.forms]]
        return [f"{year}{letter}" for letter in sorted(SECONDARY_FORM_LETTERS[: self.forms])]

    def staff(self) -> list[tuple[str, int]]:
        """(role, how many) of the school's staff."""
        if self.phase == School.PRIMARY:
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
        SchoolPlan(0, PRIMARY_NAMES[0], School.PRIMARY, 2, "brookfield"),
        SchoolPlan(1, SECONDARY_NAMES[0], School.SECONDARY, 8, "hillside"),
    ]
    for index in range(2, schools):
        k = index // 2  # the k-th school of its phase
        if index % 2 == 0:
            names, phase, forms = SECONDARY_NAMES, School.SECONDARY, BENCH_SECONDARY_FORMS
        else:
            names, phase, forms = PRIMARY_NAMES, School.PRIMARY, BENCH_PRIMARY_FORMS
        name = names[k] if k < len(names) else f"{names[k % len(names)]} {index + 1}"
        plans.append(
            SchoolPlan(index, name, phase, forms[(k - 1) % len(forms)], f"school{index + 1}")
        )
    return plans


# --- Result --------------------------------------------------------------------------------


@dataclass
class SchoolCounts:
    name: str
    urn: str
    phase: str
    pupils: int
    sen_support: int
    ehc_plan: int
    staff: int


@dataclass
class DemoResult:
    trust: Trust
    schools: list[SchoolCounts] = field(default_factory=list)
    sign_ins: list[tuple[str, str, str]] = field(default_factory=list)  # role, username, school
    seconds: float = 0.0


# --- Deleting ------------------------------------------------------------------------------


def _demo_user_ids(trust: Trust | None, reserved_usernames) -> list[int]:
    """The users the demo made: its reserved usernames, and demo-style usernames of the
    trust's staff and lead. Anyone else a developer added to the trust is left alone."""
    reserved = set(reserved_usernames)
    members: set[int] = set()
    if trust is not None:
        members.update(
            Membership.objects.filter(school__trust=trust).values_list("user_id", flat=True)
        )
        members.update(
            TrustMembership.objects.filter(trust=trust).values_list("user_id", flat=True)
        )
    candidates = User.objects.filter(username__regex=DEMO_USERNAME_RE).values_list("pk", "username")
    return sorted(pk for pk, username in candidates if username in reserved or pk in members)


def _ids_in(model, field: str, ids: list[int]) -> list[int]:
    found = []
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        found += model.objects.filter(**{f"{field}__in": chunk}).values_list("pk", flat=True)
    return found


def _delete_in(model, field: str, ids: list[int]) -> None:
    for start in range(0, len(ids), BATCH):
        model.objects.filter(**{f"{field}__in": ids[start : start + BATCH]}).delete()


def delete_demo_trust(name: str = TRUST_NAME, reserved_usernames=()) -> None:
    """Delete the demo trust, everything in its schools and the demo's own users."""
    trust = Trust.objects.filter(name=name).first()
    user_ids = _demo_user_ids(trust, reserved_usernames)
    if trust is not None:
        # Ids first, then deletes by indexed foreign keys in chunks: a DELETE with joins
        # can take minutes on PostgreSQL inside one transaction, where the planner has no
        # statistics for the rows just written.
        schools = School.objects.filter(trust=trust)
        school_ids = list(schools.values_list("pk", flat=True))
        pupil_ids = list(
            Pupil.objects.filter(school_id__in=school_ids).values_list("pk", flat=True)
        )
        cycle_ids = _ids_in(Cycle, "pupil_id", pupil_ids)
        review_ids = _ids_in(Review, "cycle_id", cycle_ids)
        group_ids = list(
            TeachingGroup.objects.filter(school_id__in=school_ids).values_list("pk", flat=True)
        )
        AuditEvent.objects.filter(school_id__in=school_ids).delete()
        _delete_in(AuditEvent, "pupil_id", pupil_ids)
        # Passports and plans, leaves first, so that each delete is a plain DELETE.
        _delete_in(ViewRequest, "cycle_id", cycle_ids)
        _delete_in(OutcomeProgress, "review_id", review_ids)
        _delete_in(Review, "cycle_id", cycle_ids)
        _delete_in(Note, "cycle_id", cycle_ids)
        _delete_in(Evidence, "cycle_id", cycle_ids)
        for start in range(0, len(cycle_ids), BATCH):
            Outcome.objects.filter(cycle_id__in=cycle_ids[start : start + BATCH]).update(
                carried_from=None
            )
        _delete_in(Outcome, "cycle_id", cycle_ids)
        _delete_in(Cycle, "pupil_id", pupil_ids)
        _delete_in(PassportVersion, "pupil_id", pupil_ids)
        Term.objects.filter(school_id__in=school_ids).delete()
        _delete_in(RegisterChange, "pupil_id", pupil_ids)
        _delete_in(Contact, "pupil_id", pupil_ids)
        _delete_in(SupportAssignment, "pupil_id", pupil_ids)
        _delete_in(TeachingGroup.pupils.through, "teachinggroup_id", group_ids)
        _delete_in(TeachingGroup.teachers.through, "teachinggroup_id", group_ids)
        _delete_in(TeachingGroup, "pk", group_ids)
        _delete_in(Pupil, "pk", pupil_ids)
        Membership.objects.filter(school_id__in=school_ids).delete()
        TrustMembership.objects.filter(trust=trust).delete()
    for start in range(0, len(user_ids), BATCH):
        chunk = user_ids[start : start + BATCH]
        AuditEvent.objects.filter(user_id__in=chunk).delete()
        User.objects.filter(pk__in=chunk).delete()
    if trust is not None:
        schools.delete()
        trust.delete()


# --- Building ------------------------------------------------------------------------------


def _insert_links(through, other: str, rows: list[tuple[int, int]]) -> None:
    """Rows of a many-to-many table in one executemany: ~100,000 of them for a big trust,
    where building a model instance for each would take most of the time."""
    quote = connection.ops.quote_name
    meta = through._meta
    columns = (meta.get_field("teachinggroup").column, meta.get_field(other).column)
    sql = (
        f"INSERT INTO {quote(meta.db_table)} ({quote(columns[0])}, {quote(columns[1])}) "  # noqa: S608
        "VALUES (%s, %s)"
    )
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 5000):
            cursor.executemany(sql, rows[start : start + 5000])


class DemoError(Exception):
    pass


def build_demo_trust(*, schools: int = 2, seed: int = DEFAULT_SEED) -> DemoResult:
    """Delete and rebuild the demo trust with `schools` schools, all from `seed`."""
    if schools < 2:
        raise DemoError("The demo trust has at least 2 schools.")
    started = time.perf_counter()
    plans = school_plans(schools)
    reserved = [TRUST_LEAD_USERNAME] + [u for p in plans for _, u in p.usernames()]
    password = make_password(DEMO_PASSWORD)
    with transaction.atomic():
        delete_demo_trust(TRUST_NAME, reserved)
        taken = list(
            School.objects.filter(urn__in=[p.urn for p in plans]).values_list("urn", flat=True)
        )
        if taken:
            raise DemoError(f"Schools outside the demo trust already use URNs {taken}.")
        trust = Trust.objects.create(name=TRUST_NAME)
        result = DemoResult(trust=trust)
        lead_rng = random.Random(seed * 1000 + 999)
        lead = make_person(lead_rng)
        trust_lead = User.objects.create(
            username=TRUST_LEAD_USERNAME,
            first_name=lead.forename,
            last_name=lead.surname,
            email=f"{TRUST_LEAD_USERNAME}@example.org",
            password=password,
        )
        TrustMembership.objects.create(user=trust_lead, trust=trust)
        for plan in plans:
            builder = _SchoolBuilder(plan, trust, random.Random(seed * 1000 + plan.index), password)
            result.schools.append(builder.build())
            if plan.index < 2:
                result.sign_ins.extend(builder.sign_ins())
        result.sign_ins.append(("Trust SEND lead", TRUST_LEAD_USERNAME, trust.name))
        if connection.vendor == "postgresql":
            # Fresh statistics, so that PostgreSQL plans the pages' queries for tables of
            # this size rather than for empty ones (autovacuum would catch up later, and
            # never inside a transaction that has not been committed, as in the tests).
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
    result.seconds = time.perf_counter() - started
    return result


@dataclass
class _Event:
    date: datetime.date
    to: tuple[str, str, str]
    reason: str
    source: str = RegisterChange.MANUAL


class _SchoolBuilder:
    def __init__(self, plan: SchoolPlan, trust: Trust, rng: random.Random, password: str):
        self.plan = plan
        self.trust = trust
        self.rng = rng
        self.password = password
        self.users: dict[str, list[User]] = {}
        self.heritage: dict[int, str] = {}  # id(pupil) -> heritage of the family's names
        self.teachers_of: dict[int, list[User]] = {}  # id(pupil) -> teachers, tutor last
        self.ta_of: dict[int, User] = {}  # id(pupil) -> the TA who supports them

    # -- staff --

    def _staff(self) -> None:
        rng, plan = self.rng, self.plan
        users = []
        for role, username in plan.usernames():
            person = make_person(rng)
            users.append(
                (
                    role,
                    User(
                        username=username,
                        first_name=person.forename,
                        last_name=person.surname,
                        email=f"{username}@example.org",
                        password=self.password,
                    ),
                )
            )
        User.objects.bulk_create([u for _, u in users], batch_size=BATCH)
        Membership.objects.bulk_create(
            [Membership(user=u, school=self.school, role=role) for role, u in users],
            batch_size=BATCH,
        )
        for role, user in users:
            self.users.setdefault(role, []).append(user)

    def sign_ins(self) -> list[tuple[str, str, str]]:
        return [
            (Role(role).label, users[0].username, self.plan.name)
            for role, users in self.users.items()
        ]

    # -- pupils --

    def _pupils(self) -> list[Pupil]:
        rng, plan = self.rng, self.plan
        establishment = (2000 if plan.phase == School.PRIMARY else 4000) + 101 + plan.index
        pupils = []
        for year in plan.years:
            groups = plan.reg_groups(year)
            if plan.phase == School.PRIMARY:
                size = 30 * len(groups) - rng.randint(0, 2 * len(groups))
                entry = ACADEMIC_YEAR - year
            else:
                size = 27 * len(groups) + rng.randint(0, len(groups))
                entry = ACADEMIC_YEAR - (year - 7)
            cohort_start = _term_start(entry)
            born_from = datetime.date(ACADEMIC_YEAR - 5 - year, 9, 1)
            born_to = datetime.date(ACADEMIC_YEAR - 4 - year, 8, 31)
            serials = rng.sample(range(1000), size)
            for i in range(size):
                person = make_person(rng, Sex.MALE if rng.random() < 0.51 else Sex.FEMALE)
                eal_chance = NAME_LISTS[person.heritage][3]
                started = cohort_start
                if rng.random() < 0.1 and cohort_start < DEMO_TODAY - _days(30):
                    started = _rand_date(rng, cohort_start + _days(30), DEMO_TODAY - _days(10))
                preferred = ""
                if person.forename in PREFERRED and rng.random() < 0.6:
                    preferred = PREFERRED[person.forename]
                pupil = Pupil(
                    school=self.school,
                    upn=make_upn(LA_NUMBER, establishment, ACADEMIC_YEAR - year, serials[i]),
                    legal_surname=person.surname,
                    forename=person.forename,
                    preferred_name=preferred,
                    date_of_birth=born_from + _days(rng.randint(0, (born_to - born_from).days)),
                    sex=person.sex,
                    year_group=year,
                    reg_group=groups[i % len(groups)],
                    eal=rng.random() < eal_chance,
                    date_started=started,
                )
                self.heritage[id(pupil)] = person.heritage
                pupils.append(pupil)
            # Deal the year group into its classes at random, not by sex.
            cohort = pupils[-size:]
            order = list(range(size))
            rng.shuffle(order)
            for slot, k in enumerate(order):
                cohort[k].reg_group = groups[slot % len(groups)]
        return pupils

    def _choose_sen(self, pupils: list[Pupil]) -> None:
        """Exact shares of SEN support and EHC plans, boys over-represented, needs mixed."""
        rng, plan = self.rng, self.plan
        n = len(pupils)
        n_ehc = round(n * rng.uniform(0.042, 0.05))
        n_support = round(n * rng.uniform(0.135, 0.145))

        def weight(p: Pupil, provision: str) -> float:
            if provision == Provision.EHC_PLAN:
                return {0: 0.45, 1: 0.7, 2: 0.85}.get(p.year_group, 1.0)
            return {0: 0.55, 1: 0.85, 10: 0.9, 11: 0.85}.get(p.year_group, 1.0)

        def sample(pool: list[Pupil], k: int, provision: str) -> list[Pupil]:
            keyed = sorted(
                pool, key=lambda p: rng.random() ** (1 / weight(p, provision)), reverse=True
            )
            return keyed[:k]

        free = list(pupils)
        for provision, count, boys_share in (
            (Provision.EHC_PLAN, n_ehc, 0.70),
            (Provision.SEN_SUPPORT, n_support, 0.61),
        ):
            boys = round(count * boys_share)
            chosen = sample([p for p in free if p.sex == Sex.MALE], boys, provision)
            chosen += sample([p for p in free if p.sex == Sex.FEMALE], count - boys, provision)
            chosen_ids = {id(p) for p in chosen}
            free = [p for p in free if id(p) not in chosen_ids]
            needs = _allocate(count, PRIMARY_NEED_WEIGHTS[(provision, plan.phase)])
            rng.shuffle(needs)
            for p, need in zip(chosen, needs, strict=True):
                p.sen_provision = provision
                p.primary_need = need
                if need != "NSA" and rng.random() < 0.33:
                    weights = SECONDARY_NEED_WEIGHTS.get(need, DEFAULT_SECONDARY_NEEDS)
                    p.secondary_need = _pick(rng, weights, exclude=need)
        for p in pupils:
            on = p.sen_provision != Provision.NONE
            p.pupil_premium = rng.random() < (0.39 if on else 0.20)
            p.looked_after = rng.random() < (0.03 if on else 0.006)

    # -- register history --

    def _histories(self, pupils: list[Pupil]) -> tuple[dict[int, list[_Event]], set[int]]:
        """Dated events of each pupil who is or was on the register (by list index), and the
        pupils whose latest change the parents have not yet been told of."""
        rng = self.rng
        on_register = [i for i, p in enumerate(pupils) if p.sen_provision != Provision.NONE]
        not_told = set(rng.sample(on_register, round(0.03 * len(on_register))))
        histories = {i: self._history(pupils[i], recent=i in not_told) for i in on_register}
        # Some pupils came off the register after a spell at SEN support.
        off_pool = [
            i
            for i, p in enumerate(pupils)
            if p.sen_provision == Provision.NONE
            and p.year_group != 0
            and p.date_started < DEMO_TODAY - _days(200)
        ]
        for i in rng.sample(off_pool, min(len(off_pool), round(0.025 * len(pupils)))):
            events = self._off_register(pupils[i])
            if events:
                histories[i] = events
        return histories, not_told

    def _identified_reason(self, need: str) -> str:
        who = self.rng.choice(
            ["class teacher", "class teacher and parents", "parents", "the phonics lead"]
            if self.plan.phase == School.PRIMARY
            else ["form tutor", "English teacher", "head of year", "several subject teachers"]
        )
        return (
            f"Concerns raised by {who}; assessment by the SENCO showed {FINDINGS[need]}. "
            "Added at SEN support after a meeting with parents."
        )

    def _transfer_reason(self, pupil: Pupil, provision: str) -> str:
        if provision == Provision.EHC_PLAN:
            return (
                "Joined with an EHC plan naming the school, issued by the local authority; "
                "annual review date carried over."
            )
        at_entry = pupil.date_started == _term_start(pupil.date_started.year)
        if at_entry and self.plan.phase == School.PRIMARY:
            return (
                f"Identified at nursery ({FINDINGS[pupil.primary_need]}); information passed "
                "on at the transition meeting before starting in Reception. Added at SEN support."
            )
        if at_entry:
            return (
                "Transferred from primary school at SEN support; records and pupil passport "
                "passed on by the primary SENCO at the transition meeting."
            )
        return (
            "Joined from another school at SEN support; records received from the previous "
            "SENCO and reviewed with parents."
        )

    def _need_change_reason(self, before: tuple, after: tuple) -> str:
        if before[1] != after[1]:
            by = CONFIRMED_BY.get(after[1], "a specialist assessment")
            return (
                f"{Need(after[1]).label} confirmed by {by}; primary need updated from "
                f"{before[1]} to {after[1]}."
            )
        return (
            f"Secondary need of {after[2]} added after the termly review of the SEN support "
            "plan, with parents."
        )

    def _middle(self, final: tuple) -> tuple[tuple | None, int]:
        """The state before the final one, if the pupil had one, and the least days between."""
        rng = self.rng
        provision, need, second = final
        if provision == Provision.EHC_PLAN:
            earlier = need
            if need in EARLIER_NEED and rng.random() < 0.3:
                earlier = rng.choice(EARLIER_NEED[need])
            kept = second if second != earlier and rng.random() < 0.5 else ""
            return (Provision.SEN_SUPPORT, earlier, kept), 150
        if rng.random() < 0.15:
            if need in EARLIER_NEED and rng.random() < 0.6:
                return (Provision.SEN_SUPPORT, rng.choice(EARLIER_NEED[need]), ""), 60
            if second:
                return (Provision.SEN_SUPPORT, need, ""), 60
        return None, 0

    def _history(self, pupil: Pupil, recent: bool) -> list[_Event]:
        """How a pupil came to their present state, ending in the last 30 days if `recent`."""
        rng = self.rng
        final = (pupil.sen_provision, pupil.primary_need, pupil.secondary_need)
        start = pupil.date_started
        hi = DEMO_TODAY - _days(1)
        final_range = (DEMO_TODAY - _days(30), hi) if recent else None
        arrived_in_window = start >= HISTORY_START
        middle, gap = self._middle(final)
        # Joined the school with SEN already identified by the previous setting.
        if arrived_in_window and not recent and rng.random() < 0.5:
            return [_Event(start, final, self._transfer_reason(pupil, final[0]))]
        # On the register before the history began: carried over from the old register.
        if not arrived_in_window and not recent and rng.random() < 0.3:
            date = _rand_date(rng, start, HISTORY_START - _days(1))
            reason = "Carried over from the school's previous SEN register (imported from the MIS)."
            if middle is None:
                return [_Event(date, final, reason, RegisterChange.IMPORT)]
            later = _rand_date(rng, max(date + _days(gap), HISTORY_START), hi)
            return [
                _Event(date, middle, reason, RegisterChange.IMPORT),
                _Event(later, final, self._later_reason(middle, final)),
            ]
        # Identified here, then perhaps a plan or a diagnosis.
        lo = max(start, HISTORY_START)
        if middle is not None:
            dates = _event_dates(rng, lo, hi, [gap], final_range)
            if dates is not None:
                return [
                    _Event(dates[0], middle, self._identified_reason(middle[1])),
                    _Event(dates[1], final, self._later_reason(middle, final)),
                ]
        if final[0] == Provision.EHC_PLAN:
            # Too recent a start for the school to have asked for the plan itself.
            if final_range is None:
                return [_Event(start, final, self._transfer_reason(pupil, final[0]))]
            date = _rand_date(rng, max(final_range[0], start), final_range[1])
            reason = (
                "EHC plan issued by the local authority after a needs assessment requested by "
                "the pupil's previous setting; the school is named in section I."
            )
            return [_Event(date, final, reason)]
        dates = _event_dates(rng, lo, hi, [], final_range) or [_rand_date(rng, lo, hi)]
        return [_Event(dates[0], final, self._identified_reason(final[1]))]

    def _later_reason(self, before: tuple, after: tuple) -> str:
        if before[0] != after[0]:
            return self.rng.choice(EHC_ISSUED_REASONS)
        return self._need_change_reason(before, after)

    def _off_register(self, pupil: Pupil) -> list[_Event]:
        rng = self.rng
        lo = max(pupil.date_started, HISTORY_START)
        dates = _event_dates(rng, lo, DEMO_TODAY - _days(14), [120])
        if dates is None:
            return []
        need = _pick(rng, PRIMARY_NEED_WEIGHTS[(Provision.SEN_SUPPORT, self.plan.phase)])
        on = (Provision.SEN_SUPPORT, need, "")
        return [
            _Event(dates[0], on, self._identified_reason(need)),
            _Event(dates[1], (Provision.NONE, "", ""), rng.choice(OFF_REGISTER_REASONS)),
        ]

    def _register_changes(self, pupils, histories, not_told_ids) -> list[RegisterChange]:
        rng = self.rng
        senco = self.users[Role.SENCO][0]
        changes = []
        for i, events in histories.items():
            pupil = pupils[i]
            state = (Provision.NONE, "", "")
            since = None
            not_told = False
            for k, event in enumerate(events):
                last = k == len(events) - 1
                told = not (last and i in not_told_ids)
                told_on = None
                if told:
                    told_on = min(
                        _rand_date(rng, event.date + _days(1), event.date + _days(8)),
                        DEMO_TODAY,
                    )
                changes.append(
                    RegisterChange(
                        pupil=pupil,
                        effective_date=event.date,
                        from_provision=state[0],
                        to_provision=event.to[0],
                        from_primary_need=state[1],
                        to_primary_need=event.to[1],
                        from_secondary_need=state[2],
                        to_secondary_need=event.to[2],
                        reason=event.reason,
                        source=event.source,
                        parents_told=told,
                        parents_told_on=told_on,
                        changed_by=senco,
                    )
                )
                if state[0] == Provision.NONE and event.to[0] != Provision.NONE:
                    since = event.date
                if event.to[0] == Provision.NONE:
                    since = None
                not_told = not_told or not told
                state = event.to
            pupil.on_register_since = since
            pupil.parents_not_told = not_told
        return changes

    # -- contacts, groups, support --

    def _contacts(self, pupils: list[Pupil]) -> list[Contact]:
        rng = self.rng
        contacts = []
        for p in pupils:
            heritage = self.heritage[id(p)]
            if p.looked_after:
                people = [(make_person(rng), "Foster carer", False)]
            else:
                mother = make_person(rng, Sex.FEMALE, heritage)
                mother.surname = _female_surname(p.legal_surname.split("-")[0])
                father = make_person(rng, Sex.MALE, heritage)
                surname = p.legal_surname.split("-")[-1]
                if surname.endswith(("ska", "cka")):
                    surname = surname[:-1] + "i"
                father.surname = MALE_SURNAME.get(surname, surname)
                first = (mother, "Mother") if rng.random() < 0.75 else (father, "Father")
                second = (father, "Father") if first[1] == "Mother" else (mother, "Mother")
                if rng.random() < 0.08:
                    grandmother = make_person(rng, Sex.FEMALE, heritage)
                    grandmother.surname = mother.surname
                    second = (grandmother, "Grandmother")
                people = [(first[0], first[1], True)]
                if rng.random() < (0.8 if p.sen_provision != Provision.NONE else 0.6):
                    people.append((second[0], second[1], second[1] != "Grandmother"))
            for priority, (person, relationship, responsibility) in enumerate(people, 1):
                email = f"{_ascii(person.forename)}.{_ascii(person.surname)}{rng.randint(1, 99)}"
                contacts.append(
                    Contact(
                        pupil=p,
                        name=f"{person.forename} {person.surname}",
                        relationship=relationship,
                        parental_responsibility=responsibility,
                        phone=f"07700 900{rng.randint(0, 999):03d}",
                        email=f"{email}@example.org",
                        priority=priority,
                    )
                )
        return contacts

    def _groups(self, pupils: list[Pupil]) -> None:
        rng, plan = self.rng, self.plan
        teachers = self.users[Role.TEACHER]
        by_reg: dict[str, list[Pupil]] = {}
        for p in pupils:
            by_reg.setdefault(p.reg_group, []).append(p)
        groups: list[tuple[TeachingGroup, list[Pupil], list[User]]] = []
        if plan.phase == School.PRIMARY:
            classes = [(y, g) for y in plan.years for g in plan.reg_groups(y)]
            # teacher.<slug> has a Year 4 class: a class with a typical share of SEN pupils.
            shift = min(8, len(classes) - 1) if plan.forms >= 2 else 0
            for k, (year, name) in enumerate(classes):
                teacher = teachers[(k - shift) % len(teachers)]
                group = TeachingGroup(school=self.school, name=name, subject="", year_group=year)
                groups.append((group, by_reg[name], [teacher]))
        else:
            # Prior attainment sets pupils in maths, English and science sets.
            attainment = {}
            for p in pupils:
                penalty = {Provision.EHC_PLAN: 1.2, Provision.SEN_SUPPORT: 0.8}.get(
                    p.sen_provision, 0
                )
                attainment[id(p)] = rng.gauss(0, 1) - penalty
            subject_groups: dict[str, list[tuple[TeachingGroup, list[Pupil]]]] = {
                code: [] for code, _ in SUBJECTS
            }
            tutor_groups = []
            for year in plan.years:
                forms = plan.reg_groups(year)
                for form in forms:
                    group = TeachingGroup(
                        school=self.school, name=form, subject="Tutor group", year_group=year
                    )
                    tutor_groups.append((group, by_reg[form]))
                half = (len(forms) + 1) // 2
                bands = [("x", forms[:half]), ("y", forms[half:])]
                for code, subject in SUBJECTS:
                    setted = code in ("Ma",) or (year >= 9 and code in ("En", "Sc"))
                    if not setted:
                        for form in forms:
                            group = TeachingGroup(
                                school=self.school,
                                name=f"{form}/{code}",
                                subject=subject,
                                year_group=year,
                            )
                            subject_groups[code].append((group, by_reg[form]))
                        continue
                    for band, band_forms in bands:
                        members = [p for f in band_forms for p in by_reg[f]]
                        noise = {id(p): rng.gauss(0, 0.5) for p in members}
                        members.sort(key=lambda p: attainment[id(p)] + noise[id(p)], reverse=True)
                        sets = len(band_forms)
                        for s in range(sets):
                            chunk = members[
                                s * len(members) // sets : (s + 1) * len(members) // sets
                            ]
                            group = TeachingGroup(
                                school=self.school,
                                name=f"{year}{band}/{code}{s + 1}",
                                subject=subject,
                                year_group=year,
                            )
                            subject_groups[code].append((group, chunk))
            departments = {
                code: teachers[k :: len(SUBJECTS)] for k, (code, _) in enumerate(SUBJECTS)
            }
            for code, items in subject_groups.items():
                staff = departments[code]
                for k, (group, members) in enumerate(items):
                    groups.append((group, members, [staff[k % len(staff)]]))
            for k, (group, members) in enumerate(tutor_groups):
                groups.append((group, members, [teachers[(k + 1) % len(teachers)]]))
        for _, members, staff in groups:
            for p in members:
                self.teachers_of.setdefault(id(p), []).extend(staff)
        TeachingGroup.objects.bulk_create([g for g, _, _ in groups], batch_size=BATCH)
        _insert_links(
            TeachingGroup.pupils.through,
            "pupil",
            [(g.pk, p.pk) for g, members, _ in groups for p in members],
        )
        _insert_links(
            TeachingGroup.teachers.through,
            "user",
            [(g.pk, t.pk) for g, _, staff in groups for t in staff],
        )

    def _support(self, pupils: list[Pupil]) -> None:
        rng = self.rng
        tas = self.users[Role.TA]
        ehc = [p for p in pupils if p.sen_provision == Provision.EHC_PLAN]
        support = [p for p in pupils if p.sen_provision == Provision.SEN_SUPPORT]
        sizes = [rng.randint(6, 15) for _ in tas]
        # Fewer pupils to go round than places: trim the largest loads, down to 5 each.
        while sum(sizes) > len(ehc) + len(support) and max(sizes) > 5:
            sizes[sizes.index(max(sizes))] -= 1
        rng.shuffle(support)
        chosen = (ehc + support)[: sum(sizes)]
        chosen.sort(key=lambda p: (p.year_group, p.reg_group, p.legal_surname, p.forename))
        # Each TA supports a run of pupils in neighbouring classes.
        rows, start = [], 0
        for ta, size in zip(tas, sizes, strict=True):
            for p in chosen[start : start + size]:
                rows.append(SupportAssignment(staff=ta, pupil=p))
                self.ta_of[id(p)] = ta
            start += size
        SupportAssignment.objects.bulk_create(rows, batch_size=BATCH)

    # -- all of it --

    def build(self) -> SchoolCounts:
        plan = self.plan
        self.school = School.objects.create(
            trust=self.trust, name=plan.name, urn=plan.urn, phase=plan.phase
        )
        self._staff()
        pupils = self._pupils()
        self._choose_sen(pupils)
        histories, not_told = self._histories(pupils)
        changes = self._register_changes(pupils, histories, not_told)
        Pupil.objects.bulk_create(pupils, batch_size=BATCH)
        RegisterChange.objects.bulk_create(changes, batch_size=BATCH)
        Contact.objects.bulk_create(self._contacts(pupils), batch_size=BATCH)
        self._groups(pupils)
        self._support(pupils)
        PlansBuilder(
            rng=self.rng,
            school=self.school,
            phase=plan.phase,
            users=self.users,
            teachers_of=self.teachers_of,
            ta_of=self.ta_of,
            heritage=self.heritage,
            today=DEMO_TODAY,
        ).build(pupils)
        return SchoolCounts(
            name=plan.name,
            urn=plan.urn,
            phase=plan.phase,
            pupils=len(pupils),
            sen_support=sum(p.sen_provision == Provision.SEN_SUPPORT for p in pupils),
            ehc_plan=sum(p.sen_provision == Provision.EHC_PLAN for p in pupils),
            staff=sum(len(u) for u in self.users.values()),
        )
