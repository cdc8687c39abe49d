"""The demo trust's pupil passports and one-page profiles.

Registered in capability.py as `DemoBuilder("profiles", build, order=10)`: senco/demo builds
the core, then calls `build(demo)` with its `DemoTrust` (senco/demo/context.py). Everything
comes from each school's random generator and is written with `bulk_create`, so the
20-school bench trust stays quick to seed and every run gives the same rows.

As of the demo's today (25 November 2026, autumn term 2026/27), about 80% of the register
have a passport, and about 15% of those were last reviewed before the previous term (out of
date); about 45% have 2-3 versions, by the SENCO and the pupil's tutor or class teacher, who
is then allowed to write passports.
"""

import datetime

from senco.accounts.models import Membership, Role
from senco.lib.clock import previous_term
from senco.lib.codes import Provision
from senco.profiles.demo_texts import (
    ACHIEVEMENTS,
    ENJOY,
    LANGUAGES,
    LIKE_YOU_TO_KNOW,
    NEED_TEXT,
    OWN_WORDS,
    PARENTS_THINK,
    SUPPORT_MYSELF,
    TARGETS,
)
from senco.profiles.models import PassportVersion

BATCH = 500
PASSPORT_SHARE = 0.80
OUT_OF_DATE_SHARE = 0.15
HISTORY_START = datetime.date(2024, 9, 5)
# Only pupils on the register since before this day may have a passport out of date.
LONG_AGO = datetime.date(2026, 3, 1)
# Who communicate with more than words, by primary need.
COMMUNICATION_NEEDS = ("SLCN", "ASD", "SLD", "PMLD")
DAY = datetime.timedelta(days=1)


def build(demo) -> None:
    """Passports for about 80% of each demo school's register."""
    for school in demo.schools:
        _Passports(school, demo.today, demo.voices).build()


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


