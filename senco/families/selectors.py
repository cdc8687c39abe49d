"""Reads for meetings with families, limited to what the scope may see."""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Count, Max, Prefetch, Q
from django.http import Http404

from senco.access import of_pupils_visible, scope_args
from senco.accounts.models import Role, User
from senco.families.models import DEFAULT_COUNTING, CountingKinds, FollowUp, Kind, Meeting
from senco.lib import clock
from senco.lib.prepared import Prepared, as_first
from senco.lib.text import person_name
from senco.pupils.models import Contact, Pupil, PupilNaming, SupportAssignment
from senco.schools.selectors import saved_terms

STAFF_ROLES = (Role.SENCO, Role.LEADER, Role.TEACHER, Role.TA, Role.OFFICE)


def told_contacts(pupil):
    """The pupil's contacts who may be told about them (`Contact.may_be_told`)."""
    return Contact.objects.filter(pupil=pupil, no_contact=False, no_information=False)


def meetings_for(pupil):
    return (
        Meeting.objects.filter(pupil=pupil)
        .select_related("cycle", "annual_review")
        .prefetch_related("contacts", Prefetch("actions", FollowUp.objects.select_related("owner")))
    )


RECENT_MEETINGS = 3
_recent_meetings = Prepared(
    lambda pupil: Meeting.objects.filter(pupil_id=pupil).order_by("-held_on", "-pk")[
        :RECENT_MEETINGS
    ]
)


def recent_meetings(pupil) -> list[Meeting]:
    """The last few meetings, for the pupil page's panel: one query."""
    return _recent_meetings.instances(pupil=pupil.pk)


def meeting_for(pupil, meeting_id: int) -> Meeting:
    """A meeting of this pupil's family, or 404 (the same for not theirs and not there)."""
    meeting = meetings_for(pupil).filter(pk=meeting_id).first()
    if meeting is None:
        raise Http404("Not found")
    return meeting


def follow_up_for(meeting: Meeting, follow_up_id: int) -> FollowUp:
    action = FollowUp.objects.filter(meeting=meeting, pk=follow_up_id).first()
    if action is None:
        raise Http404("Not found")
    return action


def staff_of(school):
    """Who may own a follow-up action: the school's staff, by name."""
    return User.objects.filter(
        memberships__school=school, memberships__is_active=True, memberships__role__in=STAFF_ROLES
    ).order_by("last_name", "first_name", "username")


# The three-a-year page's key-worker filter: its choices as plain rows, written once
# (senco/lib/prepared.py). A ModelChoiceField's queryset compiled and made users on every
# visit: 1.4 ms of the page's 13.
_key_worker_choices = Prepared(
    lambda school: (
        User.objects.filter(
            memberships__school_id=school, memberships__is_active=True, memberships__role=Role.TA
        )
        .order_by("last_name", "first_name", "username")
        .values_list("pk", "first_name", "last_name", "username")
    )
)


def key_workers_of(school) -> list["KeyWorker"]:
    """The teaching assistants supporting pupils at the school, by name: the key workers of
    the three-a-year page (a pupil's key worker is the TA assigned to support them)."""
    return [
        KeyWorker(pk, person_name(first, last, username))
        for pk, first, last, username in _key_worker_choices.rows(school=school.pk)
    ]


# Read by the three-a-year page and the pupil's meetings on every visit (senco/lib/prepared.py).
_counting_kinds = Prepared(lambda school: as_first(CountingKinds.objects.filter(school_id=school)))


def counting_kinds(school) -> CountingKinds:
    """The kinds of meeting the school counts, or the default (everything but email)."""
    row = _counting_kinds.first(school=school.pk)
    return row or CountingKinds(school=school, kinds=list(DEFAULT_COUNTING), version=1)


def kind_labels(kinds) -> list[str]:
    return [Kind(k).label for k in Kind.values if k in kinds]


def this_term(terms, today: datetime.date) -> clock.TermDates:
    """The term today is in; in a holiday, the term just ended."""
    term = clock.current_term(terms, today)
    if today < term.starts_on:
        return clock.previous_term(terms, today)
    return term


