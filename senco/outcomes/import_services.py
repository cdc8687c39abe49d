"""Bringing attendance, suspensions and results in: a checked file matched with the school's
pupils (the plan, which writes nothing), then written in one transaction when confirmed.

Idempotent: attendance is one row per pupil and period, a suspension one per pupil, kind and
start date, a result one per data drop, pupil and subject; importing a row again replaces the
figure, so the same file twice changes nothing the second time. Each row keeps the pupil's
provision, need and year group as they were (`senco.outcomes.snapshots`) on the period's
end, the suspension's start or the drop's date. Every pupil whose figures change gets an
audit row, all in one INSERT.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from senco.audit.actor import Actor
from senco.audit.services import audit_record, audit_record_many
from senco.lib.clock import academic_year_label, academic_year_of
from senco.lib.csvfile import ImportFileError, RowError, decode_upload, heading_key, read_upload
from senco.lib.text import person_name, plural
from senco.outcomes.audit import OutcomesAction
from senco.outcomes.import_parsing import (
    COLUMNS,
    WHAT,
    Parsed,
    PeriodSpec,
    parse_attendance,
    parse_results,
    parse_suspensions,
)
from senco.outcomes.models import (
    Attendance,
    DataDrop,
    Grade,
    OutcomesImport,
    Period,
    Result,
    Scale,
    Subject,
    Suspension,
)
from senco.outcomes.scales import BUILT_IN, built_in_scale, grade_value, scale_grades
from senco.outcomes.snapshots import as_they_were_each
from senco.pupils.models import Pupil, TeachingGroup
from senco.schools.selectors import saved_terms

CHUNK = 500
# A file with more rows than this is imported by the task worker (its page shows progress).
LARGE = 2000

Kind = OutcomesImport.Kind
Status = OutcomesImport.Status

ROW_KINDS = {
    "problem": "Rows with problems",
    "new": "New",
    "changed": "Changed",
    "unchanged": "Already up to date",
}


class OutcomesRowsError(Exception):
    """Some rows are bad and the SENCO did not ask to leave them out: nothing was written."""

    def __init__(self, plan: "OutcomesPlan"):
        super().__init__(f"{plan.bad_count} rows have problems; nothing was imported.")
        self.plan = plan


class OutcomesImportClosed(Exception):
    """The file was imported or cancelled already."""


@dataclass
class Planned:
    """One good row of the file, matched with its pupil."""

    row: object  # an AttendanceRow, SuspensionRow or ResultRow
    pupil: Pupil
    status: str  # "new", "changed" or "unchanged"
    values: dict  # the model's values to write
    existing_id: int | None = None
    shown: str = ""  # what the row records, in a few words

    @property
    def number(self) -> int:
        return self.row.row

    @property
    def name(self) -> str:
        return f"{self.pupil.forename} {self.pupil.legal_surname}"


@dataclass(frozen=True)
class PreviewRow:
    number: int
    kind: str  # a key of ROW_KINDS
    item: Planned | None = None
    errors: tuple[RowError, ...] = ()


@dataclass
class OutcomesPlan:
    kind: str
    parsed: Parsed
    items: list[Planned]
    errors: list[RowError]
    effect: str = ""  # what the import will do, in one sentence
    extra: dict = field(default_factory=dict)  # the periods, drop, scale, subjects found

    def _of(self, status: str) -> list[Planned]:
        return [i for i in self.items if i.status == status]

    @property
    def bad_rows(self) -> list[int]:
        return sorted({e.row for e in self.errors})

    @property
    def bad_count(self) -> int:
        return len(self.bad_rows)

    @property
    def good_count(self) -> int:
        return len(self.items)

    @property
    def write_count(self) -> int:
        return sum(1 for i in self.items if i.status != "unchanged")

    def counts(self) -> dict:
        statuses = Counter(i.status for i in self.items)
        return {
            "rows": self.parsed.row_count,
            "new": statuses["new"],
            "changed": statuses["changed"],
            "unchanged": statuses["unchanged"],
            "refused": self.bad_count,
        }

    def preview_rows(self, kind: str | None = None) -> list[PreviewRow]:
        rows: list[PreviewRow] = []
        if kind in (None, "problem"):
            by_row: dict[int, list[RowError]] = {}
            for error in self.errors:
                by_row.setdefault(error.row, []).append(error)
            rows += [PreviewRow(n, "problem", errors=tuple(e)) for n, e in by_row.items()]
        rows += [
            PreviewRow(i.number, i.status, item=i) for i in self.items if kind in (None, i.status)
        ]
        rows.sort(key=lambda r: r.number)
        return rows


# --- Matching pupils -----------------------------------------------------------------------

PUPIL_FIELDS = (
    "id",
    "school_id",
    "upn",
    "forename",
    "legal_surname",
    "sen_provision",
    "primary_need",
    "year_group",
    "date_started",
)


def _chunks(items: list, size: int = CHUNK):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _pupils(school, upns) -> dict[str, Pupil]:
    """The school's pupils with these UPNs: one query for each 500."""
    found: dict[str, Pupil] = {}
    for chunk in _chunks(sorted(set(upns))):
        pupils = Pupil.objects.filter(school=school, upn__in=chunk).only(*PUPIL_FIELDS)
        found.update((p.upn, p) for p in pupils)
    return found


