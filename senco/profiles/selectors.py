"""Reads: passports, their history and comparisons, My pupils and class sheets.

Each list is built with a fixed number of queries whatever the number of pupils.
"""

import datetime
import difflib
from dataclasses import dataclass, field

from django.db.models import Exists, Max, OuterRef, QuerySet, Subquery
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from senco import registry
from senco.access import Scope, pupils_visible, scope_args
from senco.audit.models import AuditEvent
from senco.lib.clock import is_out_of_date, previous_term
from senco.lib.codes import ON_REGISTER
from senco.lib.prepared import Prepared
from senco.profiles.audit import ProfilesAction
from senco.profiles.models import LABELS, TEXT_FIELDS, PassportVersion, PupilPhoto
from senco.pupils.models import Pupil, TeachingGroup
from senco.schools.selectors import saved_terms


def _today(today: datetime.date | None) -> datetime.date:
    return today or timezone.localdate()


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _last_reviewed(outer: str = "pk"):
    return (
        PassportVersion.objects.filter(pupil=OuterRef(outer), reviewed=True)
        .order_by()
        .values("pupil")
        .annotate(last=Max("saved_at"))
        .values("last")
    )


_photo = Prepared(lambda pupil: PupilPhoto.objects.filter(pupil_id=pupil).order_by("pk")[:1])


def photo_of(*, pupil: Pupil) -> PupilPhoto | None:
    return _photo.first(pupil=pupil.pk)


def passports_out_of_date(*, scope: Scope, today: datetime.date | None = None) -> QuerySet[Pupil]:
    """Pupils the scope sees, on the SEN register, whose passport is missing or was not
    reviewed this term or last (`senco.lib.clock.is_out_of_date`). One query for the
    pupils (the school's term dates are read first to find the cut-off)."""
    return out_of_date_of(**scope_args(scope), before=out_of_date_cutoff(scope, today))


def out_of_date_cutoff(scope: Scope, today: datetime.date | None = None) -> datetime.datetime:
    """The same cut-off as is_out_of_date: a review before the previous term started."""
    return _start_of(previous_term(saved_terms(scope.school), _today(today)).starts_on)


def out_of_date_of(shape: str, school: int, user: int, before: datetime.datetime):
    """`passports_out_of_date` for a query written once (`senco.access.scope_args`): no
    reviewed version saved since `before`, which is "the last review is missing or before
    it" asked with one look in the (pupil, reviewed, saved at) index, where the latest
    review, worked out and then compared twice, was three (issue 13)."""
    reviewed_since = PassportVersion.objects.filter(
        pupil=OuterRef("pk"), reviewed=True, saved_at__gte=before
    )
    return pupils_visible(shape, school, user).on_register().exclude(Exists(reviewed_since))


@dataclass
class Passport:
    """A pupil's latest passport version (or None) and whether it is out of date."""

    latest: PassportVersion | None
    last_reviewed: datetime.datetime | None
    out_of_date: bool


# The passport's page and its PDF ask on every visit (senco/lib/prepared.py).
_latest_version = Prepared(
    lambda pupil: (
        PassportVersion.objects.filter(pupil_id=pupil)
        .select_related("saved_by")
        .order_by("-number")[:1]
    )
)
_last_review_of = Prepared(
    lambda pupil: (
        PassportVersion.objects.filter(pupil_id=pupil, reviewed=True)
        .order_by("-saved_at")
        .values_list("saved_at")[:1]
    )
)


def passport_of(*, pupil: Pupil, today: datetime.date | None = None) -> Passport:
    latest = _latest_version.first(pupil=pupil.pk)
    if latest is not None:  # as `pupil.passport_versions` would: the version knows its pupil
        PassportVersion.pupil.field.set_cached_value(latest, pupil)
    last = next((saved_at for (saved_at,) in _last_review_of.rows(pupil=pupil.pk)), None)
    last_day = timezone.localdate(last) if last else None
    return Passport(
        latest, last, is_out_of_date(saved_terms(pupil.school), last_day, _today(today))
    )


