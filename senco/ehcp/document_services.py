"""The EHC plan as the local authority issued it: a PDF kept in the private media folder.

An upload is trusted for nothing: not its name, not the Content-Type the browser sent. Its
bytes must start with `%PDF-` and hold `%%EOF` in their last kilobyte; an empty file, and
one larger than `EHC_PLAN_PDF_MAX_BYTES`, is refused. The file is stored under a random
key (`PlanDocument.path`), never under anything a person typed, and reaches a browser only
through `document_views.document_download`, which checks access and writes an audit row.

Nothing is half-written. The upload is copied to a temporary name beside the place it will
live; then, in one transaction, the old row goes, the new row and its audit row are
written and the file is renamed into place, last. A failure before the rename rolls the
rows back and removes the temporary file; a rename that happened before a failed commit is
undone. Removing a row (by the SENCO, by a replacement, or with the plan or the pupil)
removes its file once the transaction commits (the `post_delete` receiver below).
"""

import contextlib
import os
import re
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils.text import slugify

from senco.audit.actor import Actor
from senco.audit.services import audit_record
from senco.ehcp.audit import EhcpAction
from senco.ehcp.models import EHCPlan, PlanDocument
from senco.lib.cleaning import clean_text
from senco.lib.versions import check_version

PDF_HEADER = b"%PDF-"
PDF_END = b"%%EOF"
# Where `%%EOF` may sit: PDF writers often add a line ending or a few bytes after it.
TAIL_BYTES = 1024
FILENAME_MAX = 200

CHOOSE = "Choose the EHC plan's PDF to upload"
EMPTY = "The EHC plan's file is empty: choose the PDF again"
NOT_A_PDF = (
    "The EHC plan's file must be a PDF. This file is not one: save the plan as a PDF and "
    "choose it again"
)


def max_bytes() -> int:
    return int(getattr(settings, "EHC_PLAN_PDF_MAX_BYTES", 20 * 1024 * 1024))


def too_large_message() -> str:
    return f"The EHC plan's PDF must be smaller than {max_bytes() // (1024 * 1024)} MB"


def pdf_problem(upload) -> str | None:
    """What is wrong with an uploaded file as the plan's PDF, in words, or None. Reads only
    its first and last kilobyte."""
    size = upload.size
    if not size:
        return EMPTY
    if size > max_bytes():
        return too_large_message()
    upload.seek(0)
    head = upload.read(len(PDF_HEADER))
    upload.seek(max(0, size - TAIL_BYTES))
    tail = upload.read(TAIL_BYTES)
    upload.seek(0)
    if head != PDF_HEADER or PDF_END not in tail:
        return NOT_A_PDF
    return None


def shown_filename(name: str) -> str:
    """The uploaded file's name, for the plan page only: no folders, no control characters,
    at most 200 characters, ending in .pdf."""
    name = clean_text(re.split(r"[\\/]", name or "")[-1]).strip()
    stem = name[:-4] if name.lower().endswith(".pdf") else name
    stem = stem.strip(" .")[: FILENAME_MAX - 4] or "EHC plan"
    return f"{stem}.pdf"


def download_filename(plan: EHCPlan) -> str:
    """The name the browser saves the PDF under: ASCII letters, digits and hyphens only."""
    return f"{slugify(f'EHC plan {plan.pupil.full_name}') or 'ehc-plan'}.pdf"


def document_version(document: PlanDocument | None) -> str:
    """The version a form about the plan's PDF carries: which PDF is kept, or "none"."""
    return str(document.key) if document is not None else "none"


def _write(upload, path: Path) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
        out.flush()
        os.fsync(out.fileno())


def document_replace(*, actor: Actor, plan: EHCPlan, upload, version=None) -> PlanDocument:
    """Keep `upload` as the plan's PDF, replacing any earlier one. A file that is not a PDF,
    empty or too large is refused (`ValidationError` on the field `file`), and so is an
    upload from a page opened before someone else uploaded or removed the PDF
    (`StaleVersion`; `version` is `document_version` then)."""
    problem = pdf_problem(upload)
    if problem:
        raise ValidationError({"file": problem})
    document = PlanDocument(
        plan=plan,
        filename=shown_filename(upload.name),
        size=upload.size,
        uploaded_by=actor.person,
    )
    final = document.path
    final.parent.mkdir(parents=True, exist_ok=True)
    partial = final.with_name(f".{final.name}.partial")
    renamed = False
    try:
        _write(upload, partial)
        with transaction.atomic():
            plan = EHCPlan.objects.select_for_update().select_related("pupil").get(pk=plan.pk)
            old = PlanDocument.objects.filter(plan=plan).first()
            check_version(version, document_version(old))
            if old is not None:
                old.delete()  # its file goes when this commits
            document.plan = plan
            document.full_clean()
            document.save()
            audit_record(
                actor=actor,
                pupil=plan.pupil,
                action=EhcpAction.DOCUMENT_REPLACE if old else EhcpAction.DOCUMENT_UPLOAD,
                detail={
                    "plan_id": plan.pk,
                    "document": str(document.key),
                    "size": document.size,
                    **({"replaced": str(old.key)} if old else {}),
                },
            )
            os.replace(partial, final)
            renamed = True
    except BaseException:
        if renamed:
            _unlink(final)
        raise
    finally:
        _unlink(partial)
    return document


@transaction.atomic
def document_remove(*, actor: Actor, plan: EHCPlan, version=None) -> bool:
    """Remove the plan's PDF (its file goes when this commits). False when there was none.
    A removal confirmed on a page opened before the PDF was replaced is refused."""
    plan = EHCPlan.objects.select_for_update().select_related("pupil").get(pk=plan.pk)
    document = PlanDocument.objects.filter(plan=plan).first()
    check_version(version, document_version(document))
    if document is None:
        return False
    document.delete()
    audit_record(
        actor=actor,
        pupil=plan.pupil,
        action=EhcpAction.DOCUMENT_REMOVE,
        detail={"plan_id": plan.pk, "document": str(document.key), "filename": document.filename},
    )
    return True


@receiver(post_delete, sender=PlanDocument, dispatch_uid="ehcp_plan_document_file")
def _remove_file(sender, instance: PlanDocument, **kwargs) -> None:
    """A row's file goes with it, once the deletion is committed (at once outside a
    transaction); a rolled-back deletion keeps it."""
    path = instance.path
    transaction.on_commit(lambda: _unlink(path))


def _unlink(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