def _match(school, parsed: Parsed, errors: list[RowError]) -> list[tuple[object, Pupil]]:
    pupils = _pupils(school, [r.upn for r in parsed.rows])
    heading = parsed.table.headings["upn"]
    matched = []
    for row in parsed.rows:
        pupil = pupils.get(row.upn)
        if pupil is None:
            errors.append(
                RowError(
                    row.row,
                    heading,
                    row.upn,
                    f"There is no pupil with UPN {row.upn} at {school.name}. Import the pupil "
                    "from the MIS first, or check the UPN.",
                )
            )
        else:
            matched.append((row, pupil))
    return matched


def _status(existing: tuple | None, values: tuple) -> str:
    if existing is None:
        return "new"
    return "unchanged" if existing[1:] == values else "changed"


# --- Attendance ----------------------------------------------------------------------------

ATTENDANCE_VALUES = (
    "possible",
    "attended",
    "authorised",
    "unauthorised",
    "provision",
    "need",
    "year_group",
)


def _parse_attendance(school, options: dict, text: str, *, today) -> tuple[Parsed, dict]:
    chosen = options.get("period")
    period = PeriodSpec.from_json(chosen) if chosen else None
    parsed = parse_attendance(text, period=period, saved_terms=saved_terms(school), today=today)
    return parsed, {}


def _plan_attendance(school, options: dict, parsed: Parsed, read: dict, *, today) -> OutcomesPlan:
    errors = list(parsed.errors)
    matched = _match(school, parsed, errors)
    specs = {(r.period.starts, r.period.ends): r.period for r, _ in matched}
    periods = {
        (p.starts, p.ends): p
        for p in Period.objects.filter(
            school=school, starts__in={s for s, _ in specs}, ends__in={e for _, e in specs}
        )
    }
    existing = {}
    known = [p.pk for key, p in periods.items() if key in specs]
    if known:
        rows = Attendance.objects.filter(period_id__in=known).values_list(
            "pupil_id", "period_id", "id", *ATTENDANCE_VALUES
        )
        existing = {(r[0], r[1]): r[2:] for r in rows}
    snapshots = as_they_were_each(((p, r.period.ends) for r, p in matched), today=today)
    items = []
    for row, pupil in matched:
        was = snapshots[(pupil.pk, row.period.ends)]
        values = (
            row.possible,
            row.attended,
            row.authorised,
            row.unauthorised,
            was.provision,
            was.need,
            was.year_group,
        )
        period_row = periods.get((row.period.starts, row.period.ends))
        old = existing.get((pupil.pk, period_row.pk)) if period_row else None
        items.append(
            Planned(
                row,
                pupil,
                _status(old, values),
                dict(zip(ATTENDANCE_VALUES, values, strict=True)),
                old[0] if old else None,
                f"{row.attended} of {row.possible} sessions, {row.period}",
            )
        )
    plan = OutcomesPlan(Kind.ATTENDANCE, parsed, items, sorted(errors, key=lambda e: e.row))
    plan.extra["periods"] = sorted(specs.values(), key=lambda s: s.starts)
    pupils = len({i.pupil.pk for i in items})
    shown = plan.extra["periods"]
    where = (
        f"in {shown[0]}"
        if len(shown) == 1
        else f"in {len(shown)} periods from {shown[0]} to {shown[-1]}"
        if shown
        else ""
    )
    plan.effect = f"Replaces attendance for {plural(pupils, 'pupil')} {where}".strip() + "."
    return plan