def passport_history(*, pupil: Pupil) -> list[dict]:
    """Every version, newest first, with the sections it changed from the one before."""
    versions = list(pupil.passport_versions.select_related("saved_by").order_by("number"))
    rows = []
    previous = None
    for v in versions:
        rows.append({"version": v, "changed": [LABELS[n] for n in changed_fields(previous, v)]})
        previous = v
    rows.reverse()
    return rows


PHOTO_ACTIONS = (
    ProfilesAction.PHOTO_ADD,
    ProfilesAction.PHOTO_REPLACE,
    ProfilesAction.PHOTO_REMOVE,
)


def photo_changes(*, pupil: Pupil, limit: int = 50):
    """When the pupil's photo was added, replaced or removed, and by whom, newest first.
    A photo keeps no versions (the old file is deleted), so the audit log is its history."""
    return list(
        AuditEvent.objects.filter(pupil=pupil, action__in=PHOTO_ACTIONS)
        .select_related("user")
        .order_by("-at", "-id")[:limit]
    )


def changed_fields(old: PassportVersion | None, new: PassportVersion) -> list[str]:
    return [n for n in TEXT_FIELDS if (getattr(old, n) if old else "") != getattr(new, n)]


def inline_diff(old: str, new: str) -> SafeString:
    """Word by word: removed words in <del>, added in <ins>, everything escaped. Shared
    with the plans' history (senco.plans.selectors)."""
    a, b = old.split(" "), new.split(" ")
    parts = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(escape(" ".join(a[i1:i2])))
            continue
        if i2 > i1:
            parts.append(f"<del>{escape(' '.join(a[i1:i2]))}</del>")
        if j2 > j1:
            parts.append(f"<ins>{escape(' '.join(b[j1:j2]))}</ins>")
    return mark_safe(" ".join(parts).replace("\n", "<br>"))  # noqa: S308 - parts escaped


def compare_versions(old: PassportVersion, new: PassportVersion) -> list[dict]:
    """Field by field: the label, whether it changed, and the words removed and added."""
    rows = []
    for name in TEXT_FIELDS:
        before, after = getattr(old, name), getattr(new, name)
        old_mark = name in old.pupil_wrote
        new_mark = name in new.pupil_wrote
        rows.append(
            {
                "label": LABELS[name],
                "changed": before != after or old_mark != new_mark,
                "before": before,
                "after": after,
                "diff": inline_diff(before, after) if before != after else None,
                "mark_changed": old_mark != new_mark,
                "by_pupil": new_mark,
            }
        )
    return rows


# --- My pupils and class sheets -----------------------------------------------------------


# A pupil with SEND on My pupils and the class sheets is a row, not a model: a teacher of
# several groups has a hundred of them, each once per group (issue 13).

_PROVISION_LABELS = dict(Pupil._meta.get_field("sen_provision").flatchoices)
_NEED_LABELS = dict(Pupil._meta.get_field("primary_need").flatchoices)


@dataclass(frozen=True)
class PhotoKey:
    """What a page needs of a pupil's photo: the key that names it, and its size."""

    key: object  # uuid.UUID
    width: int
    height: int


@dataclass(frozen=True)
class PassportEssentials:
    """What My pupils and the class sheets show of a pupil's latest passport."""

    what_helps_me: str
    find_difficult: str
    others_support_me_by: str


@dataclass(eq=False)
class SendPupil:
    """A pupil on My pupils or a class sheet, with `passport` (None: no passport yet),
    whether it is out of date, and what capabilities add for their teachers."""

    pk: int
    forename: str
    legal_surname: str
    sen_provision: str
    primary_need: str
    photo: PhotoKey | None
    passport: PassportEssentials | None
    passport_last_reviewed: datetime.datetime | None
    passport_out_of_date: bool = False
    for_teachers: list = field(default_factory=list)

    @property
    def full_name(self) -> str:
        return f"{self.forename} {self.legal_surname}"

    def get_sen_provision_display(self) -> str:
        return str(_PROVISION_LABELS.get(self.sen_provision, self.sen_provision))

    def get_primary_need_display(self) -> str:
        return str(_NEED_LABELS.get(self.primary_need, self.primary_need))