class _Passports:
    """One school's passports, drawn from the school's generator."""

    def __init__(self, school, today: datetime.date, voices):
        self.school = school
        self.voices = voices  # pupils' own words shared with other builders
        self.rng = school.rng
        self.today = today
        self.senco = school.senco
        # A passport last reviewed before the previous term began is out of date.
        self.cutoff = previous_term(school.terms, today).starts_on
        self.teachers: set[int] = set()  # teachers who wrote a passport

    def _texts(self, pupil) -> dict[str, str]:
        rng, phase, some = self.rng, self.school.phase, self.school.some
        t = NEED_TEXT[pupil.primary_need]
        second = NEED_TEXT.get(pupil.secondary_need) if pupil.secondary_need else None
        helps = some(t["helps"], 2, 3) + (some(second["helps"], 1, 1) if second else [])
        hard = some(t["hard"], 2, 3)
        enjoy = some(ENJOY[phase], 2, 3)
        language = LANGUAGES.get(self.school.heritage.get(pupil.pk, ""), "")
        know = [k for k in LIKE_YOU_TO_KNOW if "{language}" not in k]
        if pupil.eal and language:
            know = [LIKE_YOU_TO_KNOW[-1].format(language=language)] + know
        carer = (
            "My foster carer thinks"
            if pupil.looked_after
            else rng.choice(
                ["My mum thinks", "My dad thinks", "My mum and dad think", "My family think"]
            )
        )
        thinks = rng.choice(PARENTS_THINK)
        return {
            "i_enjoy": _cap(", ".join(enjoy[:-1])) + f" and {enjoy[-1]}.",
            "i_learn_best_when": _cap(rng.choice(t["learn"])) + ".",
            "i_communicate_by": rng.choice(
                [
                    "Talking, but I need time to get my words out.",
                    "Talking and drawing.",
                    "Speaking, and using my symbol board when I'm upset.",
                    "Speaking. I might nod rather than answer if I'm worried.",
                ]
                if pupil.primary_need in COMMUNICATION_NEEDS
                else ["Talking.", "Talking and writing.", "Speaking and writing on my laptop."]
            ),
            "to_communicate_with_me": _cap(rng.choice(t["communicate"])) + ".",
            "what_helps_me": " ".join(helps),
            "like_you_to_know": " ".join(some(know, 1, 2)),
            "find_difficult": _cap("; ".join(hard)) + ".",
            "parents_think": f"{carer} {thinks}",
            "support_myself_by": " ".join(_cap(s) for s in some(SUPPORT_MYSELF, 1, 2)),
            "others_support_me_by": _cap("; ".join(some(t["others"], 2, 3))) + ".",
            "recent_achievements": rng.choice(ACHIEVEMENTS[phase]),
            "my_targets": " ".join(some(TARGETS, 1, 2)),
            "additional_information": rng.choice(
                [
                    "",
                    "",
                    "Extra time (25%) in tests.",
                    "Individual healthcare plan on file: see the medical room.",
                    "Attends speech and language therapy at the community clinic.",
                    "Known to the sensory support service.",
                    "Uses a reader pen; it is kept in the learning support base.",
                ]
            ),
            "liked_and_admired": " ".join(some(self.voices.LIKED_AND_ADMIRED, 2, 3)),
            "important_to_me": " ".join(some(self.voices.IMPORTANT_TO_ME, 2, 3)),
            "how_to_support_me": " ".join(helps[:2]),
            "in_my_own_words": rng.choice(OWN_WORDS),
        }

    def _author(self, pupil):
        teachers = self.school.teachers_of.get(pupil.pk, [])
        if teachers and self.rng.random() < 0.5:
            # The tutor or class teacher, whom the SENCO allows to write passports.
            teacher = teachers[-1]
            self.teachers.add(teacher.pk)
            return teacher
        return self.senco

    def _versions(self, register: list, out_of_date: set[int]) -> list[PassportVersion]:
        rng, today, school = self.rng, self.today, self.school
        rows = []
        for p in register:
            since = max(p.on_register_since or HISTORY_START, HISTORY_START)
            old = p.pk in out_of_date
            hi = min(today - DAY, self.cutoff - 3 * DAY)
            last = school.weekday(max(since, self.cutoff), today - DAY)
            if old:
                last = school.weekday(since, hi)
            count = rng.choices([1, 2, 3], [55, 30, 15])[0]
            dates = sorted(school.weekday(since, last - 7 * DAY) for _ in range(count - 1))
            dates = [d for d in dates if d < last] + [last]
            texts = self._texts(p)
            wrote = sorted(
                rng.sample(
                    ["i_enjoy", "like_you_to_know", "important_to_me", "recent_achievements"],
                    rng.randint(0, 2),
                )
            )
            for number, day in enumerate(dates, 1):
                final = number == len(dates)
                if number > 1:
                    texts = dict(texts)
                    texts["recent_achievements"] = rng.choice(ACHIEVEMENTS[school.phase])
                    texts["my_targets"] = " ".join(school.some(TARGETS, 1, 2))
                    if rng.random() < 0.5:
                        extra = rng.choice(NEED_TEXT[p.primary_need]["helps"])
                        if extra not in texts["what_helps_me"]:
                            texts["what_helps_me"] += " " + extra
                reviewed = number == 1 or (final and (not old or rng.random() < 0.5))
                reviewed = reviewed or rng.random() < 0.3
                rows.append(
                    PassportVersion(
                        pupil=p,
                        number=number,
                        pupil_wrote=wrote,
                        saved_by=self.senco if number == 1 else self._author(p),
                        saved_at=school.moment(day),
                        reviewed=reviewed,
                        **texts,
                    )
                )
        return rows

    def build(self) -> None:
        rng = self.rng
        register = [p for p in self.school.pupils if p.sen_provision != Provision.NONE]
        with_passport = [p for p in register if rng.random() < PASSPORT_SHARE]
        long_ago = [
            p for p in with_passport if p.on_register_since and p.on_register_since < LONG_AGO
        ]
        n_old = min(len(long_ago), round(OUT_OF_DATE_SHARE * len(with_passport)))
        out_of_date = {p.pk for p in rng.sample(long_ago, n_old)}
        PassportVersion.objects.bulk_create(
            self._versions(with_passport, out_of_date), batch_size=BATCH
        )
        if self.teachers:
            Membership.objects.filter(
                school=self.school.school, role=Role.TEACHER, user_id__in=self.teachers
            ).update(can_edit_passports=True)