def _write_attendance(school, plan: OutcomesPlan) -> None:
    periods = {}
    for spec in plan.extra["periods"]:
        period, _ = Period.objects.get_or_create(
            school=school,
            starts=spec.starts,
            ends=spec.ends,
            defaults={
                "academic_year": spec.academic_year,
                "kind": spec.kind,
                "label": spec.label,
            },
        )
        periods[(spec.starts, spec.ends)] = period
    new, changed = [], []
    for item in plan.items:
        if item.status == "unchanged":
            continue
        period = periods[(item.row.period.starts, item.row.period.ends)]
        row = Attendance(pupil_id=item.pupil.pk, period=period, **item.values)
        if item.status == "new":
            new.append(row)
        else:
            row.pk = item.existing_id
            changed.append(row)
    Attendance.objects.bulk_create(new, batch_size=CHUNK)
    Attendance.objects.bulk_update(changed, list(ATTENDANCE_VALUES), batch_size=CHUNK)


# --- Suspensions ---------------------------------------------------------------------------

SUSPENSION_VALUES = ("sessions", "reason", "provision", "need", "year_group")


def _parse_suspensions(school, options: dict, text: str, *, today) -> tuple[Parsed, dict]:
    return parse_suspensions(text, today=today), {}


def _plan_suspensions(school, options: dict, parsed: Parsed, read: dict, *, today) -> OutcomesPlan:
    errors = list(parsed.errors)
    matched = []
    heading = parsed.table.headings["starts"]
    for row, pupil in _match(school, parsed, errors):
        if pupil.date_started and row.starts < pupil.date_started:
            errors.append(
                RowError(
                    row.row,
                    heading,
                    f"{row.starts:%d/%m/%Y}",
                    f"This is before the pupil started at the school "
                    f"({pupil.date_started:%d/%m/%Y}). Check the date in the MIS.",
                )
            )
        else:
            matched.append((row, pupil))
    existing = {}
    if matched:
        rows = Suspension.objects.filter(
            school=school,
            starts__gte=min(r.starts for r, _ in matched),
            starts__lte=max(r.starts for r, _ in matched),
        ).values_list("pupil_id", "kind", "starts", "id", *SUSPENSION_VALUES)
        existing = {(r[0], r[1], r[2]): r[3:] for r in rows}
    snapshots = as_they_were_each(((p, r.starts) for r, p in matched), today=today)
    items = []
    for row, pupil in matched:
        was = snapshots[(pupil.pk, row.starts)]
        values = (row.sessions, row.reason, was.provision, was.need, was.year_group)
        old = existing.get((pupil.pk, row.kind, row.starts))
        length = f", {plural(row.sessions, 'session')}" if row.sessions else ""
        items.append(
            Planned(
                row,
                pupil,
                _status(old, values),
                dict(zip(SUSPENSION_VALUES, values, strict=True)),
                old[0] if old else None,
                f"{Suspension.Kind(row.kind).label} from {row.starts:%d/%m/%Y}{length}",
            )
        )
    plan = OutcomesPlan(Kind.SUSPENSIONS, parsed, items, sorted(errors, key=lambda e: e.row))
    kinds = Counter(i.row.kind for i in items if i.status == "new")
    changed = sum(1 for i in items if i.status == "changed")
    plan.effect = (
        f"Adds {plural(kinds[Suspension.Kind.SUSPENSION], 'suspension')} and "
        f"{plural(kinds[Suspension.Kind.PERMANENT], 'permanent exclusion')}, and updates "
        f"{changed}."
    )
    return plan


