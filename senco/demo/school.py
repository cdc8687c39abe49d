"""One school of the demo trust: its staff, pupils, register history, contacts, teaching
groups and TAs' pupils (the core), written with `bulk_create` so that a 20-school trust is
quick to seed. `SchoolBuilder.build()` returns the `DemoSchool` the capabilities build on.
"""

import datetime
import random

from django.db import connection

from senco.accounts.models import Membership, Role, User
from senco.demo.context import DemoSchool
from senco.demo.dates import allocate, days, pick, school_day, term_start
from senco.demo.history import RegisterHistory
from senco.demo.names import PREFERRED
from senco.demo.needs import DEFAULT_SECONDARY_NEEDS, PRIMARY_NEED_WEIGHTS, SECONDARY_NEED_WEIGHTS
from senco.demo.outline import (
    ACADEMIC_YEAR,
    BATCH,
    DEMO_TODAY,
    LA_NUMBER,
    SUBJECTS,
    TERM_DATES,
    SchoolPlan,
)
from senco.demo.people import MALE_SURNAME, NAME_LISTS, ascii_slug, female_surname, make_person
from senco.lib.clock import TermDates
from senco.lib.codes import Provision, Sex
from senco.lib.upn import make_upn
from senco.pupils.models import Contact, Pupil, SupportAssignment, TeachingGroup
from senco.register.models import RegisterChange
from senco.schools.models import School, Term, Trust


def insert_links(through, other: str, rows: list[tuple[int, int]]) -> None:
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


class SchoolBuilder:
    """The core of one demo school, from its plan and its own random generator."""

    def __init__(self, plan: SchoolPlan, trust: Trust, rng: random.Random, password: str):
        self.plan = plan
        self.trust = trust
        self.rng = rng
        self.password = password
        self.staff: dict[str, list[User]] = {}
        self.heritage: dict[int, str] = {}  # id(pupil) -> heritage, until the pupils are saved
        self.teachers_of: dict[int, list[User]] = {}  # pupil pk -> teachers, tutor last
        self.ta_of: dict[int, User] = {}  # pupil pk -> the TA who supports them

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
            self.staff.setdefault(role, []).append(user)

    def sign_ins(self) -> list[tuple[str, str, str]]:
        return [
            (Role(role).label, users[0].username, self.plan.name)
            for role, users in self.staff.items()
        ]

    # -- pupils --

    def _pupils(self) -> list[Pupil]:
        rng, plan = self.rng, self.plan
        establishment = (2000 if plan.phase == School.Phase.PRIMARY else 4000) + 101 + plan.index
        pupils = []
        for year in plan.years:
            groups = plan.reg_groups(year)
            if plan.phase == School.Phase.PRIMARY:
                size = 30 * len(groups) - rng.randint(0, 2 * len(groups))
                entry = ACADEMIC_YEAR - year
            else:
                size = 27 * len(groups) + rng.randint(0, len(groups))
                entry = ACADEMIC_YEAR - (year - 7)
            cohort_start = term_start(entry)
            born_from = datetime.date(ACADEMIC_YEAR - 5 - year, 9, 1)
            born_to = datetime.date(ACADEMIC_YEAR - 4 - year, 8, 31)
            serials = rng.sample(range(1000), size)
            for i in range(size):
                person = make_person(rng, Sex.MALE if rng.random() < 0.51 else Sex.FEMALE)
                eal_chance = NAME_LISTS[person.heritage][3]
                started = cohort_start
                if rng.random() < 0.1 and cohort_start < DEMO_TODAY - days(30):
                    started = school_day(rng, cohort_start + days(30), DEMO_TODAY - days(10))
                preferred = ""
                if person.forename in PREFERRED and rng.random() < 0.6:
                    preferred = PREFERRED[person.forename]
                pupil = Pupil(
                    school=self.school,
                    upn=make_upn(LA_NUMBER, establishment, ACADEMIC_YEAR - year, serials[i]),
                    legal_surname=person.surname,
                    forename=person.forename,
                    preferred_name=preferred,
                    date_of_birth=born_from + days(rng.randint(0, (born_to - born_from).days)),
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
            needs = allocate(count, PRIMARY_NEED_WEIGHTS[(provision, plan.phase)])
            rng.shuffle(needs)
            for p, need in zip(chosen, needs, strict=True):
                p.sen_provision = provision
                p.primary_need = need
                if need != "NSA" and rng.random() < 0.33:
                    weights = SECONDARY_NEED_WEIGHTS.get(need, DEFAULT_SECONDARY_NEEDS)
                    p.secondary_need = pick(rng, weights, exclude=need)
        for p in pupils:
            on = p.sen_provision != Provision.NONE
            p.pupil_premium = rng.random() < (0.39 if on else 0.20)
            p.looked_after = rng.random() < (0.03 if on else 0.006)

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
                mother.surname = female_surname(p.legal_surname.split("-")[0])
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
                name = f"{ascii_slug(person.forename)}.{ascii_slug(person.surname)}"
                email = f"{name}{rng.randint(1, 99)}"
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
        teachers = self.staff[Role.TEACHER]
        by_reg: dict[str, list[Pupil]] = {}
        for p in pupils:
            by_reg.setdefault(p.reg_group, []).append(p)
        groups: list[tuple[TeachingGroup, list[Pupil], list[User]]] = []
        if plan.phase == School.Phase.PRIMARY:
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
                self.teachers_of.setdefault(p.pk, []).extend(staff)
        TeachingGroup.objects.bulk_create([g for g, _, _ in groups], batch_size=BATCH)
        insert_links(
            TeachingGroup.pupils.through,
            "pupil",
            [(g.pk, p.pk) for g, members, _ in groups for p in members],
        )
        insert_links(
            TeachingGroup.teachers.through,
            "user",
            [(g.pk, t.pk) for g, _, staff in groups for t in staff],
        )

    def _support(self, pupils: list[Pupil]) -> None:
        rng = self.rng
        tas = self.staff[Role.TA]
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
                self.ta_of[p.pk] = ta
            start += size
        SupportAssignment.objects.bulk_create(rows, batch_size=BATCH)

    # -- terms --

    def _terms(self) -> list[TermDates]:
        """The school's term dates (the same at every demo school), saved and returned."""
        Term.objects.bulk_create(
            [
                Term(
                    school=self.school, academic_year=year, name=name, starts_on=start, ends_on=end
                )
                for year, name, start, end in TERM_DATES
            ]
        )
        return [TermDates(name, year, start, end) for year, name, start, end in TERM_DATES]

    # -- all of it --

    def build(self) -> DemoSchool:
        plan = self.plan
        self.school = School.objects.create(
            trust=self.trust, name=plan.name, urn=plan.urn, phase=plan.phase
        )
        self._staff()
        pupils = self._pupils()
        self._choose_sen(pupils)
        history = RegisterHistory(self.rng, plan.phase, self.staff[Role.SENCO][0])
        histories, not_told = history.events(pupils)
        changes = history.changes(pupils, histories, not_told)
        Pupil.objects.bulk_create(pupils, batch_size=BATCH)
        RegisterChange.objects.bulk_create(changes, batch_size=BATCH)
        Contact.objects.bulk_create(self._contacts(pupils), batch_size=BATCH)
        self._groups(pupils)
        self._support(pupils)
        return DemoSchool(
            school=self.school,
            phase=plan.phase,
            rng=self.rng,
            staff=self.staff,
            pupils=pupils,
            terms=self._terms(),
            teachers_of=self.teachers_of,
            ta_of=self.ta_of,
            heritage={p.pk: self.heritage[id(p)] for p in pupils},
        )