def open_actions(scope):
    """The follow-up actions this person owns at the school and has not done, for pupils they
    may see: one query."""
    return open_actions_of(**scope_args(scope))


def open_actions_of(shape: str, school: int, user: int):
    """`open_actions` for a query written once (`senco.access.scope_args`)."""
    return (
        FollowUp.objects.filter(
            of_pupils_visible(shape, school, user), owner_id=user, done_on__isnull=True
        )
        .select_related("pupil", "meeting")
        .order_by("due_on", "pk")
    )


# The page's two hundred rows are plain slotted dataclasses, not frozen ones: a frozen
# dataclass sets each field through object.__setattr__, and building them cost 0.3 ms of
# the page against 0.1 ms (and a __dict__ per row for the garbage collector to walk).
@dataclass(slots=True)
class FamilyPupil(PupilNaming):
    """The few fields of a pupil the three-a-year page shows."""

    pk: int
    forename: str
    legal_surname: str
    year_group: int


@dataclass(frozen=True, slots=True)
class KeyWorker:
    """A teaching assistant supporting a pupil, by the name the page shows."""

    pk: int
    name: str

    def __str__(self) -> str:
        return self.name  # as str(user), which the page's audit row records


@dataclass(slots=True)
class FamilyRow:
    pupil: FamilyPupil
    this_year: int
    this_term: int
    last: datetime.date | None
    key_workers: Sequence[KeyWorker]

    @property
    def met_this_term(self) -> bool:
        return self.this_term > 0

    @property
    def workers(self) -> str:
        """The key workers as the page shows them, or "None"."""
        return ", ".join(w.name for w in self.key_workers) or "None"


@dataclass(frozen=True)
class ThreeAYear:
    rows: list[FamilyRow]
    year_start: datetime.date
    academic_year: int
    term: clock.TermDates
    kinds: list[str]
    version: int
    total: int  # pupils on the register, before the filters
    met_three: int  # of them, met three times or more this year
    not_met_term: int  # of them, not met this term


def _families_of(shape: tuple, school: int, year_start: datetime.date, term_start: datetime.date):
    """The pupils on the register with their counted meetings: `shape` is the kinds of
    meeting counted (`CountingKinds.kinds`, as a tuple), which the SQL holds as it is."""
    counted = Q(family_meetings__kind__in=shape)
    return (
        Pupil.objects.on_register()
        .filter(school_id=school)
        # Grouped by these columns only: values_list() after annotate() would group by
        # every column of a pupil, a quarter of the query's time on SQLite.
        .values("pk", "forename", "legal_surname", "year_group", "sen_provision")
        .annotate(
            this_year=Count(
                "family_meetings", filter=counted & Q(family_meetings__held_on__gte=year_start)
            ),
            this_term=Count(
                "family_meetings", filter=counted & Q(family_meetings__held_on__gte=term_start)
            ),
            last=Max("family_meetings__held_on", filter=counted),
        )
        # By name, as the register lists pupils (Meta.ordering does not reach a GROUP BY:
        # without this the order was the database's own).
        .order_by("surname_key", "forename_key", "pk")
        .values_list(
            "pk", "forename", "legal_surname", "year_group", "this_year", "this_term", "last"
        )
    )


_families = Prepared(_families_of)
# Each pupil's key workers, in the order they were assigned: one plain query for the
# school, grouped in Python (a prefetch made a queryset per pupil: a third of the page).
_key_workers = Prepared(
    lambda school: (
        SupportAssignment.objects.filter(
            pupil__in=Pupil.objects.on_register().filter(school_id=school)
        )
        .order_by("pupil_id", "pk")
        .values_list(
            "pupil_id", "staff_id", "staff__first_name", "staff__last_name", "staff__username"
        )
    )
)


def _key_workers_by_pupil(school_id: int) -> dict[int, list[KeyWorker]]:
    found: dict[int, list[KeyWorker]] = {}
    for pupil_id, staff_id, first, last, username in _key_workers.rows(school=school_id):
        found.setdefault(pupil_id, []).append(
            KeyWorker(staff_id, person_name(first, last, username))
        )
    return found