def _write_suspensions(school, plan: OutcomesPlan) -> None:
    new, changed = [], []
    for item in plan.items:
        if item.status == "unchanged":
            continue
        row = Suspension(
            school=school,
            pupil_id=item.pupil.pk,
            kind=item.row.kind,
            starts=item.row.starts,
            academic_year=academic_year_of(item.row.starts),
            **item.values,
        )
        if item.status == "new":
            new.append(row)
        else:
            row.pk = item.existing_id
            changed.append(row)
    Suspension.objects.bulk_create(new, batch_size=CHUNK)
    Suspension.objects.bulk_update(changed, list(SUSPENSION_VALUES), batch_size=CHUNK)


# --- Results -------------------------------------------------------------------------------

RESULT_VALUES = (
    "scale_id",
    "grade",
    "value",
    "expected",
    "teacher",
    "provision",
    "need",
    "year_group",
)


def result_scale(school, choice: str) -> Scale:
    """The scale the form chose: a built-in kind (its row made on import) or "own:<id>"."""
    if choice.startswith("own:"):
        scale = Scale.objects.filter(
            school=school, kind=Scale.Kind.OWN, pk=choice.removeprefix("own:")
        ).first()
        if scale is None:
            raise ImportFileError("The scale chosen for this file is no longer there.")
        return scale
    if choice not in BUILT_IN:
        raise ImportFileError("Choose the scale the results are in.")
    scale = Scale.objects.filter(school=school, kind=choice).first()
    if scale is None:
        spec = BUILT_IN[choice]
        scale = Scale(school=school, kind=choice, name=spec.name, expected=spec.expected)
    return scale


def _drop(school, options: dict) -> tuple[DataDrop | None, str, datetime.date]:
    if options.get("drop"):
        drop = DataDrop.objects.filter(school=school, pk=options["drop"]).first()
        if drop is None:
            raise ImportFileError("The data drop chosen for this file is no longer there.")
        return drop, drop.name, drop.taken_on
    taken_on = datetime.date.fromisoformat(options["taken_on"])
    existing = DataDrop.objects.filter(school=school, name=options["drop_name"]).first()
    return existing, options["drop_name"], taken_on


def _teachers(school, pupil_ids: list[int]) -> dict[tuple[int, str], str]:
    """The teachers of each pupil's teaching group in each subject (by subject key): two
    queries."""
    through = TeachingGroup.pupils.through
    memberships = through.objects.filter(
        teachinggroup__school=school, pupil_id__in=pupil_ids
    ).values_list("pupil_id", "teachinggroup_id", "teachinggroup__subject")
    memberships = [(p, g, heading_key(s)) for p, g, s in memberships if s]
    names: dict[int, list[str]] = {}
    teachers = TeachingGroup.teachers.through.objects.filter(
        teachinggroup_id__in={g for _, g, _ in memberships}
    ).values_list("teachinggroup_id", "user__first_name", "user__last_name", "user__username")
    for group, first, last, username in teachers:
        names.setdefault(group, []).append(person_name(first, last, username))
    found: dict[tuple[int, str], list[str]] = {}
    for pupil, group, subject in memberships:
        found.setdefault((pupil, subject), []).extend(names.get(group, []))
    return {key: ", ".join(sorted(set(v)))[:100] for key, v in found.items() if v}


