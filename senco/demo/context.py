"""What each capability's demo builder receives (see `DemoBuilder` in senco/registry.py).

The core builds the trust, its schools and their people first; then every builder the
registry lists runs, in order, with one `DemoTrust`. A builder reads these attributes and
imports nothing from senco.demo.

Each school has its own random generator, seeded from the demo's seed and the school's
place in the trust. The core draws from it first, then each builder in order, so the same
seed gives the same rows on every run; adding a builder, or changing what one draws,
changes the data of the builders after it (bump `DEMO_VERSION` in senco/demo/outline.py).
"""

import datetime
import random
import types
from dataclasses import dataclass, field

from django.utils import timezone

from senco.accounts.models import Role, User
from senco.demo import voices
from senco.lib.clock import TermDates
from senco.pupils.models import Pupil
from senco.schools.models import School, Trust


@dataclass
class DemoSchool:
    """One school of the demo trust, as the core left it."""

    school: School
    phase: str  # School.Phase.PRIMARY or School.Phase.SECONDARY
    rng: random.Random  # this school's generator: draw from it, and from nothing else
    staff: dict[str, list[User]]  # role -> the staff with that role, in username order
    pupils: list[Pupil]  # saved, every pupil on roll
    terms: list[TermDates]  # the school's term dates, for senco.lib.clock
    # Pupil pk -> their teachers (the tutor or class teacher last), and their TA if any.
    teachers_of: dict[int, list[User]] = field(default_factory=dict)
    ta_of: dict[int, User] = field(default_factory=dict)
    # Pupil pk -> the heritage of the family's names (a key of senco/demo/names.HERITAGES).
    heritage: dict[int, str] = field(default_factory=dict)

    @property
    def senco(self) -> User:
        return self.staff[Role.SENCO][0]

    def weekday(self, lo: datetime.date, hi: datetime.date) -> datetime.date:
        """A weekday in [lo, hi] (or `lo` when there is none)."""
        if hi <= lo:
            return lo
        d = lo + datetime.timedelta(days=self.rng.randint(0, (hi - lo).days))
        if d.weekday() >= 5:
            later = d + datetime.timedelta(days=7 - d.weekday())
            earlier = d - datetime.timedelta(days=d.weekday() - 4)
            d = later if later <= hi else earlier if earlier >= lo else d
        return d

    def moment(self, day: datetime.date) -> datetime.datetime:
        """A time in the school day of `day`, for a row's saved or answered time."""
        hour, minute = self.rng.randint(8, 17), self.rng.randint(0, 59)
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))

    def some(self, items: list, low: int, high: int) -> list:
        """Between `low` and `high` of `items`, at random."""
        return self.rng.sample(items, min(len(items), self.rng.randint(low, high)))


@dataclass
class DemoTrust:
    """The demo trust handed to each builder: build your rows for every school in `schools`."""

    trust: Trust
    today: datetime.date  # the demo's "today": nothing happens after it
    seed: int
    schools: list[DemoSchool] = field(default_factory=list)
    # Pupils' own words shared by builders: LIKED_AND_ADMIRED, IMPORTANT_TO_ME.
    voices: types.ModuleType = voices