def _latest_passport(name: str, outer: str):
    return Subquery(
        PassportVersion.objects.filter(pupil=OuterRef(outer)).order_by("-number").values(name)[:1]
    )


def _send_rows(queryset, prefix: str, group: str | None = None):
    """The rows of `queryset` (of pupils, or of rows naming a pupil by `prefix`) that are
    pupils on the SEN register, by name, as `_send_pupil` reads them: with the group of
    each (`group`, a column) when there is one."""
    outer = "pupil_id" if prefix else "pk"
    return (
        queryset.filter(**{f"{prefix}sen_provision__in": ON_REGISTER})
        .annotate(
            passport_pk=_latest_passport("pk", outer),
            passport_helps=_latest_passport("what_helps_me", outer),
            passport_difficult=_latest_passport("find_difficult", outer),
            passport_support=_latest_passport("others_support_me_by", outer),
            passport_last_reviewed=Subquery(_last_reviewed(outer)),
        )
        .order_by(f"{prefix}surname_key", f"{prefix}forename_key")
        .values_list(
            group or f"{prefix}school_id",  # a column of its own, so each row has the same shape
            f"{prefix}pk",
            f"{prefix}forename",
            f"{prefix}legal_surname",
            f"{prefix}sen_provision",
            f"{prefix}primary_need",
            f"{prefix}photo__key",
            f"{prefix}photo__width",
            f"{prefix}photo__height",
            "passport_pk",
            "passport_helps",
            "passport_difficult",
            "passport_support",
            "passport_last_reviewed",
        )
    )


def _send_pupil(row) -> SendPupil:
    (_g, pk, forename, surname, provision, need, key, width, height) = row[:9]
    (passport_pk, helps, difficult, support, last_reviewed) = row[9:]
    return SendPupil(
        pk,
        forename,
        surname,
        provision,
        need,
        PhotoKey(key, width, height) if key is not None else None,
        PassportEssentials(helps, difficult, support) if passport_pk is not None else None,
        last_reviewed,
    )


# The SEND pupils of the groups a teacher teaches, and of those a TA supports: one query
# each, written once (senco.lib.prepared).
_Taught = TeachingGroup.pupils.through
_groups_taught = Prepared(
    lambda school, user: TeachingGroup.objects.filter(school_id=school, teachers=user).order_by(
        "year_group", "name"
    )
)
_pupils_taught = Prepared(
    lambda school, user: _send_rows(
        _Taught.objects.filter(teachinggroup__school_id=school, teachinggroup__teachers=user),
        "pupil__",
        group="teachinggroup_id",
    )
)
_pupils_supported = Prepared(
    lambda school, user: _send_rows(
        Pupil.objects.filter(school_id=school, support_assignments__staff_id=user), ""
    )
)


def _out_of_date(pupils: list[SendPupil], today: datetime.date, school) -> None:
    """Set each pupil's `.passport_out_of_date` (as `is_out_of_date`): one query, of the
    school's term dates, when there is a pupil."""
    if not pupils:
        return
    cutoff = _start_of(previous_term(saved_terms(school), today).starts_on)
    for p in pupils:
        p.passport_out_of_date = (
            p.passport_last_reviewed is None or p.passport_last_reviewed < cutoff
        )


def _attach_for_teachers(pupils, scope: Scope) -> None:
    """Give each pupil `.for_teachers`: what capabilities add for their teachers beside the
    passport (an EHC plan's classroom strategies), in one query at most for all of them."""
    found = registry.for_teachers(scope, pupils)
    for p in pupils:
        p.for_teachers = found.get(p.pk, [])