def _parse_results(school, options: dict, text: str, *, today) -> tuple[Parsed, dict]:
    scale = result_scale(school, options.get("scale", ""))
    grades = scale_grades(scale) if scale.pk else {}
    labels = list(scale.grades.values_list("label", flat=True)) if grades else []
    subjects = {s.key: s for s in Subject.objects.filter(school=school)}
    parsed = parse_results(
        text,
        subjects={k: s.name for k, s in subjects.items()},
        value_of=lambda value: grade_value(scale, value, grades=grades, labels=labels),
    )
    return parsed, {"scale": scale, "subjects": subjects}


def _plan_results(school, options: dict, parsed: Parsed, read: dict, *, today) -> OutcomesPlan:
    scale, subjects = read["scale"], read["subjects"]
    errors = list(parsed.errors)
    matched = _match(school, parsed, errors)
    drop, drop_name, taken_on = _drop(school, options)
    existing = {}
    if drop is not None:
        rows = Result.objects.filter(drop=drop).values_list(
            "pupil_id", "subject_id", "id", *RESULT_VALUES
        )
        existing = {(r[0], r[1]): r[2:] for r in rows}
    pupil_ids = sorted({p.pk for _, p in matched})
    teachers = _teachers(school, pupil_ids) if any(not r.teacher for r, _ in matched) else {}
    snapshots = as_they_were_each(((p, taken_on) for _, p in matched), today=today)
    items = []
    for row, pupil in matched:
        was = snapshots[(pupil.pk, taken_on)]
        subject = subjects[row.subject_key]
        teacher = row.teacher or teachers.get((pupil.pk, row.subject_key), "")
        values = (
            scale.pk,
            row.grade,
            Decimal(row.value).quantize(Decimal("0.01")),
            row.value >= scale.expected,
            teacher,
            was.provision,
            was.need,
            was.year_group,
        )
        old = existing.get((pupil.pk, subject.pk))
        items.append(
            Planned(
                row,
                pupil,
                _status(old, values),
                dict(zip(RESULT_VALUES, values, strict=True)) | {"subject_id": subject.pk},
                old[0] if old else None,
                f"{subject.name}: {row.grade}",
            )
        )
    plan = OutcomesPlan(Kind.RESULTS, parsed, items, sorted(errors, key=lambda e: e.row))
    plan.extra.update(scale=scale, drop_name=drop_name, taken_on=taken_on)
    used = {i.values["subject_id"] for i in items}
    plan.effect = (
        f"Records {plural(len(items), 'result')} in {plural(len(used), 'subject')} for "
        f"{plural(len(pupil_ids), 'pupil')} at the data drop {drop_name} "
        f"({taken_on:%-d %B %Y}, {scale.name})."
    )
    return plan


def _write_results(school, plan: OutcomesPlan, options: dict) -> None:
    scale = plan.extra["scale"]
    if scale.pk is None:
        scale = built_in_scale(school, scale.kind)
    taken_on = plan.extra["taken_on"]
    drop, _ = DataDrop.objects.get_or_create(
        school=school,
        name=plan.extra["drop_name"],
        defaults={"taken_on": taken_on, "academic_year": academic_year_of(taken_on)},
    )
    new, changed = [], []
    for item in plan.items:
        if item.status == "unchanged":
            continue
        values = item.values | {"scale_id": scale.pk}
        row = Result(drop=drop, pupil_id=item.pupil.pk, **values)
        if item.status == "new" or item.existing_id is None:
            new.append(row)
        else:
            row.pk = item.existing_id
            changed.append(row)
    Result.objects.bulk_create(new, batch_size=CHUNK)
    Result.objects.bulk_update(changed, list(RESULT_VALUES), batch_size=CHUNK)


# --- Plans and batches ---------------------------------------------------------------------

# Each kind: reading the file cell by cell (with the term dates, or the subjects and the
# scale), then matching it with the pupils and what senco holds (the plan).
PARSERS = {
    Kind.ATTENDANCE: _parse_attendance,
    Kind.SUSPENSIONS: _parse_suspensions,
    Kind.RESULTS: _parse_results,
}
PLANNERS = {
    Kind.ATTENDANCE: _plan_attendance,
    Kind.SUSPENSIONS: _plan_suspensions,
    Kind.RESULTS: _plan_results,
}


