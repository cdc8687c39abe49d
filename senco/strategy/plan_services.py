"""Writes of the SEND development plan: priorities, their actions, the quick status and
progress update, evidence (a link to a page of senco, or an uploaded file kept in the
private media folder) and starting next year's plan from this one.

Each write is one transaction with its audit row (no pupil is named: the plan names none).
An edit from an old version is refused (`StaleVersion`, senco/lib/versions.py).

Evidence files are trusted for nothing: not the name, not the browser's Content-Type. The
kind is read from the name's ending and must agree with the first bytes (a PDF starts with
`%PDF-`, Word and Excel files are ZIP or OLE containers, images have their signatures);
an empty file or one over `STRATEGY_EVIDENCE_MAX_BYTES` is refused. The file is kept under
a random key (`evidence_path`), written to a temporary name first and renamed into place
last, inside the transaction; a removed row (or its action or priority) takes its file with
it when the deletion commits (the `post_delete` receiver below)."""

import contextlib
import datetime
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.urls import Resolver404, resolve
from django.utils import timezone

from senco.audit.actor import Actor
from senco.audit.services import audit_record
from senco.lib import clock
from senco.lib.cleaning import clean_text
from senco.lib.files import private_path
from senco.lib.versions import check_version
from senco.strategy.audit import StrategyAction
from senco.strategy.models import Action, ActionEvidence, Priority, Status

FOLDER = "development-plan"
FILENAME_MAX = 200

