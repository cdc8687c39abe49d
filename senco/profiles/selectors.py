"""Reads: passports, their history and comparisons, My pupils and class sheets.

Each list is built with a fixed number of queries whatever the number of pupils.
"""

import datetime
import difflib
from dataclasses import dataclass

from django.db.models import Max, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from senco import registry
from senco.access import Scope, pupils_visible, scope_args
from senco.audit.models import AuditEvent
from senco.lib.clock import is_out_of_date, previous_term
from senco.lib.prepared import Prepared
from senco.profiles.audit import ProfilesAction
from senco.profiles.models import LABELS, TEXT_FIELDS, PassportVersion, PupilPhoto
from senco.pupils.models import Pupil, TeachingGroup
from senco.schools.selectors import saved_terms


def _today(today: datetime.date | None) -> datetime.date:
    return today or timezone.localdate()


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _last_reviewed():
    return (
        PassportVersion.objects.filter(pupil=OuterRef("pk"), reviewed=True)
        .order_by()
        .values("pupil")
        .annotate(last=Max("saved_at"))
        .values("last")
    )


def _latest_version_id():
    return PassportVersion.objects.filter(pupil=OuterRef("pk")).order_by("-number").values("pk")[:1]


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
    """`passports_out_of_date` for a query written once (`senco.access.scope_args`)."""
    return (
        pupils_visible(shape, school, user)
        .on_register()
        .annotate(passport_last_reviewed=Subquery(_last_reviewed()))
        .filter(Q(passport_last_reviewed__isnull=True) | Q(passport_last_reviewed__lt=before))
    )


@dataclass
class Passport:
    """A pupil's latest passport version (or None) and whether it is out of date."""

    latest: PassportVersion | None
    last_reviewed: datetime.datetime | None
    out_of_date: bool


def passport_of(*, pupil: Pupil, today: datetime.date | None = None) -> Passport:
    latest = pupil.passport_versions.select_related("saved_by").order_by("-number").first()
    last = (
        pupil.passport_versions.filter(reviewed=True)
        .order_by("-saved_at")
        .values_list("saved_at", flat=True)
        .first()
    )
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


def _send_pupils():
    return (
        Pupil.objects.on_register()
        .select_related("photo")
        .annotate(
            passport_id=Subquery(_latest_version_id()),
            passport_last_reviewed=Subquery(_last_reviewed()),
        )
        .order_by("surname_key", "forename_key")
    )


def _attach_passports(pupils, today: datetime.date, school) -> None:
    """Give each pupil `.passport` (latest version or None) and `.passport_out_of_date`, in
    one query for all of them."""
    versions = PassportVersion.objects.in_bulk({p.passport_id for p in pupils} - {None})
    cutoff = _start_of(previous_term(saved_terms(school), today).starts_on) if pupils else None
    for p in pupils:
        p.passport = versions.get(p.passport_id)
        p.passport_out_of_date = (
            p.passport_last_reviewed is None or p.passport_last_reviewed < cutoff
        )


def _attach_for_teachers(pupils, scope: Scope) -> None:
    """Give each pupil `.for_teachers`: what capabilities add for their teachers beside the
    passport (an EHC plan's classroom strategies), in one query at most for all of them."""
    found = registry.for_teachers(scope, pupils)
    for p in pupils:
        p.for_teachers = found.get(p.pk, [])


@dataclass
class PupilGroup:
    """A teaching group (or the pupils a TA supports) with its SEND pupils."""

    group: TeachingGroup | None
    title: str
    pupils: list


def my_pupil_groups(*, scope: Scope, today: datetime.date | None = None) -> list[PupilGroup]:
    """For a teacher (or SENCO or leader who teaches), each group they teach with its SEND
    pupils; for a TA, the SEND pupils assigned to them. Fixed number of queries."""
    today = _today(today)
    if scope.sees_supported_pupils:
        pupils = list(
            _send_pupils().filter(school=scope.school, support_assignments__staff=scope.user)
        )
        _attach_passports(pupils, today, scope.school)
        _attach_for_teachers(pupils, scope)
        return [PupilGroup(None, "Pupils you support", pupils)] if pupils else []
    groups = list(
        TeachingGroup.objects.filter(school=scope.school, teachers=scope.user)
        .order_by("year_group", "name")
        .prefetch_related(Prefetch("pupils", queryset=_send_pupils(), to_attr="send_pupils"))
    )
    _attach_passports([p for g in groups for p in g.send_pupils], today, scope.school)
    _attach_for_teachers([p for g in groups for p in g.send_pupils], scope)
    return [PupilGroup(g, _group_title(g), g.send_pupils) for g in groups]


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
    groups = list(
        groups.order_by("name").prefetch_related(
            Prefetch("pupils", queryset=_send_pupils(), to_attr="send_pupils")
        )
    )
    _attach_passports(
        [p for g in groups for p in g.send_pupils], timezone.localdate(), scope.school
    )
    _attach_for_teachers([p for g in groups for p in g.send_pupils], scope)
    return [PupilGroup(g, _group_title(g), g.send_pupils) for g in groups]


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