def outcomes_plan(*, school, kind: str, text: str, options: dict, today=None) -> OutcomesPlan:
    """What importing `text` would do. Writes nothing. Raises ImportFileError for a file
    that cannot be used at all."""
    today = today or timezone.localdate()
    parsed, read = PARSERS[kind](school, options, text, today=today)
    return PLANNERS[kind](school, options, parsed, read, today=today)


def outcomes_batch_create(*, school, actor: Actor, kind: str, upload, options: dict):
    """Keep an uploaded file for its preview, or raise ImportFileError for an unusable one."""
    raw = read_upload(upload, size=getattr(upload, "size", None))
    text = decode_upload(raw, what=WHAT[kind])
    outcomes_plan(school=school, kind=kind, text=text, options=options)
    batch = OutcomesImport(
        school=school,
        kind=kind,
        uploaded_by=actor.person,
        filename=(upload.name or "upload.csv").rsplit("/", 1)[-1][:255],
        content=text,
        options=options,
    )
    batch.save()
    return batch


def outcomes_batch_apply(
    *, batch: OutcomesImport, actor: Actor, skip_invalid: bool = False, today=None
) -> OutcomesPlan:
    """Import a previewed file once, all of it or none. Raises OutcomesImportClosed when it
    was imported or cancelled already, OutcomesRowsError when rows are bad and
    `skip_invalid` is not set, ImportFileError when the file can no longer be used."""
    today = today or timezone.localdate()
    # The file is read before the transaction, as the pupil import's is: on SQLite the
    # transaction holds the one write lock from its start, and every other page waits for it.
    # A file's content never changes while it waits; its status is checked again under the
    # lock, and the pupils and figures are read again there.
    open_ = (Status.PREVIEWED, Status.QUEUED)
    found = OutcomesImport.objects.filter(pk=batch.pk, status__in=open_)
    first = found.select_related("school").first()
    if first is None:
        raise OutcomesImportClosed
    parsed, read = PARSERS[first.kind](first.school, first.options, first.content, today=today)
    with transaction.atomic():
        batch = OutcomesImport.objects.select_for_update().select_related("school").get(pk=batch.pk)
        if batch.status not in open_:
            raise OutcomesImportClosed
        school = batch.school
        plan = PLANNERS[batch.kind](school, batch.options, parsed, read, today=today)
        if plan.errors and not skip_invalid:
            raise OutcomesRowsError(plan)
        if batch.kind == Kind.ATTENDANCE:
            _write_attendance(school, plan)
        elif batch.kind == Kind.SUSPENSIONS:
            _write_suspensions(school, plan)
        else:
            _write_results(school, plan, batch.options)
        _audit(actor, school, batch, plan)
        batch.status = Status.APPLIED
        batch.applied_at = timezone.now()
        batch.summary = {**plan.counts(), "effect": plan.effect, "skipped_rows": plan.bad_rows}
        batch.content = ""
        batch.save(update_fields=["status", "applied_at", "summary", "content"])
    return plan


def _audit(actor: Actor, school, batch: OutcomesImport, plan: OutcomesPlan) -> None:
    changed: dict[int, list[int]] = {}
    for item in plan.items:
        if item.status != "unchanged":
            changed.setdefault(item.pupil.pk, []).append(item.number)
    audit_record_many(
        actor=actor,
        action=OutcomesAction.IMPORT_PUPIL,
        rows=(
            {
                "school": school,
                "pupil": pupil_id,
                "detail": {"batch": batch.pk, "kind": batch.kind, "rows": rows[:50]},
            }
            for pupil_id, rows in changed.items()
        ),
    )
    audit_record(
        actor=actor,
        school=school,
        action=OutcomesAction.IMPORT_APPLY,
        detail={
            "batch": batch.pk,
            "kind": batch.kind,
            "filename": batch.filename,
            **plan.counts(),
            "skipped_rows": plan.bad_rows[:200],
        },
    )