def _by_group(groups: list[TeachingGroup], rows) -> list["PupilGroup"]:
    pupils: dict[int, list[SendPupil]] = {g.pk: [] for g in groups}
    for row in rows:
        if row[0] in pupils:
            pupils[row[0]].append(_send_pupil(row))
    return [PupilGroup(g, _group_title(g), pupils[g.pk]) for g in groups]


def _finish(groups: list["PupilGroup"], scope: Scope, today: datetime.date) -> None:
    every = [p for g in groups for p in g.pupils]
    _out_of_date(every, today, scope.school)
    _attach_for_teachers(every, scope)


@dataclass
class PupilGroup:
    """A teaching group (or the pupils a TA supports) with its SEND pupils."""

    group: TeachingGroup | None
    title: str
    pupils: list[SendPupil]


def my_pupil_groups(*, scope: Scope, today: datetime.date | None = None) -> list[PupilGroup]:
    """For a teacher (or SENCO or leader who teaches), each group they teach with its SEND
    pupils; for a TA, the SEND pupils assigned to them. Fixed number of queries."""
    today = _today(today)
    school, user = scope.school.pk, scope.user.pk
    if scope.sees_supported_pupils:
        rows = _pupils_supported.rows(school=school, user=user)
        found = [PupilGroup(None, "Pupils you support", [_send_pupil(r) for r in rows])]
        found = found if rows else []
    else:
        groups = _groups_taught.instances(school=school, user=user)
        found = _by_group(groups, _pupils_taught.rows(school=school, user=user) if groups else [])
    _finish(found, scope, today)
    return found


def _group_title(group: TeachingGroup) -> str:
    return f"{group.name} ({group.subject})" if group.subject else group.name


def class_sheet_groups(
    *, scope: Scope, group_id: int | None = None, year_group: int | None = None
) -> list[PupilGroup]:
    """The groups whose class sheets the scope may print, with their SEND pupils: any group
    of the school for the SENCO and leaders, only their own for a teacher."""
    groups = TeachingGroup.objects.filter(school=scope.school)
    if not scope.sees_whole_school:
        if not scope.sees_taught_pupils:
            return []
        groups = groups.filter(teachers=scope.user)
    if group_id is not None:
        groups = groups.filter(pk=group_id)
    if year_group is not None:
        groups = groups.filter(year_group=year_group)
    groups = list(groups.order_by("name"))
    rows = _send_rows(
        _Taught.objects.filter(teachinggroup__in=[g.pk for g in groups]),
        "pupil__",
        group="teachinggroup_id",
    )
    found = _by_group(groups, rows if groups else [])
    _finish(found, scope, timezone.localdate())
    return found


def class_sheet_counts(*, scope: Scope, year_group: int | None = None) -> tuple[int, int]:
    """How many groups the scope would print for a year group (or the whole school), and
    how many distinct pupils with SEND they hold: two queries, nothing drawn."""
    groups = TeachingGroup.objects.filter(school=scope.school)
    if not scope.sees_whole_school:
        groups = groups.filter(teachers=scope.user) if scope.sees_taught_pupils else groups.none()
    if year_group is not None:
        groups = groups.filter(year_group=year_group)
    pupils = Pupil.objects.on_register().filter(teaching_groups__in=groups).distinct().count()
    return groups.count(), pupils


def passport_summary(*, pupil: Pupil) -> dict | None:
    """The sections written in the pupil's latest passport and one-page profile, as
    (label, text), with the date saved: for a review day's appointment. One query."""
    from senco.profiles.models import LABELS, TEXT_FIELDS

    latest = pupil.passport_versions.order_by("-number").first()
    if latest is None:
        return None
    sections = [
        (LABELS[name], getattr(latest, name))
        for name in TEXT_FIELDS
        if getattr(latest, name, "").strip()
    ]
    return {"sections": sections, "saved_at": latest.saved_at}