# The kinds of file kept as evidence: ending -> (what it is, MIME type, its first bytes).
ZIP = (b"PK\x03\x04",)
OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)
FILE_KINDS = {
    ".pdf": ("PDF", "application/pdf", (b"%PDF-",)),
    ".docx": (
        "Word",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ZIP,
    ),
    ".doc": ("Word", "application/msword", OLE),
    ".xlsx": ("Excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ZIP),
    ".xls": ("Excel", "application/vnd.ms-excel", OLE),
    ".png": ("image", "image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image", "image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image", "image/jpeg", (b"\xff\xd8\xff",)),
    ".gif": ("image", "image/gif", (b"GIF87a", b"GIF89a")),
}
ACCEPT = ",".join(FILE_KINDS)

CHOOSE_FILE = "Choose the file to upload"
EMPTY = "The file is empty: choose it again"
WRONG_KIND = (
    "The file must be a PDF, a Word or Excel file, or an image (PNG, JPEG or GIF): "
    "choose another file"
)
NOT_WHAT_IT_SAYS = (
    "The file is not what its name says it is: save it again as a PDF, Word, Excel or image "
    "file and choose it again"
)
LINK_HELP = "Enter a link to a page of senco, starting with /school/ or /pupil/"
NOT_SENCO = (
    "Enter a link to a page of senco, like /school/137001/provision/: "
    "links to other websites cannot be kept"
)


def max_bytes() -> int:
    return int(getattr(settings, "STRATEGY_EVIDENCE_MAX_BYTES", 10 * 1024 * 1024))


def too_large_message() -> str:
    return f"The file must be smaller than {max_bytes() // (1024 * 1024)} MB"


# ---- Checks ------------------------------------------------------------------------------


def file_problem(upload) -> str | None:
    """What is wrong with an uploaded file as evidence, in words, or None. Reads only its
    first bytes."""
    if not upload.size:
        return EMPTY
    if upload.size > max_bytes():
        return too_large_message()
    suffix = Path(upload.name or "").suffix.lower()
    if suffix not in FILE_KINDS:
        return WRONG_KIND
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not head.startswith(FILE_KINDS[suffix][2]):
        return NOT_WHAT_IT_SAYS
    return None


def site_path(value: str, host: str = "") -> str | None:
    """A link to a page of senco as a path ("/school/137001/..."), or None when it is not
    one: it must start with a single "/" (or be a full address on this site's own `host`),
    hold no backslash, space or control character, and resolve to one of senco's pages.
    Never an outside address, never `javascript:`."""
    value = (value or "").strip()
    if not value or len(value) > 500 or re.search(r"[\s\\\x00-\x1f\x7f]", value):
        return None
    parts = urlsplit(value)
    if parts.scheme or parts.netloc:
        if parts.scheme not in ("http", "https") or not host or parts.netloc != host:
            return None
        value = parts.path + (f"?{parts.query}" if parts.query else "")
        value += f"#{parts.fragment}" if parts.fragment else ""
        parts = urlsplit(value)
    if not value.startswith("/") or value.startswith("//"):
        return None
    try:
        resolve(parts.path)
    except Resolver404:
        return None
    return value


def shown_filename(name: str) -> str:
    """The uploaded file's name, for the plan page: no folders, no control characters, at
    most 200 characters, keeping its ending."""
    name = clean_text(re.split(r"[\\/]", name or "")[-1]).strip()
    suffix = Path(name).suffix.lower()
    stem = name[: -len(suffix)] if suffix else name
    stem = stem.strip(" .")[: FILENAME_MAX - len(suffix)] or "Evidence"
    return f"{stem}{suffix}"


def evidence_path(item: ActionEvidence) -> Path:
    return private_path(FOLDER, item.key, Path(item.filename).suffix.lower())


def content_type(item: ActionEvidence) -> str:
    kind = FILE_KINDS.get(Path(item.filename).suffix.lower())
    return kind[1] if kind else "application/octet-stream"


# ---- Priorities -------------------------------------------------------------------------


def _audit(actor: Actor, school, action, **detail) -> None:
    audit_record(actor=actor, school=school, action=action, detail=detail)


def _priority_current(priority: Priority) -> list:
    return [("title", "Priority", priority.title), ("why", "Why it matters", priority.why)]


@transaction.atomic
def priority_add(*, actor: Actor, school, academic_year: int, title: str, why: str = ""):
    last = Priority.objects.filter(school=school, academic_year=academic_year).aggregate(
        n=Max("position")
    )["n"]
    priority = Priority(
        school=school,
        academic_year=academic_year,
        title=title,
        why=why,
        position=(last or 0) + 1,
        created_by=actor.person,
    )
    priority.full_clean()
    priority.save()
    _audit(
        actor,
        school,
        StrategyAction.PRIORITY_ADD,
        priority_id=priority.pk,
        academic_year=academic_year,
    )
    return priority


@transaction.atomic
def priority_save(*, actor: Actor, priority: Priority, title: str, why: str = "", version=None):
    priority = Priority.objects.select_for_update().get(pk=priority.pk)
    check_version(version, priority.version, theirs=lambda: _priority_current(priority))
    priority.title, priority.why = title, why
    priority.version += 1
    priority.updated_at = timezone.now()
    priority.full_clean()
    priority.save()
    _audit(
        actor,
        priority.school,
        StrategyAction.PRIORITY_SAVE,
        priority_id=priority.pk,
        version=priority.version,
    )
    return priority


@transaction.atomic
def priority_remove(*, actor: Actor, priority: Priority, version=None) -> None:
    """Remove a priority with its actions and their evidence (files go on commit)."""
    priority = Priority.objects.select_for_update().get(pk=priority.pk)
    check_version(version, priority.version, theirs=lambda: _priority_current(priority))
    actions = priority.actions.count()
    _audit(
        actor,
        priority.school,
        StrategyAction.PRIORITY_REMOVE,
        priority_id=priority.pk,
        academic_year=priority.academic_year,
        actions=actions,
    )
    priority.delete()


# ---- Actions ------------------------------------------------------------------------------

ACTION_FIELDS = (
    "what",
    "owner",
    "owner_name",
    "starts",
    "due",
    "success_criteria",
    "status",
    "progress",
)
ACTION_LABELS = {
    "what": "What will be done",
    "owner": "Owner",
    "owner_name": "Owner's name",
    "starts": "Start date",
    "due": "Due date",
    "success_criteria": "Success criteria",
    "status": "Status",
    "progress": "Progress",
}


def action_dates_errors(starts, due) -> dict[str, str]:
    if starts and due and due < starts:
        return {"due": "Due date must be the same as or after the start date"}
    return {}


def _action_current(action: Action, names=ACTION_FIELDS) -> list:
    values = {name: getattr(action, name) for name in ACTION_FIELDS}
    values["owner"] = action.owner_id or ""
    return [(name, ACTION_LABELS[name], values[name]) for name in names]


def _set_owner(action: Action, owner, owner_name: str) -> None:
    action.owner = owner
    action.owner_name = "" if owner is not None else (owner_name or "").strip()


def _check_action(action: Action) -> None:
    errors = action_dates_errors(action.starts, action.due)
    if errors:
        raise ValidationError(errors)
    action.full_clean(exclude=["priority", "owner", "updated_by"])


@transaction.atomic
def action_add(*, actor: Actor, priority: Priority, **fields) -> Action:
    """Add an action to a priority: `fields` are those of ACTION_FIELDS."""
    last = priority.actions.aggregate(n=Max("position"))["n"]
    action = Action(priority=priority, position=(last or 0) + 1, updated_by=actor.person)
    for name in ACTION_FIELDS:
        if name in fields and name not in ("owner", "owner_name"):
            setattr(action, name, fields[name] if fields[name] is not None else _blank(name))
    _set_owner(action, fields.get("owner"), fields.get("owner_name", ""))
    _check_action(action)
    action.save()
    _audit(
        actor,
        priority.school,
        StrategyAction.ACTION_ADD,
        priority_id=priority.pk,
        action_id=action.pk,
        status=action.status,
    )
    return action


def _blank(name: str):
    return None if name in ("starts", "due") else ""


def _locked(action: Action) -> Action:
    return Action.objects.select_for_update().select_related("priority__school").get(pk=action.pk)


@transaction.atomic
def action_save(*, actor: Actor, action: Action, version=None, **fields) -> Action:
    """Change everything about an action, from the version the form was opened at."""
    action = _locked(action)
    check_version(version, action.version, theirs=lambda: _action_current(action))
    for name in ACTION_FIELDS:
        if name in fields and name not in ("owner", "owner_name"):
            setattr(action, name, fields[name] if fields[name] is not None else _blank(name))
    _set_owner(action, fields.get("owner"), fields.get("owner_name", ""))
    _check_action(action)
    return _saved(actor, action, StrategyAction.ACTION_SAVE)


@transaction.atomic
def action_update(
    *, actor: Actor, action: Action, status: str, progress: str, version=None
) -> Action:
    """The quick update: how it is going (the status) and what has happened so far."""
    action = _locked(action)
    check_version(
        version, action.version, theirs=lambda: _action_current(action, ("status", "progress"))
    )
    action.status, action.progress = status, progress
    _check_action(action)
    return _saved(actor, action, StrategyAction.ACTION_UPDATE)


def _saved(actor: Actor, action: Action, code) -> Action:
    action.version += 1
    action.updated_by = actor.person
    action.updated_at = timezone.now()
    action.save()
    _audit(
        actor,
        action.priority.school,
        code,
        action_id=action.pk,
        status=action.status,
        version=action.version,
    )
    return action


@transaction.atomic
def action_remove(*, actor: Actor, action: Action, version=None) -> None:
    action = _locked(action)
    check_version(version, action.version, theirs=lambda: _action_current(action))
    _audit(
        actor,
        action.priority.school,
        StrategyAction.ACTION_REMOVE,
        action_id=action.pk,
        priority_id=action.priority_id,
    )
    action.delete()


# ---- Evidence -------------------------------------------------------------------------------


@transaction.atomic
def evidence_link_add(*, actor: Actor, action: Action, label: str, url: str, host: str = ""):
    """Keep a link to a page of senco as evidence for an action."""
    path = site_path(url, host)
    if path is None:
        raise ValidationError({"url": NOT_SENCO})
    item = ActionEvidence(action=action, label=label, url=path, added_by=actor.person)
    item.full_clean(exclude=["action", "added_by"])
    item.save()
    _audit(
        actor,
        action.priority.school,
        StrategyAction.EVIDENCE_ADD,
        action_id=action.pk,
        evidence_id=item.pk,
        url=path,
    )
    return item


def _write(upload, path: Path) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
        out.flush()
        os.fsync(out.fileno())


def evidence_file_add(*, actor: Actor, action: Action, label: str, upload) -> ActionEvidence:
    """Keep an uploaded file as evidence for an action (refused with a `ValidationError` on
    `file` when it is not one of FILE_KINDS, empty or too large)."""
    problem = file_problem(upload)
    if problem:
        raise ValidationError({"file": problem})
    item = ActionEvidence(
        action=action,
        label=label or shown_filename(upload.name),
        filename=shown_filename(upload.name),
        size=upload.size,
        added_by=actor.person,
    )
    final = evidence_path(item)
    final.parent.mkdir(parents=True, exist_ok=True)
    partial = final.with_name(f".{final.name}.partial")
    renamed = False
    try:
        _write(upload, partial)
        with transaction.atomic():
            item.full_clean(exclude=["action", "added_by"])
            item.save()
            _audit(
                actor,
                action.priority.school,
                StrategyAction.EVIDENCE_ADD,
                action_id=action.pk,
                evidence_id=item.pk,
                size=item.size,
            )
            os.replace(partial, final)
            renamed = True
    except BaseException:
        if renamed:
            _unlink(final)
        raise
    finally:
        _unlink(partial)
    return item


@transaction.atomic
def evidence_remove(*, actor: Actor, item: ActionEvidence) -> None:
    """Remove a piece of evidence; its file (if any) goes when this commits."""
    _audit(
        actor,
        item.action.priority.school,
        StrategyAction.EVIDENCE_REMOVE,
        action_id=item.action_id,
        evidence_id=item.pk,
        file=bool(item.filename),
    )
    item.delete()


@receiver(post_delete, sender=ActionEvidence, dispatch_uid="strategy_evidence_file")
def _remove_file(sender, instance: ActionEvidence, **kwargs) -> None:
    """A row's file goes with it, once the deletion is committed; a rolled-back deletion
    keeps it."""
    if instance.filename:
        path = evidence_path(instance)
        transaction.on_commit(lambda: _unlink(path))


def _unlink(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


# ---- Next year ------------------------------------------------------------------------------


def _a_year_on(day: datetime.date | None) -> datetime.date | None:
    if day is None:
        return None
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


@transaction.atomic
def plan_start_next_year(*, actor: Actor, school, from_year: int) -> int:
    """Copy the year's priorities, with their actions not done, into next year's plan:
    status "Not started", no progress or evidence, dates a year on. A priority whose title
    next year's plan already has is left alone, so doing it twice copies nothing the second
    time. Returns how many priorities were copied."""
    to_year = from_year + 1
    taken = {
        t.casefold()
        for t in Priority.objects.filter(school=school, academic_year=to_year).values_list(
            "title", flat=True
        )
    }
    last = (
        Priority.objects.filter(school=school, academic_year=to_year).aggregate(n=Max("position"))[
            "n"
        ]
        or 0
    )
    sources = Priority.objects.filter(school=school, academic_year=from_year).order_by(
        "position", "pk"
    )
    copied = 0
    new_actions = []
    for source in sources.prefetch_related("actions"):
        if source.title.casefold() in taken:
            continue
        last += 1
        copied += 1
        priority = Priority.objects.create(
            school=school,
            academic_year=to_year,
            title=source.title,
            why=source.why,
            position=last,
            created_by=actor.person,
        )
        new_actions += [
            Action(
                priority=priority,
                what=a.what,
                owner_id=a.owner_id,
                owner_name=a.owner_name,
                starts=_a_year_on(a.starts),
                due=_a_year_on(a.due),
                success_criteria=a.success_criteria,
                status=Status.NOT_STARTED,
                position=a.position,
                updated_by=actor.person,
            )
            for a in source.actions.all()
            if a.status != Status.DONE
        ]
    Action.objects.bulk_create(new_actions)
    _audit(
        actor,
        school,
        StrategyAction.PLAN_COPY,
        from_year=from_year,
        to_year=to_year,
        priorities=copied,
        actions=len(new_actions),
    )
    return copied


def year_label(year: int) -> str:
    return clock.academic_year_label(year)