def outcomes_batch_queue(*, batch: OutcomesImport) -> bool:
    """Mark a previewed file as being imported by the worker; False if it was not waiting."""
    return bool(
        OutcomesImport.objects.filter(pk=batch.pk, status=Status.PREVIEWED).update(
            status=Status.QUEUED
        )
    )


def outcomes_batch_failed(*, batch: OutcomesImport) -> None:
    """The worker could not import a queued file: it waits for its preview again."""
    OutcomesImport.objects.filter(pk=batch.pk, status=Status.QUEUED).update(status=Status.PREVIEWED)


@transaction.atomic
def outcomes_batch_cancel(*, batch: OutcomesImport, actor: Actor) -> None:
    batch = OutcomesImport.objects.select_for_update().get(pk=batch.pk)
    if batch.status != Status.PREVIEWED:
        raise OutcomesImportClosed
    batch.status = Status.CANCELLED
    batch.content = ""
    batch.save(update_fields=["status", "content"])
    audit_record(
        actor=actor,
        school=batch.school_id,
        action=OutcomesAction.IMPORT_CANCEL,
        detail={"batch": batch.pk, "kind": batch.kind, "filename": batch.filename},
    )


@transaction.atomic
def outcomes_batches_expire(*, older_than_days: int = 7, now=None) -> int:
    """Cancel files checked but never imported, and clear what they held: an MIS export is
    special-category data, not to be kept because nobody pressed Import or Cancel."""
    now = now or timezone.now()
    stale = OutcomesImport.objects.filter(
        status=Status.PREVIEWED, created_at__lt=now - datetime.timedelta(days=older_than_days)
    )
    expired = list(stale.values_list("pk", "school_id", "kind"))
    stale.update(status=Status.CANCELLED, content="")
    audit_record_many(
        actor=Actor.system(),
        action=OutcomesAction.IMPORT_EXPIRE,
        rows=(
            {"school": school_id, "detail": {"batch": pk, "kind": kind}}
            for pk, school_id, kind in expired
        ),
    )
    return len(expired)


def outcomes_expire_schedule() -> str:
    """The nightly schedule's run (capability.py)."""
    count = outcomes_batches_expire(older_than_days=7)
    return (
        f"Cleared {plural(count, 'file')} of attendance, suspensions or results checked but "
        "never imported, over 7 days old."
    )


def outcomes_summary(filename: str, plan: OutcomesPlan) -> str:
    counts = plan.counts()
    text = (
        f"Imported {filename}: {counts['new']} new, {counts['changed']} changed, "
        f"{counts['unchanged']} already up to date."
    )
    if plan.bad_count:
        text += f" {plural(plan.bad_count, 'row')} with problems left out."
    return text


# --- Subjects and scales -------------------------------------------------------------------


def subject_add(*, school, actor: Actor, name: str) -> Subject:
    """Add a subject the school reports results in (a name already there is kept)."""
    name = " ".join(name.split())[:60]
    subject, created = Subject.objects.get_or_create(
        school=school, key=heading_key(name), defaults={"name": name}
    )
    if created:
        audit_record(
            actor=actor,
            school=school,
            action=OutcomesAction.SUBJECT_ADD,
            detail={"subject": subject.pk, "name": name},
        )
    return subject


@transaction.atomic
def scale_add(
    *, school, actor: Actor, name: str, grades: list[tuple[str, Decimal]], expected: Decimal
) -> Scale:
    """A school's own scale and its grades, each mapped to a number."""
    scale = Scale.objects.create(school=school, name=name, kind=Scale.Kind.OWN, expected=expected)
    Grade.objects.bulk_create(
        Grade(scale=scale, label=label, key=heading_key(label), value=value)
        for label, value in grades
    )
    audit_record(
        actor=actor,
        school=school,
        action=OutcomesAction.SCALE_ADD,
        detail={"scale": scale.pk, "grades": len(grades)},
    )
    return scale


def columns_for(kind: str):
    return COLUMNS[kind]


def year_label(year: int) -> str:
    return academic_year_label(year)