def three_a_year(
    school, today: datetime.date, *, not_met=False, year_group=None, key_worker=None
) -> ThreeAYear:
    """Every pupil on the register with their meetings this school year, this term and the
    last one, counting only the kinds the school counts. A fixed number of queries (terms,
    counting kinds, the pupils with their counts, their key workers)."""
    terms = saved_terms(school)
    year = clock.academic_year_of(today)
    year_start = clock.school_terms(terms, year)[0].starts_on
    term = this_term(terms, today)
    setting = counting_kinds(school)
    families = _families.rows(
        shape=tuple(setting.kinds),
        school=school.pk,
        year_start=year_start,
        term_start=term.starts_on,
    )
    workers = _key_workers_by_pupil(school.pk)
    rows = [
        FamilyRow(
            FamilyPupil(pk, forename, surname, year_group_),
            this_year_,
            this_term_,
            last,
            workers.get(pk, ()),  # no key worker: one empty tuple for every such row
        )
        for pk, forename, surname, year_group_, this_year_, this_term_, last in families
    ]
    total = len(rows)
    met_three = sum(1 for r in rows if r.this_year >= 3)
    not_met_term = sum(1 for r in rows if not r.met_this_term)
    if not_met:
        rows = [r for r in rows if not r.met_this_term]
    if year_group is not None:
        rows = [r for r in rows if r.pupil.year_group == year_group]
    if key_worker is not None:
        rows = [r for r in rows if any(w.pk == key_worker.pk for w in r.key_workers)]
    return ThreeAYear(
        rows,
        year_start,
        year,
        term,
        list(setting.kinds),
        setting.version,
        total,
        met_three,
        not_met_term,
    )


# --- For letters to families (senco/letters) ---------------------------------------------


def upcoming_review_days(school, today: datetime.date):
    """The school's SEND parent review days from today on, soonest first."""
    from senco.families.models import ReviewDay

    return list(
        ReviewDay.objects.filter(school=school, held_on__gte=today).order_by("held_on", "pk")
    )


def review_day_for_letters(school, day_id):
    """One review day of the school, or None (another school's is None too)."""
    from senco.families.models import ReviewDay

    return ReviewDay.objects.filter(school=school, pk=day_id).first()


def review_day_booked_pupil_ids(day) -> set[int]:
    """The pupils with an appointment booked on the review day."""
    from senco.families.models import Slot

    return set(Slot.objects.filter(day=day, pupil__isnull=False).values_list("pupil_id", flat=True))


# --- Meetings for a plan's review (the plans and EHC plans pages, through the registry) ---


# Asked on every cycle and annual review page: SQL written once (senco/lib/prepared.py).
_review_meetings = Prepared(
    lambda cycles, reviews: Meeting.objects.filter(
        Q(cycle_id__in=cycles) | Q(annual_review_id__in=reviews)
    ).order_by("held_on", "pk")
)


def meetings_for_review(*, cycle_ids=(), annual_review_ids=()) -> dict[tuple[str, int], list]:
    """The meetings with the family attached to these cycles' or annual reviews' reviews,
    by ("cycle" | "annual_review", id), oldest first. One query."""
    cycle_ids, annual_review_ids = list(cycle_ids), list(annual_review_ids)
    if not cycle_ids and not annual_review_ids:
        return {}
    found: dict[tuple[str, int], list] = {}
    for m in _review_meetings.instances(cycles=cycle_ids, reviews=annual_review_ids):
        key = (
            ("cycle", m.cycle_id)
            if m.cycle_id in cycle_ids
            else ("annual_review", m.annual_review_id)
        )
        found.setdefault(key, []).append(m)
    return found


def review_days_for_parent(pupil, today: datetime.date) -> list[dict]:
    """The child's school's review days from today on that parents may book online, each
    as plain values with the child's booking if any (`booking`: time and room, or None)
    and `url`, the parent's booking page. Two queries."""
    from senco.families.review_days_hooks import review_days_for_parent as days

    return days(pupil, today)
